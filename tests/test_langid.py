"""The memory-mapped language model answers as py3langid does, and falls back to it."""

from __future__ import annotations

import json
import os
import time
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


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache folder for the module, with the model unpacked into it once (about 67 MB)."""
    folder = tmp_path_factory.mktemp("langid-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LAGEBILD_CACHE", str(folder))
        langid.mapped_model.cache_clear()
        yield folder
    langid.mapped_model.cache_clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of the test's own (nothing is unpacked into it by the tests)."""
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    langid.mapped_model.cache_clear()
    yield tmp_path / "cache"
    langid.mapped_model.cache_clear()


def test_answers_and_scores_are_py3langids(unpacked: Path) -> None:
    model = langid.mapped_model()
    assert model is not None
    assert list(unpacked.glob("langid-*/meta.json"))  # unpacked once, into the cache folder
    for text in TEXTS:
        expected_language, expected_score = py3langid.classify(text)
        language, score = model.classify(text)
        assert language == expected_language, text
        assert score == pytest.approx(float(expected_score), rel=1e-5), text


def test_a_second_process_reuses_the_unpacked_files(unpacked: Path) -> None:
    assert langid.mapped_model() is not None
    (folder,) = unpacked.glob("langid-*")
    stamp = (folder / "ptc.bin").stat().st_mtime_ns
    langid.mapped_model.cache_clear()
    assert langid.classify(TEXTS[0])[0] == "de"
    assert (folder / "ptc.bin").stat().st_mtime_ns == stamp


def test_release_keeps_the_model_usable(unpacked: Path) -> None:
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


def test_inconsistent_files_are_refused(cache: Path) -> None:
    folder = langid._folder(langid._model_file())  # where this cache keeps the model
    folder.mkdir(parents=True)
    meta = {
        "classes": ["de", "en"],
        "nextmove": {"dtype": "<u4", "shape": [256]},
        **{name: {"dtype": "<u4", "shape": [1]} for name in ("rowbase", "output")},
        "ptc": {"dtype": "<f2", "shape": [1, 2]},
        "pc": {"dtype": "<f4", "shape": [3]},
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    sizes = {"nextmove": 1024, "rowbase": 4, "output": 4, "ptc": 4, "pc": 12}  # three priors, two labels
    for name, size in sizes.items():
        (folder / f"{name}.bin").write_bytes(b"\0" * size)
    assert langid.mapped_model() is None
    assert langid.classify(TEXTS[3])[0] == "nl"  # py3langid itself answers


def test_unfinished_copies_of_killed_processes_are_removed(tmp_path: Path) -> None:
    old = tmp_path / "langid-0123456789abcdef0123.tmpab12"
    fresh = tmp_path / "langid-0123456789abcdef0123.tmpcd34"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "ptc.bin").write_bytes(b"half")
    past = time.time() - 2 * langid.STALE_SECONDS
    os.utime(old, (past, past))
    langid._remove_stale(tmp_path)  # run before every unpacking
    assert not old.exists()
    assert fresh.exists()  # perhaps another process is writing it right now
