"""Run many word-bounded regular expressions over one text, fast and with exactly their own matches.

The time rules (``data/rules.yaml``) are case-insensitive and begin with look-behinds, so Python's
``re`` cannot skip ahead to a likely start: every rule is tried at every position of the text.
:class:`Scanner` reads each pattern once and works out which strings a match of it can begin with
(up to :data:`KEY_LENGTH` characters of the :func:`canonical` text: letters lower-cased, white
space as a blank, digits as ``0``).  A text is then walked once: one zero-width search finds the
word starts where the first characters of some prefix stand, the prefixes of all lengths are looked
up there, and a rule is tried (``regex.match`` at that position) only where one of its prefixes
stands.  The prefixes are a necessary condition, so the matches are those of ``regex.finditer``:
the same positions in the same order, the same groups.

Where the analysis cannot vouch for that, the plain ``finditer`` is used: for a pattern it cannot
read (or whose matches may begin anywhere or with an empty string), and for a text with characters
whose case-insensitive matching differs from their lower-case form (the dotless ``ı``, the long
``ſ``, non-ASCII digits ...; see :func:`_plain_char`).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

try:  # the parser of the ``re`` module (Python >= 3.11); without it every rule runs unfiltered
    _p: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other Python versions
    _p = _c = None

KEY_LENGTH = 7
_HEAD = 4  # characters of a prefix the zero-width search of word starts looks for
# more open prefixes than this (a class repeated, "[a-zäöüß]+"): they are cut where they are
_MAX_PREFIXES = 500
_MAX_CLASS = 256
_SPACE = re.compile(r"[^\S ]")  # white space other than the blank
_DIGIT = re.compile(r"[1-9]")
_char_ok: dict[str, bool] = {}


def _plain_char(char: str) -> bool:
    """Does ``char`` match a pattern character ignoring case exactly when their lower-case forms
    are equal?  True for ASCII, German and most Latin letters; False for the characters Python's
    ``re`` folds specially (``ı`` ``ſ`` ``µ`` ``ϐ`` …, whose upper case maps back to another
    letter), ``İ`` (two characters in lower case) and non-ASCII digits (``\\d`` is read as 0-9)."""
    known = _char_ok.get(char)
    if known is not None:
        return known
    if char.isascii() or char.isspace():
        ok = True
    elif char.isdecimal():
        ok = False
    else:
        lower, upper = char.lower(), char.upper()
        ok = (
            len(lower) == 1
            and (upper.lower() == lower if len(upper) == 1 else char == "ß")
            and _is_word(lower) == _is_word(char)
        )
    _char_ok[char] = ok
    return ok


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def canonical(text: str) -> str | None:
    """``text`` lower-cased with every white-space character as a blank (same length), or None
    when it holds a character :func:`_plain_char` refuses."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    if not text.isascii() and not all(_plain_char(char) for char in set(text)):
        return None
    return _DIGIT.sub("0", _SPACE.sub(" ", lower))


def _canon_char(char: str) -> str | None:
    if char.isspace():
        return " "
    if "0" <= char <= "9":
        return "0"
    return char.lower() if _plain_char(char) else None


class _Prefixes:
    """Prefixes (at most ``KEY_LENGTH`` characters) of the strings a pattern can match."""

    def __init__(self) -> None:
        self.limit = KEY_LENGTH

    def sequence(self, items: Iterable[tuple[Any, Any]], current: set[str]) -> tuple[set[str], set[str]]:
        """Extend the open prefixes ``current`` by a sequence; returns (open, closed)."""
        closed: set[str] = set()
        items = list(items)
        at = 0
        while at < len(items) and current:
            op, av = items[at]
            if op is _c.LITERAL:  # a run of literal characters: one step
                run = ""
                while at < len(items) and items[at][0] is _c.LITERAL:
                    char = _canon_char(chr(items[at][1]))
                    if char is None:
                        break
                    run += char
                    at += 1
                current, done = self._append(current, run)
                closed |= done
                if at < len(items) and items[at][0] is _c.LITERAL:  # a character no prefix can hold
                    closed |= current
                    current = set()
                continue
            current, done = self.item(op, av, current)
            closed |= done
            at += 1
            if len(current) > _MAX_PREFIXES:
                closed |= current
                current = set()
        return current, closed

    def _append(self, current: set[str], run: str) -> tuple[set[str], set[str]]:
        grown = {(prefix + run)[: self.limit] for prefix in current}
        full = {prefix for prefix in grown if len(prefix) >= self.limit}
        return grown - full, full

    def _extend(self, current: set[str], chars: set[str] | None) -> tuple[set[str], set[str]]:
        if chars is None:  # any character: the prefixes end here
            return set(), set(current)
        grown = {prefix + char for prefix in current for char in chars}
        full = {prefix for prefix in grown if len(prefix) >= self.limit}
        return grown - full, full

    def item(self, op: Any, av: Any, current: set[str]) -> tuple[set[str], set[str]]:
        if op is _c.LITERAL:
            return self.sequence([(op, av)], current)
        if op is _c.IN:
            return self._extend(current, self._charset(av))
        if op is _c.BRANCH:
            opened: set[str] = set()
            closed: set[str] = set()
            for alternative in av[1]:
                more_open, more_closed = self.sequence(alternative, set(current))
                opened |= more_open
                closed |= more_closed
            return opened, closed
        if op is _c.SUBPATTERN:
            return self.sequence(av[-1], current)
        if op is _c.ATOMIC_GROUP:
            return self.sequence(av, current)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            return self._repeat(av[0], av[1], av[2], current)
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width: no characters
            return current, set()
        return set(), set(current)  # back-references and anything unknown: stop here

    def _repeat(self, low: int, high: int, body: Any, current: set[str]) -> tuple[set[str], set[str]]:
        if low > self.limit + 1:
            return set(), set(current)
        opened = set(current) if low == 0 else set()
        closed: set[str] = set()
        count = 0
        while current and count != high:
            current, done = self.sequence(body, current)
            closed |= done
            count += 1
            if count >= low:
                if current <= opened:
                    break
                opened |= current
                if len(opened) > _MAX_PREFIXES:
                    return set(), closed | opened
        return opened, closed

    def _charset(self, items: list[tuple[Any, Any]]) -> set[str] | None:
        chars: set[str] = set()
        for op, av in items:
            if op is _c.LITERAL:
                found = _canon_char(chr(av))
                if found is None:
                    return None
                chars.add(found)
            elif op is _c.RANGE:
                low, high = av
                if high - low > _MAX_CLASS:
                    return None
                for code in range(low, high + 1):
                    found = _canon_char(chr(code))
                    if found is None:
                        return None
                    chars.add(found)
            elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
                chars.add("0")
            elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
                chars.add(" ")
            else:  # negated sets, word classes ...
                return None
        return chars


def _starts_at_word_boundary(parsed: Any) -> bool:
    """Does the pattern begin with ``(?<!\\w)`` (possibly among other leading look-arounds)?"""
    for op, av in parsed.data:
        if (
            op is _c.ASSERT_NOT
            and av[0] == -1
            and list(av[1]) == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]
        ):
            return True
        if op not in (_c.ASSERT, _c.ASSERT_NOT):
            return False
    return False


def prefixes(regex: re.Pattern[str]) -> set[str] | None:
    """Every match of ``regex`` begins (in :func:`canonical` form) with one of these strings;
    None when no such set can be given (or a match may start anywhere)."""
    if _p is None or regex.flags & (re.ASCII | re.LOCALE):
        return None
    try:
        parsed = _p.parse(regex.pattern, regex.flags)
        if not _starts_at_word_boundary(parsed):
            return None
        opened, closed = _Prefixes().sequence(parsed.data, {""})
    except Exception:  # an unreadable pattern simply runs unfiltered
        return None
    found = opened | closed
    if not found or "" in found:
        return None
    return found


def all_prefixes(regexes: Sequence[re.Pattern[str]]) -> list[set[str] | None]:
    """:func:`prefixes` of each regex, cached on disk: working them out from the parsed patterns
    costs about 0.2 s per process for the time rules."""
    from .. import diskcache

    key = hashlib.sha256("\0".join(f"{r.flags}:{r.pattern}" for r in regexes).encode("utf-8"))
    return diskcache.cached(
        "time-prefixes",
        list,
        lambda: [prefixes(regex) for regex in regexes],
        sources=[],
        stamp=diskcache.code_stamp(Path(__file__)),
        extra=[key.hexdigest()[:20]],
    )


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (canonical, so matched without flags) as a trie: Python's
    ``re`` then checks one character per branch instead of trying every word."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            if node.get("") is True:
                break
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = True  # a word ends here: any continuation will do

    def emit(node: dict[str, Any]) -> str:
        if node.get("") is True:
            return ""
        parts = [re.escape(char) + emit(child) for char, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


class Scanner:
    """``scan(text)`` gives, for each regex, the list of matches ``regex.finditer(text)`` gives."""

    def __init__(self, regexes: Sequence[re.Pattern[str]]) -> None:
        self.regexes = tuple(regexes)
        found = all_prefixes(self.regexes)
        self.plain = frozenset(index for index, starts in enumerate(found) if starts is None)
        tables: dict[int, dict[str, int]] = {}
        for index, starts in enumerate(found):
            for prefix in starts or ():
                table = tables.setdefault(len(prefix), {})
                table[prefix] = table.get(prefix, 0) | (1 << index)
        self.tables = sorted(tables.items())
        self._members: dict[int, tuple[int, ...]] = {}
        # the word starts (in the canonical text) where some prefix begins: a zero-width search
        heads = {prefix[:_HEAD] for _, table in self.tables for prefix in table}
        self.starts = re.compile(r"(?<!\w)(?=" + _trie(heads) + ")") if heads else None

    def _bits(self, mask: int) -> tuple[int, ...]:
        members = self._members.get(mask)
        if members is None:
            members = tuple(i for i in range(mask.bit_length()) if mask >> i & 1)
            self._members[mask] = members
        return members

    def scan(self, text: str) -> list[list[re.Match[str]]]:
        starts = self.starts
        canon = canonical(text) if starts is not None else None
        if starts is None or canon is None:
            return [list(regex.finditer(text)) for regex in self.regexes]
        positions: list[list[int]] = [[] for _ in self.regexes]
        tables = self.tables
        for start in starts.finditer(canon):
            at = start.start()
            mask = 0
            for length, table in tables:
                mask |= table.get(canon[at : at + length], 0)
            if mask:
                for index in self._bits(mask):
                    positions[index].append(at)
        out: list[list[re.Match[str]]] = []
        for index, regex in enumerate(self.regexes):
            if index in self.plain:
                out.append(list(regex.finditer(text)))
                continue
            found: list[re.Match[str]] = []
            end = 0
            for at in positions[index]:
                if at < end:
                    continue
                match = regex.match(text, at)
                if match is not None:
                    found.append(match)
                    end = match.end()
            out.append(found)
        return out
