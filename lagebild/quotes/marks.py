"""Find quotation-mark spans in a text, independent of any parse.

Handles German „…“ and ‚…‘, French/Swiss »…« and «…», English “…”, straight "…", nesting,
and quotations that run over paragraphs: German style (an unclosed quotation continues when
the next paragraph opens with the same mark), and a quotation that opens a paragraph and is
closed only at the end of a later one, with no mark at the paragraphs in between.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import quote_marks

_OPEN_CONTEXT = set(" \t\n([{/–—-:;„‚»«“\"'")
# paragraphs a quotation may run over without a mark at their start (see _Scanner._runs_on)
_RUN_ON_PARAGRAPHS = 4
_NON_SPACE = re.compile(r"\S")


@dataclass
class Marked:
    """A quotation between marks; ``parts`` are char ranges incl. the marks (one per paragraph)."""

    open_char: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    start: int = 0
    depth: int = 0

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted text without its outer marks."""
        return self.start + 1, self.end - 1


def _is_opener_context(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_CONTEXT and not after.isspace()


def _is_closer_context(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _closes(text: str, i: int) -> bool:
    """A closing mark: in closer context, or standing free at the end of its paragraph
    ("… verstanden. “"), where it cannot open anything."""
    return _is_closer_context(text, i) or _ends_paragraph(text, i)


def _ends_paragraph(text: str, i: int) -> bool:
    """Only white space follows position ``i`` up to the next line break (or the end)."""
    end = _paragraph_end(text, i)
    return not text[i + 1 : end].strip()


def _starts_paragraph(text: str, i: int) -> bool:
    """Only white space precedes position ``i`` back to the previous line break (or the start)."""
    return not text[text.rfind("\n", 0, i) + 1 : i].strip()


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _has_closer(text: str, i: int, closers: list[str]) -> bool:
    end = _paragraph_end(text, i)
    return any(_is_closer_context(text, j) for j in range(i + 1, end) if text[j] in closers)


@functools.lru_cache(maxsize=4)
def _events_for(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")


def _events(pairs: dict[str, list[str]]) -> re.Pattern[str]:
    """Line breaks, openers and closers."""
    return _events_for(frozenset(["\n", *pairs, *(c for closers in pairs.values() for c in closers)]))


class _Scanner:
    def __init__(self, text: str) -> None:
        config = quote_marks()
        self.text = text
        self.pairs: dict[str, list[str]] = config["pairs"]
        self.single = set(config.get("single", []))
        self.stack: list[Marked] = []
        self.found: list[Marked] = []
        self.skip: set[int] = set()

    def run(self) -> list[Marked]:
        # only marks and line breaks can change the state: visit those, not every character
        for match in _events(self.pairs).finditer(self.text):
            i, char = match.start(), match.group()
            if i in self.skip:
                continue
            if char == "\n":
                self._paragraph_break(i)
            elif not self._close(i, char):
                self._open(i, char)
        return sorted(self.found, key=lambda marked: (marked.start, -marked.end))

    def _close(self, i: int, char: str) -> bool:
        for depth in range(len(self.stack) - 1, -1, -1):
            marked = self.stack[depth]
            if char in self.pairs[marked.open_char] and self._may_close(i, char, marked):
                del self.stack[depth:]
                marked.parts.append((marked.parts.pop()[0] if marked.parts else marked.start, i + 1))
                marked.depth = depth
                self.found.append(marked)
                return True
        return False

    def _may_close(self, i: int, char: str, marked: Marked) -> bool:
        if char in self.pairs and char not in self.pairs[char] and _is_opener_context(self.text, i):
            return char != marked.open_char and not self.text[i - 1 : i].isspace()
        return _closes(self.text, i)

    def _open(self, i: int, char: str) -> None:
        if char not in self.pairs or not _is_opener_context(self.text, i):
            return
        if char in self.single and not _has_closer(self.text, i, self.pairs[char]):
            return
        self.stack.append(Marked(open_char=char, parts=[(i, -1)], start=i))

    def _paragraph_break(self, i: int) -> None:
        j = i
        while j < len(self.text) and self.text[j].isspace():
            self.skip.add(j)
            j += 1
        still_open = []
        for marked in self.stack:
            if j >= len(self.text) or marked.open_char in self.single:
                continue
            reopened = self.text[j] == marked.open_char
            if reopened or (len(self.stack) == 1 and self._runs_on(marked, j)):
                marked.parts[-1] = (marked.parts[-1][0], self._trim_end(i))
                marked.parts.append((j, -1))
                if reopened:
                    self.skip.add(j)
                still_open.append(marked)
        self.stack = still_open[-1:]

    def _runs_on(self, marked: Marked, j: int) -> bool:
        """Does a quotation that opened its paragraph go on in the paragraph at ``j`` without a
        new mark?  Only when its closing mark follows within ``_RUN_ON_PARAGRAPHS`` paragraphs,
        quotations opened and closed in between are balanced, and none of those paragraphs
        opens with a quotation mark of its own."""
        text = self.text
        if text[j] in self.pairs or not _starts_paragraph(text, marked.start):
            return False
        closers = self.pairs[marked.open_char]
        level, paragraphs, line_start = 0, 1, j
        for match in _events(self.pairs).finditer(text, j):
            k, char = match.start(), match.group()
            if char == "\n":
                blank = not text[line_start:k].strip()
                line_start = k + 1
                if blank:
                    continue  # an empty line (or "\r\n"): the same paragraph break
                paragraphs += 1
                after = _NON_SPACE.search(text, k)
                if paragraphs > _RUN_ON_PARAGRAPHS or (after is not None and after.group() in self.pairs):
                    return False
            elif char in closers and _closes(text, k):
                if level == 0:
                    return True
                level -= 1
            elif char == marked.open_char and _is_opener_context(text, k):
                level += 1
        return False

    def _trim_end(self, i: int) -> int:
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        return i


def find_marked(text: str) -> list[Marked]:
    """All quotations between marks, outer before inner, in text order."""
    return _Scanner(text).run()
