"""lagebild.time.scan: the prefiltered scan finds exactly what ``finditer`` finds (own sentences)."""

from __future__ import annotations

import re

import pytest

from lagebild.time.lexicon import load_lexicon, load_rules
from lagebild.time.normalize import _cue_regex
from lagebild.time.scan import Scanner, _canon_char, _plain_char, canonical, prefixes

TEXTS = [
    "Am Dienstag, dem 3. März 2020, traf sich der Rat erneut; seit Anfang des Jahres tagt er jeden Monat.",
    "Vor zwei Wochen, am 12.04.21 um 9.30 Uhr, begann die Sitzung, die bis 14 Uhr dauerte.",
    "In den neunziger Jahren und Mitte der 1980er Jahre war das anders; im 19. Jahrhundert ohnehin.",
    "ANFANG MÄRZ, Ende Februar und im Frühjahr 2019 sowie am 1., 2. und 3. Juni 2023 gab es Proteste.",
    "Übermorgen, gestern Abend und heute früh: drei Tage später wurde wöchentlich berichtet.",
    "Die Wahl findet am Sonntag statt, zwei Jahre nach der letzten; 2.000 Menschen kamen, 1999 nicht.",
    "Tagelang wurde verhandelt, seit Jahren gestritten – jahrelange Debatten, alle vier Jahre Wahlen.",
    "Nach\u00a0dem 4.\u00a0Juli\u2009und am Wochenende\tim Sommer des Jahres 2018 regnete es (ca. 300 v. Chr.).",
    "Weihnachten 2021, Ostermontag, Tag der Deutschen Einheit und der 2. Weihnachtstag fielen aus.",
    "Das Ex-Juli-Treffen, der Mai-Termin und Januar-Zahlen: keine Daten, aber 24-Stunden-Dienst.",
    "Kelvin \u212a und dotless \u0131m Jahr 2020, long \u017fommer, \u0661\u0662 Uhr – all das kommt vor.",
    "İm Winter 2020 und am 5.5. 2021 war es still; im 2. Quartal stiegen die Preise.",
    "",
    "2020",
    "Montagabend",
]


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.fixture(scope="module")
def regexes() -> list[re.Pattern[str]]:
    lexicon = load_lexicon()
    cues = [_cue_regex(lexicon, "past_cues"), _cue_regex(lexicon, "future_cues")]
    return [rule.regex for rule in load_rules()] + cues


def test_scan_finds_what_finditer_finds(regexes: list[re.Pattern[str]]) -> None:
    scanner = Scanner(regexes)
    assert not scanner.plain  # every shipped rule is prefiltered
    found = 0
    for text in [*TEXTS, " ".join(TEXTS), "\n\n".join(TEXTS).upper()]:
        for regex, matches in zip(regexes, scanner.scan(text), strict=True):
            assert _spans(matches) == _spans(list(regex.finditer(text))), (regex.pattern[:60], text)
            found += len(matches)
    assert found > 100


def test_every_match_begins_with_one_of_its_prefixes(regexes: list[re.Pattern[str]]) -> None:
    text = " ".join(t for t in TEXTS if canonical(t) is not None)
    canon = canonical(text)
    assert canon is not None and len(text) > 500
    for regex in regexes:
        starts = prefixes(regex)
        assert starts is not None
        for match in regex.finditer(text):
            assert any(canon.startswith(prefix, match.start()) for prefix in starts), match.group()


def test_texts_with_special_case_folding_run_unfiltered() -> None:
    assert canonical("Im Jahr 2020") == "im jahr 0000"
    assert canonical("am\u00a04.\tMai") == "am 0. mai"
    for odd in ("dotless \u0131", "long \u017f", "Arabic \u0661", "İstanbul", "micro \u00b5"):
        assert canonical(odd) is None, odd


def test_patterns_it_cannot_vouch_for_run_plain() -> None:
    assert prefixes(re.compile(r"jahr", re.I)) is None  # no (?<!\w): a match may start anywhere
    assert prefixes(re.compile(r"(?<!\w)(?:jahr)?", re.I)) is None  # may match the empty string
    assert prefixes(re.compile(r"(?<!\w)(?P<a>x)(?P=a)", re.I)) == {"x"}  # cut at the back-reference
    assert prefixes(re.compile(r"(?<!\w)\w+jahr", re.I)) is None  # any word character first
    words = re.compile(r"(?<!\w)(?:jahr|tag)(?!\w)", re.I)
    assert prefixes(words) == {"jahr", "tag"}
    scanner = Scanner([re.compile(r"jahr", re.I), words])
    assert scanner.plain == frozenset({0})
    text = "Jahrestag: ein Tag im Jahr, tagelang"
    got = scanner.scan(text)
    assert [m.span() for m in got[0]] == [m.span() for m in re.finditer("jahr", text, re.I)]
    assert [m.group() for m in got[1]] == ["Tag", "Jahr"]


CASED = [
    *range(0x0000, 0x0250),
    *range(0x0370, 0x0400),
    *range(0x1E00, 0x1F00),
    *range(0x2000, 0x2200),
    0x212A,
    0x212B,
    0xFB05,
    0xFB06,
    0x1FD3,
    0x1FE3,
    *range(0x0660, 0x066A),
]


def test_plain_characters_match_a_pattern_letter_only_with_the_same_canonical_form() -> None:
    """Soundness of the canonical text: a character that ``re`` matches against a pattern
    character ignoring case has the same canonical form (or the text is not scanned)."""
    letters = "abcdefghijklmnopqrstuvwxyzäöüß0123456789 .-"
    for code in CASED:
        char = chr(code)
        if not _plain_char(char):
            continue
        for letter in letters:
            if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                assert _canon_char(char) == _canon_char(letter), (hex(code), letter)
        assert bool(re.match(r"\w", char)) == bool(re.match(r"\w", _canon_char(char) or "")), hex(code)
