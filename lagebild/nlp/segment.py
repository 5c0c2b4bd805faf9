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

from spacy.language import Language
from spacy.tokens import Doc, Token

FINAL_PUNCT = frozenset(".!?:;\"“”»«'‘’…")
SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING = frozenset({"“", "”", '"', "'", "''", "’", "‘", "«", "»", ")", "]"})
SOFT_BREAKS = frozenset({",", ";", ":", "–", "—"})
OPENING = frozenset({"„", "“", '"', "'", "``", "`", "‚", "»", "«", "(", "["})


def _is_continuation(last: Token | None, nxt: Token) -> bool:
    """A wrapped line: previous line ends mid-sentence and the next begins in lower case."""
    if last is None:
        return False
    return last.text[-1] not in FINAL_PUNCT and nxt.text[:1].islower()


def _opens_sentence(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or token.text in OPENING


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
        starts = self._line_starts(doc)
        if self.punct_split:
            starts |= self._punct_starts(doc)
        if self.max_sentence_tokens and self.decide_all:
            starts = self._cap_lengths(doc, starts)
        for token in doc[1:]:
            if token.i in starts:
                token.is_sent_start = True
            elif self.decide_all:
                token.is_sent_start = False
        return doc

    def _line_starts(self, doc: Doc) -> set[int]:
        starts: set[int] = set()
        last: Token | None = None
        breaks = 0
        for token in doc:
            if token.is_space:
                breaks += token.text.count("\n")
                continue
            if last is not None and breaks:
                paragraph = breaks > self.max_continuation_breaks
                if paragraph or not _is_continuation(last, token):
                    starts.add(token.i)
            last, breaks = token, 0
        return starts

    def _cap_lengths(self, doc: Doc, starts: set[int]) -> set[int]:
        """Split sentences longer than ``max_sentence_tokens`` (run-on text, lists, scraper junk)
        so that every later component stays linear in the document length.  Cuts fall after
        the last comma, semicolon or colon in the second half of the window, else at its end."""
        capped = set(starts)
        last = 0
        for boundary in sorted(starts | {len(doc)}):
            while boundary - last > self.max_sentence_tokens:
                last = self._cut_point(doc, last, last + self.max_sentence_tokens)
                capped.add(last)
            last = boundary
        return capped

    @staticmethod
    def _cut_point(doc: Doc, low: int, high: int) -> int:
        for i in range(high - 1, low + (high - low) // 2, -1):
            if doc[i - 1].text in SOFT_BREAKS:
                return i
        return high

    def _punct_starts(self, doc: Doc) -> set[int]:
        starts: set[int] = set()
        i, n = 0, len(doc)
        while i < n:
            if doc[i].text in SENT_END:
                j = i + 1
                while (
                    j < n
                    and (doc[j].text in CLOSING or doc[j].text in SENT_END)
                    and not doc[j - 1].whitespace_
                ):
                    j += 1
                while j < n and doc[j].is_space:
                    j += 1
                if j < n and _opens_sentence(doc[j]):
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
