"""Places: an offline gazetteer, place mentions (``lagebild.places.v1``) and event places.

* ``lookup(name)``: the places a name can denote (best first), for other modules;
  ``place_by_id(id)``: one entry (country ids are ISO3, as for actors);
* the spaCy component ``lagebild_places_v1`` (registered on import) writes ``doc._.places``;
* ``place_for_span(doc, span)``: an event's place (locative phrase in its clause/sentence,
  else the dateline, else None); ``dateline(doc)``: the article's dateline place.
"""

from __future__ import annotations

from .component import FACTORY_NAME, PlaceTagger
from .event import dateline, place_for_span
from .gazetteer import get_gazetteer, lookup, place_by_id

__all__ = [
    "FACTORY_NAME",
    "PlaceTagger",
    "dateline",
    "get_gazetteer",
    "lookup",
    "place_by_id",
    "place_for_span",
]
