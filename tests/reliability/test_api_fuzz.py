"""Schema-driven fuzzing of the HTTP API (schemathesis over the app's own OpenAPI document).

Every operation gets a bounded number of generated requests, valid and invalid, against a small
store of hand-made records: no 5xx, responses match the documented schema and content type, no
stack traces or internals in any body, and the store is unchanged afterwards.  /api/analyze runs
a blank analyser (no model is loaded).

schemathesis' own pytest plugin (``from_fixture``) does not work with pytest 9, so the test
drives each operation's Hypothesis strategy itself.
"""

from __future__ import annotations

import contextlib

import pytest
import schemathesis
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from lagebild.api import create_app
from lagebild.pipeline import Analyzer
from lagebild.settings import API

EXAMPLES = 12
LEAKS = ("Traceback", 'File "', "sqlite3", "OperationalError", "/lagebild/", "site-packages")
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def api_schema(api_db, monkeypatch):
    monkeypatch.setitem(API, "rate_per_minute", 0)
    app = create_app(api_db, analyzer=Analyzer(nlp=spacy.blank("de"), check_language=False))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _fuzz(operation, mode: GenerationMode, failures: list) -> int:
    calls = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        calls.append(1)
        try:
            response = case.call_and_validate(checks=CHECKS)
        except FailureGroup as err:  # failed checks: collected with the request that caused them
            for failure in err.exceptions:
                title = getattr(failure, "title", type(failure).__name__)
                if _known(failure):
                    continue
                failures.append(
                    f"{operation.label} [{mode.value}] {title}: {_first_lines(failure)} <- {_describe(case)}"
                )
            return
        leaked = [leak for leak in LEAKS if leak in response.text]
        if leaked:
            failures.append(f"{operation.label} [{mode.value}] body leaks {leaked} <- {_describe(case)}")

    with contextlib.suppress(Unsatisfiable):  # nothing to make invalid (an operation without parameters)
        run()
    return len(calls)


def _known(failure: BaseException) -> bool:
    """Reported, see test_validation_errors_match_the_documented_422_schema: handlers raise
    ``HTTPException(422, "text")`` where the OpenAPI document promises FastAPI's list of errors."""
    text = str(failure)
    return "HTTPValidationError/properties/detail" in text and 'is not of type "array"' in text


def _first_lines(failure: BaseException) -> str:
    lines = [line.strip() for line in str(failure).splitlines() if line.strip()]
    return " | ".join(lines[:2])[:160]


def _describe(case) -> str:
    return f"path={case.path_parameters} query={case.query} body={str(case.body)[:200]}"


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_every_operation_survives_generated_requests(api_schema, api_db, digest, mode):
    before = digest(api_db)
    failures: list = []
    calls = 0
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        calls += _fuzz(operation, mode, failures)
    assert calls >= len(operations)
    if failures:
        pytest.fail(f"{len(failures)} failing requests:\n" + "\n".join(sorted(set(failures))[:40]))
    assert digest(api_db) == before


def test_validation_errors_match_the_documented_422_schema(api_db, monkeypatch):
    from fastapi.testclient import TestClient

    monkeypatch.setitem(API, "rate_per_minute", 0)
    client = TestClient(create_app(api_db))
    for path in ("/api/documents/not-hex", "/api/actors/%C2%A8-"):
        response = client.get(path)
        assert response.status_code == 422
        assert isinstance(response.json()["detail"], list), response.text
