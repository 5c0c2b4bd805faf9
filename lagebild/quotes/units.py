"""Token-level helpers that work with or without a trained pipeline.

Sentence units are computed from punctuation and line breaks (not from ``doc.sents``) so
that direct-quote detection never depends on a parser.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ..nlp.arrays import POS_NAMES, columns, read

TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING_MARKS = frozenset("“”\"«»‘’‹›'")
OPENING_AFTER_SPACE = frozenset('„“"»«')
NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})
NAME_POS = frozenset({"PROPN"})
DETERMINERS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "sein",
        "seine",
        "seinen",
        "seinem",
        "seiner",
        "ihr",
        "ihre",
        "ihren",
        "ihrem",
        "ihrer",
        "dessen",
        "deren",
    ]
)
PERSONAL = frozenset(["ich", "du", "er", "sie", "es", "wir", "ihr", "man"])
NON_NP = frozenset(
    [
        "wie",
        "so",
        "laut",
        "nach",
        "auch",
        "aber",
        "und",
        "doch",
        "dann",
        "damit",
        "dabei",
        "zudem",
        "zuvor",
        "später",
        "heute",
        "gestern",
        "morgen",
        "dort",
        "hier",
        "nun",
        "jetzt",
        "bereits",
        "schon",
        "noch",
        "zwar",
        "außerdem",
        "ferner",
        "demnach",
        "danach",
        "jedoch",
        "deshalb",
        "daher",
        "allerdings",
        "inzwischen",
        "am",
        "im",
        "zum",
        "zur",
        "vom",
        "beim",
        "in",
        "an",
        "auf",
        "aus",
        "bei",
        "mit",
        "von",
        "vor",
        "für",
        "über",
    ]
)
COORD = frozenset({"und", "sowie", "oder"})


def has_pos(doc: Doc) -> bool:
    return doc.has_annotation("POS") or doc.has_annotation("TAG")


def has_dep(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def is_break(token: Token) -> bool:
    """A line break (paragraph or heading boundary)."""
    return is_break_text(token.text)


def is_break_text(text: str) -> bool:
    """:func:`is_break` of a token with the text ``text`` (a space token with a newline)."""
    return "\n" in text and text.isspace()


def is_terminal(token: Token) -> bool:
    return token.text in TERMINAL


CACHE_KEY = "lagebild.quotes.cache"


class RunTable:
    """Token features of one Doc that the per-token loops of a :func:`find_quotes` run ask
    about, read once with ``Doc.to_array`` (``lower[i]`` is ``doc[i].lower_``) instead of
    through a ``Token`` per question: ``lemma`` (lower-cased, ``""`` without one), ``word``
    (neither punctuation nor space) and ``mood`` (True: ``Mood=Sub``; False: another mood;
    None: no mood in the morphology)."""

    __slots__ = ("_positions", "has_morph", "lemma", "lower", "mood", "pos", "word")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        names = ("LOWER", "LEMMA", "IS_PUNCT", "IS_SPACE", "MORPH", "POS")
        lower, lemma, punct, space, morph, pos = columns(doc, names)
        self.lower: list[str] = read(lower, strings.__getitem__)
        self.lemma: list[str] = read(lemma, lambda key: strings[key].lower() if key else "")
        self.word: list[bool] = [not (p or s) for p, s in zip(punct, space, strict=True)]
        self.mood: list[bool | None] = read(morph, lambda key: _mood(strings[key]) if key else None)
        self.pos: list[str] = read(pos, POS_NAMES.__getitem__)
        self.has_morph: bool = doc.has_annotation("MORPH")
        self._positions: dict[str, list[int]] = {}

    def positions(self, name: str, words: Collection[str], lemmas: Collection[str] = ()) -> list[int]:
        """Indices of the tokens whose lower-cased form is one of ``words`` or whose lemma is
        one of ``lemmas``, in order; found once per run under ``name`` (the rules scan every
        unit for a few cue words: most tokens are none)."""
        found = self._positions.get(name)
        if found is None:
            found = self._positions[name] = [
                i
                for i, (lower, lemma) in enumerate(zip(self.lower, self.lemma, strict=True))
                if lower in words or (lemma and lemma in lemmas)
            ]
        return found

    def positions_in(
        self, name: str, start: int, end: int, words: Collection[str], lemmas: Collection[str] = ()
    ) -> list[int]:
        """:meth:`positions` within ``[start, end)``."""
        found = self.positions(name, words, lemmas)
        return found[bisect_left(found, start) : bisect_left(found, end)]


def _mood(feats: str) -> bool | None:
    """Does a FEATS string (``Mood=Sub|Number=Sing``) have ``Mood=Sub``? None without Mood."""
    for feature in feats.split("|"):
        name, _, values = feature.partition("=")
        if name == "Mood":
            return "Sub" in values.split(",")
    return None


def run_table(doc: Doc) -> RunTable | None:
    """The :class:`RunTable` of ``doc`` during a :func:`find_quotes` run (None outside one)."""
    cache = doc.user_data.get(CACHE_KEY)
    if cache is None:
        return None
    table: RunTable | None = cache.get("table")
    if table is None:
        table = cache["table"] = RunTable(doc)
    return table


def word_indices(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of the tokens in ``[start, end)`` that are neither punctuation nor space."""
    table = run_table(doc)
    if table is not None:
        word = table.word
        return [i for i in range(start, end) if word[i]]
    return [i for i in range(start, end) if not doc[i].is_punct and not doc[i].is_space]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per :func:`find_quotes` run (``Doc.ents`` makes new spans each time)."""
    cache = doc.user_data.get(CACHE_KEY)
    if cache is None:
        return tuple(doc.ents)
    ents = cache.get("ents")
    if ents is None:
        ents = cache["ents"] = tuple(doc.ents)
    return ents


def units(doc: Doc) -> list[tuple[int, int]]:
    """Sentence-like units as token ranges ``[start, end)``, split at terminal punctuation and line breaks.

    Computed once per :func:`find_quotes` run; callers must not change the returned list.
    """
    cache = doc.user_data.get(CACHE_KEY)
    if cache is not None:
        found = cache.get("units")
        if found is None:
            found = cache["units"] = _units(doc)
        return found
    return _units(doc)


def token_texts(doc: Doc) -> list[str]:
    """The text of every token (``doc[i].text``), read once per :func:`find_quotes` run from the
    Doc's ``ORTH`` column; callers must not change the list."""
    return _string_column(doc, "ORTH")


def token_tags(doc: Doc) -> list[str]:
    """The fine-grained tag of every token (``doc[i].tag_``), read once per :func:`find_quotes`
    run; callers must not change the list."""
    return _string_column(doc, "TAG")


def _string_column(doc: Doc, name: str) -> list[str]:
    """The strings of one ``Doc.to_array`` column by token index, kept in the run's cache."""
    cache = doc.user_data.get(CACHE_KEY)
    found: list[str] | None = cache.get(name) if cache is not None else None
    if found is None:
        (ids,) = columns(doc, (name,))
        found = read(ids, doc.vocab.strings.__getitem__)
        if cache is not None:
            cache[name] = found
    return found


def _units(doc: Doc) -> list[tuple[int, int]]:
    texts = token_texts(doc)
    bounds, start = [], 0
    for i in range(len(texts)):
        if is_break_text(texts[i]):
            if i > start:
                bounds.append((start, i))
            start = i + 1
        elif i > start and _ends_unit(doc, texts, i):
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _ends_unit(doc: Doc, texts: list[str], k: int) -> bool:
    """Does token ``k`` (``texts`` are the texts of all tokens of ``doc``) end a unit?

    Works on the token texts; the lexical flags of a token are read only for the few candidates.
    """
    if k + 1 >= len(texts):
        return False
    text = texts[k]
    following = texts[k + 1]
    last = text[-1:]
    if last == "." and following in OPENING_AFTER_SPACE and doc[k].whitespace_:
        return True  # ``… in Halle 4. "Neu …`` — a mark after a space opens the next quotation
    if text in TERMINAL:
        return not (
            following in CLOSING_MARKS
            or (following != "„" and doc[k + 1].is_punct)
            or following[:1].islower()
        )
    if last == "." and len(text) == 5 and text[:4].isdigit() and following[:1].isupper():
        return bool(doc[k].whitespace_)  # ``… nach 2011. Die Firma …``: a year kept its period
    if text in CLOSING_MARKS and k > 0 and texts[k - 1] in TERMINAL:
        return not (doc[k + 1].is_punct or following[:1].islower())
    return False


def unit_of(bounds: list[tuple[int, int]], i: int) -> int:
    """Index of the unit containing token ``i`` (binary search)."""
    low, high = 0, len(bounds) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if bounds[mid][0] <= i:
            low = mid
        else:
            high = mid - 1
    return low


def is_np_token(token: Token) -> bool:
    """Could this token be part of a noun phrase (speaker, source)?"""
    if token.pos_:
        return token.pos_ in NP_POS and token.tag_ not in ("PRELS", "PRELAT", "PWS", "PWAT")
    lower = token.lower_
    if lower in NON_NP:
        return False
    return (
        lower in DETERMINERS
        or lower in PERSONAL
        or (token.text[:1].isupper() and (token.is_alpha or "-" in token.text))
    )


def is_finite(token: Token) -> bool:
    """A finite verb (STTS ``*FIN`` tag or ``VerbForm=Fin``)."""
    if token.tag_:
        return token.tag_.endswith("FIN")
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def is_name(token: Token) -> bool:
    if token.pos_:
        return token.pos_ in NAME_POS or token.ent_type_ in ("PER", "ORG", "LOC", "GPE")
    return token.text[:1].isupper() and token.lower_ not in DETERMINERS


def trim(doc: Doc, start: int, end: int) -> Span | None:
    """The span without punctuation and spaces at its edges (None if nothing is left)."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
