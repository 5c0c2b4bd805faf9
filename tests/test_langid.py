"""The memory-mapped language model answers as py3langid does, and falls back to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import py3langid
import pytest

from lagebild import langid

TEXTS = [
    "Der Stadtrat hat am Mittwoch den Haushalt für das kommende Jahr mit knapper Mehrheit beschlossen.",
    "The city council passed next year's budget by a narrow majority on Wednesday evening.",
    "Le conseil municipal a adopté mercredi le budget de l'année prochaine à une courte majorité.",
    "De gemeenteraad heeft woensdag de begroting voor volgend jaar met een krappe meerderheid aangenomen.",
    "El ayuntamiento aprobó el miércoles el presupuesto del próximo año por una estrecha mayoría.",
    "Городской совет в среду утвердил бюджет на следующий год незначительным большинством голосов.",
    "Rada miejska przyjęła w środę budżet na przyszły rok niewielką większością głosów.",
    "KURZE MELDUNG IN GROSSBUCHSTABEN ÜBER DEN HAUSHALT DER STADT",
    "Ölpreis",
    "1234 5678 !!",
    "",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder: the model is unpacked into it on first use."""
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    langid.mapped_model.cache_clear()
    yield tmp_path / "cache"
    langid.mapped_model.cache_clear()


def test_answers_and_scores_are_py3langids(cache: Path) -> None:
    model = langid.mapped_model()
    assert model is not None
    assert list(cache.glob("langid-*/meta.json"))  # unpacked once, into the cache folder
    for text in TEXTS:
        expected_language, expected_score = py3langid.classify(text)
        language, score = model.classify(text)
        assert language == expected_language, text
        assert score == pytest.approx(float(expected_score), rel=1e-5), text


def test_a_second_process_reuses_the_unpacked_files(cache: Path) -> None:
    assert langid.mapped_model() is not None
    (folder,) = cache.glob("langid-*")
    stamp = (folder / "ptc.bin").stat().st_mtime_ns
    langid.mapped_model.cache_clear()
    assert langid.classify(TEXTS[0])[0] == "de"
    assert (folder / "ptc.bin").stat().st_mtime_ns == stamp


def test_release_keeps_the_model_usable(cache: Path) -> None:
    model = langid.mapped_model()
    assert model is not None
    before = model.classify(TEXTS[2])
    model.release()
    assert model.classify(TEXTS[2]) == before


def test_without_a_writable_cache_py3langid_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_CACHE", str(blocker / "cache"))
    langid.mapped_model.cache_clear()
    try:
        assert langid.mapped_model() is None
        assert langid.classify(TEXTS[1])[0] == "en"
    finally:
        langid.mapped_model.cache_clear()


def test_damaged_files_are_refused(cache: Path) -> None:
    assert langid.mapped_model() is not None
    (folder,) = cache.glob("langid-*")
    (folder / "pc.bin").write_bytes(b"\0" * 8)  # two numbers instead of one per language
    langid.mapped_model.cache_clear()
    assert langid.mapped_model() is None
    assert langid.classify(TEXTS[3])[0] == "nl"  # py3langid itself answers
