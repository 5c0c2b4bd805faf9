"""The spaCy component ``lagebild_quotes_v1``: who said what, through which channel."""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import doc_text, register_extensions
from .cues import verb_cue
from .direct import find_direct, locate, quoted_tokens
from .frames import build_frame
from .indirect import find_indirect, framed_content, main_clause_subjunctive, own_source, subjunctive_unit
from .lexicon import cue_words
from .quote import SPEECH_KINDS, Quote
from .settings import Settings
from .speakers import (
    animate,
    compatible,
    gender,
    is_description,
    is_pronoun,
    speaker_score,
    unit_subject,
)
from .units import CACHE_KEY, TERMINAL, doc_ents, is_break_text, token_texts, unit_of, units, word_indices

logger = logging.getLogger(__name__)
DEFAULTS = dataclasses.asdict(Settings())


@Language.factory("lagebild_quotes_v1", assigns=["doc._.quotes"], default_config=DEFAULTS)
def make_quotes(
    nlp: Language,
    name: str,
    scare_max_tokens: int,
    colon_max_tokens: int,
    cue_window: int,
    fragment_window: int,
    frame_max_tokens: int,
    min_content_tokens: int,
    continuation: bool,
    continuation_gap: int,
    context_units: int,
    conf_direct: float,
    conf_colon: float,
    conf_unframed: float,
    conf_scare: float,
    conf_indirect: float,
    conf_attribution: float,
    conf_continuation: float,
) -> QuoteAttributor:
    """Find direct, indirect, partial and mixed quotations, their speakers, cues and channels.

    Defaults and meaning of every argument: :class:`lagebild.quotes.settings.Settings`.
    """
    config = {key: value for key, value in locals().items() if key in DEFAULTS}
    return QuoteAttributor(nlp, name, settings=Settings(**config))


class QuoteAttributor:
    def __init__(
        self, nlp: Language, name: str = "lagebild.quotes", *, settings: Settings | None = None
    ) -> None:
        register_extensions()
        self.name = name
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, settings=self.settings)
        return doc


def find_quotes(doc: Doc, *, settings: Settings | None = None) -> list[dict[str, Any]]:
    """All quotations of ``doc`` as dicts of the ``lagebild.analysis/1`` schema."""
    settings = settings or Settings()
    doc.user_data[CACHE_KEY] = {}  # doc text and sentence units, built once for this run
    try:
        return _find_quotes(doc, settings)
    finally:
        doc.user_data.pop(CACHE_KEY, None)


def _find_quotes(doc: Doc, settings: Settings) -> list[dict[str, Any]]:
    located = locate(doc)
    mask = quoted_tokens(located)
    quotes = find_direct(doc, located, settings) + find_indirect(doc, mask, settings)
    quotes.sort(key=lambda quote: (quote.start, -quote.end))
    mark_partial(quotes)
    if settings.continuation:
        quotes = add_continuations(doc, quotes, mask, settings)
    resolve_speakers(doc, quotes, settings)
    if settings.continuation:
        mark_partial(quotes)  # fragments inside continuations, with their resolved speakers
    mark_duplicates(doc, quotes)
    return to_dicts(doc, quotes)


def mark_partial(quotes: list[Quote]) -> None:
    """Quoted fragments inside reported speech are ``partial``.

    The container becomes ``mixed`` when the quoted words make up at least half of it.
    """
    for inner in quotes:
        if inner.kind not in ("direct", "scare"):
            continue
        for outer in quotes:
            if outer.kind in ("indirect", "mixed") and outer.contains(inner):
                if inner.kind == "direct" and 2 * (inner.end - inner.start) >= outer.end - outer.start:
                    outer.kind = "mixed"  # mostly quoted: speech in the speaker's own words
                inner.kind = "partial"
                inner.speaker, inner.cue, inner.via = outer.speaker, outer.cue, outer.via
                inner.extra["in"] = outer
                break


def _token_of(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else 0


def add_continuations(doc: Doc, quotes: list[Quote], mask: set[int], settings: Settings) -> list[Quote]:
    """Konjunktiv sentences right after a quotation continue it (same speaker, no new frame)."""
    bounds = units(doc)
    # a sentence already inside speech is no continuation; a scare-quoted word in a Konjunktiv
    # sentence (``Es gebe „keine Probleme“.``) does not stop it (it becomes a partial quote)
    covered = _covered_tokens(doc, [q for q in quotes if q.kind in SPEECH_KINDS])
    ending = {unit_of(bounds, _token_of(doc, q.end - 1)): q for q in quotes if q.kind in SPEECH_KINDS}
    current: tuple[Quote, int] | None = None
    added: list[Quote] = []
    for v, unit in enumerate(bounds):
        if v in ending:
            current = (ending[v], v)
            continue
        words = word_indices(doc, *unit)
        if not words or any(i in covered for i in words):
            continue
        if not subjunctive_unit(doc, unit, mask, strict=True):
            continue
        if current is None or v - current[1] > settings.continuation_gap:
            if not subjunctive_unit(doc, unit, mask, strict=True):
                continue
            source = _cue_source(doc, bounds, v, mask, settings)
            if source is None:
                if not main_clause_subjunctive(doc, unit, mask):
                    continue
                # Konjunktiv I in a main clause reports speech even without a frame nearby
                source = Quote("indirect", [(doc[unit[0]].idx, doc[unit[0]].idx + 1)], 0.0)
                source.inherit_speaker = True
            current = (source, v - 1)
        framed = framed_content(doc, unit, mask)
        if framed is not None:
            quote = Quote(
                "indirect",
                [framed[0]],
                settings.conf_indirect,
                cue=framed[1].cue,
                speaker=framed[1].speaker,
                via=framed[1].via,
            )
            added.append(quote)
            current = (quote, v)
            continue
        current = (_continue(doc, current[0], unit, added, settings), v)
    return sorted(quotes + added, key=lambda quote: (quote.start, -quote.end))


def _cue_source(
    doc: Doc, bounds: list[tuple[int, int]], v: int, mask: set[int], settings: Settings
) -> Quote | None:
    """The previous unit names a speech act without content (``X berichtete von …``)."""
    if v == 0:
        return None
    start, end = bounds[v - 1]
    for i in range(start, end):
        cue = verb_cue(doc, i, end=end) if i not in mask else None
        if cue is not None:
            frame = build_frame(doc, cue, start, end)
            if frame.speaker is not None:
                # ``Der Verkauf wurde gemeldet.``: a subject that cannot speak leaves the speaker open
                speaking = animate(frame.speaker)
                source = Quote(
                    "indirect",
                    [(doc[start].idx, doc[start].idx + 1)],
                    0.0,
                    speaker=frame.speaker if speaking else None,
                    via=frame.via,
                )
                source.inherit_speaker = not speaking
                return source
    return None


def _continue(
    doc: Doc, previous: Quote, unit: tuple[int, int], added: list[Quote], settings: Settings
) -> Quote:
    start, end = unit
    while start < end and doc[start].is_space:
        start += 1
    span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    if previous in added:
        previous.parts[-1] = (previous.parts[-1][0], span[1])
        return previous
    quote = Quote(
        "indirect",
        [span],
        settings.conf_continuation,
        speaker=previous.speaker,
        antecedent=previous.antecedent,
        via=list(previous.via),
        inherit_speaker=previous.inherit_speaker and previous.speaker is None,
    )
    if previous.confidence > 0:
        quote.extra["continues"] = previous.extra.get("continues", previous)
    added.append(quote)
    return quote


def _covered_tokens(doc: Doc, quotes: list[Quote]) -> set[int]:
    covered: set[int] = set()
    for quote in quotes:
        for start, end in quote.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                covered.update(range(span.start, span.end))
    return covered


def resolve_speakers(doc: Doc, quotes: list[Quote], settings: Settings) -> None:
    """Unframed quotes inherit the previous speaker; pronouns and descriptions get antecedents."""
    bounds = units(doc)
    history: list[Span] = []
    previous: Quote | None = None
    for quote in quotes:
        if quote.kind not in SPEECH_KINDS:
            continue
        if quote.inherit_speaker and quote.speaker is None:
            _inherit(doc, bounds, quote, previous, settings)
        if quote.speaker is not None and quote.antecedent is None:
            quote.antecedent = _antecedent(doc, quote.speaker, history)
        named = quote.antecedent if quote.antecedent is not None else quote.speaker
        if named is not None and not is_pronoun(named):
            history.append(named)
        previous = quote


def _inherit(
    doc: Doc, bounds: list[tuple[int, int]], quote: Quote, previous: Quote | None, settings: Settings
) -> None:
    """An unframed quotation: the speaker named in the sentence before, else the last speaker."""
    unit = unit_of(bounds, _token_of(doc, quote.start))
    source = _cue_source(doc, bounds, unit, set(), settings)
    fresh = source.speaker if source is not None else None
    if fresh is not None and (previous is None or previous.end <= doc[bounds[unit - 1][0]].idx):
        quote.speaker = fresh
        return
    gap = unit - unit_of(bounds, _token_of(doc, previous.end - 1)) if previous is not None else None
    recent = previous is not None and gap is not None and gap <= settings.context_units
    if unit > 0 and (gap is None or gap > 1):
        subject = unit_subject(doc, *bounds[unit - 1])
        # a bare noun (``Die Kosten stiegen.``) gives way to the last speaker; a name does not.
        # Someone's own words in marks need a name: ``Der Plan scheiterte. „Wir …“``
        named = speaker_score(subject) >= 1 if subject is not None else False
        if subject is not None and (named or not (recent or quote.kind == "direct")) and animate(subject):
            quote.speaker = subject  # ``Die Behörde sieht keine Gefahr. Es sei …``
            return
    # the last speaker, also several sentences back, when no one who can speak is named since
    far = previous is not None and previous.speaker is not None
    if previous is not None and gap is not None and (gap <= settings.context_units or far):
        quote.speaker, quote.antecedent = previous.speaker, previous.antecedent


def _antecedent(doc: Doc, speaker: Span, history: list[Span]) -> Span | None:
    if speaker[0].lower_ in cue_words()["attribution"].get("own", []):
        # ``Die Feuerwehr hat nach eigenen Angaben …``: the mention is the phrase, the one who
        # said it the clause's subject
        return own_source(doc, speaker.start, len(doc))
    if len(speaker) == 1 and speaker[0].lower_ in cue_words()["attribution"].get("relative", []):
        # ``Demnach sei …``: the source named before (the last speaker), as far as known
        before = [candidate for candidate in history if candidate.end <= speaker.start]
        return before[-1] if before else None
    if is_pronoun(speaker):
        if speaker[0].lower_ not in ("er", "sie"):
            return None
        wanted = gender(speaker)
        for candidate in [*reversed(history), *reversed(_persons_before(doc, speaker))]:
            if candidate.start < speaker.start and compatible(wanted, gender(candidate)):
                return candidate
        return None
    if is_description(speaker):
        noun = speaker[1].lower_
        for candidate in reversed(history):
            if (
                candidate.start < speaker.start
                and any(t.lower_ == noun for t in candidate)
                and len(candidate) > 2
            ):
                return candidate
    return None


def _persons_before(doc: Doc, speaker: Span) -> list[Span]:
    return [ent for ent in doc_ents(doc) if ent.label_ in ("PER", "PERSON") and ent.end <= speaker.start]


def _heading_end(doc: Doc) -> int | None:
    """Char end of a heading line: a first line without terminal punctuation."""
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        if is_break_text(text):
            return doc[i].idx if i and texts[i - 1] not in TERMINAL else None
    return None


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _own_line(doc: Doc, quote: Quote) -> bool:
    """The quotation is a line of its own (a sub-heading such as ``„Wir bleiben“``)."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : quote.start].strip() and not text[quote.end : line_end].strip(" .!?\t")


def mark_duplicates(doc: Doc, quotes: list[Quote]) -> None:
    """A quotation in a heading repeated in the body is linked to it (``duplicate_of``)."""
    heading_end = _heading_end(doc)
    for quote in quotes:
        if quote.kind not in ("direct", "scare", "title"):
            continue
        in_heading = heading_end is not None and quote.end <= heading_end
        if not in_heading and not _own_line(doc, quote):
            continue
        text = _normal(doc_text(doc)[quote.start : quote.end])
        body = [
            q
            for q in quotes
            if q is not quote
            and q.kind in SPEECH_KINDS
            and q.start >= (heading_end or 0)
            and q.start > quote.end
        ]
        for other in body:
            if text and text in _normal(doc_text(doc)[other.start : other.end]):
                quote.kind = "direct"
                quote.speaker, quote.antecedent, quote.cue = other.speaker, other.antecedent, other.cue
                quote.via = list(other.via)
                quote.extra["duplicate_of"] = other
                break


def to_dicts(doc: Doc, quotes: list[Quote]) -> list[dict[str, Any]]:
    ids = {id(quote): f"q{n}" for n, quote in enumerate(quotes, start=1)}
    result = []
    for quote in quotes:
        for key, value in list(quote.extra.items()):
            if isinstance(value, Quote):
                quote.extra[key] = ids.get(id(value))
        result.append(quote.to_dict(doc, ids[id(quote)], text=doc_text(doc)))
    return result
