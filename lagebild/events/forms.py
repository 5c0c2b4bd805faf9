"""Inflected forms of the lexicon's verbs, for pipelines whose lemmatizer misses them.

``verb_forms(key, particle)`` generates present, past, participle and zu-infinitive forms of a
lexicon verb from its infinitive (regular verbs) or from ``data/strong_verbs.tsv`` (irregular
base verbs; prefixed verbs are derived from their base).  :class:`FormIndex` maps a lower-cased
surface form to the lexicon keys it can belong to.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, E

INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "hinter", "über", "unter", "wider")
_MIN_REST = 4


@dataclass(frozen=True)
class FormEntry:
    key: str
    particle: str | None
    fused: bool  # the particle is part of the form ("angegriffen", "anzugreifen")


def read_strong(path: Path) -> dict[str, list[str]]:
    try:
        with path.open(encoding="utf-8") as stream:
            rows = csv.reader(
                (line for line in stream if line.strip() and not line.startswith("#")), delimiter="\t"
            )
            return {row[0]: row[1].split() for row in rows}
    except (OSError, IndexError) as err:
        raise DataError(E.E801.format(path=path, error=err), code="E801") from err


def _inseparable(verb: str) -> bool:
    return verb.endswith("ieren") or any(
        verb.startswith(p) and len(verb) - len(p) >= _MIN_REST for p in INSEPARABLE
    )


def _weak(verb: str) -> set[str]:
    if verb.endswith(("eln", "ern")):
        stem, extra = verb[:-1], ""
    else:
        stem = verb[:-2] if verb.endswith("en") else verb[:-1]
        extra = "e" if stem.endswith(("t", "d")) or (stem[-1:] in "mn" and stem[-2:-1] not in "lrhmn") else ""
    forms = {
        verb,
        stem + "e",
        stem + extra + "st",
        stem + extra + "t",
        stem + extra + "te",
        stem + extra + "ten",
        stem + extra + "test",
        stem + extra + "tet",
    }
    forms.add(("" if _inseparable(verb) else "ge") + stem + extra + "t")
    return forms


def _strong(verb: str, strong: dict[str, list[str]]) -> set[str] | None:
    bases = [b for b in strong if verb.endswith(b)]
    if not bases:
        return None
    base = max(bases, key=len)
    prefix = verb[: -len(base)]
    if prefix and prefix not in INSEPARABLE and not _inseparable(verb):
        return None
    forms = {verb, verb[:-1] if verb.endswith("en") else verb}
    for form in strong[base]:
        if form.startswith("ge") and base.startswith("ge") is False and prefix:
            forms.add(prefix + form[2:])
        else:
            forms.add(prefix + form)
    forms |= {prefix + base[:-2] + "t", prefix + base[:-2] + "en"} if base.endswith("en") else set()
    return forms


def verb_forms(key: str, particle: str | None, strong: dict[str, list[str]]) -> list[tuple[str, FormEntry]]:
    """All surface forms of the lexicon verb ``key`` (particle attached), with their index entry.

    Forms without the particle need the particle elsewhere in the clause ("griff … an");
    fused forms carry it ("angegriffen", "anzugreifen", "dass sie angriffen").
    """
    rest = key[len(particle) :] if particle else key
    forms = _strong(rest, strong) or _weak(rest)
    if not particle:
        return [(form, FormEntry(key, None, True)) for form in forms]
    pairs = [(form, FormEntry(key, particle, False)) for form in forms]
    fused = {particle + form for form in forms} | {particle + "zu" + rest}
    return pairs + [(form, FormEntry(key, particle, True)) for form in fused]


class FormIndex:
    """Lower-cased surface form -> the lexicon verbs it can be a form of."""

    def __init__(self) -> None:
        self.forms: dict[str, list[FormEntry]] = {}

    def add(self, form: str, entry: FormEntry) -> None:
        bucket = self.forms.setdefault(form.lower(), [])
        if entry not in bucket:
            bucket.append(entry)

    def get(self, form: str) -> list[FormEntry]:
        return self.forms.get(form.lower(), [])
