"""Integration: the seed article through the shipped pipeline (skipped without ../shared or model).

Checks the behaviour the issue asks for on this article — named speakers of direct quotations,
their channel, and no speaker for titles and scare quotes — not any rule written for it.
"""

from __future__ import annotations

import pytest

from lagebild.errors import ModelError
from lagebild.paths import shared_dir


@pytest.fixture(scope="module")
def seed_quotes() -> list[dict]:
    root = shared_dir()
    files = sorted((root / "seed").glob("*.txt")) if root is not None else []
    if not files:
        pytest.skip("no shared seed article")
    from lagebild.pipeline import Analyzer
    from lagebild.reader import read_document

    try:
        analyzer = Analyzer()
    except ModelError:
        pytest.skip("no trained model")
    return analyzer.analyze(read_document(str(files[0])))["quotes"]


def _direct_speakers(quotes: list[dict]) -> set[str]:
    return {q["speaker"] or "" for q in quotes if q["kind"] == "direct"}


@pytest.mark.parametrize("name", ["peskov", "mishustin", "tokayev"])
def test_direct_quotes_of_named_politicians_have_their_speaker(seed_quotes, name: str) -> None:
    assert any(name in speaker for speaker in _direct_speakers(seed_quotes))


def test_interview_channel_is_kept(seed_quotes) -> None:
    channels = [text for q in seed_quotes if q["kind"] == "direct" for text in q["via_text"]]
    assert any("Bloomberg" in text for text in channels)


def test_portal_channel_keeps_its_quoted_name(seed_quotes) -> None:
    channels = [text for q in seed_quotes if q["kind"] == "direct" for text in q["via_text"]]
    assert any("Portal" in text and "Exclusive" in text for text in channels)


def test_titles_and_scare_quotes_have_no_speaker(seed_quotes) -> None:
    others = [q for q in seed_quotes if q["kind"] in ("title", "scare")]
    assert len(others) >= 4
    assert all(q["speaker"] is None and q["speaker_text"] is None for q in others)
    media = [q for q in others if q["text"].strip('"„“»«') in ("Bloomberg", "Exclusive")]
    assert {q["kind"] for q in media} == {"title"}
