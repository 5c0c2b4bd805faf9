"""The spaCy component ``lagebild.places.v1``: writes ``doc._.places``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions
from .gazetteer import get_gazetteer
from .lexicon import load_prepositions
from .matcher import find_places

# spaCy refuses "." in factory names, so the versioned name lagebild.places.v1 is spelt with "_"
FACTORY_NAME = "lagebild_places_v1"
DEFAULT_CONFIG = {"use_ner": True, "keep_unknown": True, "compounds": True, "weak_min_population": 5_000_000}


@Language.factory(FACTORY_NAME, assigns=["doc._.places"], default_config=DEFAULT_CONFIG)
def make_places_component(
    nlp: Language, name: str, *, use_ner: bool, keep_unknown: bool, compounds: bool, weak_min_population: int
) -> PlaceTagger:
    return PlaceTagger(
        name=name,
        use_ner=use_ner,
        keep_unknown=keep_unknown,
        compounds=compounds,
        weak_min_population=weak_min_population,
    )


class PlaceTagger:
    """Tag place mentions with the offline gazetteer and the NER's locations.

    ``use_ner``: read LOC/GPE entities (when the doc has them) to add places the gazetteer
    lacks, to license ambiguous names and to drop matches inside PER/ORG entities.
    ``keep_unknown``: keep NER locations that the gazetteer cannot resolve (``id`` None).
    ``compounds``: read places at the start of hyphenated compounds (``Moskau-Reise``).
    ``weak_min_population``: a place known only by weak (GeoNames alternate) names needs the
    NER or a preposition unless one reading has at least this many inhabitants.
    """

    def __init__(
        self,
        *,
        name: str = FACTORY_NAME,
        use_ner: bool = True,
        keep_unknown: bool = True,
        compounds: bool = True,
        weak_min_population: int = 5_000_000,
    ) -> None:
        register_extensions()
        self.gazetteer = get_gazetteer()
        self.prepositions = load_prepositions()
        self.name = name
        self.use_ner = use_ner
        self.keep_unknown = keep_unknown
        self.compounds = compounds
        self.weak_min_population = weak_min_population

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = find_places(
            doc,
            self.gazetteer,
            self.prepositions,
            use_ner=self.use_ner,
            keep_unknown=self.keep_unknown,
            compounds=self.compounds,
            weak_min_population=self.weak_min_population,
        )
        return doc
