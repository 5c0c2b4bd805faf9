"""The HTTP API on a hand-made store: endpoints, pagination, limits and safety."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lagebild.api import create_app
from lagebild.api.limits import RateLimit
from lagebild.errors import LagebildError


def test_stats_and_documents(client, records):
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 2
    page = client.get("/api/documents", params={"limit": 1}).json()
    assert len(page["items"]) == 1 and page["has_more"] is True
    second = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert second["has_more"] is False
    assert {page["items"][0]["id"], second["items"][0]["id"]} == {r["document"]["id"] for r in records}


def test_document_record_round_trips(client, records):
    doc_id = records[0]["document"]["id"]
    record = client.get(f"/api/documents/{doc_id}").json()
    assert record["document"]["text"] == records[0]["document"]["text"]
    assert record["quotes"][0]["speaker"] == "local:iwan-beispiel"
    assert client.get("/api/documents/0000000000000000").status_code == 404
    assert client.get("/api/documents/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)


def test_quotes_events_filters(client):
    quotes = client.get("/api/quotes", params={"speaker": "local:iwan-beispiel"}).json()
    assert [q["text"] for q in quotes["items"]] == ["„Wir prüfen alle Schritte“"]
    events = client.get("/api/events", params={"source": "RUS", "type": "THREATEN"}).json()
    assert len(events["items"]) == 1 and events["items"][0]["target"] == "KAZ"
    assert client.get("/api/events", params={"status": "shouted"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422
    assert client.get("/api/events", params={"from": "2022-07-04; DROP TABLE events"}).status_code == 422
    placed = client.get("/api/events", params={"has_place": "true"}).json()["items"]
    assert [e["place_name"] for e in placed] == ["Moscow"]


def test_actor_page_dyad_network_search(client):
    actor = client.get("/api/actors/RUS").json()
    assert actor["actor"]["name"] == "Russia"
    assert {e["type"] for e in actor["events"]} == {"THREATEN", "AGREE"}
    assert client.get("/api/actors/nobody:here").status_code == 404
    dyad = client.get("/api/dyad", params={"a": "RUS", "b": "KAZ", "by": "month"}).json()
    periods = {point["period"] for point in dyad["series"]}
    assert {"2022-07", "2022-08"} <= periods
    network = client.get("/api/network").json()
    assert {n["id"] for n in network["nodes"]} >= {"RUS", "KAZ"}
    assert any(e["source"] == "RUS" and e["target"] == "KAZ" for e in network["edges"])
    hits = client.get("/api/search", params={"q": "Abkommen"}).json()["items"]
    assert len(hits) == 1
    assert client.get("/api/search", params={"q": '"*) OR ('}).status_code in (200, 400)


def test_dashboard_is_served_offline(client):
    page = client.get("/")
    assert page.status_code == 200 and "lagebild" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    script = page.text.split('src="')[1].split('"')[0]
    assert client.get(script).status_code == 200


def test_read_only_by_default(client):
    assert client.post("/api/ingest", json={"documents": [{"text": "x"}]}).status_code in (404, 405)
    assert client.delete("/api/documents/0000000000000000").status_code == 405


def test_ingest_needs_token_and_compares_it(db_path):
    with pytest.raises(LagebildError):
        create_app(db_path, allow_ingest=True)
    app = create_app(db_path, allow_ingest=True, token="s3cret-token")
    client = TestClient(app)
    body = {"documents": [{"text": "Berlin – Die Regierung hat beraten."}]}
    assert client.post("/api/ingest", json=body).status_code == 401
    assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_body_size_and_validation(client):
    too_big = {"text": "Wort " * 600_000}
    assert client.post("/api/analyze", json=too_big).status_code == 413
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    assert client.post("/api/analyze", json={"text": "Hallo", "date": "gestern"}).status_code == 422
    assert (
        client.post(
            "/api/analyze", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )


def test_errors_carry_no_stack_traces(db_path, monkeypatch):
    app = create_app(db_path)
    monkeypatch.setattr(app.state.corpus, "stats", lambda: 1 / 0)
    response = TestClient(app, raise_server_exceptions=False).get("/api/stats")
    assert response.status_code == 500
    assert "Traceback" not in response.text and "ZeroDivision" not in response.text
    assert response.json()["incident"]


def test_rate_limit_token_bucket():
    limiter = RateLimit(app=None, per_minute=3)
    assert [limiter.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0.0)
    assert limiter.allow("a", now=20.0)


def test_no_cors_headers_by_default(client):
    response = client.get("/api/stats", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_annotated_document_lists_spans_in_text_order(client, records):
    doc_id = records[0]["document"]["id"]
    data = client.get(f"/api/documents/{doc_id}/annotated").json()
    text = data["document"]["text"]
    starts = [span["start"] for span in data["spans"]]
    assert starts == sorted(starts)
    kinds = {span["kind"] for span in data["spans"]}
    assert {"actor", "quote", "speaker", "trigger"} <= kinds
    quote = next(span for span in data["spans"] if span["kind"] == "quote")
    assert text[quote["start"] : quote["end"]] == records[0]["quotes"][0]["text"]
    assert client.get("/api/documents/0000000000000000/annotated").status_code == 404
