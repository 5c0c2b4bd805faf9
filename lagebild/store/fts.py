"""Turn a user's search string into a safe SQLite FTS5 query.

Every word becomes a quoted FTS5 string, so no character a user types (``"``, ``*``, ``:``,
``(``, ``NEAR``, ``-``) can change the query's syntax.  Supported on purpose: ``"a phrase"``,
``word*`` (prefix) and ``OR`` between terms; everything else is an AND of words.
"""

from __future__ import annotations

import re

from ..errors import E, LagebildError

_PIECE = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def _quote(words: list[str], prefix: bool = False) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _terms(query: str) -> list[str]:
    terms: list[str] = []
    for match in _PIECE.finditer(query):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append(_quote(words))
            continue
        if bare == "OR":
            if terms and terms[-1] != "OR":
                terms.append("OR")
            continue
        words = _WORD.findall(bare)
        if words:
            terms.append(_quote(words, prefix=bare.endswith("*")))
    while terms and terms[-1] == "OR":
        terms.pop()
    return terms


def fts_query(query: str) -> str:
    """A syntactically safe FTS5 MATCH expression for ``query``; raises E903 when empty."""
    terms = _terms(query or "")
    if not terms:
        raise LagebildError(E.E903, code="E903")
    return " ".join(terms)


def fts_any(names: list[str]) -> str | None:
    """An FTS5 expression matching any of ``names`` (as phrases); None when there is none."""
    phrases = [_quote(words) for words in (_WORD.findall(name) for name in names) if words]
    return " OR ".join(dict.fromkeys(phrases)) or None
