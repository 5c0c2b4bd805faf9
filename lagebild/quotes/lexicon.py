"""Lexicons of the quotation component: cue verbs and nouns, quote marks, channels.

All lexical knowledge lives in ``lagebild/quotes/data``; this module only reads it and
expands regular (weak) verb inflection so that the TSV lists lemmas, not every form.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import yamlio
from ..errors import DataError, E
from ..paths import LANG_DE_DIR

DATA_DIR = Path(__file__).resolve().parent / "data"
CUE_TYPES = ("speech", "thought", "writing", "report")
_INSEPARABLE = (
    "be",
    "emp",
    "ent",
    "er",
    "ge",
    "miss",
    "ver",
    "zer",
    "hinter",
    "über",
    "unter",
    "wider",
    "wieder",
)


@dataclass(frozen=True)
class CueVerb:
    """One verb of the cue lexicon; ``particle`` is the separable prefix (``an`` of ``ankündigen``)."""

    lemma: str
    type: str
    flags: frozenset[str]
    particle: str | None = None

    @property
    def denial(self) -> bool:
        return "denial" in self.flags


@dataclass(frozen=True)
class FormEntry:
    """A surface form of a cue verb; ``needs_particle`` when the particle stands apart."""

    verb: CueVerb
    needs_particle: bool


def _broken(path: Path, error: Any) -> DataError:
    return DataError(E.E701.format(path=path, error=error), code="E701")


def read_yaml(name: str) -> dict[str, Any]:
    """Read ``data/<name>`` as a mapping (raises E701 if it is not one)."""
    path = DATA_DIR / name
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise _broken(path, err) from err
    if not isinstance(data, dict):
        raise _broken(path, "expected a mapping at top level")
    return data


def _weak_forms(infinitive: str) -> set[str]:
    """Regular finite forms, participle and infinitive of a weak verb (no particle)."""
    if infinitive.endswith(("ern", "eln")):
        stem, ending = infinitive[:-1], ""
    else:
        stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
        ending = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    past = stem + ending + "te"
    participle = stem + ending + "t"
    if not infinitive.endswith("ieren") and not infinitive.startswith(_INSEPARABLE):
        participle = "ge" + participle
    return {
        infinitive,
        stem + "e",
        stem + ending + "st",
        stem + ending + "t",
        past,
        past + "n",
        past + "st",
        participle,
        stem + "end",
    }


def _verb_forms(base: str, irregular: list[str]) -> set[str]:
    forms = set(irregular) | {base}
    if not irregular:
        forms |= _weak_forms(base)
    else:
        forms |= {base[:-1] if base.endswith("n") else base}  # 1sg/Konj. I: spreche
        forms |= {base[:-2] + "e", base[:-2] + "t"} if base.endswith("en") else set()
    return forms


def _parse_verb_row(row: list[str], path: Path) -> tuple[CueVerb, set[str]]:
    if len(row) != 4:
        raise _broken(path, f"expected 4 columns, got {len(row)}: {row!r}")
    lemma, cue_type, flags, forms = (cell.strip() for cell in row)
    if cue_type not in CUE_TYPES:
        raise _broken(path, f"unknown cue type {cue_type!r} for {lemma!r}")
    particle, _, base = lemma.rpartition("|")
    verb = CueVerb(
        lemma=lemma.replace("|", ""),
        type=cue_type,
        flags=frozenset(f for f in flags.split(",") if f and f != "-"),
        particle=particle or None,
    )
    irregular = [] if forms == "-" else forms.split()
    return verb, _verb_forms(base, irregular)


@functools.lru_cache(maxsize=1)
def cue_verbs() -> tuple[dict[str, list[FormEntry]], dict[str, CueVerb]]:
    """Map lower-cased surface forms to cue verbs, and lemmas to cue verbs."""
    path = DATA_DIR / "cue_verbs.tsv"
    forms: dict[str, list[FormEntry]] = {}
    lemmas: dict[str, CueVerb] = {}
    try:
        rows = [
            row
            for row in csv.reader(path.open(encoding="utf-8"), delimiter="\t")
            if row and not row[0].startswith("#")
        ]
    except OSError as err:
        raise _broken(path, err) from err
    for row in rows[1:]:
        verb, base_forms = _parse_verb_row(row, path)
        lemmas[verb.lemma] = verb
        for form in base_forms:
            _add_form(forms, form, verb, needs_particle=verb.particle is not None)
            if verb.particle:
                _add_form(forms, verb.particle + form, verb, needs_particle=False)
    return forms, lemmas


def _add_form(table: dict[str, list[FormEntry]], form: str, verb: CueVerb, *, needs_particle: bool) -> None:
    table.setdefault(form.lower(), []).append(FormEntry(verb, needs_particle))


@functools.lru_cache(maxsize=1)
def cue_nouns() -> dict[str, str]:
    """Lower-cased cue nouns (``angaben``, ``ansicht``) mapped to their cue type."""
    data = read_yaml("cues.yaml").get("nouns", {})
    return {noun: cue_type for cue_type, nouns in data.items() for noun in nouns}


@functools.lru_cache(maxsize=1)
def cue_words() -> dict[str, Any]:
    """Attribution phrases, complementizers, subordinators, particles from ``cues.yaml``."""
    data = read_yaml("cues.yaml")
    for key in ("attribution", "complementizers", "subordinators", "particles"):
        if key not in data:
            raise _broken(DATA_DIR / "cues.yaml", f"missing key {key!r}")
    return data


@functools.lru_cache(maxsize=1)
def attribution_triggers() -> frozenset[str]:
    """Every word that can open an attribution phrase (``laut``, ``zufolge``, ``wonach`` …)."""
    words = cue_words()["attribution"]
    keys = ("before", "noun_prepositions", "after", "relative")
    return frozenset(str(word) for key in keys for word in words.get(key) or ())


@functools.lru_cache(maxsize=32)
def word_list(key: str) -> tuple[str, ...]:
    """A plain word list of ``cues.yaml`` (empty when the key is absent), in file order."""
    return tuple(str(word) for word in cue_words().get(key) or ())


@functools.lru_cache(maxsize=1)
def words_phrase() -> tuple[frozenset[str], frozenset[str]]:
    """Prepositions and nouns of a words phrase (``mit den Worten``) from ``cues.yaml``."""
    data = cue_words().get("words_phrase") or {}
    return frozenset(data.get("prepositions") or ()), frozenset(data.get("nouns") or ())


@functools.lru_cache(maxsize=1)
def fragment_verbs() -> dict[str, frozenset[str]]:
    """Lemmas of verbs that take a quoted phrase as someone's words (``fragment_verbs`` in cues.yaml),
    each with the words one of which must stand between verb and quotation (empty: no condition)."""
    verbs: dict[str, set[str]] = {}
    for entry in cue_words().get("fragment_verbs") or []:
        lemma, *linked = str(entry).lower().split()
        verbs.setdefault(lemma, set()).update(linked)
    return {lemma: frozenset(linked) for lemma, linked in verbs.items()}


@functools.lru_cache(maxsize=1)
def quote_marks() -> dict[str, Any]:
    """Quote-mark pairs (``open -> [closers]``), single-mark openers and terminal characters."""
    data = read_yaml("marks.yaml")
    if not isinstance(data.get("pairs"), dict):
        raise _broken(DATA_DIR / "marks.yaml", "missing mapping 'pairs'")
    return data


@functools.lru_cache(maxsize=1)
def channels() -> dict[str, frozenset[str]]:
    """Channel nouns, media names, title nouns, naming words and scare markers (lower-cased)."""
    data = read_yaml("channels.yaml")
    keys = ("channel_nouns", "media_names", "title_nouns", "scare_markers")
    missing = [key for key in keys if key not in data]
    if missing:
        raise _broken(DATA_DIR / "channels.yaml", f"missing keys {missing}")
    names = (*keys, "naming_words", "reflexive_naming", "sentence_title_nouns")
    return {key: frozenset(str(word).lower() for word in data.get(key) or []) for key in names}


@functools.lru_cache(maxsize=1)
def konjunktiv_forms() -> frozenset[str]:
    """Subjunctive forms: the shared ``lang/de/konjunktiv.*`` lexicon if present, else ours."""
    shared = sorted(LANG_DE_DIR.glob("konjunktiv.*"))
    path = shared[0] if shared else DATA_DIR / "konjunktiv.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise _broken(path, err) from err
    if path.suffix in (".yaml", ".yml"):
        return frozenset(_yaml_words(yamlio.safe_load(text)))
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(
        row[0].strip().lower()
        for row in rows
        if row[0] != "form" and (len(row) < 3 or row[2].strip() in ("I", "II"))
    )


def _yaml_words(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [w for value in data.values() for w in _yaml_words(value)] + [
            str(k).lower() for k, v in data.items() if not isinstance(v, (dict, list))
        ]
    if isinstance(data, list):
        return [w for item in data for w in _yaml_words(item)]
    return [str(data).lower()] if isinstance(data, str) else []


def _tsv_rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise _broken(path, err) from err
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if any(len(row) < 2 for row in rows):
        raise _broken(path, "expected two tab-separated columns")
    return rows


GENDERS = {"m": "Masc", "f": "Fem"}


@functools.lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (lower case) -> ``Masc``/``Fem`` from ``data/given_name_gender.tsv``."""
    rows = _tsv_rows("given_name_gender.tsv")
    bad = [row for row in rows if row[1].strip() not in GENDERS]
    if bad:
        raise _broken(DATA_DIR / "given_name_gender.tsv", f"unknown gender in {bad[0]}")
    return {row[0].strip().lower(): GENDERS[row[1].strip()] for row in rows}


@functools.lru_cache(maxsize=1)
def role_genders() -> dict[str, str]:
    """Role noun (lower case, singular) -> ``Masc``/``Fem`` from ``data/role_gender.tsv``."""
    table: dict[str, str] = {}
    for masculine, feminine, *_ in _tsv_rows("role_gender.tsv")[1:]:
        for word, value in ((masculine, "Masc"), (feminine, "Fem")):
            if word.strip() != "_":
                table[word.strip().lower()] = value
    return table
