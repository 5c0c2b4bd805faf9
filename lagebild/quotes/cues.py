"""Recognise cue words (speech, thought and writing verbs; cue nouns) on tokens."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import CueVerb, cue_nouns, cue_verbs, cue_words
from .units import has_pos, run_table

VERB_POS = frozenset({"VERB", "AUX"})
NEVER_VERB = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "NUM"})
CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "„", "“", "»", "«", '"', "(", ")", "–"})


@dataclass
class Cue:
    """A cue: its tokens (verb and separated particle, or preposition and noun) and lexicon data."""

    tokens: list[Token]
    lemma: str
    type: str
    flags: frozenset[str] = field(default_factory=frozenset)
    kind: str = "verb"
    # the verb whose subject speaks, where it is not among ``tokens`` ("mit den Worten … eröffnete")
    governor: Token | None = None

    @property
    def head(self) -> Token:
        return self.governor if self.governor is not None else self.tokens[0]

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)

    @property
    def char_span(self) -> tuple[int, int]:
        return self.tokens[0].idx, self.tokens[-1].idx + len(self.tokens[-1])


def _clause_tokens(doc: Doc, i: int, end: int) -> list[Token]:
    tokens = []
    for token in doc[i + 1 : end]:
        if token.text in CLAUSE_END:
            break
        tokens.append(token)
    return tokens


def _is_particle(token: Token, particle: str) -> bool:
    if token.lower_ != particle:
        return False
    if token.tag_:
        return token.tag_ in ("PTKVZ", "ADV", "ADJD", "APPR") or token.dep_ in ("svp", "compound:prt")
    return True


def _stray_particle(tokens: list[Token]) -> bool:
    """A separated particle belonging to a verb that is not a cue (``fand … statt``)."""
    particles = set(cue_words()["particles"])
    for token in tokens:
        if token.tag_ == "PTKVZ" and token.lower_ in particles:
            return True
        if not token.tag_ and token is tokens[-1] and token.lower_ in particles:
            return True
    return False


def _allowed_surface(token: Token, doc: Doc) -> bool:
    ambiguous = token.lower_ in cue_words().get("ambiguous_forms", [])
    if has_pos(doc) and (ambiguous or token.pos_ in NEVER_VERB):
        return token.pos_ in VERB_POS
    if ambiguous:
        return False
    return token.text[:1].islower() or token.i == 0 or doc[token.i - 1].is_punct or doc[token.i - 1].is_space


def _not_said(token: Token, doc: Doc) -> bool:
    """A cue verb's participle in a comparison reports no speech (``höher als erwartet``, ``wie
    angekündigt``), nor does a word that is the separated particle of another verb."""
    if not has_pos(doc) or token.i == 0:
        return False
    before = doc[token.i - 1].lower_
    if token.tag_ == "PTKVZ" or token.dep_ == "compound:prt" or _particle_of_cue_before(token, doc):
        return True  # ``gab dazu bekannt``: the particle of another verb, not ``bekennen``
    if before in cue_words().get("comparison_words", []) and token.tag_ == "VVPP":
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        # ``wie erwartet wurde`` / ``als angekündigt worden war`` keep a clause of their own
        return following is None or following.lemma_ != "werden"
    return False


@functools.lru_cache(maxsize=1)
def _cue_particles() -> frozenset[str]:
    forms, _ = cue_verbs()
    return frozenset(e.verb.particle for entries in forms.values() for e in entries if e.verb.particle)


def _particle_of_cue_before(token: Token, doc: Doc) -> bool:
    """``token`` is the separated particle of a cue verb earlier in its clause (``gab … bekannt``)."""
    if token.lower_ not in _cue_particles():
        return False
    forms, _ = cue_verbs()
    j = token.i - 1
    while j >= 0 and not (doc[j].is_punct or doc[j].is_space) and token.i - j <= 12:
        if any(e.needs_particle and e.verb.particle == token.lower_ for e in forms.get(doc[j].lower_, [])):
            return True
        j -= 1
    return False


def cue_positions(doc: Doc, start: int, end: int) -> Sequence[int]:
    """The indices in ``[start, end)`` where :func:`verb_cue` may find a cue verb (a form or
    lemma of one): all of them outside a :func:`find_quotes` run."""
    table = run_table(doc)
    if table is None:
        return range(start, end)
    forms, lemmas = cue_verbs()
    return table.positions_in("cue_verbs", start, end, forms, lemmas)


def verb_cue(doc: Doc, i: int, *, end: int | None = None) -> Cue | None:
    """The cue verb at token ``i`` (with its separated particle, if any), else None."""
    forms, lemmas = cue_verbs()
    table = run_table(doc)
    if table is not None:  # no Token for the common case: no cue verb in any reading
        lower, lemma = table.lower[i], table.lemma[i]
    else:
        lower, lemma = doc[i].lower_, doc[i].lemma_.lower()
    entries = list(forms.get(lower, []))
    lemma_verb = lemmas.get(lemma) if lemma else None
    if not entries and lemma_verb is None:
        return None  # no cue verb in any reading: the common case, decided first
    token = doc[i]
    if not _allowed_surface(token, doc) or _not_said(token, doc):
        return None
    clause = _clause_tokens(doc, i, len(doc) if end is None else end)
    for entry in sorted(entries, key=lambda e: not e.needs_particle):
        if entry.needs_particle:
            particle = _find_particle(clause, entry.verb)
            if particle is not None:
                return _make_cue([token, particle], entry.verb)
        elif not _stray_particle(clause) or entry.verb.particle:
            return _make_cue([token], entry.verb)
    if lemma_verb is not None and not lemma_verb.particle and not _stray_particle(clause):
        return _make_cue([token], lemma_verb)
    return None


def _find_particle(clause: list[Token], verb: CueVerb) -> Token | None:
    assert verb.particle is not None
    for token in reversed(clause):
        if _is_particle(token, verb.particle):
            return token
    return None


def _make_cue(tokens: list[Token], verb: CueVerb) -> Cue:
    return Cue(tokens=tokens, lemma=verb.lemma, type=verb.type, flags=verb.flags)


def noun_cue(token: Token) -> Cue | None:
    """A cue noun (``Angaben``, ``Ansicht``, ``Bericht``) at this token, else None."""
    lower = token.lower_
    cue_type = cue_nouns().get(lower)
    if cue_type is None and "-" in lower:
        cue_type = cue_nouns().get(lower.rsplit("-", 1)[1])
    if cue_type is None and token.text[:1].isupper():
        cue_type = _compound_cue_type(lower)
    if cue_type is None or not token.text[:1].isupper():
        return None
    return Cue(tokens=[token], lemma=lower, type=cue_type, kind="noun")


# a closed compound names a cue by its last part when that part is this long at least
# ("Bahnangaben", "Regierungsquellen"); shorter heads ("daten", "zahlen") end too many words
_COMPOUND_HEAD_MIN = 7


@functools.lru_cache(maxsize=4096)
def _compound_cue_type(lower: str) -> str | None:
    """The cue type of a closed compound whose last part is a cue noun (``bahnangaben``)."""
    for head, cue_type in _compound_heads():
        if len(lower) > len(head) + 2 and lower.endswith(head):
            return cue_type
    return None


@functools.lru_cache(maxsize=1)
def _compound_heads() -> tuple[tuple[str, str], ...]:
    """Cue nouns long enough to head a compound, longest first."""
    heads = [(noun, kind) for noun, kind in cue_nouns().items() if len(noun) >= _COMPOUND_HEAD_MIN]
    return tuple(sorted(heads, key=lambda item: -len(item[0])))
