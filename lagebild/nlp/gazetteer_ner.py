"""Gazetteer layer on top of the statistical NER: ``lagebild_ner_gazetteer_v1``.

The shipped NER is trained on little data and misses or mislabels well-known names
("Deutschland" as PER, "Prag" missed).  lagebild already has the lists that know better:
the place gazetteer (countries, regions, cities with German exonyms), the actor knowledge base
(persons, organisations, media) and the country adjectives/demonyms.  This component reads
them once and, after ``ner``:

* **relabels** an entity whose text is exactly a known name of one type (``Deutschland`` → LOC);
* **widens** an entity to a known name that contains it (``Jan Stefan`` → ``Jan Stefan X``);
* **adds** known names the NER missed, when they do not overlap an entity and are not
  ordinary German words (``Essen``, ``Halle``, ``Mark`` stay untouched unless tagged);
* **adds derivations** the way GermEval 2014 counts them (outer level, ``LOCderiv``/``*part``):
  country adjectives and demonyms (``russische``, ``Dänen``), ``-er`` adjectives of cities
  (``Moskauer``) and hyphenated compounds led by a known name (``EU-Gipfel`` → ORG).

Matching is one left-to-right pass with a dictionary keyed by token tuples (longest match
first); the tables are built once per process.  Extra names: ``lagebild/lang/de/ner_gazetteer.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from lagebild.yamlio import safe_load

FACTORY = "lagebild_ner_gazetteer_v1"
LANG_DIR = Path(__file__).resolve().parent.parent / "lang" / "de"
EXTRA_PATH = LANG_DIR / "ner_gazetteer.tsv"
GIVEN_PATH = LANG_DIR / "given_names.txt"
NAMES_PATH = LANG_DIR / "person_names.yaml"  # name particles and titles
PLACE_KINDS = {"country", "region", "city", "continent", "peninsula", "sea", "river", "lake", "strait"}
ACTOR_LABELS = {"person": "PER", "organisation": "ORG", "media": "ORG"}
MIN_CITY_POPULATION = 100_000  # "-er" adjectives only for cities that size


@dataclass(frozen=True)
class Tables:
    names: dict[tuple[str, ...], str]  # token tuple -> label (one label only; clashes dropped)
    derived: dict[str, str]  # single-token derivations -> label
    heads: frozenset[str]  # first tokens of names (fast skip)
    max_len: int
    ambiguous: frozenset[str]  # place names that are also ordinary words ("Essen", "Halle")
    given: frozenset[str] = frozenset()  # given names: "Birgit X" is a person
    particles: frozenset[str] = frozenset()  # "von", "de" inside a person's name
    roles: tuple[str, ...] = ()  # role nouns, lower case: "Politiker X" is a person
    role_endings: tuple[str, ...] = ()  # their inflections: "Kollegen X"

    def common(self, word: str) -> bool:
        """A place name that is also an ordinary word or given name (``places/data/ambiguous.txt``:
        "Essen", "Halle"): relabelled when the model tags it, never added."""
        return word in self.ambiguous


def _split(name: str) -> tuple[str, ...]:
    """A name as spaCy's German tokenizer splits it, approximately (spaces, final punctuation)."""
    words: list[str] = []
    for word in name.split():
        if len(word) > 1 and word[-1] in ".,;:" and not word[:-1].isupper():
            words.extend([word[:-1], word[-1]])
        else:
            words.append(word)
    return tuple(words)


def _add(
    table: dict[tuple[str, ...], str], clashes: set[tuple[str, ...]], key: tuple[str, ...], label: str
) -> None:
    if not key or key in clashes:
        return
    old = table.get(key)
    if old is None:
        table[key] = label
    elif old != label:
        del table[key]
        clashes.add(key)


def _place_names() -> Iterator[tuple[str, str, int, str | None]]:
    """(name, kind, population, country) for every strong gazetteer name."""
    from lagebild.places.gazetteer import STRONG, get_gazetteer

    gazetteer = get_gazetteer()
    for surface, entries in gazetteer.index.items():
        for number, strength, _valid, _genitive in entries:
            if strength == STRONG:
                place = gazetteer.places[number]
                yield surface, place.kind, place.population, place.country


def _city_adjective(name: str) -> str | None:
    """``Moskau`` → ``Moskauer``, ``Bremen`` → ``Bremer``; None for names that inflect otherwise."""
    if (
        " " in name
        or "-" in name
        or not name[-1:].isalpha()
        or name.endswith(("e", "a", "i", "o", "y", "er"))
    ):
        return None
    return name[:-2] + "er" if name.endswith("en") else name + "er"


def _lines(path: Path) -> Iterator[str]:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                yield line


def _read_extra(path: Path) -> Iterator[tuple[str, str]]:
    for line in _lines(path):
        name, _, label = line.partition("\t")
        if label.strip():
            yield name.strip(), label.strip()


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The name tables, built once per process (and cached on disk between processes)."""
    from lagebild import diskcache
    from lagebild.actors.kb import DATA_DIR, source_files
    from lagebild.places.gazetteer import AMBIGUOUS_PATH, GAZETTEER_PATH
    from lagebild.quotes.lexicon import DATA_DIR as QUOTE_DATA

    sources = [
        QUOTE_DATA / "role_gender.tsv",
        EXTRA_PATH,
        GIVEN_PATH,
        NAMES_PATH,
        GAZETTEER_PATH,
        AMBIGUOUS_PATH,
        *source_files(DATA_DIR, ()),
    ]
    here = Path(__file__).resolve()
    code = [here, here.parents[1] / "actors" / "kb.py", here.parents[1] / "places" / "gazetteer.py"]
    return diskcache.cached(
        "ner-tables", Tables, build_tables, sources=sources, stamp=diskcache.code_stamp(*code)
    )


def build_tables() -> Tables:
    """Build the name tables from the place gazetteer, the actor KB and the extra list."""
    from lagebild.actors.kb import ADJ_ENDINGS, DATA_DIR, demonym_forms, load_kb, read_adjectives
    from lagebild.places.gazetteer import get_gazetteer
    from lagebild.quotes.lexicon import role_genders

    names: dict[tuple[str, ...], str] = {}
    clashes: set[tuple[str, ...]] = set()
    derived: dict[str, str] = {}
    for surface, kind, population, _country in _place_names():
        if kind in PLACE_KINDS:
            _add(names, clashes, _split(surface), "LOC")
            if kind == "city" and population >= MIN_CITY_POPULATION:
                adjective = _city_adjective(surface)
                if adjective:
                    derived.setdefault(adjective, "LOC")
    for actor in load_kb():
        label = ACTOR_LABELS.get(actor.type or "")
        if label is None:
            continue
        for name in actor.all_names():
            if name in actor.ambiguous:  # "Welt", "Spiegel": names only next to a media cue
                continue
            key = _split(name)
            # persons: full names only (a bare surname is left to the model and the actors layer)
            if label == "PER" and len(key) < 2:
                continue
            if len(name) >= 2:
                _add(names, clashes, key, label)
    for stems, demonyms in read_adjectives(DATA_DIR / "country_adjectives.tsv").values():
        for stem in stems:
            for ending in ADJ_ENDINGS:
                form = stem.lower() + ending
                derived.setdefault(form, "LOC")
                derived.setdefault(form[:1].upper() + form[1:], "LOC")
        for base in demonyms:
            for form in demonym_forms(base):
                derived.setdefault(form, "LOC")
    given = {line.strip() for line in _lines(GIVEN_PATH)}
    for actor in load_kb():
        if actor.type == "person":
            for name in actor.all_names():
                first = name.split()[0] if " " in name else ""
                if len(first) >= 3 and first.isalpha() and first[:1].isupper() and not first.isupper():
                    given.add(first)
    names_data = safe_load(NAMES_PATH.read_text(encoding="utf-8")) if NAMES_PATH.exists() else {}
    given -= set(names_data.get("titles") or [])
    for name, label in _read_extra(EXTRA_PATH):
        if name.startswith("~"):  # an adjective stem: all endings, lower and upper case
            for ending in ADJ_ENDINGS:
                form = name[1:] + ending
                derived.setdefault(form, label)
                derived.setdefault(form[:1].upper() + form[1:], label)
        else:
            _add(names, clashes, _split(name), label)
    roles = {str(word).lower() for word in names_data.get("roles") or []}
    roles |= set(role_genders())
    return Tables(
        names=names,
        derived=derived,
        heads=frozenset(key[0] for key in names),
        max_len=max((len(key) for key in names), default=1),
        ambiguous=frozenset(get_gazetteer().ambiguous),
        given=frozenset(name for name in given if (name,) not in names or names[(name,)] == "PER"),
        particles=frozenset(names_data.get("particles") or []),
        roles=tuple(sorted(roles, key=lambda word: (-len(word), word))),
        role_endings=tuple(str(ending) for ending in names_data.get("role_endings") or []),
    )


def _surname_like(word: str) -> bool:
    core = word.replace("-", "").replace("'", "")
    return len(core) >= 2 and core.isalpha() and word[:1].isupper() and not word.isupper()


def person_end(words: list[str], i: int, table: Tables) -> int | None:
    """End of a person's name starting with a given name at ``i`` ("Jan Peter von Alm"), if any:
    given names, then optional particles, then a capitalised surname."""
    j = i
    while j < len(words) and words[j] in table.given:
        j += 1
    k = j
    while k < len(words) and words[k] in table.particles:
        k += 1
    if k < len(words) and _surname_like(words[k]) and words[k] not in table.derived:
        return k + 1
    return j if j - i >= 2 else None


def role_noun(word: str, table: Tables) -> bool:
    """``Politiker``, ``CSU-Politiker``, ``Familienministerin``, ``Kollegen``: a role noun, alone,
    inflected or as the last part of a compound (the part must be at least four letters)."""
    if not word[:1].isupper() or not table.roles:
        return False
    lower = word.lower().rsplit("-", 1)[-1]
    for ending in ("", *table.role_endings):
        if not lower.endswith(ending):
            continue
        stem = lower[: len(lower) - len(ending)]
        if stem.endswith(table.roles) and any(  # endswith(tuple): a fast first test
            stem == role or (len(role) >= 4 and stem.endswith(role)) for role in table.roles
        ):
            return True
    return False


def name_after_role(doc: Doc, words: list[str], i: int, table: Tables) -> int | None:
    """End of a name right after a role noun: one to three name-like words that no list knows as
    something else (``Politiker Huber``, ``Botschafter Imad Moustapha``); None if there is none.
    A word the dictionary knows (``Braun``, ``Recht``) counts only when the tagger calls it a
    proper noun."""
    from lagebild.actors.matcher import is_common_word

    j = i
    while j < len(words) and j - i < 3:
        word = words[j]
        known = table.names.get((word,))
        if not _surname_like(word) or word in table.derived or (known is not None and known != "PER"):
            break
        proper = doc[j].pos_ == "PROPN" or doc[j].tag_ == "NE"
        if not proper and word not in table.given and is_common_word(word):
            break
        j += 1
    return j if j > i else None


def find(doc: Doc, table: Tables) -> list[Span]:
    """Known names, derivations and given-name patterns in ``doc``, longest match first, no
    overlaps.  Spans found by the given-name pattern or after a role noun are marked with
    ``kb_id_ = "pattern"`` (where the model gave the same span another type, the model wins:
    ``Mobilfunkbetreiber E-Plus``)."""
    found: list[Span] = []
    words = [token.text for token in doc]
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        hit = None
        if word in table.heads:
            for length in range(min(table.max_len, n - i), 0, -1):
                label = table.names.get(tuple(words[i : i + length]))
                if label is not None:
                    hit = Span(doc, i, i + length, label=label)
                    break
        if hit is None and word in table.given:
            end = person_end(words, i, table)
            if end is not None:
                hit = Span(doc, i, end, label="PER", kb_id="pattern")
        if hit is None and i + 1 < n and role_noun(word, table):
            end = name_after_role(doc, words, i + 1, table)
            if end is not None:
                found.append(Span(doc, i + 1, end, label="PER", kb_id="pattern"))
                i = end
                continue
        if hit is None:
            label = table.derived.get(word) or _compound_label(word, table)
            if label is not None:
                hit = Span(doc, i, i + 1, label=label)
        if hit is not None:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found


def _compound_label(word: str, table: Tables) -> str | None:
    """``EU-Gipfel`` → ORG, ``Russland-Politik`` → LOC: a hyphenated word led by a known name."""
    head, dash, rest = word.partition("-")
    if not dash or not rest[:1].isalpha() or head in table.ambiguous:
        return None
    return table.names.get((head,))


# word classes no name consists of alone: an entity made only of them is NER noise
# ("Unterdessen" tagged PER at the start of a sentence)
FUNCTION_POS = frozenset({"ADV", "ADP", "AUX", "CCONJ", "DET", "PART", "PRON", "PUNCT", "SCONJ", "VERB"})


def _function_words_only(ent: Span) -> bool:
    return all(token.pos_ in FUNCTION_POS for token in ent)


def merge(doc: Doc, matches: Iterable[Span], table: Tables) -> list[Span]:
    """The model's entities corrected and completed by ``matches``; entities made only of
    function words (by the tagger's POS) are dropped unless a list knows them."""
    matches = list(matches)
    known = {(match.start, match.end) for match in matches}
    ents = [ent for ent in doc.ents if (ent.start, ent.end) in known or not _function_words_only(ent)]
    by_range = {(ent.start, ent.end): ent for ent in ents}
    result = {(ent.start, ent.end): ent for ent in ents}
    for match in matches:
        key = (match.start, match.end)
        single = match.end - match.start == 1
        pattern = match.kb_id_ == "pattern"
        if pattern:
            match = Span(doc, match.start, match.end, label=match.label_)
        if key in by_range:  # same span: the list knows the type (a name pattern does not)
            if (
                by_range[key].label_ != match.label_
                and not pattern
                and not (single and match.text in table.ambiguous)
            ):
                result[key] = match
            continue
        overlapping = [ent for ent in ents if ent.start < match.end and match.start < ent.end]
        if not overlapping:
            if (
                single
                and match.text[:1].isupper()
                and (match.text,) in table.names
                and table.common(match.text)
            ):
                continue
            result[key] = match
        elif all(match.start <= ent.start and ent.end <= match.end for ent in overlapping) and not single:
            for ent in overlapping:  # a known longer name swallows the model's fragments
                result.pop((ent.start, ent.end), None)
            result[key] = match
    return filter_spans(result.values())


class NerGazetteer:
    """The spaCy component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        table = tables()
        doc.set_ents(merge(doc, find(doc, table), table))
        return doc


@Language.factory(FACTORY)
def make_ner_gazetteer(nlp: Language, name: str) -> NerGazetteer:
    return NerGazetteer(nlp, name)
