"""``lagebild_segment_v1``: rule-based sentence boundaries for news text (before the parser).

* Line breaks: headings, datelines on their own line and paragraph starts are sentences of
  their own — every line break starts a new sentence, except a hard-wrapped line that ends
  without final punctuation and continues in lower case.
* Punctuation (``punct_split``): after ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and
  brackets) a new sentence starts when the next token begins with an upper-case letter, a digit
  or an opening quote/bracket.  Abbreviations and ordinals (``z.B.``, ``4.``) are single tokens
  from the tokenizer, so they never end a sentence here.
* ``decide_all``: tokens that no rule marks are set to "not a sentence start", so the parser
  keeps exactly these boundaries; with ``decide_all=False`` the parser may add more.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL_PUNCT = frozenset(".!?:;\"“”»«'‘’…")
SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING = frozenset({"“", "”", '"', "'", "''", "’", "‘", "«", "»", ")", "]"})
SOFT_BREAKS = frozenset({",", ";", ":", "–", "—"})
OPENING = frozenset({"„", "“", '"', "'", "``", "`", "‚", "»", "«", "(", "["})


def _is_continuation(last: str | None, nxt: str) -> bool:
    """A wrapped line: previous line (its last token ``last``) ends mid-sentence and the next
    begins in lower case."""
    if last is None:
        return False
    return last[-1] not in FINAL_PUNCT and nxt[:1].islower()


def _opens_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or text in OPENING


class LineSegmenter:
    def __init__(
        self,
        name: str,
        *,
        max_continuation_breaks: int,
        punct_split: bool,
        decide_all: bool,
        max_sentence_tokens: int = 0,
    ) -> None:
        self.name = name
        self.max_continuation_breaks = max_continuation_breaks
        self.punct_split = punct_split
        self.decide_all = decide_all
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        # token texts and whitespace read once (Token objects are costly to create)
        texts = [token.text for token in doc]
        spaces = [bool(token.whitespace_) for token in doc]
        starts = self._line_starts(texts)
        if self.punct_split:
            starts |= self._punct_starts(texts, spaces)
        if self.max_sentence_tokens and self.decide_all:
            starts = self._cap_lengths(texts, starts)
        values = doc.to_array(SENT_START).astype("int64")  # 1 start, -1 not, 0 undecided
        for i in range(1, len(texts)):
            if i in starts:
                values[i] = 1
            elif self.decide_all:
                values[i] = -1
        doc.from_array([SENT_START], cast(Any, values.astype("uint64").reshape(-1, 1)))
        return doc

    def _line_starts(self, texts: list[str]) -> set[int]:
        starts: set[int] = set()
        last: str | None = None
        breaks = 0
        for i, text in enumerate(texts):
            if text.isspace():
                breaks += text.count("\n")
                continue
            if last is not None and breaks:
                paragraph = breaks > self.max_continuation_breaks
                if paragraph or not _is_continuation(last, text):
                    starts.add(i)
            last, breaks = text, 0
        return starts

    def _cap_lengths(self, texts: list[str], starts: set[int]) -> set[int]:
        """Split sentences longer than ``max_sentence_tokens`` (run-on text, lists, scraper junk)
        so that every later component stays linear in the document length.  Cuts fall after
        the last comma, semicolon or colon in the second half of the window, else at its end."""
        capped = set(starts)
        last = 0
        for boundary in sorted(starts | {len(texts)}):
            while boundary - last > self.max_sentence_tokens:
                last = self._cut_point(texts, last, last + self.max_sentence_tokens)
                capped.add(last)
            last = boundary
        return capped

    @staticmethod
    def _cut_point(texts: list[str], low: int, high: int) -> int:
        for i in range(high - 1, low + (high - low) // 2, -1):
            if texts[i - 1] in SOFT_BREAKS:
                return i
        return high

    def _punct_starts(self, texts: list[str], spaces: list[bool]) -> set[int]:
        starts: set[int] = set()
        i, n = 0, len(texts)
        while i < n:
            if texts[i] in SENT_END:
                j = i + 1
                while j < n and (texts[j] in CLOSING or texts[j] in SENT_END) and not spaces[j - 1]:
                    j += 1
                while j < n and texts[j].isspace():
                    j += 1
                if j < n and _opens_sentence(texts[j]):
                    starts.add(j)
                i = j
            else:
                i += 1
        return starts


@Language.factory(
    "lagebild_segment_v1",
    assigns=["token.is_sent_start"],
    default_config={
        "max_continuation_breaks": 1,
        "punct_split": True,
        "decide_all": True,
        "max_sentence_tokens": 200,
    },
)
def make_line_segmenter(
    nlp: Language,
    name: str,
    max_continuation_breaks: int,
    punct_split: bool,
    decide_all: bool,
    max_sentence_tokens: int,
) -> LineSegmenter:
    """``max_continuation_breaks``: more line breaks than this always start a new sentence;
    ``max_sentence_tokens``: longer sentences are split (0 = no limit)."""
    return LineSegmenter(
        name,
        max_continuation_breaks=max_continuation_breaks,
        punct_split=punct_split,
        decide_all=decide_all,
        max_sentence_tokens=max_sentence_tokens,
    )
