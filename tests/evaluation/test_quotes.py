from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from lagebild.errors import InputError
from lagebild.evaluation.quotes import evaluate_quotes, half_of, in_split, split_of


def _tokens(text: str) -> list[dict]:
    tokens, pos = [], 0
    for word in text.replace("“", " “ ").replace("„", " „ ").replace(",", " ,").replace(".", " .").split():
        start = text.index(word, pos)
        tokens.append({"charBegin": start, "charEnd": start + len(word), "text": word})
        pos = start + len(word)
    return tokens


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"spans": [{"charBegin": start, "charEnd": start + len(part)}], "text": part}


def _write(folder: Path, name: str, text: str, annotations: list[dict]) -> None:
    data = {"originalText": text, "tokens": _tokens(text), "annotations": annotations, "sentences": []}
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    text = "„Wir bauen neu“, sagte Lea Brandt. Der Rat erklärte, die Kosten seien hoch."
    _write(
        tmp_path,
        "a.json",
        text,
        [
            {
                "type": "Direct",
                "isNested": False,
                "quote": _span(text, "„Wir bauen neu“"),
                "speaker": _span(text, "Lea Brandt"),
            },
            {
                "type": "Indirect",
                "isNested": False,
                "quote": _span(text, "die Kosten seien hoch"),
                "speaker": _span(text, "Der Rat"),
            },
        ],
    )
    text = "Der Chef kündigte Reformen an. Das Wetter war schön."
    _write(
        tmp_path,
        "b.json",
        text,
        [
            {
                "type": "Reported",
                "isNested": False,
                "quote": _span(text, "Der Chef kündigte Reformen an."),
                "speaker": _span(text, "Der Chef"),
            },
        ],
    )
    return tmp_path


def test_scores_on_own_corpus(corpus: Path) -> None:
    result = evaluate_quotes(corpus, nlp=spacy.blank("de"))
    assert result["docs"] == 2
    assert result["direct"]["r"] == 1.0 and result["direct"]["p"] == 1.0
    assert result["indirect"]["f1"] == 1.0
    assert result["all"]["tp"] == 2
    assert result["speaker_accuracy"] == 1.0


def test_missed_quote_lowers_recall(corpus: Path) -> None:
    text = "Die Lage ist ruhig. Nichts geschah."
    _write(
        corpus,
        "c.json",
        text,
        [
            {"type": "Indirect", "isNested": False, "quote": _span(text, "Nichts geschah"), "speaker": {}},
        ],
    )
    result = evaluate_quotes(corpus, nlp=spacy.blank("de"))
    assert result["indirect"]["r"] == 0.5


def test_split_is_fixed_and_partitions() -> None:
    names = [f"{i} - Titel.json" for i in range(400)]
    dev = [n for n in names if split_of(n) == "dev"]
    assert 0.15 < len(dev) / len(names) < 0.35
    assert [split_of(n) for n in names] == [split_of(n) for n in names]


def test_dev_halves_partition_dev() -> None:
    names = [f"{i} - Titel.json" for i in range(400)]
    dev = {n for n in names if in_split(n, "dev")}
    opened = {n for n in names if in_split(n, "dev-open")}
    blind = {n for n in names if in_split(n, "dev-blind")}
    assert opened | blind == dev and not opened & blind
    assert 0.3 < len(blind) / len(dev) < 0.7
    assert all(half_of(n) == "tune" for n in names if n not in dev)


def test_bad_split_is_an_error(corpus: Path) -> None:
    with pytest.raises(InputError):
        evaluate_quotes(corpus, nlp=spacy.blank("de"), split="train")


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_quotes(tmp_path / "nothing", nlp=spacy.blank("de"))
