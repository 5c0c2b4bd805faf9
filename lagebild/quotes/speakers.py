"""Speaker mentions: find them in a frame, give them actor ids, resolve pronouns."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .lexicon import cue_words, given_names, role_genders
from .units import (
    CACHE_KEY,
    COORD,
    DETERMINERS,
    NON_NP,
    PERSONAL,
    doc_ents,
    has_dep,
    is_name,
    is_np_token,
    trim,
)

SUBJECT_DEPS = frozenset({"sb", "sbp", "nsubj", "nsubj:pass"})
CUT_DEPS = frozenset({"rc", "par", "cj", "cd", "punct", "oc", "acl", "mo", "mnr", "pg", "nk_rc"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_UMLAUTS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def np_run(doc: Doc, i: int, *, start: int, end: int, step: int) -> Span | None:
    """The noun-phrase-like run of tokens from ``i`` in direction ``step`` within ``[start, end)``."""
    j = i
    while start <= j + step < end and _continues(doc, j, j + step, step):
        j += step
    if not (start <= i < end) or not is_np_token(doc[i]):
        return None
    low, high = (i, j) if step > 0 else (j, i)
    return trim(doc, low, high + 1)


def _continues(doc: Doc, j: int, nxt: int, step: int) -> bool:
    token, other = doc[j], doc[nxt]
    if token.lower_ in PERSONAL or (step < 0 and other.lower_ in PERSONAL):
        return False
    if other.lower_ in COORD or token.lower_ in COORD:
        return (other.lower_ in COORD and _name_beyond(doc, nxt, step)) or is_np_token(other)
    if not is_np_token(other):
        return False
    return not _starts_new_np(token, other) if step > 0 else not _starts_new_np(other, token)


def _name_beyond(doc: Doc, i: int, step: int) -> bool:
    k = i + step
    return 0 <= k < len(doc) and is_np_token(doc[k])


def _starts_new_np(left: Token, right: Token) -> bool:
    """``right`` opens a new noun phrase (a dative after a subject) rather than a genitive."""
    if right.lower_ not in DETERMINERS or left.lower_ in DETERMINERS:
        return False
    if right.morph.get("Case"):
        return "Gen" not in right.morph.get("Case")
    return right.lower_ not in ("des", "der") or left.pos_ == "PROPN"


def parse_subject(doc: Doc, verb: Token, *, start: int, end: int) -> Span | None:
    """The subject of ``verb`` (or of its auxiliary) from the dependency parse, clipped to the frame."""
    if not has_dep(doc):
        return None
    heads = [verb] + ([verb.head] if verb.head.pos_ == "AUX" or verb.dep_ in ("oc", "xcomp") else [])
    candidates: list[Span] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and start <= child.i < end:
                span = subtree_span(doc, child, start=start, end=end)
                if span is not None and plausible(span):
                    candidates.append(span)
    pronoun = _pronoun_after_verb(doc, verb, start=start, end=end)
    if pronoun is not None and not any(is_pronoun(span) for span in candidates):
        candidates.append(pronoun)
    finite = _finite_of(verb)
    ranked = [(speaker_score(span), agrees(span, finite), -n, span) for n, span in enumerate(candidates)]
    ranked = [item for item in ranked if item[0] >= 0]
    if any(item[1] for item in ranked):  # of several candidates, one that agrees in number
        ranked = [item for item in ranked if item[1]]
    return max(ranked, key=lambda item: (item[0], item[2]))[3] if ranked else None


def _finite_of(verb: Token) -> Token | None:
    """The finite verb of ``verb``'s clause: itself, its auxiliary, or the verb it depends on."""
    for token in (verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop")), verb.head):
        if token.tag_.endswith("FIN"):
            return token
    return None


def agrees(span: Span, finite: Token | None) -> bool:
    """The subject candidate agrees in number with the finite verb (``Die Pläne nannte der
    Minister …``: the plural phrase cannot be the subject of ``nannte``).  Unknown number,
    and coordinated phrases (plural whatever their parts), count as agreeing."""
    if finite is None:
        return True
    verb_number = finite.morph.get("Number", [])
    head = span.root
    if any(child.dep_ == "conj" and span.start <= child.i < span.end for child in head.children):
        noun_number = ["Plur"]
    else:
        noun_number = head.morph.get("Number", [])
    return not verb_number or not noun_number or bool(set(verb_number) & set(noun_number))


NOMINATIVE_PRONOUNS = frozenset(["er", "ich", "wir"])


def _pronoun_after_verb(doc: Doc, verb: Token, *, start: int, end: int) -> Span | None:
    """``Den Plan kritisierte er``: ``er``/``ich``/``wir`` right after the finite verb is the subject."""
    finite = _finite_before(doc, verb, start)
    nxt = finite + 1
    if start < finite and nxt < end and doc[nxt].lower_ in NOMINATIVE_PRONOUNS:
        return doc[nxt : nxt + 1]
    return None


def speaker_score(span: Span) -> int:
    """How well a subject candidate fits a speaker; below zero: an adverbial or an object.

    The parser often labels both the fronted phrase and the phrase after the verb as subject
    (``Vorbehalte äußerte die Ministerin``); a nominative pronoun or a person beats a bare noun,
    a phrase opened by a preposition (``Um zehn Uhr``, ``Als Begründung``) or by an oblique
    determiner (``Des Weiteren``, ``Den Entwurf``) is no subject at all.
    """
    words = cue_words()
    # a leading conjunction is not part of the phrase (``Und auf die Frage, …``)
    first = next((token for token in span if token.pos_ != "CCONJ"), span[0])
    if first.pos_ == "ADP" or first.lower_ in words.get("prepositions", []):
        return -1
    if first.lower_ in words.get("oblique_openers", []) and len(span) > 1:
        return -1
    nouns = [token for token in span if token.pos_ == "NOUN"]
    if len(span) == 1 and (first.tag_ in ("ADV", "ADJD") or first.lower_ in words.get("adverbs", [])):
        return -1
    if (
        nouns
        and nouns[-1].lower_ in words.get("non_speaker_nouns", [])
        and not any(token.pos_ == "PROPN" for token in span)
    ):
        return -1
    if len(span) == 1 and first.lower_ in NOMINATIVE_PRONOUNS:
        return 3
    labels = {token.ent_type_ for token in span}
    if labels & {"PER", "PERSON"}:
        return 2
    if labels & {"ORG", "GPE", "LOC", "MISC"} or any(token.pos_ == "PROPN" for token in span):
        return 1
    return 0


def speaking_noun(token: Token) -> bool:
    """A noun for persons, groups or institutions (``Sprecherin``, ``Polizei``, ``Innenminister``)."""
    head = token.lower_.rsplit("-", 1)[-1]
    morphology = _morphology()
    if head.endswith(morphology["person_endings"]):
        return True
    words = _speaker_nouns()
    stems = {head} | {head.removesuffix(end) for end in morphology["noun_inflections"] if head.endswith(end)}
    return any(stem[k:] in words for stem in stems for k in range(0, max(1, len(stem) - 2)))


@functools.lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    return frozenset(cue_words().get("speaker_nouns") or []) | frozenset(role_genders())


@functools.lru_cache(maxsize=1)
def _morphology() -> dict[str, tuple[str, ...]]:
    """Quantifiers and noun endings from ``cues.yaml`` (order kept: longest endings first)."""
    data = cue_words()
    keys = ("quantifiers", "person_endings", "noun_inflections", "role_endings")
    return {key: tuple(str(word) for word in data.get(key) or ()) for key in keys}


def animate(span: Span) -> bool:
    """Could this phrase speak: a name, a pronoun, or a noun for persons, groups or institutions?"""
    if is_pronoun(span) or speaker_score(span) >= 1:
        return True
    nouns = [
        token
        for token in span
        if token.pos_ == "NOUN"
        or (
            not token.pos_
            and token.text[:1].isupper()
            and token.lower_ not in DETERMINERS
            and token.lower_ not in _morphology()["quantifiers"]
        )
    ]
    if not nouns:
        return False
    return speaking_noun(nouns[0])


def unit_subject(doc: Doc, start: int, end: int) -> Span | None:
    """The nominal subject of the main verb of a sentence unit (a name or noun, no pronoun ``es``)."""
    if not has_dep(doc):
        return None
    roots = [t for t in doc[start:end] if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")]
    if not roots:
        return None
    span = parse_subject(doc, roots[0], start=start, end=end)
    if span is None or not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return None
    return span


# function words that cannot end a speaker phrase once their head is cut off
DANGLING = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART"})


def subtree_span(doc: Doc, token: Token, *, start: int, end: int) -> Span | None:
    """The phrase headed by ``token`` without relative clauses, clipped to ``[start, end)``."""
    cut = {t.i for child in token.children if _cut_child(child) for t in child.subtree}
    kept = {t.i for t in token.subtree if t.i not in cut and start <= t.i < end}
    low = high = token.i
    while low - 1 in kept:
        low -= 1
    while high + 1 in kept:
        high += 1
    # a function word whose head the clipping cut off (``der Minister als [„Knaller“]``) dangles
    while high > token.i and doc[high].pos_ in DANGLING and not low <= doc[high].head.i <= high:
        high -= 1
    return trim(doc, low, high + 1)


def _cut_child(child: Token) -> bool:
    """Not part of a speaker phrase: relative clauses, adverbs, ``laut X`` (``Peskow laut TASS``)."""
    if child.dep_ in ("rc", "par", "acl:relcl", "advmod") or child.tag_ in ("ADV", "ADJD"):
        return True
    before = cue_words()["attribution"]["before"]
    return any(grand.dep_ == "case" and grand.lower_ in before for grand in child.children)


SPEAKER_PRONOUNS = frozenset(["er", "sie", "ich", "wir", "man"])


def plausible(span: Span | None) -> bool:
    """Could this phrase name a speaker (a noun, a name or a personal pronoun)?"""
    if span is None:
        return False
    for token in span:
        if token.lower_ in SPEAKER_PRONOUNS:
            return True
        nominal = token.pos_ in ("NOUN", "PROPN") or (not token.pos_ and token.text[:1].isupper())
        if nominal and (token.is_alpha or "-" in token.text) and token.lower_ not in NON_NP | DETERMINERS:
            return True
    return False


AUXILIARIES = frozenset(
    [
        "hat",
        "hatte",
        "habe",
        "haben",
        "hatten",
        "hätte",
        "hätten",
        "ist",
        "war",
        "sei",
        "seien",
        "sind",
        "waren",
        "wird",
        "wurde",
        "werde",
        "würde",
        "wurden",
        "werden",
        "will",
        "wollte",
        "soll",
        "sollte",
        "muss",
        "musste",
        "kann",
        "konnte",
        "könne",
        "müsse",
        "wolle",
    ]
)
VERB_FINAL_OPENERS = frozenset(
    ["wie", "dass", "daß", "ob", "als", "nachdem", "weil", "obwohl", "während", "wenn"]
)


def _finite_before(doc: Doc, cue: Token, start: int) -> int:
    """The finite verb of the cue's clause: the cue itself, or the auxiliary before a participle."""
    if cue.tag_.endswith("FIN") or (
        not cue.tag_ and cue.lower_ not in AUXILIARIES and not cue.lower_.startswith("ge")
    ):
        return cue.i
    for i in range(start, cue.i):
        token = doc[i]
        if (token.tag_.endswith("FIN") and token.pos_ in ("AUX", "VERB")) or (
            not token.tag_ and token.lower_ in AUXILIARIES
        ):
            return i
    return cue.i


def subject_by_position(doc: Doc, cue: Token, *, start: int, end: int, skip: set[int]) -> Span | None:
    """German word order: the Vorfeld noun phrase before the finite verb, else the one right after it."""
    verb = _finite_before(doc, cue, start)
    first = start
    while first < verb and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if first < verb and doc[first].lower_ in VERB_FINAL_OPENERS:
        run = _chunk_after(doc, first, end=cue.i, skip=skip)
        return run if plausible(run) else None
    if (
        first < verb
        and is_np_token(doc[first])
        and doc[first].lower_ not in cue_words().get("prepositions", [])
    ):
        run = np_run(doc, first, start=first, end=verb, step=1)
        if plausible(run) and not _object_case(run) and speaker_score(run) >= 0:  # type: ignore[arg-type]
            return _with_apposition(doc, run, verb)  # type: ignore[arg-type]
    run = _chunk_after(doc, verb, end=end, skip=skip)
    return run if plausible(run) and speaker_score(run) >= 0 else None  # type: ignore[arg-type]


def inverted_subject(doc: Doc, cue: Token, *, start: int, end: int, skip: set[int]) -> Span | None:
    """The noun phrase right after the finite verb of the cue's clause (``… äußerte die Ministerin``)."""
    verb = _finite_before(doc, cue, start)
    run = _chunk_after(doc, verb, end=end, skip=skip)
    return run if plausible(run) and speaker_score(run) >= 0 else None  # type: ignore[arg-type]


def _object_case(span: Span) -> bool:
    cases = {case for token in span for case in token.morph.get("Case")}
    return bool(cases) and "Nom" not in cases


def _with_apposition(doc: Doc, span: Span, verb: int) -> Span:
    """``Ein Sprecher der Polizei, Lars Beringer, sagte``: keep the apposition up to the verb."""
    if span.end < verb and doc[span.end].text == "," and doc[verb - 1].text == "," and verb - span.end <= 8:
        return doc[span.start : verb - 1]
    return span


def chunk_near(doc: Doc, cue: Token, *, start: int, end: int, skip: Iterable[int] = ()) -> Span | None:
    """Surface fallback: the noun phrase next to the cue (before it in V2, after it when inverted)."""
    skip = set(skip)
    before = _chunk_before(doc, cue.i, start=start, skip=skip)
    inverted = cue.i == start or doc[cue.i - 1].is_punct or not is_np_token(doc[cue.i - 1])
    after = _chunk_after(doc, cue.i, end=end, skip=skip)
    order = [after, before] if inverted or before is None else [before, after]
    return next((span for span in order if plausible(span) and speaker_score(span) >= 0), None)  # type: ignore[arg-type]


def _in_pp(span: Span) -> bool:
    """The phrase is the object of a preposition (``am Freitag``, ``nach der Sitzung``)."""
    prepositions = cue_words().get("prepositions", [])
    first = span[0]
    before = span.doc[first.i - 1] if first.i > 0 else None
    return first.lower_ in prepositions or (before is not None and before.lower_ in prepositions)


def _chunk_before(doc: Doc, i: int, *, start: int, skip: set[int]) -> Span | None:
    j = i - 1
    while j >= start:
        while j >= start and (j in skip or not is_np_token(doc[j])):
            j -= 1
        if j < start:
            return None
        run = np_run(doc, j, start=start, end=i, step=-1)
        if run is not None and not _in_pp(run):
            return run
        j = (run.start if run is not None else j) - 1
    return None


def _chunk_after(doc: Doc, i: int, *, end: int, skip: set[int]) -> Span | None:
    j = i + 1
    while j < end and j - i <= 8:
        if j in skip or not is_np_token(doc[j]):
            j += 1
            continue
        run = np_run(doc, j, start=i + 1, end=end, step=1)
        if run is not None and not _in_pp(run):
            return run
        j = run.end if run is not None else j + 1
    return None


def is_pronoun(span: Span) -> bool:
    return len(span) == 1 and span[0].lower_ in PERSONAL


def is_description(span: Span) -> bool:
    """A definite description without a name (``der Präsident``, ``die Sprecherin``)."""
    return (
        len(span) == 2
        and span[0].lower_ in ("der", "die", "das")
        and not is_name(span[1])
        and span[1].text[:1].isupper()
    )


def gender(span: Span) -> str | None:
    """``Masc``/``Fem``/``Plur`` of a speaker phrase, else None (unknown).

    In this order: the pronoun itself; plural morphology; a given name (``Angela``); a role noun
    (``Ministerin``, ``Sprecher``; also as the end of a compound); the gender of the head noun;
    the article (``der``/``die``);
    a surname whose full name with a given name came earlier; the morphology of the phrase.
    """
    head = span[-1] if not is_pronoun(span) else span[0]
    if head.lower_ == "er":
        return "Masc"
    if head.lower_ == "sie":
        number = head.morph.get("Number") or head.head.morph.get("Number")
        return "Plur" if "Plur" in number else "Fem" if "Sing" in number else "Fem|Plur"
    nouns = [t for t in span if t.pos_ == "NOUN" or (not t.pos_ and t.text[:1].isupper())]
    if nouns and nouns[0].morph.get("Number", []) == ["Plur"]:
        return "Plur"
    head_gender = nouns[0].morph.get("Gender", []) if nouns and nouns[0].pos_ == "NOUN" else []
    found = (
        _given_name_gender(span)
        or _role_gender(nouns)
        or (head_gender[0] if len(head_gender) == 1 else None)  # ``der Zeitung``: the noun's own
        or _article_gender(span)
    )
    if found is None and is_name(span[-1]):
        found = surname_genders(span.doc).get(span[-1].lower_)
    return found or _morph_gender(span)


def _given_name_gender(span: Span) -> str | None:
    """The gender of the first given name in the phrase that stands before another name."""
    names = given_names()
    for token in span[:-1] if len(span) > 1 else span:
        if not token.text[:1].isupper():
            continue
        found = names.get(token.lower_) or names.get(token.lower_.split("-", 1)[0])
        if found and (len(span) == 1 or is_name(token.nbor(1)) or token.nbor(1).text[:1].isupper()):
            return found
    return None


def _role_gender(nouns: list[Token]) -> str | None:
    """The gender of the first role noun (``Sprecher der Polizei``: ``Sprecher``, not ``Polizei``)."""
    roles = role_genders()
    for token in nouns:
        if token.pos_ == "PROPN":
            continue
        word = token.lower_.rsplit("-", 1)[-1]
        stems = [word] + [
            word.removesuffix(end) for end in _morphology()["role_endings"] if word.endswith(end)
        ]
        for stem in stems:
            for k in range(0, max(1, len(stem) - 2)):
                found = roles.get(stem[k:])
                if found is not None and (found == "Masc" or stem == word):
                    return found
    return None


def _article_gender(span: Span) -> str | None:
    """``der …``/``ein …`` is masculine, ``die …``/``eine …`` feminine (a subject: nominative)."""
    first = span[0].lower_
    if len(span) < 2:
        return None
    if first in ("der", "ein", "dieser"):
        return "Masc"
    if first in ("die", "eine", "diese") and "Plur" not in span[-1].morph.get("Number", []):
        return "Fem"
    return None


def surname_genders(doc: Doc) -> dict[str, str]:
    """Surname (lower case) -> gender, from person names with a known given name in ``doc``."""
    cache = doc.user_data.get(CACHE_KEY)
    if cache is not None and "surnames" in cache:
        return cache["surnames"]
    table: dict[str, str] = {}
    clashes: set[str] = set()
    names = given_names()
    for ent in doc_ents(doc):
        if len(ent) < 2 or ent.label_ not in ("PER", "PERSON"):
            continue
        found = names.get(ent[0].lower_) or names.get(ent[0].lower_.split("-", 1)[0])
        last = ent[-1].lower_
        if found and table.get(last, found) != found:
            clashes.add(last)
        elif found:
            table[last] = found
    table = {key: value for key, value in table.items() if key not in clashes}
    if cache is not None:
        cache["surnames"] = table
    return table


def _morph_gender(span: Span) -> str | None:
    for token in reversed(span):
        if token.morph.get("Number") == ["Plur"]:
            return "Plur"
        values = token.morph.get("Gender")
        if values:
            return values[0]
        role = token.pos_ == "NOUN" or (not token.pos_ and token.i < span.end - 1)
        if role and token.lower_.endswith("in") and len(token) > 5:
            return "Fem"
    return None


def compatible(wanted: str | None, have: str | None) -> bool:
    if wanted is None or have is None:
        return True
    return bool(set(wanted.split("|")) & set(have.split("|")))


def name_part(span: Span) -> Span:
    """The name inside a speaker phrase (``Kreml-Sprecher Dmitri Peskow`` -> ``Dmitri Peskow``)."""
    names = [t for t in span if is_name(t) and t.lower_ not in DETERMINERS]
    if span.doc.has_annotation("ENT_IOB"):
        ents = [ent for ent in doc_ents(span.doc) if span.start <= ent.start and ent.end <= span.end]
        if ents:
            return ents[-1]
    if names and (span[0].pos_ or len(names) < len(span)):
        last = names[-1].i
        first = last
        while first - 1 >= span.start and span.doc[first - 1] in names:
            first -= 1
        return span.doc[first : last + 1]
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in DETERMINERS:
        start += 1
    return span.doc[start : span.end]


def actor_id(doc: Doc, span: Span) -> str:
    """Actor id from the actors component if present, else ``local:<slug>`` of the name."""
    found = _known_actor(doc, span)
    return found if found else "local:" + (slugify(name_part(span).text) or "unknown")


def _known_actor(doc: Doc, span: Span) -> str | None:
    own = getattr(getattr(span, "_", None), "actor_id", None) if Span.has_extension("actor_id") else None
    if own:
        return own
    mentions = getattr(doc._, "actor_mentions", None) if Doc.has_extension("actor_mentions") else None
    for mention in mentions or []:
        overlaps = isinstance(mention, Span) and mention.start < span.end and span.start < mention.end
        if overlaps and Span.has_extension("actor_id") and mention._.actor_id:
            return mention._.actor_id
    return _actor_at(doc, span)


def _actor_at(doc: Doc, span: Span) -> str | None:
    try:
        from .. import actors
    except ImportError:
        return None
    lookup = getattr(actors, "actor_at", None)
    if lookup is None:
        return None
    for token in reversed(span):
        try:
            found = lookup(doc, token.i)
        except Exception:
            return None
        value = _as_id(found)
        if value:
            return value
    return None


def _as_id(found: object) -> str | None:
    if isinstance(found, str):
        return found
    if isinstance(found, dict):
        return found.get("id")
    if isinstance(found, Span) and Span.has_extension("actor_id"):
        return found._.actor_id
    return getattr(found, "id", None)


def relative_antecedent(doc: Doc, pronoun: Token) -> Span | None:
    """``eine Botschaft, welche …``: the noun phrase before the comma of a relative clause."""
    j = pronoun.i - 1
    if j < 1 or doc[j].text != ",":
        return None
    head = doc[j - 1]
    start = head.i
    while start > 0 and doc[start - 1].pos_ in ("DET", "ADJ", "PROPN", "NOUN") and head.i - start < 5:
        start -= 1
    return doc[start : head.i + 1] if head.pos_ in ("NOUN", "PROPN") else None
