"""Language identification: the function-word first guess and the model fallback."""

from __future__ import annotations

import sys
import types

import pytest

from lagebild import language
from lagebild.language import detect_language, guess_by_function_words

GERMAN = (
    "Die Regierung in Wien hat am Dienstag angekündigt, dass sie die Förderung für den Ausbau "
    "der Windkraft im kommenden Jahr deutlich erhöhen wird. Der Minister sagte, man sei mit den "
    "Ländern über die Verteilung der Mittel noch nicht einig, aber ein Kompromiss zeichne sich ab. "
    "Kritiker aus der Opposition werfen ihr vor, zu spät zu handeln und die Kosten für die "
    "Haushalte nicht zu beachten."
)
ENGLISH = (
    "The government said on Tuesday that it would raise the funding for wind power next year. "
    "The minister told reporters that talks with the regions about the money were not finished, "
    "but that a compromise was close. Critics from the opposition have said that this comes too "
    "late and that the costs for households have not been considered by anyone in the cabinet."
)
FRENCH = (
    "Le gouvernement a annoncé mardi qu'il allait augmenter le financement de l'énergie éolienne "
    "l'année prochaine. Le ministre a déclaré que les discussions avec les régions n'étaient pas "
    "terminées, mais qu'un compromis était proche. Les critiques de l'opposition estiment que "
    "cela arrive trop tard et que les coûts pour les ménages ne sont pas pris en compte."
)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of py3langid fail, to show the first guess answered alone."""
    broken = types.ModuleType("py3langid")

    def classify(_text: str) -> tuple[str, float]:
        raise AssertionError("py3langid was consulted")

    broken.classify = classify  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "py3langid", broken)
    monkeypatch.setattr("lagebild.langid.classify", classify)


def test_german_and_english_need_no_model(no_model: None) -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"


def test_other_languages_go_to_the_model() -> None:
    assert guess_by_function_words(FRENCH) is None
    assert detect_language(FRENCH) == "fr"


def test_short_or_mixed_text_is_not_guessed() -> None:
    assert guess_by_function_words("Der Minister sagte, die Lage sei ernst.") is None
    mixed = GERMAN + " " + ENGLISH
    assert guess_by_function_words(mixed) is None


def test_too_few_letters_is_undetermined() -> None:
    assert detect_language("12 34 56 -- !!") == "und"


def test_lists_are_disjoint() -> None:
    words = language.function_words()
    assert words["de"] and words["en"]
    assert not words["de"] & words["en"]


def test_open_texts_go_to_the_mapped_model_which_is_released_after_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lagebild import langid

    model = langid.mapped_model()
    if model is None:
        pytest.skip("no writable cache folder for the mapped model")
    released: list[int] = []
    monkeypatch.setattr(type(model), "release", lambda self: released.append(1))
    for n in range(1, 4):
        assert detect_language(FRENCH) == "fr"
        assert len(released) == n
    assert detect_language(GERMAN) == "de" and len(released) == 3  # the first guess: no model


def test_german_article_quoting_english_is_german(no_model: None) -> None:
    quoting = (
        GERMAN + ' Auf Englisch sagte er: "We will not accept this, and we have said so to the minister."'
    )
    assert detect_language(quoting) == "de"


def test_too_few_words_is_undetermined(no_model: None) -> None:
    assert detect_language("Wahlergebnisse, Mandate und Koalitionen im Überblick.") == "und"
