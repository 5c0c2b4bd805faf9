"""Casualty figures of accidents and attacks: "drei Tote", "mindestens zwölf Menschen wurden
verletzt", "zwei Todesopfer", "Dutzende Tote" (a figure without a number).

The words are data (``data/casualties.yaml``).  An event of one of the listed types gets the
figures stated in its sentence; a sentence that states figures but holds no such event lends
them to the last such event just before it ("Im Werk brach ein Feuer aus.  Zwei Arbeiter
starben.").  Figures told through a medium or a speaker ("laut Interfax …") carry its ``via``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from .syntax import segment_of

KINDS = ("killed", "injured")
_DIGITS = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")
_LOOKBACK = 3


@dataclass
class Words:
    """The word lists of ``casualties.yaml``, lower-cased."""

    types: frozenset[str] = frozenset()
    follow: int = 0
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, list[list[str]]] = field(default_factory=dict)
    fatal: frozenset[str] = frozenset()
    numbers: dict[str, int] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    zero: frozenset[str] = frozenset()
    at_least: list[list[str]] = field(default_factory=list)
    vague: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Words:
        def flat(values: Any) -> frozenset[str]:
            return frozenset(str(v).lower() for v in values or ())

        def phrases(values: Any) -> list[list[str]]:
            found = [str(v).lower().split() for v in values or ()]
            return sorted(found, key=len, reverse=True)

        return cls(
            types=frozenset(str(t) for t in data.get("event_types") or ()),
            follow=int(data.get("follow_sentences") or 0),
            nouns={kind: flat((data.get("nouns") or {}).get(kind)) for kind in KINDS},
            verbs={kind: phrases((data.get("verbs") or {}).get(kind)) for kind in KINDS},
            fatal=flat(data.get("fatal")),
            numbers={str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()},
            articles=flat(data.get("articles")),
            zero=flat(data.get("zero")),
            at_least=phrases(data.get("at_least")),
            vague=flat(data.get("vague")),
            units=flat(data.get("units")),
        )


@dataclass
class Figures:
    """What one sentence says about the dead and injured."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    vague: set[str] = field(default_factory=set)
    at_least: bool = False
    cues: list[Token] = field(default_factory=list)

    def add(self, kind: str, value: int | None, at_least: bool, cue: Token) -> None:
        if value is None:
            self.vague.add(kind)
        else:
            self.counts.setdefault(kind, []).append(value)
            self.at_least = self.at_least or at_least
        self.cues.append(cue)

    def to_dict(self, via: list[str]) -> dict[str, Any]:
        values = {kind: max(self.counts[kind]) if self.counts.get(kind) else None for kind in KINDS}
        return {
            **values,
            "at_least": self.at_least,
            "vague": sorted(kind for kind in self.vague if values[kind] is None),
            "spans": [[t.idx, t.idx + len(t)] for t in self.cues],
            "via": via,
        }


def sentence_figures(
    sent: Span,
    words: Words,
    verbs: dict[str, list[tuple[str, list[str]]]] | None = None,
    lowers: list[str] | None = None,
) -> Figures | None:
    """The casualty figures stated in one sentence, or None when it states none
    (``verbs``: ``_verbs_by_first_word(words)``; ``lowers``: the lower-cased words of the
    whole Doc; each when the caller has it)."""
    figures = Figures()
    used: set[int] = set()
    doc = sent.doc
    if verbs is None:
        verbs = _verbs_by_first_word(words)
    nouns = frozenset().union(*words.nouns.values())
    # only a casualty noun or the first word of a casualty verb phrase can start a figure
    sentence = (t.lower_ for t in sent) if lowers is None else lowers[sent.start : sent.end]
    starts = [i for i, low in enumerate(sentence, start=sent.start) if low in nouns or low in verbs]
    i = sent.start
    for start in starts:
        if start < i:  # inside a verb phrase found before
            continue
        i = start
        token = doc[i]
        kind = _noun_kind(token, words)
        if kind is not None:
            value, at_least, number = _number_before(token, words, sent)
            if number is not None:
                used.add(number)
            figures.add(kind, value, at_least, token)
            i += 1
            continue
        found = _verb_at(i, sent, words, verbs)
        if found is None:
            i += 1
            continue
        kind, size = found
        segment = segment_of(token)
        if kind == "injured" and any(t.lower_ in words.fatal for t in doc[segment.start : i]):
            kind = "killed"
        value, at_least, number = _clause_number(doc[i : i + size], segment, words, used)
        if number is not None:
            used.add(number)
        figures.add(kind, value, at_least, token)
        i += size
    return figures if figures.cues else None


def _noun_kind(token: Token, words: Words) -> str | None:
    if not token.text[:1].isupper():
        return None
    return next((kind for kind in KINDS if token.lower_ in words.nouns.get(kind, ())), None)


def _verbs_by_first_word(words: Words) -> dict[str, list[tuple[str, list[str]]]]:
    """The casualty verb phrases by their first word, each list in the order ``_verb_at``
    tries them (kinds in ``KINDS`` order, longest phrase first)."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for kind in KINDS:
        for phrase in words.verbs.get(kind, ()):
            if phrase:
                index.setdefault(phrase[0], []).append((kind, phrase))
    return index


def _verb_at(
    i: int, sent: Span, words: Words, verbs: dict[str, list[tuple[str, list[str]]]] | None = None
) -> tuple[str, int] | None:
    """The casualty verb (phrase) starting at token ``i``: (kind, length in tokens)
    (``verbs``: ``_verbs_by_first_word(words)``, built once per sentence by the caller)."""
    doc = sent.doc
    token = doc[i]
    if not (token.text[:1].islower() or i == sent.start):
        return None
    if verbs is None:
        verbs = _verbs_by_first_word(words)
    for kind, phrase in verbs.get(token.lower_, ()):
        end = i + len(phrase)
        if end <= sent.end and all(doc[i + k].lower_ == word for k, word in enumerate(phrase[1:], 1)):
            return kind, len(phrase)
    return None


def _value(token: Token, words: Words, *, articles: bool) -> tuple[str, int | None] | None:
    """("number", n), ("zero", 0) or ("vague", None) for a quantity word; None for other words."""
    low = token.lower_
    if _DIGITS.match(token.text):
        return "number", int(token.text.replace(".", ""))
    if low in words.articles:
        return ("number", 1) if articles else None
    if low in words.numbers:
        return "number", words.numbers[low]
    if low in words.zero:
        return "zero", 0
    if low in words.vague:
        return "vague", None
    return None


def _number_before(token: Token, words: Words, sent: Span) -> tuple[int | None, bool, int | None]:
    """The figure before a casualty noun ("mindestens 23 [schwer] Verletzte"):
    (value, lower bound?, index of the number word)."""
    doc = token.doc
    for j in range(token.i - 1, max(sent.start, token.i - _LOOKBACK) - 1, -1):
        other = doc[j]
        found = _value(other, words, articles=True)
        if found is not None:
            return found[1], _at_least(other, words), j
        if other.is_punct or other.text[:1].isupper() or other.pos_ in ("VERB", "AUX", "ADP"):
            break
    return None, False, None


def _clause_number(
    cue: Span, segment: Span, words: Words, used: set[int]
) -> tuple[int | None, bool, int | None]:
    """The head count a casualty verb is said of: the nearest quantity word of its clause
    segment before it ("zwölf Menschen wurden verletzt"), else after it ("tötete drei Soldaten")."""
    doc = cue.doc
    before = range(cue.start - 1, segment.start - 1, -1)
    after = range(cue.end, segment.end)
    for positions in (before, after):
        for j in positions:
            if j in used:
                continue
            found = _value(doc[j], words, articles=False)
            if found is None or (found[0] == "number" and _not_a_count(doc[j], words)):
                continue
            return found[1], _at_least(doc[j], words), j
    return None, False, None


def _not_a_count(token: Token, words: Words) -> bool:
    """ "vor zwei Wochen", "im Jahr 2022", "um 3 Uhr": a number of time or measure."""
    doc = token.doc
    neighbours = [doc[k] for k in (token.i - 1, token.i + 1, token.i + 2) if 0 <= k < len(doc)]
    return any(n.lower_ in words.units for n in neighbours)


def _at_least(token: Token, words: Words) -> bool:
    doc = token.doc
    for phrase in words.at_least:
        start = token.i - len(phrase)
        if start >= 0 and [t.lower_ for t in doc[start : token.i]] == phrase:
            return True
    return False


def attach_casualties(
    by_sentence: list[tuple[Span, list[dict[str, Any]]]],
    words: Words,
    via_at: Callable[[int], list[str]],
    lowers: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Set ``casualties`` on the events of the listed types, sentence by sentence
    (``via_at(char)``: the quotation chain a figure at that character is told through;
    ``lowers``: the lower-cased words of the Doc, when the caller has them).

    Returns the events that did not happen: a casualty verb whose figure is zero ("verletzt
    wurde niemand")."""
    empty: list[dict[str, Any]] = []
    last: list[dict[str, Any]] = []
    last_at = -1 - words.follow
    verbs = _verbs_by_first_word(words)
    for n, (sent, events) in enumerate(by_sentence):
        hosts = [event for event in events if event.get("type") in words.types]
        figures = sentence_figures(sent, words, verbs, lowers)
        if figures is not None:
            targets = list(hosts)
            if n - last_at <= words.follow and all(_is_cue(event, figures) for event in hosts):
                # "Ein Feuer brach aus.  Zwei Arbeiter starben.": the fire gets the figures (and the
                # dying, when it is coded as an event of its own)
                targets += [event for event in last if event.get("casualties") is None]
            value = figures.to_dict(via_at(figures.cues[0].idx)) if targets else None
            for event in targets:
                event["casualties"] = value
            if value is not None and not value["vague"] and not any(value[kind] for kind in KINDS):
                empty += [event for event in hosts if _is_cue(event, figures)]
        if hosts:
            last, last_at = hosts, n
    return empty


def _is_cue(event: dict[str, Any], figures: Figures) -> bool:
    """Is the event the casualty verb itself ("wurden getötet")?"""
    span = event.get("trigger_span") or (0, 0)
    return any(span[0] <= cue.idx < span[1] for cue in figures.cues)
