"""Source and target of an event: frame slots of the predicate, resolved to actor ids.

Actor ids come from the actors component when it ran (``lagebild.actors.actor_at``, mention
spans with ``span._.actor_id``); otherwise an argument becomes ``local:<slug>`` of its noun phrase.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.lang.de.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .detect import Candidate
from .lexicon import Lexicon
from .syntax import NOUNS, VERBS, Grammar, is_finite, is_participle, segment_of, sentence_part

log = logging.getLogger(__name__)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
GOVERNOR_HOPS = 3
# "die Regierung in Bischkek", "die Behörden aus Minsk": a state body takes the place's actor
STATE_PREPOSITIONS = ("von", "in", "aus")
# a noun event takes the subject of the verb it is the object of ("verhängte Sanktionen")
NOUN_HOST_SLOTS = ("oa", "da")
PASSIVE_AUXILIARIES = ("wurde", "wurden", "worden", "wird", "werden", "würde", "würden")


@dataclass
class Argument:
    """One resolved participant: actor id, its country, the words and their character span."""

    actor: str | None
    country: str | None
    text: str
    span: tuple[int, int]


def slugify(text: str) -> str:
    low = text.lower().translate(_UMLAUTS)
    ascii_text = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _actor_at_function() -> Callable[[Doc, int], str | None] | None:
    try:
        module = importlib.import_module("lagebild.actors")
    except Exception:
        log.debug("lagebild.actors not importable; events use local actor ids")
        return None
    function = getattr(module, "actor_at", None)
    return function if callable(function) else None


@functools.lru_cache(maxsize=1)
def _country_adjectives() -> dict[str, str]:
    """Country adjective forms -> ISO3, from the actors knowledge base when it is installed."""
    try:
        module = importlib.import_module("lagebild.actors")
        adjectives = getattr(module.load_kb(), "adjectives", None) or {}
    except Exception:
        log.debug("no country adjectives available", exc_info=True)
        return {}
    return {str(k).lower(): str(v) for k, v in adjectives.items()}


def _capital(place: dict[str, Any]) -> bool:
    """Is a place mention (``doc._.places``) a country's capital, the seat of its state bodies?"""
    try:
        module = importlib.import_module("lagebild.places.gazetteer")
        entry = module.get_gazetteer().by_id.get(str(place.get("id")))
    except Exception:
        log.debug("no gazetteer available", exc_info=True)
        return False
    return bool(getattr(entry, "capital", False))


class ActorIndex:
    """Where the actors component marked actors in one Doc, with a safe fallback."""

    def __init__(
        self,
        doc: Doc,
        *,
        state_nouns: frozenset[str] = frozenset(),
        not_actors: frozenset[str] = frozenset(),
        quantity_nouns: frozenset[str] = frozenset(),
        things: tuple[str, ...] = (),
        event_noun: Callable[[str], Any] | None = None,
    ) -> None:
        self.doc = doc
        self.things = things
        self.event_noun = event_noun
        self.quantity_nouns = quantity_nouns
        self.state_nouns = state_nouns
        # the state nouns a compound may end in (longer than five letters), for ``state_nouns``
        self._long_state_nouns: tuple[frozenset[str], tuple[str, ...]] | None = None
        self.not_actors = not_actors
        self.adjectives = _country_adjectives()
        self._actor_at = _actor_at_function()
        self.by_token: dict[int, str] = {}
        for span in self._mention_spans(doc):
            actor = getattr(span._, "actor_id", None) if span.has_extension("actor_id") else None
            for i in range(span.start, span.end):
                if actor:
                    self.by_token.setdefault(i, actor)
        self.place_countries: dict[int, str] = {}
        for place in (getattr(doc._, "places", None) or []) if doc.has_extension("places") else []:
            if isinstance(place, dict) and place.get("country") and place.get("tokens") and _capital(place):
                start, end = place["tokens"][0], place["tokens"][-1]
                for i in range(int(start), max(int(end), int(start) + 1)):
                    self.place_countries.setdefault(i, str(place["country"]))
        self.actors: dict[str, dict[str, Any]] = {}
        for actor in getattr(doc._, "actors", None) or [] if doc.has_extension("actors") else []:
            if isinstance(actor, dict) and actor.get("id"):
                self.actors[str(actor["id"])] = actor

    @staticmethod
    def _mention_spans(doc: Doc) -> list[Any]:
        spans = list(doc.ents)
        if doc.has_extension("actor_mentions"):
            spans.extend(getattr(doc._, "actor_mentions", None) or [])
        return spans

    def at(self, i: int) -> str | None:
        if self._actor_at is not None:
            try:
                found = self._actor_at(self.doc, i)
            except Exception:
                log.debug("actor_at failed at token %d", i, exc_info=True)
                found = None
            if found:
                return str(found)
        return self.by_token.get(i)

    def adjective_country(self, tokens: list[Token]) -> str | None:
        """The country of the first country adjective among ``tokens`` ("russische", "kasachischen")."""
        for token in tokens:
            found = self.adjectives.get(token.lower_)
            if found:
                return found
        return None

    def counted(self, token: Token) -> Token:
        """ "Tausende Menschen": the counted noun, not the quantity word."""
        doc = token.doc
        if token.lower_ in self.quantity_nouns and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in NOUNS:
            return doc[token.i + 1]
        return token

    def is_thing(self, token: Token) -> bool:
        """A thing, a place or an event named by a common noun: no actor of its own."""
        forms = (token.lower_, token.lemma_.lower())
        if any(form.endswith(self.things) for form in forms if self.things):
            return True
        return self.event_noun is not None and any(self.event_noun(form) is not None for form in forms)

    def not_actor(self, token: Token) -> bool:
        return token.lower_ in self.not_actors or token.lemma_.lower() in self.not_actors

    def is_state_noun(self, token: Token) -> bool:
        long_nouns = self._long_state_nouns
        if long_nouns is None or long_nouns[0] is not self.state_nouns:
            long_nouns = self._long_state_nouns = (
                self.state_nouns,
                tuple(noun for noun in self.state_nouns if len(noun) > 5),
            )
        for form in (token.lemma_.lower(), token.lower_):
            if form in self.state_nouns or form.endswith(long_nouns[1]):
                return True
        return False

    def country(self, actor: str | None) -> str | None:
        if actor is None:
            return None
        record = self.actors.get(actor) or {}
        country = record.get("country")
        if country:
            return str(country)
        return actor if _ISO3.match(actor) else None


def resolve(token: Token, index: ActorIndex, grammar: Grammar) -> Argument | None:
    """The actor an argument head stands for (its phrase first, then the rest of its subtree)."""
    if token.pos_ == "ADP":
        token = next((c for c in token.children if c.pos_ in NOUNS), token)
    token = antecedent(token, grammar) or token
    if index.not_actor(token):
        return None
    token = index.counted(token)
    phrase = grammar.phrase(token)
    for candidate in [token, *phrase]:
        actor = index.at(candidate.i)
        if actor:
            return _argument(actor, index, phrase)
    # the rest of the subtree is read only when the phrase names no actor
    keep = STATE_PREPOSITIONS if index.is_state_noun(token) else ("von",)
    inner = [
        t
        for t in token.subtree
        if t not in phrase and not _in_clause(t, token, grammar) and not grammar.under_pp(t, token, keep=keep)
    ]
    places = [*inner, *_place_after(token, index)]
    for candidate in places:
        actor = index.at(candidate.i)
        if actor:
            return _argument(actor, index, phrase)
    capital = next(
        (index.place_countries[t.i] for t in [token, *phrase] if t.i in index.place_countries), None
    )
    if capital is not None:  # "reist nach Peking", "Moskau kündigte an": a capital names its state
        return _argument(capital, index, phrase)
    if token.pos_ not in NOUNS or not phrase or not _nominal(token) or index.is_thing(token):
        return None
    country = index.adjective_country(phrase)
    if country is not None and index.is_state_noun(token):
        return _argument(country, index, phrase)
    if index.is_state_noun(token):
        # "die Behörden in Duschanbe": a state body in a capital takes that capital's country
        placed = next((index.place_countries[t.i] for t in places if t.i in index.place_countries), None)
        if placed is not None:
            return _argument(placed, index, phrase)
    named = [t for t in phrase if t.pos_ != "NUM"] or phrase  # "60 Studenten": numbers count, not name
    return _argument("local:" + slugify(" ".join(t.text for t in named)), index, phrase, country=country)


RELATIVE_PRONOUNS = (
    "der",
    "die",
    "das",
    "dem",
    "den",
    "denen",
    "welcher",
    "welche",
    "welches",
    "welchem",
    "welchen",
)


def antecedent(token: Token, grammar: Grammar) -> Token | None:
    """ "die Abgeordneten, die … einbrachten": a relative pronoun stands for the noun its clause
    is attached to (None for any other word)."""
    if token.tag_ not in ("PRELS", "PRELAT") and not (
        token.pos_ == "PRON" and token.lower_ in RELATIVE_PRONOUNS and token.i > token.sent.start
    ):
        return None
    current = token
    for _ in range(GOVERNOR_HOPS):
        if current.head == current:
            return None
        current = current.head
        if current.pos_ in VERBS:
            break
    if current.pos_ not in VERBS:
        return None
    return relative_head(current, grammar)


def relative_head(verb: Token, grammar: Grammar) -> Token | None:
    """The noun a relative clause (headed by ``verb``) is attached to."""
    top = grammar.top(verb)
    if top.head == top or not grammar.has(top, "relative") or top.head.pos_ not in NOUNS:
        return None
    return top.head


def _nominal(token: Token) -> bool:
    """Could ``token`` head a noun phrase?  German nouns are capitalised; stop words never are
    (a weak tagger calls "gleichzeitig" or "Unsere" a noun)."""
    return (token.text[:1].isupper() or token.text[:1].isdigit()) and token.lower_ not in STOP_WORDS


def _place_after(token: Token, index: ActorIndex) -> list[Token]:
    """ "die Regierung in Bischkek" read by word order: the name after a state noun's preposition."""
    doc = token.doc
    if not index.is_state_noun(token) or token.i + 2 >= len(doc):
        return []
    following = doc[token.i + 1]
    return [doc[token.i + 2]] if following.lower_ in STATE_PREPOSITIONS else []


def _argument(actor: str, index: ActorIndex, phrase: list[Token], *, country: str | None = None) -> Argument:
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    text = phrase[0].doc[phrase[0].i : phrase[-1].i + 1].text  # doc.text[start:end], not all of doc.text
    return Argument(actor=actor, country=country or index.country(actor), text=text, span=(start, end))


def _in_clause(token: Token, head: Token, grammar: Grammar) -> bool:
    current = token
    while current != head:
        if current.pos_ in VERBS or grammar.has(current, "relative") or grammar.has(current, "conjunct"):
            return True
        if current.head == current:
            return True
        current = current.head
    return False


def role_tokens(
    candidate: Candidate, lexicon: Lexicon, grammar: Grammar, *, positional: bool = True
) -> dict[str, list[Token]]:
    """Tokens filling the source and target roles of an event (before actor resolution).

    ``positional``: when the parse gives a finite verb no subject at all, take the noun phrase
    in the first position of the main clause (German verb-second order) as its subject.
    """
    entry = candidate.entry
    roles: dict[str, list[Token]] = {"source": [], "target": []}
    if entry.type in lexicon.actorless_types:
        return roles
    slots = _event_slots(candidate, grammar)
    for slot, tokens in slots.items():
        role = entry.frame.get(slot)
        if role in roles:
            roles[role].extend(t for t in tokens if t.i != (candidate.noun.i if candidate.noun else -1))
    _pair_partner(roles, slots, entry.frame, grammar)
    if not roles["target"] and entry.frame.get("sb_conj") == "target":
        # "Paris und Rom vereinbarten …": the first of coordinated subjects acts on the second
        roles["target"] = next(
            (_partners(t, grammar)[:1] for t in slots.get("sb", []) if t.pos_ in NOUNS), []
        )
    if not roles["target"] and entry.frame.get("da") == "target" and candidate.token.pos_ in VERBS:
        roles["target"] = _dative_by_case(candidate.token, slots, grammar)
    if not roles["target"] and entry.type in lexicon.content_target_types:
        roles["target"] = _content_targets(candidate, slots, lexicon, grammar)
    if not roles["source"] and candidate.host is not None:
        roles["source"] = _host_subject(candidate.host, candidate.token, grammar)
    if not roles["source"] and not roles["target"] and entry.type in lexicon.occasion_types:
        roles["source"], roles["target"] = _pair_nearby(candidate.token, grammar)
    if not roles["source"] and entry.frame.get("host") != "none":
        roles["source"] = _inherited_source(candidate, lexicon, grammar)
    if not roles["source"] and entry.frame.get("sb") == "source" and candidate.token.pos_ in VERBS:
        roles["source"] = _relative_subject(candidate.token, slots, grammar)
    if positional and entry.frame.get("sb") == "source" and candidate.token.pos_ not in NOUNS:
        roles["source"] = _with_word_order(candidate.token, roles["source"], slots, grammar)
    return roles


def _conjuncts(token: Token, grammar: Grammar) -> list[Token]:
    """ "Putin und Tokajew": the nouns coordinated with ``token`` (by the parse, else by word order)."""
    found = [c for c in grammar.children(token, "conjunct") if c.pos_ in NOUNS]
    if found:
        return found
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < token.sent.end else None
    if after is not None and after.lower_ == "und":
        return [t for t in doc[token.i + 2 : min(token.i + 5, token.sent.end)] if t.pos_ in NOUNS][:1]
    return []


def _partners(token: Token, grammar: Grammar) -> list[Token]:
    """Nouns coordinated with ``token`` by a conjunction word between them ("Chile und Peru"; not
    "die Behörden beider Länder", which a parse may call a conjunct)."""
    doc = token.doc
    return [p for p in _conjuncts(token, grammar) if any(w.pos_ == "CCONJ" for w in doc[token.i + 1 : p.i])]


def _pair_partner(
    roles: dict[str, list[Token]], slots: dict[str, list[Token]], frame: dict[str, str], grammar: Grammar
) -> None:
    """ "das Treffen zwischen Paris und Rom": the first of the pair is the source, the second the target."""
    if roles["target"] or frame.get("pp_zwischen") != "source":
        return
    for token in slots.get("pp_zwischen", []):
        partners = _conjuncts(token, grammar)
        if partners:
            roles["target"] = partners[:1]
            return


def _pair_nearby(token: Token, grammar: Grammar) -> tuple[list[Token], list[Token]]:
    """ "die Stimmung zwischen A und B bei einem Treffen": a meeting without participants of its
    own takes the pair a "zwischen" phrase of its clause segment names."""
    for word in segment_of(token):
        if word.lower_ != "zwischen" or word.pos_ != "ADP":
            continue
        following = [t for t in word.doc[word.i + 1 : min(word.i + 4, word.sent.end)] if t.pos_ in NOUNS]
        if not following:
            continue
        first = following[0]
        while first.i + 1 < first.sent.end and first.doc[first.i + 1].pos_ == "PROPN":
            first = first.doc[first.i + 1]
        partners = _conjuncts(first, grammar)
        if partners:
            return [first], partners[:1]
    return [], []


def _dative_by_case(token: Token, slots: dict[str, list[Token]], grammar: Grammar) -> list[Token]:
    """A dative object the parse hung elsewhere ("hatte der Präsident dem Kanzler … angeboten"):
    a noun in the dative case with a dative article in the verb's middle field, outside
    prepositional phrases."""
    if slots.get("da"):
        return []
    chain = grammar.chain(token)
    taken = {t.i for slot in ("sb", "oa") for t in slots.get(slot, ())}
    if len(chain) > 1:
        start, end = min(t.i for t in chain) + 1, max(t.i for t in chain)
    elif is_finite(token):
        start, end = token.i + 1, segment_of(token).end
    else:
        # a verb-final participle the parse cut off from its auxiliary: the middle field runs
        # from the nearest verb before it, if that is finite
        verbs = [t for t in token.doc[token.sent.start : token.i] if t.pos_ in VERBS]
        if not verbs or not is_finite(verbs[-1]):
            return []
        start, end = verbs[-1].i + 1, token.i
    for other in token.doc[start:end]:
        if other.pos_ not in NOUNS or other.i in taken or "Dat" not in other.morph.get("Case", []):
            continue
        if any(grammar.children(other, "case")) or other.head.pos_ == "ADP" or other.dep_ in ("obl", "mo"):
            continue
        first = min([other, *(c for c in other.children if c.i < other.i)], key=lambda t: t.i)
        previous = other.doc[first.i - 1] if first.i > token.sent.start else None
        if previous is not None and previous.pos_ == "ADP":
            continue
        # "der"/"einer"/"den" are as often genitive or accusative as dative (a tagger's Case is a
        # guess): only an unambiguous dative article ("dem", "einem"), or a name ("der Ukraine")
        # not right after a common noun ("die Forderungen der Gewerkschaft")
        dative_article = any(
            c.i < other.i and c.pos_ == "DET" and c.lower_.endswith("em") for c in other.children
        )
        name = other.pos_ == "PROPN" and (previous is None or previous.pos_ != "NOUN")
        if not dative_article and not name:
            continue
        return [other]
    return []


def _content_targets(
    candidate: Candidate, slots: dict[str, list[Token]], lexicon: Lexicon, grammar: Grammar
) -> list[Token]:
    """ "lehnte einen Besuch bei Putin ab": the target of an event noun that is this event's
    content (by the noun's own frame) is this event's target."""
    from .detect import noun_entry

    nouns = [
        t for slot, role in candidate.entry.frame.items() if role == "content" for t in slots.get(slot, ())
    ]
    found: list[Token] = []
    for noun in nouns:
        entry = noun_entry(noun, lexicon)
        if entry is None:
            continue
        for slot, tokens in grammar.slots(noun).items():
            if entry.frame.get(slot) == "target":
                found.extend(tokens)
    return found


def _relative_subject(token: Token, slots: dict[str, list[Token]], grammar: Grammar) -> list[Token]:
    """An active relative-clause verb the parse left without a subject: its antecedent
    ("der Präsident, … angeboten hatte" misparsed without the pronoun)."""
    if slots.get("sb") or grammar.is_passive(token):
        return []
    head = relative_head(token, grammar)
    return [head] if head is not None else []


def _with_word_order(
    token: Token, found: list[Token], slots: dict[str, list[Token]], grammar: Grammar
) -> list[Token]:
    """Subject candidates from word order, for parses that missed or misplaced the subject.

    The noun phrase opening a main clause (the German "Vorfeld") goes first when the parse's
    subject comes after the finite verb and the parse does not call that phrase an object;
    otherwise word-order candidates only follow the parse's own (as a fallback).
    """
    by_order = [t for t in _positional_subject(token, grammar) if t not in found]
    if not by_order:
        return found
    first = by_order[0]
    finite = _finite(token, grammar)
    parse_after = [t for t in slots.get("sb", []) if t.i > finite.i]
    object_like = grammar.has(first, "object") or grammar.has(first, "dative")
    if first.i < finite.i and (parse_after or not found) and not object_like:
        return [first, *found]
    if not any(t.pos_ in NOUNS for t in found):
        return [*found, *by_order]
    return found


def _finite(token: Token, grammar: Grammar) -> Token:
    """The finite verb of the predicate's clause: in its verb complex, else the nearest finite
    verb before it in its clause segment, else the predicate itself."""
    found = next((t for t in grammar.chain(token) if is_finite(t)), None)
    if found is not None or is_finite(token):
        return found or token
    segment = segment_of(token)
    before = [t for t in token.doc[segment.start : token.i] if is_finite(t) and t.pos_ in VERBS]
    return before[-1] if before else token


def _host_subject(host: Token, noun: Token, grammar: Grammar) -> list[Token]:
    slots = grammar.slots(host)
    if grammar.is_passive(host):
        slots = _passive(slots)
    found = [t for t in slots.get("sb", []) if t != noun]
    return found or [t for t in _positional_subject(host, grammar) if t != noun]


def _positional_subject(token: Token, grammar: Grammar) -> list[Token]:
    """The subject by word order, for a finite main-clause verb the parser left without one."""
    if token.pos_ in NOUNS or grammar.is_passive(token) or grammar.clause_governor(token) is not None:
        return []
    finite = _finite(token, grammar)
    part = sentence_part(finite)  # a colon or semicolon starts a new main clause and Vorfeld
    if is_participle(token) and any(t.lower_ in PASSIVE_AUXILIARIES for t in part):
        return []
    first = _first_word(part)
    if first.i < finite.i and first.pos_ in NOUNS and _subject_like(first, grammar, check_case=False):
        return [_noun_run_end(first)]
    after = []
    for other in token.doc[finite.i + 1 : part.end]:
        if other.is_punct or (other.pos_ in VERBS and other != token):
            break
        if _subject_like(other, grammar):
            after.append(other)
            break
    return after


def _noun_run_end(token: Token) -> Token:
    """The last noun of a run of nouns ("Gewerkschaft Verdi", "Präsident Macron")."""
    current = token
    while current.i + 1 < current.sent.end and current.doc[current.i + 1].pos_ == "PROPN":
        current = current.doc[current.i + 1]
    return current


def _first_word(sent: Any) -> Token:
    return next((t for t in sent if t.pos_ not in ("DET", "PUNCT", "ADJ", "NUM")), sent[0])


def _subject_like(token: Token, grammar: Grammar, *, check_case: bool = True) -> bool:
    if token.pos_ not in NOUNS or (check_case and set(token.morph.get("Case", [])) & {"Dat", "Acc", "Gen"}):
        return False
    if grammar.has(token, "genitive") or grammar.has(token, "possessive"):
        return False
    return not grammar.under_pp(token, token.sent.root) and not any(grammar.children(token, "case"))


def _event_slots(candidate: Candidate, grammar: Grammar) -> dict[str, list[Token]]:
    token = candidate.token
    slots = grammar.slots(token)
    if token.pos_ in VERBS and grammar.is_passive(token):
        slots = _passive(slots)
    elif token.pos_ in VERBS:
        slots = _first_object_as_subject(_second_subject_as_object(slots, grammar), grammar)
    nouns = [candidate.noun] if candidate.noun is not None else []
    nouns += [
        t for slot, role in candidate.entry.frame.items() if role == "content" for t in slots.get(slot, ())
    ]
    for noun in nouns:
        for slot, tokens in grammar.slots(noun).items():
            if slot.startswith("pp_") or candidate.noun == noun:
                slots.setdefault(slot, []).extend(tokens)
    if token.pos_ in NOUNS:
        slots = _with_host_slots(token, slots, grammar, host=candidate.host)
    return {slot: _names_first(tokens) for slot, tokens in slots.items()}


def _second_subject_as_object(slots: dict[str, list[Token]], grammar: Grammar) -> dict[str, list[Token]]:
    """ "Syrien hat die Türkei angegriffen" parsed with two subjects and no object: a clause has
    one subject, and in German word order it comes first; the later phrase is the object (the
    dative object when the tagger calls it dative or the accusative object is taken).  A title
    and its name ("der Präsident Andrzej Duda"), a genitive attribute right after its noun and
    coordinated subjects are one subject."""
    subjects = slots.get("sb", [])
    if len(subjects) < 2 or (slots.get("oa") and slots.get("da")):
        return slots
    phrases: list[list[Token]] = []
    for subject in sorted(subjects, key=lambda t: t.i):
        previous = phrases[-1][-1] if phrases else None
        joined = previous is not None and (
            # adjacent: a title and its name, or a genitive attribute ("Behörden beider Länder")
            subject.left_edge.i == previous.right_edge.i + 1 or grammar.has(subject, "conjunct")
        )
        if joined:
            phrases[-1].append(subject)
        else:
            phrases.append([subject])
    if len(phrases) != 2 or any(t.pos_ not in NOUNS and t.tag_ != "NE" for phrase in phrases for t in phrase):
        return slots
    later = phrases[1]
    dative = all("Dat" in t.morph.get("Case", []) for t in later)
    slot = "da" if dative else "oa"
    if slots.get("oa") and not slots.get("da") and (dative or later[0].pos_ == "PROPN"):
        # "Schweden wird der Ukraine Panzer liefern": with the object taken, a case-marked dative
        # or a bare name ("soll Russland Drohnen geliefert haben") is the dative object
        slot = "da"
    if slots.get(slot):
        return slots
    moved = dict(slots)
    moved["sb"] = [t for t in subjects if t not in later]
    moved[slot] = later
    return moved


def _first_object_as_subject(slots: dict[str, list[Token]], grammar: Grammar) -> dict[str, list[Token]]:
    """ "Im Norden haben Rebellen Dörfer überfallen" parsed with two objects and no subject: the
    first of them (in German word order, the subject precedes the object) is the subject."""
    objects = slots.get("oa", [])
    if slots.get("sb") or len(objects) != 2:
        return slots
    first, second = sorted(objects, key=lambda t: t.i)
    if (first.right_edge.i + 1 == second.left_edge.i and second.pos_ == "PROPN") or grammar.has(
        second, "conjunct"
    ):
        return slots  # one phrase ("den Sprecher Weber") or coordinated objects
    if any(t.pos_ not in NOUNS and t.tag_ != "NE" for t in (first, second)):
        return slots
    return {**slots, "sb": [first], "oa": [second]}


def _names_first(tokens: list[Token]) -> list[Token]:
    """ "der Präsident Andrzej Duda" parsed as two subjects (or objects): title and name are one
    phrase, so the name goes first and the title stays only as a fallback."""
    ordered = list(tokens)
    for title in tokens:
        if title.pos_ != "NOUN":
            continue
        name = next(
            (t for t in tokens if t.pos_ == "PROPN" and t.left_edge.i == title.right_edge.i + 1), None
        )
        if name is not None and ordered.index(name) > ordered.index(title):
            ordered.remove(name)
            ordered.insert(ordered.index(title), name)
    return ordered


def _passive(slots: dict[str, list[Token]]) -> dict[str, list[Token]]:
    moved = {k: v for k, v in slots.items() if k not in ("sb", "agent", "pp_von")}
    if "sb" in slots:
        moved["oa"] = slots["sb"]
    agents = slots.get("agent") or slots.get("pp_von")
    if agents:
        moved["sb"] = agents
    return moved


def _with_host_slots(
    token: Token, slots: dict[str, list[Token]], grammar: Grammar, *, host: Token | None = None
) -> dict[str, list[Token]]:
    """A noun event also takes the prepositional phrases its host verb carries for it."""
    governor = grammar.arg_governor(token)
    if host is not None:
        governor = (host, governor[1] if governor else "oa")
    if governor is None:
        return slots
    host, own_slot = governor
    if host.pos_ not in VERBS:
        return slots
    for slot, tokens in grammar.slots(host).items():
        if slot.startswith("pp_") and slot != own_slot:
            slots.setdefault(slot, []).extend(t for t in tokens if t.i != token.i)
    return slots


def _inherited_source(candidate: Candidate, lexicon: Lexicon, grammar: Grammar) -> list[Token]:
    """No source of its own: take the subject (or controller) of the governing predicate."""
    from .detect import verb_key

    token = candidate.token
    for _ in range(GOVERNOR_HOPS):
        if token.pos_ in NOUNS:
            governor = grammar.arg_governor(token)
            if governor is None:
                return []
            host, slot = governor
            occasion = (
                token == candidate.token
                and candidate.entry.type in lexicon.occasion_types
                and slot.startswith("pp_")
                and slot[3:] in lexicon.occasion_prepositions
            )
            if (slot not in NOUN_HOST_SLOTS and not occasion) or host.pos_ not in VERBS:
                return []
        else:
            found = grammar.clause_governor(token)
            if found is None or found.pos_ not in VERBS:
                return []
            host = found
        if verb_key(host, grammar, lexicon) in lexicon.opaque_hosts:
            return []
        entry = lexicon.verbs.get(verb_key(host, grammar, lexicon))
        control = entry.control if entry is not None and token.pos_ in VERBS else "sb"
        host_slots = grammar.slots(host)
        if grammar.is_passive(host):
            host_slots = _passive(host_slots)
        if host_slots.get(control):
            return host_slots[control]
        positional = _positional_subject(host, grammar) if "sb" not in host_slots and control == "sb" else []
        if positional:
            return positional
        token = host
    return []
