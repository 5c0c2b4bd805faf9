"""Reported speech: frames with cue verbs, attribution phrases, Konjunktiv continuations."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .cues import Cue, noun_cue, verb_cue
from .frames import build_frame, channel_spans, noun_source
from .lexicon import cue_words, konjunktiv_forms
from .quote import Quote
from .settings import Settings
from .speakers import np_run
from .units import has_pos, is_np_token, is_terminal, units

FIRST_PERSON = frozenset(
    [
        "ich",
        "mich",
        "mir",
        "mein",
        "meine",
        "meinen",
        "meinem",
        "meiner",
        "wir",
        "uns",
        "unser",
        "unsere",
        "unseren",
        "unserem",
        "unserer",
    ]
)
RELATIVE = frozenset(
    [
        "der",
        "die",
        "das",
        "dem",
        "den",
        "dessen",
        "deren",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "welchem",
        "denen",
    ]
)
ALWAYS_RELATIVE = frozenset(
    ["was", "wobei", "weshalb", "weswegen", "wodurch", "worauf", "womit", "wofür", "worüber", "denen"]
)
PREPOSITIONS = frozenset(
    [
        "mit",
        "bei",
        "von",
        "vor",
        "nach",
        "auf",
        "in",
        "an",
        "aus",
        "für",
        "gegen",
        "über",
        "unter",
        "durch",
        "zu",
    ]
)
FINITE_HINTS = frozenset(
    [
        "ist",
        "sind",
        "war",
        "waren",
        "wird",
        "werden",
        "hat",
        "haben",
        "hatte",
        "hatten",
        "kann",
        "können",
        "muss",
        "müssen",
        "soll",
        "sollen",
        "will",
        "wollen",
        "gibt",
        "gab",
    ]
)
NON_REPORTIVE = frozenset(
    ["dürften", "dürfte", "sollte", "sollten", "wollte", "wollten", "möchte", "möchten"]
)
OPENING = frozenset('„»«“"')
CLOSING = frozenset('“”«»"')
PASSIVE = frozenset(["wurde", "wurden", "worden", "werden", "wird"])
Range = tuple[int, int]


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def is_subjunctive(token: Token) -> bool:
    """Konjunktiv: ``Mood=Sub`` from the model, else the subjunctive form lexicon."""
    moods = token.morph.get("Mood")
    if moods:
        return "Sub" in moods
    if token.doc.has_annotation("MORPH") and token.pos_ in ("VERB", "AUX"):
        return False
    return token.lower_ in konjunktiv_forms() and (not token.pos_ or token.pos_ in ("VERB", "AUX"))


def _content_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (
        is_terminal(doc[end - 1]) or doc[end - 1].text in (",", ";", ":") or doc[end - 1].is_space
    ):
        end -= 1
    return end


def _valid_content(doc: Doc, rng: Range, mask: set[int], settings: Settings) -> bool:
    return _valid_ranges(doc, [rng], mask, settings)


def _valid_ranges(doc: Doc, ranges: list[Range], mask: set[int], settings: Settings) -> bool:
    tokens = [t for start, end in ranges for t in doc[start:end] if not (t.is_punct or t.is_space)]
    if len(tokens) < settings.min_content_tokens:
        return False
    if tokens[0].lower_ in cue_words()["subordinators"] or _relative(tokens):
        return False
    if sum(t.i in mask for t in tokens) >= 0.8 * len(tokens):
        return False
    return not has_pos(doc) or any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _relative(tokens: list[Token]) -> bool:
    """Content that is a relative clause (``…, der am Montag erschien``, ``…, mit denen …``)."""
    first = tokens[0]
    if first.lower_ in ALWAYS_RELATIVE or first.tag_ in ("PRELS", "PRELAT", "PWAV"):
        return True
    if len(tokens) > 2 and first.lower_ in PREPOSITIONS and tokens[1].lower_ in RELATIVE:
        return tokens[2].text[:1].islower() or tokens[1].lower_ == "denen"
    if first.tag_ or first.lower_ not in RELATIVE or len(tokens) < 2:
        return False
    second = tokens[1]
    if (
        len(tokens) > 2
        and _adjective_like(second)
        and (tokens[2].text[:1].isupper() or _adjective_like(tokens[2]))
    ):
        return False  # article + adjective (+ noun): "der erste Hilfsflug"
    return second.text[:1].islower() and not is_subjunctive(second) and second.lower_ not in FINITE_HINTS


def _adjective_like(token: Token) -> bool:
    return token.lower_.endswith(("e", "en", "er", "es", "em")) and not is_subjunctive(token)


def _kind(doc: Doc, ranges: list[Range]) -> str:
    """Frame-marked speech without marks (stripped corpora): first person and indicative -> direct."""
    tokens = [t for start, end in ranges for t in doc[start:end]]
    if any(is_subjunctive(t) for t in tokens):
        return "indirect"
    return "direct" if any(t.lower_ in FIRST_PERSON for t in tokens) else "indirect"


def _free_comma(doc: Doc, start: int, end: int, mask: set[int]) -> int | None:
    for i in range(start, end):
        if doc[i].text == "," and i not in mask:
            return i
        if is_terminal(doc[i]):
            return None
    return None


def _quote(doc: Doc, ranges: list[Range], cue: Cue, frame: Range, confidence: float) -> Quote:
    info = build_frame(doc, cue, *frame)
    return Quote(
        _kind(doc, ranges),
        [char_range(doc, s, e) for s, e in ranges],
        confidence,
        cue=cue,
        speaker=info.speaker,
        via=info.via,
        addressee=info.addressee,
    )


def frame_first(doc: Doc, cue: Cue, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``X sagte (am Montag), (dass) …`` — content after the comma that closes the frame."""
    start, end = unit
    if _subordinate_frame(doc, cue, start):
        return None
    last = max(t.i for t in cue.tokens)
    comma = _free_comma(doc, last + 1, end, mask)
    if comma is None or comma - cue.head.i > settings.frame_max_tokens:
        return None
    content = (comma + 1, _content_end(doc, comma + 1, end))
    if not _valid_content(doc, content, mask, settings):
        return None
    return _quote(doc, [content], cue, (start, comma), settings.conf_indirect)


def _subordinate_frame(doc: Doc, cue: Cue, start: int) -> bool:
    """The cue sits in an adverbial clause (``Wenn … verurteilt werden sollte, …``) or a passive."""
    segment_start = cue.head.i
    while segment_start > start and doc[segment_start - 1].text != ",":
        segment_start -= 1
    first = _unit_start(doc, segment_start, cue.head.i + 1)
    if first < cue.head.i and doc[first].lower_ in cue_words()["frame_subordinators"]:
        return True
    window = doc[max(segment_start, cue.head.i - 4) : cue.head.i + 1]
    return any(t.lower_ in PASSIVE for t in window) and not _auxiliary_has(window)


def _auxiliary_has(tokens: Span) -> bool:
    return any(t.lower_ in ("hat", "hatte", "habe", "haben", "hatten", "hätte") for t in tokens)


def frame_last(doc: Doc, cue: Cue, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``…, sagte er (,…)`` / ``…, so X.`` / ``…, wie X berichtete.`` — content before the frame."""
    start, end = unit
    opener = _frame_opener(doc, cue, start)
    if opener is None or _colon_after(doc, cue, end) or _ends_with_relative(doc, start, opener):
        return None
    ranges = [(start, _content_end(doc, start, opener))]
    comma = _free_comma(doc, max(t.i for t in cue.tokens) + 1, end, mask)
    frame_end = end
    if comma is not None and comma + 1 < end and doc[comma + 1].lower_ not in cue_words()["subordinators"]:
        tail = (comma + 1, _content_end(doc, comma + 1, end))
        if tail[1] - tail[0] >= 2:
            ranges.append(tail)
            frame_end = comma
    if not _valid_ranges(doc, ranges, mask, settings) or ranges[0][1] <= start:
        return None
    return _quote(doc, ranges, cue, (opener, frame_end), settings.conf_indirect)


def _colon_after(doc: Doc, cue: Cue, end: int) -> bool:
    return any(t.text == ":" for t in doc[cue.head.i + 1 : min(end, cue.head.i + 4)])


def _ends_with_relative(doc: Doc, start: int, opener: int) -> bool:
    """``Ulla X, die … hatte, kritisierte …``: the comma closes a relative clause of the subject."""
    for i in range(start, opener - 1):
        if doc[i].text == "," and _relative([t for t in doc[i + 1 : opener] if not t.is_space] or [doc[i]]):
            return True
    return False


def _frame_opener(doc: Doc, cue: Cue, start: int) -> int | None:
    """The comma that opens a trailing frame: right before the cue, or before ``wie``."""
    i = cue.head.i
    if i - 1 > start and doc[i - 1].text == ",":
        return i - 1
    wie = cue_words()["attribution"]["wie"]
    j = i - 1
    while j > start and doc[j].text != ",":
        j -= 1
    if j > start and j + 1 < i and doc[j + 1].lower_ in wie:
        return j
    return None


def _unit_start(doc: Doc, start: int, end: int) -> int:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def attribution(doc: Doc, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """``laut X``, ``nach Angaben X``, ``X zufolge`` — a source without a speech verb."""
    start, end = unit
    for i in range(start, end):
        if i in mask:
            continue
        found = _attribution_at(doc, i, end)
        if found is None:
            continue
        cue, source, phrase = found
        ranges = _around(doc, phrase, (start, end))
        if cue.lemma in cue_words()["attribution"]["relative"]:
            ranges = ranges[-1:] if ranges and ranges[-1][0] >= phrase[1] else []
        if ranges and _valid_ranges(doc, ranges, mask, settings):
            via = [s for s in channel_spans(doc, *phrase, skip=set()) if s.start >= phrase[0]]
            return Quote(
                _kind(doc, ranges),
                [char_range(doc, s, e) for s, e in ranges],
                settings.conf_attribution,
                cue=cue,
                speaker=source,
                via=via,
            )
    return None


def _attribution_at(doc: Doc, i: int, end: int) -> tuple[Cue, Span | None, Range] | None:
    words = cue_words()["attribution"]
    token = doc[i]
    lower = token.lower_
    if lower in words["before"] and i + 1 < end and doc[i + 1].text in OPENING and i + 2 < end:
        close = next((j for j in range(i + 2, min(end, i + 10)) if doc[j].text in CLOSING), None)
        if close is not None:
            return _cue(token, "laut"), doc[i + 1 : close + 1], (i, close + 1)
    if lower in words["before"] and i + 1 < end and (is_np_token(doc[i + 1]) or "-" in doc[i + 1].text):
        source = np_run(doc, i + 1, start=i + 1, end=end, step=1) or doc[i + 1 : i + 2]
        if source is not None:
            return _cue(token, "laut"), source, (i, source.end)
    if lower in words["noun_prepositions"]:
        noun = _cue_noun_after(doc, i, end)
        if noun is not None:
            source = noun_source(doc, noun, end=end)
            stop = max(noun.i + 1, source.end if source is not None else 0)
            return (
                Cue(tokens=[token, noun], lemma=lower, type="report", kind="attribution"),
                source,
                (i, stop),
            )
    if lower in words["after"] and i > 0 and (lower == "zufolge" or noun_cue(doc[i - 1]) is not None):
        source = np_run(doc, i - 1, start=0, end=i, step=-1)
        if source is not None:
            return _cue(token, lower), source, (source.start, i + 1)
    if lower in words["relative"] and (i == 0 or doc[i - 1].text == "," or doc[i - 1].is_space):
        source = _source_before(doc, i)
        return _cue(token, lower), source, (i, i + 1)
    return None


def _source_before(doc: Doc, i: int) -> Span | None:
    """``Ein Bericht der Agentur, wonach …``: the noun phrase before the comma."""
    j = i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j < 0 or doc[i - 1].text != ",":
        return None
    return np_run(doc, j, start=max(0, j - 12), end=j + 1, step=-1)


def _cue(token: Token, lemma: str) -> Cue:
    return Cue(tokens=[token], lemma=lemma, type="report", kind="attribution")


def _cue_noun_after(doc: Doc, i: int, end: int) -> Token | None:
    for j in range(i + 1, min(end, i + 4)):
        if noun_cue(doc[j]) is not None:
            return doc[j]
        if not (doc[j].pos_ in ("DET", "ADJ", "PRON") or doc[j].text[:1].islower()):
            return None
    return None


def _around(doc: Doc, phrase: Range, unit: Range) -> list[Range]:
    start, end = _unit_start(doc, *unit), _content_end(doc, *unit)
    before = (start, _content_end(doc, start, phrase[0]))
    after = (_unit_start(doc, phrase[1], end), end)
    return [r for r in (before, after) if r[1] - r[0] > 0]


def unit_quote(doc: Doc, unit: Range, mask: set[int], settings: Settings) -> Quote | None:
    """The reported-speech quotation of one sentence unit, if it has a frame."""
    start, end = unit
    for i in range(start, end):
        if i in mask:
            continue
        cue = verb_cue(doc, i, end=end)
        if cue is None:
            continue
        if _prefer_first(doc, cue, unit, mask):
            quote = frame_first(doc, cue, unit, mask, settings) or frame_last(doc, cue, unit, mask, settings)
        else:
            quote = frame_last(doc, cue, unit, mask, settings) or frame_first(doc, cue, unit, mask, settings)
        if quote is not None:
            return quote
    for i in range(start, end - 2):
        if (
            doc[i].text == ","
            and doc[i + 1].lower_ in cue_words()["attribution"]["so"]
            and i not in mask
            and doc[i + 2].lower_ not in cue_words()["complementizers"]
        ):
            cue = Cue(tokens=[doc[i + 1]], lemma="so", type="speech", kind="so")
            quote = frame_last(doc, cue, unit, mask, settings)
            if quote is not None:
                return quote
    return attribution(doc, unit, mask, settings)


def _prefer_first(doc: Doc, cue: Cue, unit: Range, mask: set[int]) -> bool:
    """``A, sagte X, B``: B is the content unless A is subjunctive and B starts with a verb."""
    start, end = unit
    opener = _frame_opener(doc, cue, start)
    comma = _free_comma(doc, max(t.i for t in cue.tokens) + 1, end, mask)
    if opener is None or comma is None or comma + 1 >= end:
        return opener is None
    tail = doc[comma + 1]
    if tail.pos_ in ("VERB", "AUX") or is_subjunctive(tail):
        return False
    head_subjunctive = any(is_subjunctive(t) for t in doc[start:opener])
    tail_subjunctive = any(is_subjunctive(t) for t in doc[comma + 1 : end])
    return tail_subjunctive or not head_subjunctive


def has_cue(doc: Doc, unit: Range, mask: set[int]) -> bool:
    return any(verb_cue(doc, i, end=unit[1]) is not None for i in range(*unit) if i not in mask)


def find_indirect(doc: Doc, mask: set[int], settings: Settings) -> list[Quote]:
    """Reported speech in every unit not entirely inside quotation marks."""
    quotes = []
    for unit in units(doc):
        words = [i for i in range(*unit) if not doc[i].is_punct and not doc[i].is_space]
        if words and not all(i in mask for i in words):
            quote = unit_quote(doc, unit, mask, settings)
            if quote is not None:
                quotes.append(quote)
    return quotes


def reported_subjunctive(token: Token) -> bool:
    """Konjunktiv that marks reported speech: not singular Konjunktiv II (``hätte``, ``wäre``)."""
    if not is_subjunctive(token):
        return False
    lower = token.lower_
    if lower in NON_REPORTIVE:
        return False
    return not (any(c in lower for c in "äöü") and not lower.endswith("n"))


def subjunctive_unit(doc: Doc, unit: Range, mask: set[int], *, strict: bool = True) -> bool:
    """Has a Konjunktiv verb outside quotation marks; ``strict``: one that marks reported speech."""
    test = reported_subjunctive if strict else is_subjunctive
    return any(test(doc[i]) for i in range(*unit) if i not in mask)
