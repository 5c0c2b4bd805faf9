"""Lexicons of the event coder: predicates, status markers, label sets, CAMEO↔PLOVER table.

All lexical knowledge lives in ``lagebild/events/data``; this module only reads it.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import yamlio
from ..errors import DataError, E
from ..settings import MEMO_SIZE
from .forms import FormIndex, read_strong, verb_forms

DATA_DIR = Path(__file__).resolve().parent / "data"
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
DOMAIN_TYPES = ("ACCIDENT", "LEGISLATE")
KINDS = ("verb", "noun", "lvc")
COMPOUND_MIN_PREFIX = 3
_NOUN_MEMO_SIZE = MEMO_SIZE
# plural endings tried on a noun's form, and umlauts undone ("Anschläge" -> "Anschlag")
_PLURAL_ENDINGS = ("en", "n", "e", "s", "er")
_DEUMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})
ROLES = ("source", "target", "content", "none", "yield")
STATUS_GROUPS = ("denied", "negated", "intended", "hypothetical", "alleged")
# the memo key of Lexicon.status_verbs (no status.yaml path starts with a NUL)
_STATUS_VERBS = ("\0", "status_verbs")
_ENTRY_FIELDS = {
    "lemma",
    "kind",
    "with",
    "type",
    "mode",
    "cameo",
    "domain",
    "frame",
    "control",
    "requires",
    "not_with",
    "ex",
}


@dataclass(frozen=True)
class Predicate:
    """One lexicon entry: a German predicate and how it is coded."""

    lemma: str
    kind: str
    type: str
    mode: str | None
    cameo: str | None
    frame: dict[str, str]
    domain: str | None = None
    particle: str | None = None
    with_words: tuple[str, ...] = ()
    control: str = "sb"
    requires: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    example: str = ""

    @property
    def key(self) -> str:
        """The lookup key: the full lemma, lower-cased, particle attached (``aussetzen``)."""
        return self.lemma.replace("|", "").replace(" ", "").lower()

    @property
    def with_noun(self) -> str | None:
        return self.with_words[-1].lower() if self.with_words else None

    @property
    def with_preposition(self) -> str | None:
        return self.with_words[0].lower() if len(self.with_words) > 1 else None


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    plover: str | None
    mode: str | None
    context: str | None
    goldstein: float


@dataclass
class Lexicon:
    """Everything the event coder knows about German, loaded from the data files."""

    verbs: dict[str, Predicate] = field(default_factory=dict)
    nouns: dict[str, Predicate] = field(default_factory=dict)
    lvcs: dict[str, list[Predicate]] = field(default_factory=dict)
    support_verbs: frozenset[str] = frozenset()
    status: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    domains: dict[str, Any] = field(default_factory=dict)
    forms: FormIndex = field(default_factory=FormIndex)
    state_nouns: frozenset[str] = frozenset()
    not_actors: frozenset[str] = frozenset()
    actorless_types: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    things: tuple[str, ...] = ()
    compound_exceptions: tuple[str, ...] = ()
    # "bei einem Treffen mit X": prepositions under which an event noun of ``occasion_types``
    # names an occasion its host verb's subject took part in
    occasion_types: frozenset[str] = frozenset()
    occasion_prepositions: frozenset[str] = frozenset()
    # first-person words that, inside a quotation, stand for its speaker ("wir", "unsere")
    speaker_pronouns: frozenset[str] = frozenset()
    # "sein Land" in reported speech: possessive + one of these nouns is the speaker's country
    speaker_country_nouns: frozenset[str] = frozenset()
    speaker_possessives: frozenset[str] = frozenset()
    # types whose target, when none is named, is the target of their content event noun
    content_target_types: frozenset[str] = frozenset()
    # casualty words and number words (``casualties.yaml``)
    casualties: dict[str, Any] = field(default_factory=dict)
    # verbs whose subject is not the source of the event they govern (fürchten, erwarten)
    opaque_hosts: frozenset[str] = frozenset()
    # memo of words() and status_verbs, valid for the ``status`` mapping in ``_memo_of``
    _memo: dict[tuple[str, ...], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _memo_of: Any = field(default=None, init=False, repr=False, compare=False)
    # memo of noun(), valid for the objects in ``_noun_memo_of``
    _noun_memo: dict[Any, Predicate | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _noun_memo_of: Any = field(default=None, init=False, repr=False, compare=False)

    def word_noun(self, text: str, lemma: str) -> Predicate | None:
        """The entry of a noun in the text: by its lemma, then by its form, then by its form
        without a plural ending (umlauts undone: "Anschläge" -> "Anschlag").  Memoised like
        :meth:`noun`."""
        memo = self._noun_memo_for()
        key = ("\0word", text, lemma)
        if key in memo:
            return memo[key]
        found = memo[key] = self._word_noun(text, lemma)
        return found

    def _word_noun(self, text: str, lemma: str) -> Predicate | None:
        for form in (lemma, text):
            if form and (entry := self.noun(form)) is not None:
                return entry
        for word in dict.fromkeys((text, text.translate(_DEUMLAUT))):
            for ending in _PLURAL_ENDINGS:
                if word.endswith(ending) and len(word) > len(ending) + 3:
                    entry = self.noun(word[: -len(ending)])
                    if entry is not None:
                        return entry
        return None

    def _noun_memo_for(self) -> dict[Any, Predicate | None]:
        memo, of = self._noun_memo, self._noun_memo_of
        if of is None or of[0] is not self.nouns or of[1] is not self.compound_exceptions:
            memo.clear()
            self._noun_memo_of = (self.nouns, self.compound_exceptions)
        elif len(memo) >= _NOUN_MEMO_SIZE:
            memo.clear()
        return memo

    def noun(self, lemma: str) -> Predicate | None:
        """The entry for a noun or for the longest lexicon noun a compound ends in
        (the first part at least three letters; not for compounds of ``compound_exceptions``).

        Answers are memoised per word (at most ``_NOUN_MEMO_SIZE``, then the memo starts
        afresh); the memo is dropped when ``nouns`` or ``compound_exceptions`` is replaced."""
        memo = self._noun_memo_for()
        if lemma in memo:
            return memo[lemma]
        found = memo[lemma] = self._noun(lemma)
        return found

    def _noun(self, lemma: str) -> Predicate | None:
        low = lemma.lower().replace("-", "")
        if low in self.nouns:
            return self.nouns[low]
        for start in range(COMPOUND_MIN_PREFIX, len(low) - 3):
            entry = self.nouns.get(low[start:])
            if entry is not None:
                return None if self._crosses(low, start) else entry
        return None

    def _blocked(self, low: str) -> list[str]:
        return [x for x in self.compound_exceptions if x in low]

    def _crosses(self, low: str, start: int) -> bool:
        """Does an exception word end the first part, end the compound, or run across the seam
        ("Regierungs|kreise" is no "Reise")?"""
        for word in self._blocked(low):
            if low[:start].endswith(word) or low.endswith(word):
                return True
            at = low.find(word)
            while at != -1:
                if at < start < at + len(word):
                    return True
                at = low.find(word, at + 1)
        return False

    def words(self, *path: str) -> frozenset[str]:
        """A list of lower-cased words from ``status.yaml`` (``words("negated", "particles")``).

        Built once per path (the coder asks tens of thousands of times per corpus); the memo
        is dropped when ``status`` is replaced by another mapping."""
        cache = self._status_cache()
        found = cache.get(path)
        if found is None:
            node: Any = self.status
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            found = frozenset(
                str(word).replace("|", "").lower() for word in node or [] if not isinstance(word, list)
            )
            cache[path] = found
        return found

    def _status_cache(self) -> dict[tuple[str, ...], frozenset[str]]:
        if self._memo_of is not self.status:
            self._memo.clear()
            self._memo_of = self.status
        return self._memo

    def known_verb(self, key: str) -> bool:
        """Is ``key`` a verb the event coder cares about (predicate, support verb, status verb)?"""
        return key in self.verbs or key in self.lvcs or key in self.support_verbs or key in self.status_verbs

    @property
    def status_verbs(self) -> frozenset[str]:
        cache = self._status_cache()
        found = cache.get(_STATUS_VERBS)
        if found is None:
            found = frozenset(word for group in STATUS_GROUPS for word in self.words(group, "verbs"))
            cache[_STATUS_VERBS] = found
        return found


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as stream:
            return yamlio.safe_load(stream)
    except (OSError, yaml.YAMLError) as err:
        raise DataError(E.E801.format(path=path, error=err), code="E801") from err


def _entry(raw: dict[str, Any], defaults: dict[str, dict[str, str]], path: Path, index: int) -> Predicate:
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise DataError(E.E302.format(field=sorted(unknown)[0], path=path, record=index), code="E302")
    lemma = str(raw["lemma"])
    kind = raw.get("kind") or ("noun" if lemma[:1].isupper() else "verb")
    etype = str(raw.get("type", ""))
    if kind not in KINDS or etype not in PLOVER_TYPES + DOMAIN_TYPES:
        raise DataError(
            E.E802.format(path=path, record=index, lemma=lemma, value=f"{kind}/{etype}"), code="E802"
        )
    frame = dict(defaults.get(kind, {}))
    frame.update({str(k): str(v) for k, v in (raw.get("frame") or {}).items()})
    if any(role not in ROLES for role in frame.values()):
        raise DataError(E.E802.format(path=path, record=index, lemma=lemma, value=frame), code="E802")
    with_words = raw.get("with") or ()
    if isinstance(with_words, str):
        with_words = (with_words,)
    particle = lemma.split("|")[0].split()[-1].lower() if "|" in lemma else None
    return Predicate(
        lemma=lemma,
        kind=kind,
        type=etype,
        mode=raw.get("mode") or None,
        cameo=str(raw.get("cameo") or "") or None,
        frame=frame,
        domain=raw.get("domain"),
        particle=particle,
        with_words=tuple(str(w) for w in with_words),
        control=str(raw.get("control", "sb")),
        requires=tuple(str(r) for r in raw.get("requires") or ()),
        not_with=tuple(str(w).lower() for w in raw.get("not_with") or ()),
        example=str(raw.get("ex", "")),
    )


def read_cameo(path: Path) -> dict[str, CameoCode]:
    """Read ``cameo_plover.tsv`` (comment lines start with ``#``)."""
    table: dict[str, CameoCode] = {}
    try:
        with path.open(encoding="utf-8") as stream:
            rows = csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t")
            for row in rows:
                table[row["cameo"]] = CameoCode(
                    code=row["cameo"],
                    label=row["label"],
                    plover=_dash(row["plover"]),
                    mode=_dash(row["mode"]),
                    context=_dash(row["context"]),
                    goldstein=float(row["goldstein"]),
                )
    except (OSError, KeyError, ValueError) as err:
        raise DataError(E.E801.format(path=path, error=err), code="E801") from err
    return table


def _dash(value: str | None) -> str | None:
    return None if value in (None, "", "-") else value


def read_predicates(path: Path) -> tuple[list[Predicate], frozenset[str]]:
    """Entries and support verbs of ``predicates.yaml``."""
    return _predicates(_read_yaml(path) or {}, path)


def _predicates(data: dict[str, Any], path: Path) -> tuple[list[Predicate], frozenset[str]]:
    defaults = data.get("frames", {})
    entries = [_entry(raw, defaults, path, index) for index, raw in enumerate(data.get("predicates") or [])]
    support = frozenset(str(v).replace("|", "").lower() for v in data.get("support_verbs") or [])
    return entries, support


def _split(lemma: str) -> tuple[str, str | None]:
    """``an|greifen`` -> (``angreifen``, ``an``)."""
    if "|" not in lemma:
        return lemma.replace(" ", "").lower(), None
    particle, _, rest = lemma.partition("|")
    particle = particle.split()[-1].lower()
    return (particle + rest).replace(" ", "").lower(), particle


def _verb_lemmas(data_dir: Path, lexicon: Lexicon, raw: dict[str, Any] | None = None) -> set[str]:
    if raw is None:
        raw = _read_yaml(data_dir / "predicates.yaml") or {}
    lemmas = {str(e["lemma"]) for e in raw.get("predicates") or [] if not str(e["lemma"])[:1].isupper()}
    lemmas |= {str(v) for v in raw.get("support_verbs") or []}
    for group in STATUS_GROUPS:
        lemmas |= {str(v) for v in (lexicon.status.get(group) or {}).get("verbs") or []}
    return lemmas


def build_forms(data_dir: Path, lexicon: Lexicon, predicates: dict[str, Any] | None = None) -> FormIndex:
    """The surface-form index of every verb the lexicons name (``predicates``: the already
    parsed ``predicates.yaml``, else it is read)."""
    strong = read_strong(data_dir / "strong_verbs.tsv")
    index = FormIndex()
    for lemma in _verb_lemmas(data_dir, lexicon, predicates):
        key, particle = _split(lemma)
        for form, entry in verb_forms(key, particle, strong):
            index.add(form, entry)
    return index


@functools.lru_cache(maxsize=4)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Load (once per folder and process; cached on disk between processes) the event lexicons
    from ``data_dir``."""
    from .. import diskcache

    sources = sorted(path for path in data_dir.iterdir() if path.suffix in (".yaml", ".tsv"))
    return diskcache.cached(
        "event-lexicon",
        Lexicon,
        lambda: build_lexicon(data_dir),
        sources=sources,
        stamp=diskcache.code_stamp(Path(__file__), Path(__file__).with_name("forms.py")),
    )


def build_lexicon(data_dir: Path) -> Lexicon:
    """The event lexicons read and indexed from the files in ``data_dir``."""
    raw = _read_yaml(data_dir / "predicates.yaml") or {}
    entries, support = _predicates(raw, data_dir / "predicates.yaml")
    lexicon = Lexicon(support_verbs=support)
    for entry in entries:
        if entry.kind == "lvc":
            lexicon.lvcs.setdefault(entry.key, []).append(entry)
        elif entry.kind == "noun":
            lexicon.nouns.setdefault(entry.key, entry)
        else:
            lexicon.verbs.setdefault(entry.key, entry)
    lexicon.status = _read_yaml(data_dir / "status.yaml") or {}
    lexicon.labels = _read_yaml(data_dir / "labels.yaml") or {}
    lexicon.domains = _read_yaml(data_dir / "domains.yaml") or {}
    lexicon.cameo = read_cameo(data_dir / "cameo_plover.tsv")
    casualties = data_dir / "casualties.yaml"
    lexicon.casualties = (_read_yaml(casualties) or {}) if casualties.exists() else {}
    lexicon.forms = build_forms(data_dir, lexicon, raw)
    lexicon.actorless_types = frozenset(str(t) for t in raw.get("actorless_types") or ())
    lexicon.compound_exceptions = tuple(str(w).lower() for w in raw.get("compound_exceptions") or ())
    lexicon.opaque_hosts = frozenset(str(w).replace("|", "").lower() for w in raw.get("opaque_hosts") or ())
    lexicon.content_target_types = frozenset(str(t) for t in raw.get("content_target_types") or ())
    occasions = raw.get("occasions") or {}
    lexicon.occasion_types = frozenset(str(t) for t in occasions.get("types") or ())
    lexicon.occasion_prepositions = frozenset(str(w).lower() for w in occasions.get("prepositions") or ())
    actors = _read_yaml(data_dir / "actors.yaml") or {}
    lexicon.state_nouns = frozenset(str(w).lower() for w in actors.get("state_nouns") or [])
    lexicon.not_actors = frozenset(str(w).lower() for w in actors.get("not_actors") or [])
    lexicon.quantity_nouns = frozenset(str(w).lower() for w in actors.get("quantity_nouns") or [])
    lexicon.speaker_pronouns = frozenset(str(w).lower() for w in actors.get("speaker_pronouns") or [])
    lexicon.speaker_country_nouns = frozenset(
        str(w).lower() for w in actors.get("speaker_country_nouns") or []
    )
    lexicon.speaker_possessives = frozenset(str(w).lower() for w in actors.get("speaker_possessives") or [])
    lexicon.things = tuple(
        sorted({str(w).lower() for w in actors.get("things") or []}, key=lambda w: (-len(w), w))
    )
    return lexicon
