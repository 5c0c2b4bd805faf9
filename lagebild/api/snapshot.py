"""Write the OpenAPI document of the HTTP API (pinned by a snapshot test).

python -m lagebild.api.snapshot > tests/api/openapi.snapshot.json      (or: make docs)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any


def openapi() -> dict[str, Any]:
    from .app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "snapshot.db", allow_ingest=True, token="snapshot")
        schema: dict[str, Any] = app.openapi()
        app.state.corpus.close()
    return schema


def render() -> str:
    return json.dumps(openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
