"""Finding event predicates in a parsed sentence: verbs (with separable particles), nouns
(including compounds), light-verb constructions and support verbs."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import Lexicon, Predicate
from .syntax import NOUNS, Grammar, segment_of

_ATTRIBUTIVE_BEFORE = ("DET", "ADJ", "ADP", "NUM")


@dataclass
class Candidate:
    """A predicate that names an event: its head token, lexicon entry and trigger words."""

    token: Token
    entry: Predicate
    trigger: list[Token]
    noun: Token | None = None  # the event noun of a light-verb construction
    host: Token | None = None  # the support verb of an event noun ("verhängte Sanktionen")
    absorbed: set[int] = field(default_factory=set)  # token indices whose events this one contains

    @property
    def kind(self) -> str:
        return self.entry.kind


_NOT_VERBS = ("NOUN", "PROPN", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SYM")
_CLAUSE_END = ("und", "oder", "aber", "sowie", "doch")


def verb_key(token: Token, grammar: Grammar, lexicon: Lexicon | None = None) -> str:
    """The full lemma of a verb with its split-off particle: "setzte … aus" -> ``aussetzen``.

    With a ``lexicon``, a lemma it does not know is replaced by the lexicon verb whose inflected
    form the token is (lemmatizers often miss strong past forms: "griff … an" -> ``angreifen``).
    """
    memo = grammar.memo(token)
    question = ("verb_key", token.i, id(lexicon))
    found: str | None = memo.get(question)
    if found is None:
        found = memo[question] = _verb_key(token, grammar, lexicon)
    return found


def _verb_key(token: Token, grammar: Grammar, lexicon: Lexicon | None) -> str:
    particle = grammar.particle(token)
    lemma = grammar.lemma(token)
    key = particle + lemma if particle and not lemma.startswith(particle) else lemma
    if lexicon is None:
        return key
    if particle is None:
        split = _key_from_form(token, lexicon, grammar, split_only=True)
        if split is not None:
            return split
    if lexicon.known_verb(key):
        return key
    return _key_from_form(token, lexicon, grammar) or key


def _key_from_form(
    token: Token, lexicon: Lexicon, grammar: Grammar, *, split_only: bool = False
) -> str | None:
    entries = lexicon.forms.get(token.lower_)
    split = [e for e in entries if e.particle and not e.fused and _has_particle(token, e.particle, grammar)]
    whole = [] if split_only else [e for e in entries if e.fused or e.particle is None]
    for entry in split + whole:
        return entry.key
    return None


def _has_particle(token: Token, particle: str, grammar: Grammar) -> bool:
    """The separable particle is attached to the verb, or stands at the end of its clause."""
    if grammar.particle(token) == particle:
        return True
    memo = grammar.memo(token)
    question = ("has_particle", token.i, particle)
    found: bool | None = memo.get(question)
    if found is None:
        found = memo[question] = _final_particle(token, particle, grammar) is not None
    return found


def _final_particle(token: Token, particle: str, grammar: Grammar) -> Token | None:
    """The first ``particle`` after ``token`` in its sentence that is no noun and ends a clause
    (the sentence end, punctuation or a coordinating conjunction follows)."""
    sent = token.sent
    doc = token.doc
    words = sentence_words(sent, grammar)
    for k in range(token.i + 1 - sent.start, len(words)):
        if words[k] != particle:
            continue
        other = doc[sent.start + k]
        if other.pos_ not in ("NOUN", "PROPN"):
            after = other.i + 1
            if after >= sent.end or doc[after].is_punct or words[k + 1] in _CLAUSE_END:
                return other
    return None


def sentence_words(sent: Span, grammar: Grammar) -> list[str]:
    """The lower-cased words of a sentence (from the Doc's :class:`TokenTable`)."""
    return grammar.table(sent.doc).lower[sent.start : sent.end]


def is_verb(token: Token, lexicon: Lexicon) -> bool:
    """A verb by POS or STTS tag, or a lower-case word that is a form of a lexicon verb."""
    doc = token.doc
    before = doc[token.i - 1].pos_ if token.i > 0 else None
    after = doc[token.i + 1].pos_ if token.i + 1 < len(doc) else None
    return _verb_like(token.pos_, token.tag_, token.lower_, token.text, before, after, lexicon)


def _verb_like(
    pos: str, tag: str, lower: str, text: str, before: str | None, after: str | None, lexicon: Lexicon
) -> bool:
    """:func:`is_verb` on a token's attributes (``before``/``after``: the POS of its neighbours,
    None at the ends of the Doc)."""
    if _attributive(tag, lower, before, after):
        return False
    if pos == "VERB" or tag.startswith("VV"):
        return True
    return text[:1].islower() and pos not in _NOT_VERBS and bool(lexicon.forms.get(lower))


def _attributive(tag: str, lower: str, before: str | None, after: str | None) -> bool:
    """ "des inhaftierten Ex-Premiers": a participle between a determiner and its noun."""
    if tag == "ADJA":
        return True
    if before is None or after is None:
        return False
    return (
        before in _ATTRIBUTIVE_BEFORE
        and after in ("NOUN", "PROPN", "ADJ")
        and lower.endswith(("e", "en", "er", "es", "em"))
    )


def _verb_tokens(sent: Span, lexicon: Lexicon, grammar: Grammar) -> list[Token]:
    """The tokens of a sentence that :func:`is_verb` accepts, in order (read from the Doc's
    :class:`TokenTable`; a ``Token`` is made only for those)."""
    doc = sent.doc
    table = grammar.table(doc)
    pos, tag, lower, text = table.pos, table.tag, table.lower, table.text
    last = len(doc) - 1
    return [
        doc[i]
        for i in range(sent.start, sent.end)
        # a noun, article, preposition … that no VV tag calls a verb is none (the common case)
        if not (pos[i] in _NOT_VERBS and not tag[i].startswith("VV"))
        and _verb_like(
            pos[i],
            tag[i],
            lower[i],
            text[i],
            pos[i - 1] if i > 0 else None,
            pos[i + 1] if i < last else None,
            lexicon,
        )
    ]


def noun_entry(token: Token, lexicon: Lexicon) -> Predicate | None:
    """The lexicon entry of a noun: by lemma, then by surface form without plural endings."""
    if token.pos_ not in NOUNS or not token.text[:1].isalpha():
        return None
    return lexicon.word_noun(token.text, token.lemma_)


def _matches_noun(token: Token, noun: str) -> bool:
    forms = {token.lemma_.lower(), token.lower_}
    return any(form == noun or form.startswith(noun) or form.endswith(noun) for form in forms if form)


def _lvc(token: Token, key: str, lexicon: Lexicon, grammar: Grammar) -> Candidate | None:
    entries = lexicon.lvcs.get(key, ())
    if not entries:
        return None
    slots = grammar.slots(token)
    nouns: list[tuple[Token, list[str]]] | None = None  # the segment's nouns, read when needed
    for entry in entries:
        noun = entry.with_noun or ""
        places = [f"pp_{entry.with_preposition}"] if entry.with_preposition else ["oa", "sb"]
        args = [arg for slot in places for arg in slots.get(slot, ())]
        found = next((arg for arg in args if _matches_noun(arg, noun)), None)
        if not found and nouns is None:
            nouns = _segment_nouns(token)
        found = found or _lvc_by_order(token, entry, grammar, nouns)
        if found is not None:
            particles = _particle_tokens(token, entry.particle, grammar)
            trigger = sorted({token, found, *particles}, key=lambda t: t.i)
            return Candidate(token=token, entry=entry, trigger=trigger, noun=found, absorbed={found.i})
    return None


def _segment_nouns(token: Token) -> list[tuple[Token, list[str]]]:
    """The nouns of ``token``'s clause segment other than itself, with their lower-cased lemma
    and form (the words :func:`_matches_noun` compares)."""
    return [
        (other, [form for form in dict.fromkeys((other.lemma_.lower(), other.lower_)) if form])
        for other in segment_of(token)
        if other != token and other.pos_ in NOUNS
    ]


def _lvc_by_order(
    token: Token, entry: Predicate, grammar: Grammar, nouns: list[tuple[Token, list[str]]] | None = None
) -> Token | None:
    """The construction's noun in the verb's clause segment (for parses that misattach it);
    with a preposition, the noun must follow it within three words ("zu sieben Jahren Haft")
    (``nouns``: :func:`_segment_nouns` of ``token``, when the caller has them)."""
    noun = entry.with_noun or ""
    segment = segment_of(token)
    for other, forms in _segment_nouns(token) if nouns is None else nouns:
        if not any(form == noun or form.startswith(noun) or form.endswith(noun) for form in forms):
            continue
        if entry.with_preposition is None:
            return other
        window = other.doc[max(segment.start, other.i - 4) : other.i]
        if any(grammar.preposition(t) == entry.with_preposition for t in window):
            return other
    return None


def _verb(token: Token, lexicon: Lexicon, grammar: Grammar) -> Candidate | None:
    key = verb_key(token, grammar, lexicon)
    found = _lvc(token, key, lexicon, grammar)
    if found is not None:
        return found
    if key in lexicon.support_verbs and support_noun(token, lexicon, grammar) is not None:
        return None
    entry = lexicon.verbs.get(key)
    if entry is None:
        return None
    slots = grammar.slots(token)
    if not all(slots.get(slot) for slot in entry.requires) or _excluded(token, entry, slots):
        return None
    particles = _particle_tokens(token, entry.particle, grammar)
    candidate = Candidate(token=token, entry=entry, trigger=sorted([token, *particles], key=lambda t: t.i))
    for slot, role in entry.frame.items():
        if role == "content":
            candidate.absorbed.update(arg.i for arg in slots.get(slot, ()))
    return candidate


def _excluded(token: Token, entry: Predicate, slots: dict[str, list[Token]]) -> bool:
    """The verb's object (or a noun of its clause segment) is one of the entry's ``not_with``."""
    if not entry.not_with:
        return False
    nouns = [*slots.get("oa", []), *slots.get("sb", []), *(t for t in segment_of(token) if t.pos_ in NOUNS)]
    return any(_matches_noun(noun, word) for noun in nouns for word in entry.not_with)


def _particle_tokens(token: Token, particle: str | None, grammar: Grammar) -> list[Token]:
    """The separable particle's token: attached by the parse, else clause-final by word order."""
    if not particle:
        return []
    attached = [c for c in grammar.children(token, "particle") if c.lower_ == particle]
    if attached:
        return attached[:1]
    sent = token.sent
    doc = token.doc
    words = sentence_words(sent, grammar)
    for k in range(token.i + 1 - sent.start, len(words)):
        if words[k] != particle:
            continue
        after = sent.start + k + 1
        if after >= sent.end or doc[after].is_punct or words[k + 1] in _CLAUSE_END:
            return [doc[sent.start + k]]
    return []


def support_noun(token: Token, lexicon: Lexicon, grammar: Grammar) -> Token | None:
    """The event noun a support verb carries: its object (passive: subject), else any nominal
    dependent outside a prepositional phrase (for parses that mislabel it)."""
    slots = grammar.slots(token)
    preferred = slots.get("sb" if grammar.is_passive(token) else "oa", [])
    others = [c for c in token.children if c.pos_ in NOUNS and not any(grammar.children(c, "case"))]
    for arg in [*preferred, *others]:
        if noun_entry(arg, lexicon) is not None:
            return arg
    return None


def find_candidates(sent: Span, lexicon: Lexicon, grammar: Grammar) -> list[Candidate]:
    """All event predicates of a sentence, in text order, absorbed nouns and clauses removed."""
    verbish = _verb_tokens(sent, lexicon, grammar)
    verbs = [c for token in verbish if (c := _verb(token, lexicon, grammar))]
    absorbed = {i for c in verbs for i in c.absorbed}
    claims = _denied_claims(sent, lexicon, grammar, verbish)
    hosts = _support_hosts(sent, lexicon, grammar, verbish)
    nouns = []
    doc = sent.doc
    table = grammar.table(doc)
    pos, text, lemma = table.pos, table.text, table.lemma
    for i in range(sent.start, sent.end):
        if i in absorbed or i in claims or pos[i] not in NOUNS:  # no noun_entry without a noun
            continue
        # noun_entry, read from the table: a Token only for the event nouns
        entry = lexicon.word_noun(text[i], lemma[i]) if text[i][:1].isalpha() else None
        if entry is not None:
            token = doc[i]
            nouns.append(Candidate(token=token, entry=entry, trigger=[token], host=hosts.get(token.i)))
    denial = lexicon.words("denied", "verbs")
    verbs = [c for c in verbs if not (c.entry.key in denial and _is_claim_denial(c, claims, grammar))]
    verbs = [c for c in verbs if not _absorbed_clause(c, verbs, grammar)]
    verbs = [c for c in verbs if not _yields(c, verbs, grammar)]
    nouns = [n for n in nouns if not _absorbed_by_order(n, verbs, grammar)]
    return sorted(verbs + nouns, key=lambda c: c.token.i)


def _absorbed_by_order(noun: Candidate, verbs: list[Candidate], grammar: Grammar) -> bool:
    """A noun event that only restates or fills another event of its clause segment:
    the same type ("sicherte … Unterstützung zu"), or the content of a demand, threat,
    refusal or agreement ("drohte … mit der Annexion") — unless it is the segment's subject."""
    segment = segment_of(noun.token)
    for verb in verbs:
        if not segment.start <= verb.token.i < segment.end or noun.token.i in _subjects(verb, grammar):
            continue
        if verb.entry.type == noun.entry.type:
            verb.trigger = sorted({*verb.trigger, noun.token}, key=lambda t: t.i)
            return True
        if "content" in verb.entry.frame.values() and not _first_phrase(noun.token, segment):
            return True
    return False


def _subjects(candidate: Candidate, grammar: Grammar) -> set[int]:
    return {t.i for t in grammar.slots(candidate.token).get("sb", [])}


def _first_phrase(token: Token, segment: Span) -> bool:
    """Is ``token`` the head of the segment's first noun phrase (its likely subject)?"""
    first = next((t for t in segment if t.pos_ in NOUNS), None)
    return first is not None and first.i == token.i


def _support_hosts(
    sent: Span, lexicon: Lexicon, grammar: Grammar, verbish: list[Token] | None = None
) -> dict[int, Token]:
    hosts: dict[int, Token] = {}
    for token in _verb_tokens(sent, lexicon, grammar) if verbish is None else verbish:
        if verb_key(token, grammar, lexicon) in lexicon.support_verbs:
            noun = support_noun(token, lexicon, grammar)
            if noun is not None:
                hosts.setdefault(noun.i, token)
    return hosts


def _denied_claims(
    sent: Span, lexicon: Lexicon, grammar: Grammar, verbish: list[Token] | None = None
) -> set[int]:
    """Claim nouns ("Vorwürfe") that are the object of a denial verb: no event of their own
    (``verbish``: the sentence's tokens that :func:`is_verb` accepts, when known)."""
    denial = lexicon.words("denied", "verbs")
    claims = lexicon.words("denied", "claim_nouns")
    found: set[int] = set()
    for token in _verb_tokens(sent, lexicon, grammar) if verbish is None else verbish:
        if verb_key(token, grammar, lexicon) in denial:
            args = [*grammar.slots(token).get("oa", ()), *(t for t in segment_of(token) if t.pos_ in NOUNS)]
            for arg in args:
                if arg.lemma_.lower() in claims or any(arg.lower_.startswith(c) for c in claims):
                    found.add(arg.i)
    return found


def _is_claim_denial(candidate: Candidate, claims: set[int], grammar: Grammar) -> bool:
    """A denial verb ("wies … zurück") whose object is a claim is no REJECT event."""
    segment = segment_of(candidate.token)
    return any(segment.start <= i < segment.end for i in claims)


def _absorbed_clause(candidate: Candidate, verbs: list[Candidate], grammar: Grammar) -> bool:
    """A clause that is the content of another event ("drohte, die Lieferungen zu stoppen")."""
    governor = grammar.clause_governor(candidate.token)
    if governor is None:
        governor = _governor_by_order(candidate.token, verbs)
    return any(other.token == governor and other.entry.frame.get("clause") == "content" for other in verbs)


def _yields(candidate: Candidate, verbs: list[Candidate], grammar: Grammar) -> bool:
    """A verb whose clause complement holds an event of its own gives way to it ("weigerte sich,
    … anzuerkennen": the recognition is coded, negated)."""
    if candidate.entry.frame.get("clause") != "yield":
        return False
    for other in verbs:
        if other is candidate:
            continue
        governor = grammar.clause_governor(other.token) or _governor_by_order(other.token, verbs)
        if governor == candidate.token:
            return True
    return False


def _governor_by_order(token: Token, verbs: list[Candidate]) -> Token | None:
    """For a zu-infinitive segment: the last event verb of the segment before it."""
    segment = segment_of(token)
    words = [t.lower_ for t in segment]
    if "zu" not in words and not any("zu" in t.lower_[2:-2] for t in segment if t.i == token.i):
        return None
    before = [v.token for v in verbs if v.token.sent == token.sent and v.token.i < segment.start]
    return before[-1] if before else None
