"""The epistemic status of an event: asserted, alleged, denied, intended, negated, hypothetical.

Markers (``data/status.yaml``) are looked for in the predicate's verb complex, its adverbials,
the clause it sits in and the predicates that govern it (a denial verb, a planning verb, a
refusal, a conditional clause), and in the quotation the event is reported in.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .detect import Candidate, sentence_words, verb_key
from .lexicon import Lexicon
from .syntax import NOUNS, VERBS, Grammar, is_finite, is_infinitive, is_participle, segment_of, segments_of

_PRESENT_WERDEN = ("wird", "werde", "werden", "wirst", "werdet")
STATUSES = ("denied", "hypothetical", "negated", "intended", "alleged", "asserted")
GOVERNOR_HOPS = 3


def event_status(
    candidate: Candidate,
    lexicon: Lexicon,
    grammar: Grammar,
    *,
    quote: dict[str, Any] | None = None,
    linear: bool = True,
) -> str:
    """The status of one event; precedence as in :data:`STATUSES`.

    ``linear``: when the parse shows no marker, look for them by word order in the event's
    clause segment (between commas) and in the segment that governs it — a fallback for
    parses that misattach modals, negation or a governing verb.
    """
    flags = _own_flags(candidate, lexicon, grammar)
    if _presupposed(candidate.token, lexicon):
        # "die verhängten Sanktionen umgehen könnten": the sanctions happened, whatever the clause says
        flags -= {"hypothetical", "intended"}
        return next((status for status in STATUSES[1:-1] if status in flags), "asserted")
    governed = _governor_flags(candidate.token, lexicon, grammar)
    if linear and not flags and not governed:
        flags, governed = linear_flags(candidate, lexicon, grammar)
    if "denied" in governed or ("negated" in flags and _denial_quote(quote, lexicon)):
        return "denied"
    flags |= governed
    for status in STATUSES[1:-1]:
        if status in flags:
            return status
    if quote is not None and quote.get("kind") == "scare":
        return "alleged"
    return "asserted"


_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")


def _presupposed(token: Token, lexicon: Lexicon) -> bool:
    """An event noun with the participle of its support verb as attribute ("die verhängten
    Sanktionen", "das ausgesprochene Verbot") names an event that took place."""
    if token.pos_ not in NOUNS:
        return False
    before = [c for c in token.children if c.i < token.i]
    i = token.i - 1
    first = token.sent.start
    while i >= first and token.doc[i].pos_ in ("ADJ", "ADV"):
        before.append(token.doc[i])
        i -= 1
    for word in before:
        if word.pos_ not in ("ADJ", "VERB"):
            continue
        for ending in _ADJECTIVE_ENDINGS:
            if word.lower_.endswith(ending) and any(
                entry.key in lexicon.support_verbs for entry in lexicon.forms.get(word.lower_[: -len(ending)])
            ):
                return True
    return False


def _own_flags(candidate: Candidate, lexicon: Lexicon, grammar: Grammar) -> set[str]:
    token = candidate.token
    flags: set[str] = set()
    words = {t.lower_ for t in grammar.modifiers(token)}
    if candidate.noun is not None:
        words |= {t.lower_ for t in grammar.modifiers(candidate.noun)}
    lemmas = {t.lemma_.lower() for t in grammar.modifiers(token)}
    if (words | lemmas) & lexicon.words("negated", "particles") or _kein(candidate, lexicon, grammar):
        flags.add("negated")
    if words & lexicon.words("hypothetical", "adverbs") or _conditional(token, lexicon, grammar):
        flags.add("hypothetical")
    if words & lexicon.words("alleged", "adverbs") or _phrase(token, lexicon, grammar):
        flags.add("alleged")
    flags |= _chain_flags(token, lexicon, grammar)
    if token.pos_ in NOUNS:
        flags |= _attributes(token, lexicon)
    return flags


def _attributes(token: Token, lexicon: Lexicon) -> set[str]:
    """ "die geplanten Manöver", "der mutmaßliche Anschlag": status adjectives before a noun."""
    words = [t.lower_ for t in token.doc[max(token.sent.start, token.i - 3) : token.i]]
    flags = set()
    for status in ("intended", "alleged", "hypothetical"):
        stems = lexicon.words(status, "adjectives")
        if any(word.startswith(stem) for word in words for stem in stems):
            flags.add(status)
    return flags


def _kein(candidate: Candidate, lexicon: Lexicon, grammar: Grammar) -> bool:
    """ "kein" on the event noun, or on the object of the verb ("führten keine Gespräche")."""
    determiners = lexicon.words("negated", "determiners")
    nouns = (
        [candidate.token]
        if candidate.token.pos_ in NOUNS
        else list(grammar.slots(candidate.token).get("oa", []))
    )
    if candidate.noun is not None:
        nouns.append(candidate.noun)
    return any(
        c.lemma_.lower() in determiners or c.lower_.startswith("kein") for n in nouns for c in n.children
    )


def _chain_flags(token: Token, lexicon: Lexicon, grammar: Grammar) -> set[str]:
    """Modals, future "werden" and Konjunktiv II in the verb complex."""
    if token.pos_ not in VERBS:
        return set()
    chain = grammar.chain(token)
    flags: set[str] = set()
    lemmas = [grammar.lemma(t) for t in chain[1:]]
    forms = {t.lower_ for t in chain}
    if forms & lexicon.words("hypothetical", "forms"):
        flags.add("hypothetical")
    if set(lemmas) & lexicon.words("intended", "modals"):
        flags.add("intended")
    perfect = any(lemma in ("haben", "sein") for lemma in lemmas)
    starts = lexicon.words("hypothetical", "segment_starts")
    if any(t.lower_ in starts and t.i == segment_of(t).start for t in chain[1:]):
        flags.add("hypothetical")
    elif set(lemmas) & lexicon.words("alleged", "modal_perfect"):
        flags.add("alleged" if perfect else "intended")
    if _future(token, chain, lexicon, grammar):
        flags.add("intended")
    return flags


def _future(token: Token, chain: list[Token], lexicon: Lexicon, grammar: Grammar) -> bool:
    future = lexicon.words("intended", "future")
    if not is_infinitive(token) or grammar.is_passive(token):
        return False
    return any(grammar.lemma(t) in future and t.lower_ in _PRESENT_WERDEN for t in chain[1:])


def _conditional(token: Token, lexicon: Lexicon, grammar: Grammar) -> bool:
    host = token if token.pos_ in VERBS else _host_verb(token, grammar)
    if host is None:
        return False
    return bool(set(grammar.subordinators(host)) & lexicon.words("hypothetical", "subordinators"))


def _host_verb(token: Token, grammar: Grammar) -> Token | None:
    current = token
    for _ in range(GOVERNOR_HOPS):
        governor = grammar.arg_governor(current)
        if governor is None:
            return None
        current = governor[0]
        if current.pos_ in VERBS:
            return current
    return None


def _phrase(token: Token, lexicon: Lexicon, grammar: Grammar) -> bool:
    """A multiword marker ("Berichten zufolge") in the sentence before or around the predicate."""
    phrases = lexicon.status.get("alleged", {}).get("phrases") or []
    sent = token.sent
    memo = grammar.memo(token)
    question = ("alleged_phrase", sent.start, sent.end, id(phrases))
    found: bool | None = memo.get(question)
    if found is None:
        words = sentence_words(sent, grammar)
        found = memo[question] = any(_contains(words, [str(w).lower() for w in phrase]) for phrase in phrases)
    return found


def _contains(words: list[str], phrase: list[str]) -> bool:
    """Does ``phrase`` occur in ``words`` (as consecutive words)?"""
    if not phrase:
        return True
    size, at = len(phrase), 0
    while True:
        try:
            at = words.index(phrase[0], at, len(words) - size + 1)
        except ValueError:
            return False
        if words[at : at + size] == phrase:
            return True
        at += 1


def _governor_flags(token: Token, lexicon: Lexicon, grammar: Grammar) -> set[str]:
    """Status lent by governing predicates: bestreiten, planen, weigern, erwägen, Absicht …"""
    flags: set[str] = set()
    current = token
    for _ in range(GOVERNOR_HOPS):
        governor = _governor(current, grammar)
        if governor is None:
            break
        key = verb_key(governor, grammar, lexicon) if governor.pos_ in VERBS else governor.lemma_.lower()
        for status, group in (
            ("denied", "verbs"),
            ("negated", "verbs"),
            ("intended", "verbs"),
            ("hypothetical", "verbs"),
            ("alleged", "verbs"),
            ("intended", "nouns"),
            ("hypothetical", "nouns"),
        ):
            if key in lexicon.words(status, group):
                flags.add(status)
        if governor.pos_ in VERBS:
            flags |= _chain_flags(governor, lexicon, grammar) & {"hypothetical"}
            if _conditional(governor, lexicon, grammar):
                flags.add("hypothetical")
        current = governor
    return flags


def _governor(token: Token, grammar: Grammar) -> Token | None:
    if token.pos_ in NOUNS:
        found = grammar.arg_governor(token)
        return found[0] if found else None
    return grammar.clause_governor(token)


def _denial_quote(quote: dict[str, Any] | None, lexicon: Lexicon) -> bool:
    if not quote:
        return False
    cues = lexicon.words("denied", "cues")
    cue = str(quote.get("cue") or "").lower()
    return bool(quote.get("denial")) or any(
        word in cues or word.replace("|", "") in cues for word in cue.split()
    )


# ---------------------------------------------------------------------- word-order fallback
def linear_flags(candidate: Candidate, lexicon: Lexicon, grammar: Grammar) -> tuple[set[str], set[str]]:
    """Status markers by word order: (own flags, flags lent by a governing segment)."""
    token = candidate.token
    doc = token.doc
    segments = segments_of(token.sent)
    position = next((n for n, (a, b) in enumerate(segments) if a <= token.i < b), None)
    if position is None:
        return set(), set()
    start, end = _own_clause(doc[segments[position][0] : segments[position][1]], token, grammar)
    segment = doc[start:end]
    own = _segment_flags(segment, candidate, lexicon, grammar)
    governed: set[str] = set()
    if position > 0 and _dependent_segment(segment, token, lexicon, grammar):
        previous = doc[segments[position - 1][0] : segments[position - 1][1]]
        governed = _status_verbs_in(previous, lexicon, grammar)
    if token.pos_ in NOUNS:
        governed |= _status_verbs_in(segment, lexicon, grammar) & {
            "denied",
            "intended",
            "negated",
            "hypothetical",
        }
    return own, governed


_CLAUSE_COORDINATORS = ("und", "oder", "aber", "sondern", "doch")

# The word-order questions below read the Doc's TokenTable (``lower[k]`` is ``doc[k].lower_``)
# and make a Token only where the morphology is needed.


def _own_clause(segment: Any, token: Token, grammar: Grammar) -> tuple[int, int]:
    """The part of a comma segment that belongs to the predicate's own clause: two clauses joined
    by "und"/"oder" without a comma ("… gereizt war und der Gast wohl … anredete") are cut at the
    conjunction when each side has a finite verb of its own."""
    start, end = segment.start, segment.end
    doc = token.doc
    table = grammar.table(doc)
    lower, pos = table.lower, table.pos

    def finite(a: int, b: int) -> bool:
        return any(pos[k] in VERBS and is_finite(doc[k]) for k in range(a, b))

    for k in range(segment.start, segment.end):
        if lower[k] not in _CLAUSE_COORDINATORS or pos[k] != "CCONJ":
            continue
        if k > token.i and finite(segment.start, k) and finite(k + 1, segment.end):
            end = min(end, k)
        elif k < token.i and finite(segment.start, k) and finite(k + 1, segment.end):
            start = max(start, k + 1)
    return start, end


def _segment_flags(segment: Any, candidate: Candidate, lexicon: Lexicon, grammar: Grammar) -> set[str]:
    token = candidate.token
    table = grammar.table(token.doc)
    words = table.lower[segment.start : segment.end]
    lemmas = {lemma.lower() for lemma in table.lemma[segment.start : segment.end]}
    flags: set[str] = set()
    if token.pos_ in NOUNS:
        near = table.lower[max(segment.start, token.i - 3) : token.i]
        if any(w.startswith("kein") for w in near):
            flags.add("negated")
    elif set(words) & lexicon.words("negated", "particles") or any(w.startswith("kein") for w in words):
        flags.add("negated")
    if set(words) & lexicon.words("hypothetical", "forms") or set(words) & lexicon.words(
        "hypothetical", "adverbs"
    ):
        flags.add("hypothetical")
    if token.pos_ in NOUNS and _negated_verb(segment, lexicon, grammar):
        flags.add("negated")
    starts = lexicon.words("hypothetical", "subordinators") | lexicon.words("hypothetical", "segment_starts")
    if words and words[0] in starts:
        flags.add("hypothetical")
    if _alleged_marker(segment, token, lexicon, grammar):
        flags.add("alleged")
    verb = token if token.pos_ not in NOUNS else _last_verb(segment, grammar)
    if verb is not None:
        flags |= _linear_modal(segment, verb, lemmas, grammar)
    return flags


def _negated_verb(segment: Any, lexicon: Lexicon, grammar: Grammar) -> bool:
    """ "nicht" (or "nie") before a verb of the segment: "sei nicht geplant", not "nicht verhandelbar"."""
    particles = lexicon.words("negated", "particles")
    table = grammar.table(segment.doc)
    lower, pos, tag = table.lower, table.pos, table.tag
    for k in range(segment.start, segment.end):
        if lower[k] in particles:
            following = [n for n in range(k + 1, segment.end) if pos[n] not in ("ADV", "PART")]
            if following and (pos[following[0]] in VERBS or tag[following[0]].startswith("V")):
                return True
    return False


def _alleged_marker(segment: Any, token: Token, lexicon: Lexicon, grammar: Grammar) -> bool:
    """An alleged-marker adverb, or a marker adjective on the event noun or the clause's first phrase."""
    markers = lexicon.words("alleged", "adverbs")
    stems = tuple(lexicon.words("alleged", "adjectives"))
    table = grammar.table(token.doc)
    lower, lemma, pos = table.lower, table.lemma, table.pos
    for k in range(segment.start, segment.end):
        if lower[k] not in markers and lemma[k].lower() not in markers and not lower[k].startswith(stems):
            continue
        following = k + 1 if k + 1 < len(lower) else None
        on_noun = following is not None and pos[following] in NOUNS
        if not on_noun or following == token.i or k - segment.start <= 1:
            return True
    return False


def _last_verb(segment: Any, grammar: Grammar) -> Token | None:
    table = grammar.table(segment.doc)
    pos, tag = table.pos, table.tag
    verbs = [k for k in range(segment.start, segment.end) if pos[k] in VERBS or tag[k].startswith("V")]
    return segment.doc[verbs[-1]] if verbs else None


def _linear_modal(segment: Any, token: Token, lemmas: set[str], grammar: Grammar) -> set[str]:
    # a finite modal or "werden" before it: a word in -en is its infinitive, whatever the tagger says
    infinitive = is_infinitive(token) or (
        token.lower_.endswith(("en", "ern", "eln")) and not is_participle(token)
    )
    participle = is_participle(token)
    lower = grammar.table(token.doc).lower
    before = set(lower[segment.start : max(segment.start, token.i)])
    after = set(lower[max(segment.start, token.i + 1) : segment.end])
    flags: set[str] = set()
    if before & {"will", "wollen", "wollte", "wollten", "wolle"} and infinitive:
        flags.add("intended")
    if before & {"soll", "sollen", "solle", "sollte", "sollten"}:
        flags.add("alleged" if after & {"haben", "sein"} else "intended")
    if before & {"wird", "werde", "werden", "wirst"} and infinitive and not participle:
        flags.add("intended")
    return flags


def _dependent_segment(segment: Any, token: Token, lexicon: Lexicon, grammar: Grammar) -> bool:
    """A zu-infinitive, a dass/ob clause, or a clause with no finite verb of its own."""
    table = grammar.table(token.doc)
    lower, text = table.lower, table.text
    words = lower[segment.start : segment.end]
    if words and words[0] in ("dass", "ob", "wonach"):
        return True
    if any(
        lower[k] == "zu" and k + 1 < segment.end and text[k + 1][:1].islower()
        for k in range(segment.start, segment.end)
    ):
        return True
    return "zu" in token.lower_[1:-2] and bool(lexicon.forms.get(token.lower_))


def _status_verbs_in(segment: Any, lexicon: Lexicon, grammar: Grammar) -> set[str]:
    flags: set[str] = set()
    groups = (
        ("denied", "verbs"),
        ("negated", "verbs"),
        ("intended", "verbs"),
        ("hypothetical", "verbs"),
        ("alleged", "verbs"),
    )
    table = grammar.table(segment.doc)
    pos, text = table.pos, table.text
    for k in range(segment.start, segment.end):
        if pos[k] in NOUNS or not text[k][:1].islower():
            continue
        key = verb_key(segment.doc[k], grammar, lexicon)
        for status, group in groups:
            if key in lexicon.words(status, group):
                flags.add(status)
    return flags
