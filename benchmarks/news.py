"""The shared german-news articles (10kGNAD test part) that the speed benchmarks read."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def news_articles(limit: int) -> list[str]:
    """The texts of the first ``limit`` articles; exits with a message without ``../shared``."""
    from lagebild.paths import shared_dir

    shared = shared_dir()
    if shared is None:
        sys.exit("shared folder not found (set LAGEBILD_SHARED)")
    path = Path(shared) / "data" / "german-news" / "10kGNAD_test_shared.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return [json.loads(line)["text"] for line in lines]
