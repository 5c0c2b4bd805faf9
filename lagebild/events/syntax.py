"""A thin, label-set-neutral view of a German dependency parse.

Pipelines label German parses either with TIGER labels (``sb``, ``oa``, ``oc`` ...; the finite
verb heads the clause) or with Universal Dependencies (``nsubj``, ``obj``, ``aux`` ...; the content
verb heads the clause).  :class:`Grammar` answers the few questions the event coder asks — the
verb complex of a predicate, its argument slots, its particle, its governor — for both, reading
the labels from ``data/labels.yaml``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.arrays import POS_NAMES, columns, read

NOUNS = ("NOUN", "PROPN")
VERBS = ("VERB", "AUX")
SCHEMES = ("tiger", "ud")
SEGMENT_BREAKS = (",", ";", ":", "–", "—", "(", ")", "„", "“", '"', "»", "«")
# breaks between main clauses of one sentence (word-order fallbacks stay on their side)
PART_BREAKS = (":", ";")


def is_participle(token: Token) -> bool:
    return "Part" in token.morph.get("VerbForm", []) or token.tag_ in ("VVPP", "VAPP", "VMPP")


def is_infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", []) or token.tag_ in ("VVINF", "VAINF", "VMINF", "VVIZU")


def is_finite(token: Token) -> bool:
    return "Fin" in token.morph.get("VerbForm", []) or token.tag_.endswith("FIN")


# segments_of for the last Doc asked about, by sentence range, and its token texts: they depend
# only on the token texts, which never change (a weak reference, so a new Doc gets fresh answers)
_last_segments: tuple[weakref.ref[Doc], dict[Any, Any]] | None = None


def segments_of(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of a sentence between commas, colons, dashes and quote marks (word-order
    fallbacks use them as approximate clauses)."""
    doc = sent.doc
    memo = _doc_memo(doc)
    key = (sent.start, sent.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _segments(_texts(doc), sent.start, sent.end)
    return list(found)


def _doc_memo(doc: Doc) -> dict[Any, Any]:
    """Answers about the last Doc asked about (:func:`segments_of`, :func:`sentence_part`)."""
    global _last_segments
    last = _last_segments
    if last is None or last[0]() is not doc:
        last = _last_segments = (weakref.ref(doc), {})
    return last[1]


def _texts(doc: Doc) -> list[str]:
    """The token texts of ``doc`` (read once per Doc, from its ``ORTH`` column)."""
    memo = _doc_memo(doc)
    found: list[str] | None = memo.get("texts")
    if found is None:
        (orth,) = columns(doc, ("ORTH",))
        found = memo["texts"] = read(orth, doc.vocab.strings.__getitem__)
    return found


def _segments(texts: list[str], first: int, end: int) -> list[tuple[int, int]]:
    bounds, start = [], first
    for i in range(first, end):
        if texts[i] in SEGMENT_BREAKS:
            if i > start:
                bounds.append((start, i))
            start = i + 1
    if start < end:
        bounds.append((start, end))
    return bounds


def segment_of(token: Token) -> Span:
    for start, end in segments_of(token.sent):
        if start <= token.i < end:
            return token.doc[start:end]
    return token.doc[token.i : token.i + 1]


def sentence_part(token: Token) -> Span:
    """The stretch of ``token``'s sentence between colons/semicolons: "Neu ist nur eines: Kaum
    hatte …" holds two main clauses, and the first part's subject is no subject of the second."""
    sent = token.sent
    texts = _texts(token.doc)
    start, end = sent.start, sent.end
    for k in range(sent.start, sent.end):
        if texts[k] in PART_BREAKS:
            if k < token.i:
                start = k + 1
            elif k > token.i:
                end = k
                break
    return token.doc[start:end]


def _genitive_name(token: Token) -> bool:
    """ "der Besuch Putins": a name in the genitive right after its noun, which a parse may call an
    apposition (the lemma is the name without its genitive -s)."""
    head = token.head
    return (
        token.dep_ in ("appos", "app")
        and token.pos_ == "PROPN"
        and head.pos_ == "NOUN"
        and token.i == head.i + 1
        and len(token.text) > 2
        and token.text.endswith("s")
        and token.lemma_ == token.text[:-1]
    )


class TokenTable:
    """Attributes of all tokens of one Doc as lists by token index (``pos[i]`` is
    ``doc[i].pos_``), read in one go with ``Doc.to_array`` instead of through a ``Token``
    object per question."""

    __slots__ = ("lemma", "lower", "pos", "tag", "text")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        pos, tag, lower, orth, lemma = columns(doc, ("POS", "TAG", "LOWER", "ORTH", "LEMMA"))
        self.pos: list[str] = read(pos, POS_NAMES.__getitem__)
        self.tag: list[str] = read(tag, strings.__getitem__)
        self.lower: list[str] = read(lower, strings.__getitem__)
        self.text: list[str] = read(orth, strings.__getitem__)
        self.lemma: list[str] = read(lemma, strings.__getitem__)  # ``lemma_``: "" without one


class Grammar:
    """Questions about one Doc's parse, answered for the Doc's label set."""

    def __init__(self, labels: dict[str, Any], scheme: str) -> None:
        self.scheme = scheme
        self.tiger = scheme == "tiger"
        self._labels: dict[str, Any] = labels.get(scheme, {})
        self.contractions: dict[str, str] = {
            str(k): str(v) for k, v in (labels.get("contractions") or {}).items()
        }
        self.auxiliaries = frozenset(labels.get("auxiliaries") or ())
        self.modals = frozenset(labels.get("modals") or ())
        self.comparatives = frozenset(str(w) for w in labels.get("comparatives") or ())
        # label groups as sets (``has`` is asked hundreds of thousands of times per corpus)
        self._groups: dict[str, frozenset[str]] = {
            group: frozenset(values)
            for group, values in self._labels.items()
            if isinstance(values, list) and all(isinstance(label, str) for label in values)
        }
        # answers about the tokens of one Doc (the one ``_doc`` refers to), by question and index
        self._doc: Doc | None = None
        self._memo: dict[tuple[Any, ...], Any] = {}

    @classmethod
    def for_doc(cls, doc: Doc, labels: dict[str, Any]) -> Grammar:
        """The grammar of the label set that fits ``doc`` best (TIGER on a tie)."""
        strings = doc.vocab.strings
        deps = {strings[dep] for dep in set(doc.to_array("DEP").tolist())}  # each token's dep_
        scores = {scheme: len(deps & set(labels.get(scheme, {}).get("detect", ()))) for scheme in SCHEMES}
        scheme = "ud" if scores["ud"] > scores["tiger"] else "tiger"
        return cls(labels, scheme)

    def memo(self, token: Token) -> dict[tuple[Any, ...], Any]:
        """A memo for answers about ``token``'s Doc, keyed by (question, token index, …); emptied
        when a token of another Doc is asked about.  A Grammar is made per Doc and call
        (:meth:`for_doc`), so the parse does not change while the memo lives."""
        return self.doc_memo(token.doc)

    def doc_memo(self, doc: Doc) -> dict[tuple[Any, ...], Any]:
        if doc is not self._doc:
            self._doc = doc
            self._memo = {}
        return self._memo

    def table(self, doc: Doc) -> TokenTable:
        """The :class:`TokenTable` of ``doc``, read once."""
        memo = self.doc_memo(doc)
        found: TokenTable | None = memo.get(("table",))
        if found is None:
            found = memo[("table",)] = TokenTable(doc)
        return found

    def has(self, token: Token, group: str) -> bool:
        labels = self._groups.get(group)
        if labels is None:
            return token.dep_ in self._labels.get(group, ())
        return token.dep_ in labels

    def children(self, token: Token, group: str) -> Iterator[Token]:
        return (child for child in self.kids(token) if self.has(child, group))

    def kids(self, token: Token) -> list[Token]:
        """``list(token.children)``, read once per token (do not change the list)."""
        memo = self.memo(token)
        key = ("kids", token.i)
        found: list[Token] | None = memo.get(key)
        if found is None:
            found = memo[key] = list(token.children)
        return found

    # ------------------------------------------------------------------ verbs
    def lemma(self, token: Token) -> str:
        return (token.lemma_ or token.text).lower()

    def particle(self, token: Token) -> str | None:
        """The separable particle of a verb (``aus`` in "setzte … aus"), if split off."""
        memo = self.memo(token)
        key = ("particle", token.i)
        if key in memo:
            found: str | None = memo[key]
            return found
        found = None
        for child in self.children(token, "particle"):
            found = child.lower_
            break
        memo[key] = found
        return found

    def is_auxiliary(self, token: Token) -> bool:
        return (
            token.pos_ == "AUX"
            or self.lemma(token) in self.modals
            or (self.lemma(token) in self.auxiliaries and token.pos_ != "VERB")
        )

    def chain(self, token: Token) -> list[Token]:
        """The verb complex: the predicate and its auxiliaries/modals, predicate first."""
        memo = self.memo(token)
        key = ("chain", token.i)
        found: list[Token] | None = memo.get(key)
        if found is None:
            found = memo[key] = self._chain(token)
        return list(found)

    def _chain(self, token: Token) -> list[Token]:
        if not self.tiger:
            chain = [token, *self.children(token, "auxiliary")]
            host = self._ud_host(token)
            return [*chain, host, *self.children(host, "auxiliary")] if host is not None else chain
        chain = [token]
        current = token
        while self.has(current, "chain") and current.head != current and self.is_auxiliary(current.head):
            current = current.head
            chain.append(current)
        return chain

    def top(self, token: Token) -> Token:
        """The token that heads the predicate's clause."""
        if self.tiger:
            return self.chain(token)[-1]
        return self._ud_host(token) or token

    def _ud_host(self, token: Token) -> Token | None:
        """A UD parse that hung the content verb below its modal/auxiliary ("will … stoppen")."""
        head = token.head
        if head == token or token.dep_ not in ("xcomp", "ccomp", "dep") or not self.is_auxiliary(head):
            return None
        if any(self.children(token, "subordinator")) or head.pos_ == "NOUN":
            return None
        return head

    def is_passive(self, token: Token) -> bool:
        memo = self.memo(token)
        key = ("passive", token.i)
        found: bool | None = memo.get(key)
        if found is None:
            found = memo[key] = self._is_passive(token)
        return found

    def _is_passive(self, token: Token) -> bool:
        if not self.tiger:
            auxiliaries = [c for c in self.children(token, "passive_auxiliary") if self._werden(c)]
            if auxiliaries or not is_participle(token):
                return bool(auxiliaries)
            return any(self.children(token, "passive_subject")) or any(
                self._werden(c) for c in self.children(token, "auxiliary")
            )
        chain = self.chain(token)
        return is_participle(token) and len(chain) > 1 and self._werden(chain[1])

    def _werden(self, token: Token) -> bool:
        return self.lemma(token) == "werden" or token.lower_.startswith(
            ("wurde", "werd", "wird", "worden", "würde")
        )

    def clause_members(self, token: Token) -> list[Token]:
        """Tokens whose dependents belong to the predicate's clause."""
        return self.chain(token) if token.pos_ in VERBS else [token]

    # ------------------------------------------------------------------ arguments
    def preposition(self, token: Token) -> str:
        low = token.lower_
        return self.contractions.get(low, self.lemma(token) if token.lemma_ else low)

    def slots(self, token: Token) -> dict[str, list[Token]]:
        """Argument slots of a predicate: sb, oa, da, agent, gen, poss, pp_<prep> -> head tokens
        (a new mapping with new lists on every call: callers extend them)."""
        memo = self.memo(token)
        key = ("slots", token.i)
        found: dict[str, list[Token]] | None = memo.get(key)
        if found is None:
            found = {}
            for member in self.clause_members(token):
                for child in self.kids(member):
                    for slot, head in self._slot(child):
                        found.setdefault(slot, []).append(head)
            memo[key] = found
        return {slot: list(heads) for slot, heads in found.items()}

    def _slot(self, child: Token) -> Iterable[tuple[str, Token]]:
        if self.has(child, "subject") or self.has(child, "passive_subject"):
            if self.tiger or not any(self.children(child, "case")):
                yield "sb", child
        elif self.has(child, "object"):
            yield "oa", child
        elif self.has(child, "dative"):
            yield "da", child
        elif self.has(child, "agent"):
            yield "agent", self._pp_noun(child) or child
        elif self.has(child, "possessive"):
            yield "poss", child
        elif _genitive_name(child):
            yield "gen", child
        elif (
            self.has(child, "prep_arg")
            or self.has(child, "genitive")
            or (self.tiger and child.pos_ == "ADP" and child.dep_ in ("op", "mo", "mnr", "pg"))
        ):
            yield from self._pp_or_genitive(child)

    def _pp_or_genitive(self, child: Token) -> Iterable[tuple[str, Token]]:
        if self.tiger:
            if child.pos_ == "ADP":
                noun = self._pp_noun(child)
                if noun is not None:
                    yield f"pp_{self.preposition(child)}", noun
            elif self.has(child, "genitive"):
                yield "gen", child
            return
        case = next(self.children(child, "case"), None)
        if case is not None and self._counted(case):
            yield "oa", child
        elif case is not None:
            yield f"pp_{self.preposition(case)}", child
        elif self.has(child, "genitive"):
            yield "gen", child

    def _counted(self, case: Token) -> bool:
        """ "mehr als 60 Demonstranten": "als" after a comparative quantity word is no preposition."""
        doc = case.doc
        return case.lower_ == "als" and case.i > 0 and doc[case.i - 1].lower_ in self.comparatives

    def _pp_noun(self, adposition: Token) -> Token | None:
        if not self.tiger:
            return adposition
        nouns = [
            c for c in adposition.children if self.has(c, "prep_noun") and c.pos_ in (*NOUNS, "PRON", "NUM")
        ]
        return nouns[-1] if nouns else next(iter(adposition.children), None)

    def arg_governor(self, token: Token) -> tuple[Token, str] | None:
        """For a noun: the predicate it is an argument of, and the slot (``oa``, ``pp_gegen`` ...)."""
        head = token.head
        if head == token:
            return None
        if self.tiger and head.pos_ == "ADP" and head.head != head:
            if head.head.pos_ in VERBS or head.head.pos_ in NOUNS:
                return self._lexical(head.head), f"pp_{self.preposition(head)}"
            return None
        for slot, arg in self._slot(token):
            if arg == token:
                return self._lexical(head), slot
        return None

    def _lexical(self, token: Token) -> Token:
        """In TIGER, arguments hang on the finite verb; the lexical verb is down the ``oc`` chain."""
        if not self.tiger:
            return token
        current = token
        while self.is_auxiliary(current):
            below = [c for c in self.children(current, "chain") if c.pos_ in VERBS]
            if not below:
                break
            current = below[0]
        return current

    def clause_governor(self, token: Token) -> Token | None:
        """The word a clause (headed by predicate ``token``) is the complement of."""
        top = self.top(token)
        if top.head == top:
            return None
        if self.has(top, "clausal") or self.has(top, "relative") or (not self.tiger and top.dep_ == "acl"):
            return self._lexical(top.head)
        return None

    def subordinators(self, token: Token) -> list[str]:
        top = self.top(token)
        words = [c.lower_ for c in self.children(top, "subordinator")]
        if self.tiger:
            words += [c.lower_ for c in top.children if c.dep_ == "cp"]
        return words

    def under_pp(self, token: Token, head: Token, *, keep: tuple[str, ...] = ("von",)) -> bool:
        """Does ``token`` sit inside a prepositional phrase below ``head`` (other than ``keep``)?"""
        current = token
        while current != head:
            prepositions = (
                [current] if self.tiger and current.pos_ == "ADP" else list(self.children(current, "case"))
            )
            if any(self.preposition(p) not in keep for p in prepositions):
                return True
            if current.head == current:
                return False
            current = current.head
        return False

    def modifiers(self, token: Token) -> list[Token]:
        """Adverbials and negation attached to the predicate's clause (or to a noun predicate)."""
        mods: list[Token] = []
        for member in self.clause_members(token):
            kids = self.kids(member)
            mods.extend(c for c in kids if self.has(c, "modifier") or self.has(c, "negation"))
            if member.pos_ in NOUNS:
                mods.extend(c for c in kids if c.pos_ in ("ADV", "PART", "DET", "ADJ"))
        return mods

    # ------------------------------------------------------------------ noun phrases
    def phrase(self, token: Token) -> list[Token]:
        """The name-like core of a noun phrase: the head and the adjacent words that name it."""
        keep = {token.i}
        stop_deps = set(self._labels.get("conjunct", ())) | set(self._labels.get("relative", ()))
        for child in token.subtree:
            if child != token and self._in_phrase(child, token, stop_deps):
                keep.add(child.i)
        start = stop = token.i
        while start - 1 in keep:
            start -= 1
        while stop + 1 in keep:
            stop += 1
        return list(token.doc[start : stop + 1])

    def _in_phrase(self, child: Token, head: Token, stop_deps: set[str]) -> bool:
        current = child
        while current != head:
            if current.pos_ not in (*NOUNS, "ADJ", "NUM", "X") or current.dep_ in stop_deps:
                return False
            current = current.head
        return True
