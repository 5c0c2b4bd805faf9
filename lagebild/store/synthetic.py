"""Hand-made ``lagebild.analysis/1`` records: for tests, benchmarks and demos without a model.

:func:`make_record` fills in everything a valid record needs from a short description;
:func:`synthetic_records` generates a reproducible corpus of any size.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

from .. import __version__
from ..document import DocDate, Document
from ..events.lexicon import PLOVER_TYPES

PIPELINE = {"version": __version__, "model": "de_synthetic-0.0.0", "components": ["synthetic"]}


def _interval(value: str | None) -> dict[str, str] | None:
    return DocDate.parse(value).to_dict() if value else None


def _spans(text: str, needle: str) -> list[list[int]]:
    return [[m.start(), m.end()] for m in re.finditer(re.escape(needle), text)] if needle else []


def _span(text: str, needle: str | None) -> list[int]:
    found = _spans(text, needle or "")
    return found[0] if found else [0, min(len(text), 1)]


def make_actor(text: str, spec: dict[str, Any]) -> dict[str, Any]:
    """``{"id", "name", "type"?, "country"?, "role"?, "aliases"?, "surface": [strings in text]}``."""
    mentions = [span for surface in spec.get("surface", []) for span in _spans(text, surface)]
    return {
        "id": spec["id"],
        "name": spec.get("name", spec["id"]),
        "type": spec.get("type", "person"),
        "country": spec.get("country"),
        "role": spec.get("role"),
        "aliases": list(spec.get("aliases", [])),
        "mentions": sorted(mentions),
    }


def make_quote(text: str, spec: dict[str, Any], number: int) -> dict[str, Any]:
    """``{"text" (a substring of the document), "speaker"?, "kind"?, "cue"?, "via"?}``."""
    return {
        "id": spec.get("id", f"q{number}"),
        "kind": spec.get("kind", "direct"),
        "text": spec["text"],
        "span": _span(text, spec["text"]),
        "speaker": spec.get("speaker"),
        "speaker_text": spec.get("speaker_text"),
        "speaker_span": _span(text, spec["speaker_text"]) if spec.get("speaker_text") else None,
        "cue": spec.get("cue"),
        "via": list(spec.get("via", [])),
        "addressee": spec.get("addressee"),
    }


def make_event(text: str, spec: dict[str, Any], number: int) -> dict[str, Any]:
    """``{"type", "source"?, "target"?, "status"?, "trigger"?, "date"?, "cameo"?, "goldstein"?, "place"?}``."""
    event = {
        "id": spec.get("id", f"e{number}"),
        "type": spec["type"],
        "mode": spec.get("mode"),
        "cameo": spec.get("cameo"),
        "source": spec.get("source"),
        "target": spec.get("target"),
        "date": _interval(spec.get("date")),
        "place": spec.get("place"),
        "status": spec.get("status", "asserted"),
        "via": list(spec.get("via", [])),
        "trigger": spec.get("trigger", ""),
        "span": _span(text, spec.get("trigger")),
    }
    if spec.get("trigger"):  # as the event coder writes it: the trigger's own offsets
        event["trigger_span"] = list(event["span"])
    if "goldstein" in spec:
        event["goldstein"] = spec["goldstein"]
    return event


def make_record(
    text: str,
    *,
    date: str | None = None,
    actors: list[dict[str, Any]] = (),  # type: ignore[assignment]
    quotes: list[dict[str, Any]] = (),  # type: ignore[assignment]
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    title: str | None = None,
    source_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    pipeline: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A valid ``lagebild.analysis/1`` record for ``text`` (offsets located in the text)."""
    document = Document(
        text=text,
        title=title,
        source=source,
        url=url,
        language="de",
        date=DocDate.parse(date) if date else None,
        source_id=source_id,
    )
    header = document.to_dict()
    header["text"] = text
    return {
        "schema": "lagebild.analysis/1",
        "document": header,
        "actors": [make_actor(text, spec) for spec in actors],
        "quotes": [make_quote(text, spec, n) for n, spec in enumerate(quotes, start=1)],
        "events": [make_event(text, spec, n) for n, spec in enumerate(events, start=1)],
        "timexes": [],
        "pipeline": dict(pipeline or PIPELINE),
    }


# ---------------------------------------------------------------------------------------------
# a reproducible synthetic corpus (benchmarks)
# ---------------------------------------------------------------------------------------------

_COUNTRIES = [
    ("RUS", "Russia", "Russland"),
    ("KAZ", "Kazakhstan", "Kasachstan"),
    ("DEU", "Germany", "Deutschland"),
    ("UKR", "Ukraine", "Ukraine"),
    ("USA", "United States", "USA"),
    ("CHN", "China", "China"),
    ("FRA", "France", "Frankreich"),
    ("POL", "Poland", "Polen"),
    ("TUR", "Turkey", "Türkei"),
    ("BLR", "Belarus", "Belarus"),
]
_TYPES = list(PLOVER_TYPES)
_STATUSES = ["asserted", "asserted", "asserted", "alleged", "denied", "intended", "negated", "hypothetical"]
_WORDS = [
    "Regierung",
    "Minister",
    "Gespräch",
    "Vertrag",
    "Pipeline",
    "Grenze",
    "Handel",
    "Sanktion",
    "Treffen",
    "Erklärung",
    "Gas",
    "Öl",
    "Hafen",
    "Bahn",
    "Wahl",
    "Parlament",
    "Armee",
    "Hilfe",
    "Kredit",
    "Zoll",
    "Export",
    "Import",
    "Bericht",
    "Sprecher",
]
_SYLLABLES = [
    "ka",
    "ber",
    "lin",
    "to",
    "mar",
    "sel",
    "gu",
    "ran",
    "fe",
    "dor",
    "wi",
    "pel",
    "stra",
    "no",
    "hu",
    "ten",
]


def _vocabulary(size: int = 5000) -> tuple[list[str], list[float]]:
    """Real words among made-up ones, with Zipf-like cumulative weights (a realistic FTS load)."""
    words = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][: size - len(_WORDS)]
    for number, word in enumerate(_WORDS):  # real words from common (rank 10) to rare (rank ~4,000)
        words.insert(min(len(words), round(10 * 1.3**number)), word)
    total, cumulative = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


def _persons(rng: random.Random, count: int) -> list[dict[str, Any]]:
    firsts = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Igor", "Jana", "Kasym"]
    lasts = ["Petrow", "Schulz", "Nowak", "Ivanenko", "Berg", "Sadykow", "Keller", "Orlow", "Weiss", "Tamm"]
    people = []
    for n in range(count):
        first, last = firsts[n % len(firsts)], f"{lasts[(n // len(firsts)) % len(lasts)]}{n // 100 or ''}"
        country = _COUNTRIES[rng.randrange(len(_COUNTRIES))][0]
        people.append(
            {
                "id": f"person:{first.lower()}-{last.lower()}",
                "name": f"{first} {last}",
                "type": "person",
                "country": country,
                "surface": [f"{first} {last}"],
            }
        )
    return people


def synthetic_records(
    n_documents: int, *, events_per_doc: int = 10, quotes_per_doc: int = 3, seed: int = 7, persons: int = 500
) -> Iterator[dict[str, Any]]:
    """``n_documents`` records with fake but well-formed actors, quotes and events (2019–2024)."""
    rng = random.Random(seed)
    people = _persons(rng, persons)
    vocabulary, weights = _vocabulary()
    for number in range(n_documents):
        year, month, day = 2019 + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28)
        cast = rng.sample(people, 3)
        lands = rng.sample(_COUNTRIES, 3)
        words = " ".join(rng.choices(vocabulary, cum_weights=weights, k=60))
        speech = f"„Die {rng.choice(_WORDS)} ist wichtig für {lands[1][2]}“"
        text = (
            f"Meldung {number}. {cast[0]['name']} traf {cast[1]['name']} in {lands[0][2]}. {words}. "
            f"{speech}, sagte {cast[2]['name']}. {lands[1][2]} und {lands[2][2]} reagierten."
        )
        actors = [*cast, *({"id": c, "name": en, "type": "country", "surface": [de]} for c, en, de in lands)]
        ids = [a["id"] for a in actors]
        events = [
            {
                "type": rng.choice(_TYPES),
                "source": rng.choice(ids),
                "target": rng.choice(ids),
                "status": rng.choice(_STATUSES),
                "trigger": "traf",
            }
            for _ in range(events_per_doc)
        ]
        quotes = [
            {
                "text": speech,
                "speaker": cast[2]["id"],
                "speaker_text": cast[2]["name"],
                "cue": "sagen",
                "via": [rng.choice(["media:tass", "media:interfax", "media:reuters"])],
            }
            for _ in range(quotes_per_doc)
        ]
        yield make_record(
            text,
            date=f"{year}-{month:02d}-{day:02d}",
            actors=actors,
            quotes=quotes,
            events=events,
            title=f"Meldung {number}",
            source_id=f"syn-{number}",
        )
