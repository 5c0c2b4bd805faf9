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
