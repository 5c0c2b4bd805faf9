"""The HTTP API's attack surface: bind address, write access, token, limits, CORS, paths, SQL."""

from __future__ import annotations

import asyncio
import ipaddress
import json
from pathlib import Path
from urllib.parse import quote

import pytest
import spacy
from fastapi.testclient import TestClient

from lagebild.api import app as app_module
from lagebild.api import create_app
from lagebild.pipeline import Analyzer
from lagebild.settings import API

TOKEN = "s3cret-Token-0123456789"
HOSTILE = [
    "' OR 1=1 --",
    '" OR ""="',
    "x'; DROP TABLE documents; --",
    "1) UNION SELECT id, text, record FROM documents --",
    "%",
    "_",
    "*",
    '"*) OR (',
    "NEAR(a b)",
    "a\x00b",
    "../../etc/passwd",
    "Ünïcödé ‮ evil",
    "x" * 199,
]


@pytest.fixture
def blank_analyzer() -> Analyzer:
    return Analyzer(nlp=spacy.blank("de"), check_language=False)


@pytest.fixture
def unlimited(monkeypatch):
    monkeypatch.setitem(API, "rate_per_minute", 0)


def _client(db: Path, **options) -> TestClient:
    return TestClient(create_app(db, **options), raise_server_exceptions=False)


# --- bind address and write access ---------------------------------------------------------------


def test_serve_binds_to_loopback_by_default():
    from lagebild.cli import serve

    params = serve.make_context("serve", []).params  # what `lagebild serve` runs with, no options given
    assert ipaddress.ip_address(params["host"]).is_loopback
    assert params["allow_ingest"] is False
    assert not params["cors_origin"]


def test_without_allow_ingest_no_route_writes(api_db, blank_analyzer, unlimited, digest):
    app = create_app(api_db, analyzer=blank_analyzer)
    writing = {
        (route.path, method)
        for route in app.routes
        for method in getattr(route, "methods", set()) or set()
        if method not in ("GET", "HEAD")
    }
    assert writing <= {("/api/analyze", "POST")}  # analysis answers, it does not store
    client = TestClient(app, raise_server_exceptions=False)
    before = digest(api_db)
    body = {"documents": [{"text": "Graz – Der Stadtrat hat getagt."}]}
    assert client.post(
        "/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    ).status_code in (404, 405)
    assert client.post("/api/analyze", json={"text": "Graz – Der Stadtrat hat getagt."}).status_code == 200
    for method in ("PUT", "DELETE", "PATCH"):
        assert client.request(method, "/api/documents").status_code in (404, 405)
    assert digest(api_db) == before


def test_without_allow_ingest_the_store_is_opened_read_only(api_db, blank_analyzer):
    app = create_app(api_db, analyzer=blank_analyzer)
    assert app.state.corpus.store.readonly


# --- the token ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        f"Bearer {TOKEN[:-1]}",  # a prefix
        f"Bearer {TOKEN}x",  # token plus more
        f"Bearer {TOKEN[:1]}",
        f"bearer {TOKEN.lower()}",
        TOKEN,  # without the scheme
        f"Basic {TOKEN}",
        f"Bearer  {TOKEN}",
        f"Bearer {TOKEN} ",
    ],
)
def test_ingest_rejects_missing_wrong_and_partial_tokens(api_db, blank_analyzer, unlimited, header, digest):
    client = _client(api_db, allow_ingest=True, token=TOKEN, analyzer=blank_analyzer)
    before = digest(api_db)
    headers = {} if header is None else {"Authorization": header}
    response = client.post(
        "/api/ingest", json={"documents": [{"text": "Linz – Die Brücke bleibt gesperrt."}]}, headers=headers
    )
    assert response.status_code == 401
    assert TOKEN not in response.text
    assert digest(api_db) == before


def test_ingest_with_the_token_stores_and_compares_in_constant_time(
    api_db, blank_analyzer, unlimited, monkeypatch
):
    calls = []
    real = app_module.hmac.compare_digest

    def spy(given, expected):
        calls.append((type(given), type(expected)))
        return real(given, expected)

    monkeypatch.setattr(app_module.hmac, "compare_digest", spy)
    client = _client(api_db, allow_ingest=True, token=TOKEN, analyzer=blank_analyzer)
    response = client.post(
        "/api/ingest",
        json={"documents": [{"text": "Linz – Die Brücke bleibt gesperrt."}]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1
    assert calls and all(given is bytes for given, _ in calls)
    assert client.get("/api/stats").json()["documents"] == 3


# --- limits -----------------------------------------------------------------------------------------


def test_request_bodies_over_the_limit_get_413(api_db, blank_analyzer, unlimited, monkeypatch):
    monkeypatch.setitem(API, "max_body_bytes", 1000)
    client = _client(api_db, analyzer=blank_analyzer)
    big = json.dumps({"text": "Wort " * 400}).encode()
    assert (
        client.post("/api/analyze", content=big, headers={"content-type": "application/json"}).status_code
        == 413
    )
    odd = client.post(
        "/api/analyze", content=b"{}", headers={"content-type": "application/json", "content-length": "-5"}
    )
    assert odd.status_code in (400, 413)
    assert client.post("/api/analyze", json={"text": "Kurz."}).status_code == 200


def _chunks(size: int, count: int):
    for _ in range(count):
        yield b" " * size


def test_streamed_bodies_over_the_limit_are_refused(api_db, blank_analyzer, unlimited, monkeypatch):
    monkeypatch.setitem(API, "max_body_bytes", 1000)
    client = _client(api_db, analyzer=blank_analyzer)
    streamed = client.post(
        "/api/analyze", content=_chunks(200, 10), headers={"content-type": "application/json"}
    )
    assert 400 <= streamed.status_code < 500


def test_streamed_bodies_over_the_limit_get_413(api_db, blank_analyzer, unlimited, monkeypatch):
    monkeypatch.setitem(API, "max_body_bytes", 1000)
    client = _client(api_db, analyzer=blank_analyzer)
    streamed = client.post(
        "/api/analyze", content=_chunks(200, 10), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_rate_limit_answers_429(api_db, monkeypatch):
    monkeypatch.setitem(API, "rate_per_minute", 5)
    client = _client(api_db)
    codes = [client.get("/api/stats").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5
    assert set(codes[5:]) == {429}
    response = client.get("/api/stats")
    assert response.status_code == 429 and "Traceback" not in response.text


def test_cors_is_off_by_default(api_db, unlimited):
    client = _client(api_db)
    simple = client.get("/api/stats", headers={"Origin": "http://evil.example"})
    preflight = client.options(
        "/api/stats", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"}
    )
    for response in (simple, preflight):
        assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_cors_allows_only_the_configured_origin(api_db, unlimited):
    client = _client(api_db, cors_origins=["https://dash.example"])
    ok = client.get("/api/stats", headers={"Origin": "https://dash.example"})
    other = client.get("/api/stats", headers={"Origin": "http://evil.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://dash.example"
    assert "access-control-allow-origin" not in other.headers


# --- paths -------------------------------------------------------------------------------------------


def _raw_get(app, raw_path: bytes) -> tuple[int, bytes]:
    """One GET with ``raw_path`` exactly as given (clients normalise ``..`` away)."""
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    path = raw_path.split(b"?")[0].decode("latin-1")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": raw_path,
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize(
    "raw_path",
    [
        b"/assets/../index.html",
        b"/assets/../../api/app.py",
        b"/assets/../../../settings.py",
        b"/assets/%2e%2e/%2e%2e/api/app.py",
        b"/assets/..%2f..%2f..%2fsettings.py",
        b"/assets/....//....//settings.py",
        b"/assets/..\\..\\..\\settings.py",
        b"/assets//etc/passwd",
        b"/assets/%2fetc%2fpasswd",
        b"/assets/../../../../../../../../etc/passwd",
    ],
)
def test_no_path_traversal_through_assets(api_db, unlimited, raw_path):
    app = create_app(api_db)
    status, body = _raw_get(app, raw_path)
    assets = Path(app_module.STATIC_DIR / "assets")
    served = {path.read_bytes() for path in assets.iterdir() if path.is_file()} if assets.is_dir() else set()
    assert status >= 400 or body in served
    assert b"def create_app" not in body and b"root:" not in body and b"READER" not in body


@pytest.mark.parametrize(
    "doc_id",
    [
        "../../etc/passwd",
        "..%2F..%2Fsettings.py",
        "0" * 15 + "/",
        "%00",
        "a" * 17,
        "0123456789abcdeg",
        "' OR '1'='1",
    ],
)
def test_document_ids_are_validated(api_db, unlimited, doc_id):
    client = _client(api_db)
    response = client.get(f"/api/documents/{quote(doc_id, safe='')}")
    assert response.status_code in (404, 422)


# --- SQL: hostile strings in every query parameter ------------------------------------------------------


def _get_operations(app) -> list[tuple[str, list[dict]]]:
    spec = app.openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec["paths"].items() if "get" in ops]


def _valid(param: dict) -> str | None:
    return {"a": "AUT", "b": "CHE", "q": "Regierung", "doc_id": "0" * 16, "actor_id": "AUT"}.get(
        param["name"]
    )


def _request(client: TestClient, path: str, params: dict, path_params: dict):
    for name, value in path_params.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return client.get(path, params=params)


def _items(body) -> list:
    if isinstance(body, dict):
        if "items" in body:
            return body["items"]
        if "series" in body:
            return body["series"]
        if "nodes" in body:
            return body["nodes"] + body.get("edges", [])
    return []


def test_hostile_strings_in_every_parameter_never_5xx_nor_leak(api_db, unlimited, digest):
    app = create_app(api_db)
    client = TestClient(app, raise_server_exceptions=False)
    before = digest(api_db)
    tried, failures = 0, []
    for path, parameters in _get_operations(app):
        string_params = [
            p
            for p in parameters
            if p.get("schema", {}).get("type", "string") != "integer" or p["in"] == "path"
        ]
        for param in string_params:
            for value in HOSTILE:
                query = {p["name"]: _valid(p) for p in parameters if p["in"] == "query" and p.get("required")}
                path_params = {p["name"]: _valid(p) for p in parameters if p["in"] == "path"}
                (path_params if param["in"] == "path" else query)[param["name"]] = value
                response = _request(client, path, query, path_params)
                tried += 1
                body_text = response.text
                if response.status_code >= 500 or "Traceback" in body_text or "sqlite" in body_text.lower():
                    failures.append((path, param["name"], value, response.status_code, body_text[:200]))
                elif response.status_code == 200 and _items(response.json()):
                    failures.append((path, param["name"], value, "non-empty result", body_text[:200]))
    assert tried > 50
    assert failures == []
    assert digest(api_db) == before
