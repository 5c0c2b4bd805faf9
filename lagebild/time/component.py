"""The spaCy component ``lagebild.time.v1``: writes ``doc._.timexes``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import doc_text, register_extensions
from .lexicon import load_lexicon, load_rules
from .normalize import MODES, normalize

# spaCy refuses "." in factory names, so the versioned name lagebild.time.v1 is spelt with "_"
FACTORY_NAME = "lagebild_time_v1"
DEFAULT_CONFIG = {"use_doc_sents": True, "mode": "news"}


@Language.factory(FACTORY_NAME, assigns=["doc._.timexes"], default_config=DEFAULT_CONFIG)
def make_time_component(nlp: Language, name: str, *, use_doc_sents: bool, mode: str) -> TimeTagger:
    return TimeTagger(name=name, use_doc_sents=use_doc_sents, mode=mode)


class TimeTagger:
    """Find and normalise time expressions against ``doc._.doc_date`` (the article date).

    ``use_doc_sents``: take sentence ranges from the pipeline (parser/senter/sentencizer) when
    the doc has them; otherwise (or when False) a simple built-in splitter is used.
    ``mode``: ``news`` (relative expressions against the article date) or ``narrative``
    (against the last date named before, for histories and biographies).
    """

    def __init__(self, *, name: str = FACTORY_NAME, use_doc_sents: bool = True, mode: str = "news") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        register_extensions()
        load_lexicon()
        load_rules()
        self.name = name
        self.use_doc_sents = use_doc_sents
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        sentences = None
        if self.use_doc_sents and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
            sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        doc._.timexes = normalize(doc_text(doc), doc._.doc_date, sentences=sentences, mode=self.mode)
        return doc
