"""The HTTP API and the dashboard, served by one FastAPI app.

Read-only by default.  ``POST /api/ingest`` exists only when the app is created with
``allow_ingest=True`` and a token; the token is compared in constant time.  Every list is
paginated (``limit`` ≤ :data:`MAX_LIMIT`), request bodies are size-limited, clients are
rate-limited, errors never carry stack traces, and no request parameter ever reaches the file
system (static assets come from one fixed folder).
"""

from __future__ import annotations

import hmac
import logging
import re
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__
from ..errors import E, InputError, LagebildError
from ..settings import API
from .limits import BodySizeLimit, RateLimit

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_LIMIT = API["max_limit"]
DOC_ID = re.compile(r"^[0-9a-f]{16}$")
ACTOR_ID = re.compile(r"^[\w:.\-]{1,120}$")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=API["max_offset"], description="rows to skip")]
Day = Annotated[
    str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")
]
Text = Annotated[str | None, Query(max_length=200)]


class Page(BaseModel):
    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool
    total: int | None = None


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=API["max_analyze_chars"])
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    title: str | None = Field(default=None, max_length=500)


class IngestRequest(BaseModel):
    documents: list[AnalyzeRequest] = Field(min_length=1, max_length=API["max_ingest_documents"])


def _invalid(location: str, message: str) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors (``detail`` is a list), as documented."""
    return HTTPException(
        422,
        [
            {
                "loc": ["path" if location != "body" else "body", location],
                "msg": message,
                "type": "value_error",
            }
        ],
    )


def _page(fetch: Any, limit: int, offset: int) -> Page:
    """Fetch one row more than asked to know whether another page exists."""
    rows = list(fetch(limit + offset + 1))[offset:]
    return Page(items=rows[:limit], limit=limit, offset=offset, has_more=len(rows) > limit)


def annotation_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Actor mentions, quotations (by kind), speakers and event triggers as character spans."""
    spans: list[dict[str, Any]] = []
    for actor in record.get("actors", []):
        for start, end in actor.get("mentions", []):
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "kind": "actor",
                    "label": actor.get("type"),
                    "id": actor["id"],
                    "name": actor.get("name"),
                }
            )
    for quote in record.get("quotes", []):
        for start, end in quote.get("parts") or [quote["span"]]:
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "kind": "quote",
                    "label": quote["kind"],
                    "id": quote["id"],
                    "name": quote.get("speaker"),
                }
            )
        if quote.get("speaker_span"):
            start, end = quote["speaker_span"]
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "kind": "speaker",
                    "label": quote["kind"],
                    "id": quote["id"],
                    "name": quote.get("speaker"),
                }
            )
    for event in record.get("events", []):
        if event.get("trigger_span"):
            start, end = event["trigger_span"]
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "kind": "trigger",
                    "label": event["type"],
                    "id": event["id"],
                    "name": event.get("status"),
                }
            )
    return sorted(spans, key=lambda span: (span["start"], -span["end"]))


def create_app(
    db_path: str | Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    analyzer: Any = None,
    cors_origins: list[str] | None = None,
) -> FastAPI:
    """The app for the store at ``db_path`` (opened read-only unless ingest is allowed)."""
    from ..corpus import Corpus

    if allow_ingest and not token:
        raise LagebildError(E.E950, code="E950")
    corpus = Corpus(db_path, must_exist=not allow_ingest, readonly=not allow_ingest)
    app = FastAPI(
        title="lagebild",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.corpus = corpus
    app.state.analyzer = analyzer
    app.add_middleware(RateLimit, per_minute=API["rate_per_minute"])
    app.add_middleware(BodySizeLimit, max_bytes=API["max_body_bytes"])
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"])
    _errors(app)
    _read_routes(app)
    _analysis_routes(app, allow_ingest=allow_ingest, token=token)
    _static_routes(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def input_error(_request: Request, error: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(error), "code": error.code}, status_code=422)

    @app.exception_handler(LagebildError)
    async def lagebild_error(_request: Request, error: LagebildError) -> JSONResponse:
        return JSONResponse({"detail": str(error), "code": error.code}, status_code=400)

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, error: Exception) -> JSONResponse:
        incident = uuid.uuid4().hex[:12]
        log.error("internal error %s", incident, exc_info=error)
        return JSONResponse({"detail": "internal error", "incident": incident}, status_code=500)


def _corpus(request: Request) -> Any:
    return request.app.state.corpus


CorpusDep = Annotated[Any, Depends(_corpus)]


def _read_routes(app: FastAPI) -> None:
    @app.get("/api/stats", tags=["corpus"])
    def stats(corpus: CorpusDep) -> dict[str, Any]:
        return dict(corpus.stats())

    @app.get("/api/documents", response_model=Page, tags=["documents"])
    def documents(corpus: CorpusDep, limit: Limit = 50, offset: Offset = 0) -> Page:
        return _page(lambda n: corpus.documents(limit=n), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(doc_id: str, corpus: CorpusDep) -> dict[str, Any]:
        if not DOC_ID.match(doc_id):
            raise _invalid("doc_id", "document ids are 16 hex digits")
        record = corpus.record(doc_id)
        if record is None:
            raise HTTPException(404, "no such document")
        return dict(record)

    @app.get("/api/documents/{doc_id}/annotated", tags=["documents"])
    def annotated(doc_id: str, corpus: CorpusDep) -> dict[str, Any]:
        """The text with a flat, sorted list of annotation spans (displaCy-style)."""
        record = document(doc_id, corpus)
        return {"document": record["document"], "spans": annotation_spans(record)}

    @app.get("/api/quotes", response_model=Page, tags=["quotes"])
    def quotes(
        corpus: CorpusDep,
        speaker: Text = None,
        about: Text = None,
        kind: Annotated[str | None, Query(pattern=r"^(direct|indirect|partial|mixed|scare|title)$")] = None,
        date_from: Annotated[Day, Query(alias="from")] = None,
        date_to: Annotated[Day, Query(alias="to")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page:
        filters = {
            "speaker": speaker,
            "about": about,
            "kind": kind,
            "date_from": date_from,
            "date_to": date_to,
        }
        return _page(lambda n: corpus.quotes(as_frame=False, limit=n, **filters), limit, offset)

    @app.get("/api/events", response_model=Page, tags=["events"])
    def events(
        corpus: CorpusDep,
        source: Text = None,
        target: Text = None,
        type: Annotated[str | None, Query(pattern=r"^[A-Z_]{2,30}$")] = None,
        status: Annotated[
            str | None, Query(pattern=r"^(asserted|alleged|denied|intended|negated|hypothetical)$")
        ] = None,
        date_from: Annotated[Day, Query(alias="from")] = None,
        date_to: Annotated[Day, Query(alias="to")] = None,
        has_place: bool = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page:
        filters = {
            "source": source,
            "target": target,
            "type": type,
            "status": status,
            "date_from": date_from,
            "date_to": date_to,
        }
        if has_place:
            filters["has_place"] = True
        return _page(lambda n: corpus.events(as_frame=False, limit=n, **filters), limit, offset)

    @app.get("/api/actors", response_model=Page, tags=["actors"])
    def actors(corpus: CorpusDep, search: Text = None, limit: Limit = 50, offset: Offset = 0) -> Page:
        return _page(lambda n: corpus.actors(search or None, limit=n, as_frame=False), limit, offset)

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def actor(actor_id: str, corpus: CorpusDep, limit: Limit = 200) -> dict[str, Any]:
        if not ACTOR_ID.match(actor_id):
            raise _invalid("actor_id", "malformed actor id")
        found = corpus.actor(actor_id)
        if found is None:
            raise HTTPException(404, "no such actor")
        as_source = corpus.events(as_frame=False, source=actor_id, limit=limit)
        as_target = corpus.events(as_frame=False, target=actor_id, limit=limit)
        seen: set[Any] = set()
        events = []
        for event in as_source + as_target:
            key = (event.get("doc_id"), event.get("event_id"), event.get("trigger"))
            if key not in seen:
                seen.add(key)
                events.append(event)
        return {
            "actor": found,
            "quotes": corpus.quotes(as_frame=False, speaker=actor_id, limit=limit),
            "events": events,
        }

    @app.get("/api/dyad", tags=["aggregates"])
    def dyad(
        a: Annotated[str, Query(min_length=1, max_length=120)],
        b: Annotated[str, Query(min_length=1, max_length=120)],
        corpus: CorpusDep,
        by: Annotated[str, Query(pattern=r"^(day|week|month)$")] = "month",
    ) -> dict[str, Any]:
        return {"a": a, "b": b, "by": by, "series": corpus.dyad(a, b, by=by, as_frame=False)}

    @app.get("/api/network", tags=["aggregates"])
    def network(
        corpus: CorpusDep,
        date_from: Annotated[Day, Query(alias="from")] = None,
        date_to: Annotated[Day, Query(alias="to")] = None,
        type: Annotated[str | None, Query(pattern=r"^[A-Z_]{2,30}$")] = None,
        limit: Annotated[int, Query(ge=1, le=2000)] = 300,
    ) -> dict[str, Any]:
        return dict(corpus.network_json(date_from=date_from, date_to=date_to, type=type, limit=limit))

    @app.get("/api/search", response_model=Page, tags=["search"])
    def search(
        q: Annotated[str, Query(min_length=1, max_length=200)],
        corpus: CorpusDep,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Page:
        return _page(lambda n: corpus.search(q, limit=n, as_frame=False), limit, offset)


def _analysis_routes(app: FastAPI, *, allow_ingest: bool, token: str | None) -> None:
    def analyzer(request: Request) -> Any:
        if request.app.state.analyzer is None:
            from ..pipeline import Analyzer

            request.app.state.analyzer = Analyzer()
        return request.app.state.analyzer

    def to_document(item: AnalyzeRequest) -> Any:
        from ..document import DocDate, Document
        from ..language import detect_language
        from ..reader import clean_text

        text = clean_text(item.text)
        if not text:
            raise _invalid("body", "text is empty")
        date = DocDate.parse(item.date) if item.date else None
        return Document(text=text, title=item.title, date=date, language=detect_language(text), source="api")

    @app.post("/api/analyze", tags=["analysis"])
    def analyze(item: AnalyzeRequest, request: Request) -> dict[str, Any]:
        try:
            document = to_document(item)
        except ValueError as err:
            raise _invalid("body", str(err)) from err
        return dict(analyzer(request).analyze(document))

    if not allow_ingest:
        return

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        expected = f"Bearer {token}".encode()
        given = (authorization or "").encode()
        if not hmac.compare_digest(given, expected):
            raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/ingest", tags=["analysis"], dependencies=[Depends(authorised)])
    def ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
        documents = [to_document(item) for item in body.documents]
        records = [r for r in analyzer(request).analyze_stream(documents) if isinstance(r, dict)]
        stored = request.app.state.corpus.add_records(records)
        return {"received": len(documents), "stored": stored, "ids": [r["document"]["id"] for r in records]}


def _static_routes(app: FastAPI) -> None:
    assets = STATIC_DIR / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="assets")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")
