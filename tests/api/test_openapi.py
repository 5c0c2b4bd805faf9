"""The API's OpenAPI document is pinned: a change to the interface must update the snapshot."""

import json
from pathlib import Path

from lagebild.api.snapshot import render

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


def test_openapi_matches_snapshot():
    assert SNAPSHOT.read_text(encoding="utf-8") == render(), (
        "API changed: run `make docs` and review the diff"
    )


def test_every_list_endpoint_is_paginated():
    spec = json.loads(render())
    for path in ("/api/documents", "/api/quotes", "/api/events", "/api/actors", "/api/search"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"limit", "offset"} <= names, path
