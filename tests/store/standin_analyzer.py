"""A stand-in Analyzer for ingest tests: a blank German pipeline plus one tiny component.

The component links a few hard-wired names to actors, turns "Sanktionen" into a SANCTION event
between the first two actors, sleeps ``LAGEBILD_TEST_DELAY`` seconds per document (to kill a run
mid-way) and fails on texts containing ``BOOM``.  ``LAGEBILD_TEST_VERSION`` changes its pipeline
version (for --reprocess).
"""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language

from lagebild.extensions import register_extensions
from lagebild.pipeline import Analyzer

NAMES = {
    "Moskau": ("RUS", "Russia", "country", "RUS"),
    "Astana": ("KAZ", "Kazakhstan", "country", "KAZ"),
    "Berlin": ("DEU", "Germany", "country", "DEU"),
    "Petrow": ("person:ivan-petrow", "Ivan Petrow", "person", "RUS"),
}


@Language.component("test_standin_events")
def standin_events(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("stand-in failure")
    time.sleep(float(os.environ.get("LAGEBILD_TEST_DELAY", "0")))
    actors: dict[str, dict] = {}
    for token in doc:
        if token.text in NAMES:
            actor_id, name, kind, country = NAMES[token.text]
            actor = actors.setdefault(
                actor_id,
                {
                    "id": actor_id,
                    "name": name,
                    "type": kind,
                    "country": country,
                    "role": None,
                    "aliases": [],
                    "mentions": [],
                },
            )
            actor["mentions"].append([token.idx, token.idx + len(token.text)])
    doc._.actors = list(actors.values())
    ids = list(actors)
    doc._.events = [
        {
            "id": f"e{t.i}",
            "type": "SANCTION",
            "mode": None,
            "cameo": "163",
            "source": ids[0],
            "target": ids[1],
            "date": None,
            "place": None,
            "status": "alleged" if "angeblich" in doc.text else "asserted",
            "via": [],
            "trigger": t.text,
            "span": [t.idx, t.idx + len(t.text)],
        }
        for t in doc
        if t.text == "Sanktionen" and len(ids) >= 2
    ]
    doc._.quotes = []
    return doc


def make_analyzer(model=None):
    register_extensions()
    nlp = spacy.blank("de")
    nlp.add_pipe("test_standin_events")
    nlp.meta["version"] = os.environ.get("LAGEBILD_TEST_VERSION", "1.0.0")
    return Analyzer(nlp=nlp)
