from __future__ import annotations

import pytest

from lagebild.quotes.marks import find_marked


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Er sagte: „Wir kommen morgen.“ Dann ging er.", "„Wir kommen morgen.“"),
        ("Sie rief »Halt!« und lief.", "»Halt!«"),
        ("Man hörte «Bonjour» im Saal.", "«Bonjour»"),
        ('Er schrieb "Nie wieder" auf das Schild.', '"Nie wieder"'),
        ("Sie nannte es ‚klug‘ und ging.", "‚klug‘"),
        ("Es hieß “later” im Text.", "“later”"),
    ],
)
def test_each_quote_style(text: str, expected: str) -> None:
    found = find_marked(text)
    assert [text[m.start : m.end] for m in found] == [expected]


def test_nested_quote_is_inner() -> None:
    text = "„Er sagte ‚nein‘ und ging“, berichtete sie."
    found = find_marked(text)
    outer = [m for m in found if m.depth == 0]
    inner = [m for m in found if m.depth == 1]
    assert [text[m.start : m.end] for m in outer] == ["„Er sagte ‚nein‘ und ging“"]
    assert [text[m.start : m.end] for m in inner] == ["‚nein‘"]


def test_apostrophe_is_not_a_quote() -> None:
    assert find_marked("Wie geht's dir heute, Anna's Freund?") == []


def test_multi_paragraph_quote_continues() -> None:
    text = "Sie erklärte: „Erster Absatz ohne Ende.\n\n„Zweiter Absatz endet hier.“ Danach Stille."
    found = find_marked(text)
    assert len(found) == 1
    assert len(found[0].parts) == 2
    assert text[found[0].start : found[0].end].endswith("hier.“")


def test_unclosed_quote_is_dropped_at_paragraph_end() -> None:
    text = "Ein „offenes Zeichen ohne Ende\n\nNeuer Absatz ohne Zeichen."
    assert find_marked(text) == []


def test_quote_opening_a_paragraph_runs_on_to_its_closing_mark() -> None:
    text = (
        "Der Richter sprach zum Schluss.\n\n„Wir haben lange beraten. Es fiel uns schwer.\n"
        "Prüfen Sie Ihr Urteil, bevor Sie schreiben.\n\n"
        "Erst dann gilt der Satz „im Zweifel für den Angeklagten“ wirklich. “\n\nDanach war es still."
    )
    found = find_marked(text)
    outer = [m for m in found if m.depth == 0]
    assert len(outer) == 1 and len(outer[0].parts) == 3
    assert [text[a:b] for a, b in outer[0].parts][1] == "Prüfen Sie Ihr Urteil, bevor Sie schreiben."
    assert text[outer[0].start : outer[0].end].endswith("wirklich. “")
    assert [text[m.start : m.end] for m in found if m.depth == 1] == ["„im Zweifel für den Angeklagten“"]


@pytest.mark.parametrize(
    "text",
    [
        # the mark does not open its paragraph
        "Er sagte „offen ohne Ende.\n\nDer nächste Absatz schließt“ hier.",
        # a paragraph in between opens with a mark of its own
        "„Offen ohne Ende.\n\n»Neu« beginnt hier.\n\nUnd endet“ später.",
        # no closing mark within the next paragraphs
        "„Offen.\n\nEins.\n\nZwei.\n\nDrei.\n\nVier.\n\nFünf schließt“ zu spät.",
    ],
)
def test_an_unclosed_quote_does_not_run_on_without_a_safe_end(text: str) -> None:
    assert not any("\n" in text[m.start : m.end] for m in find_marked(text))
