"""The in-progress quotation record and its conversion to the ``lagebild.analysis/1`` dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from ..errors import E, LagebildError
from ..extensions import doc_text
from .cues import Cue
from .speakers import actor_id, name_part

KINDS = ("direct", "indirect", "partial", "mixed", "scare", "title")
SPEECH_KINDS = frozenset({"direct", "indirect", "partial", "mixed"})


@dataclass
class Quote:
    """A quotation found in a Doc; ``parts`` are character ranges into ``doc.text``."""

    kind: str
    parts: list[tuple[int, int]]
    confidence: float
    cue: Cue | None = None
    speaker: Span | None = None
    antecedent: Span | None = None
    via: list[Span] = field(default_factory=list)
    addressee: Span | None = None
    inherit_speaker: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise LagebildError(E.E702.format(kind=self.kind, kinds=KINDS), code="E702")

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def contains(self, other: Quote) -> bool:
        return self.start <= other.start and other.end <= self.end and self is not other

    def to_dict(self, doc: Doc, quote_id: str, *, text: str | None = None) -> dict[str, Any]:
        """The record of this quotation; ``text`` is ``doc.text`` if the caller has it at hand."""
        text = doc_text(doc) if text is None else text
        has_speaker = self.kind in SPEECH_KINDS and self.speaker is not None
        target = self.antecedent if self.antecedent is not None else self.speaker
        result: dict[str, Any] = {
            "id": quote_id,
            "kind": self.kind,
            "text": text[self.start : self.end],
            "span": [self.start, self.end],
            "speaker": actor_id(doc, target) if has_speaker and target is not None else None,
            "speaker_text": self.speaker.text if has_speaker and self.speaker is not None else None,
            "speaker_span": _char_span(self.speaker) if has_speaker else None,
            "cue": self.cue.text if self.cue and self.kind in SPEECH_KINDS else None,
            "cue_span": list(self.cue.char_span) if self.cue and self.kind in SPEECH_KINDS else None,
            "cue_type": self.cue.type if self.cue and self.kind in SPEECH_KINDS else None,
            "denial": bool(self.cue and "denial" in self.cue.flags),
            "via": [actor_id(doc, span) for span in self.via],
            "via_text": [span.text for span in self.via],
            "addressee": self.addressee.text if self.addressee is not None else None,
            "confidence": round(self.confidence, 3),
        }
        if len(self.parts) > 1:
            result["parts"] = [[start, end] for start, end in self.parts]
        if has_speaker and self.antecedent is not None:
            result["speaker_resolved"] = name_part(self.antecedent).text
        result.update(self.extra)
        return result


def _char_span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start_char, span.end_char]
