"""Chunks that recur in German news, for the tokenizer to know before a stream's memory zones.

Inside spaCy's memory zone the tokenizer caches no split and every word outside the vocabulary
gets a new lexeme, which the zone frees again: a long stream tokenizes its most common words
from scratch in every zone.  An exclusive ``Analyzer`` (see ``lagebild/pipeline.py``) therefore
tokenizes the chunks of ``data/frequent_chunks.txt`` once outside any zone; their splits stay in
the tokenizer's cache and their lexemes in the vocabulary for the rest of the process.

The list (whitespace-separated chunks, most frequent first) is counted by
``training/frequent_chunks.py`` over the unannotated training text of the shared corpora.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHUNKS = Path(__file__).resolve().parent / "data" / "frequent_chunks.txt"


def frequent_chunks(limit: int, path: Path | None = None) -> list[str]:
    """The ``limit`` most frequent chunks of ``path`` (default: the shipped list); none when the
    list is missing or unreadable."""
    path = path or CHUNKS
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        log.debug("frequent chunks not read from %s: %s", path, err)
        return []
    return [line for line in lines if line and not line.isspace()][: max(0, limit)]


def keep_frequent_chunks(nlp: Any, limit: int, path: Path | None = None) -> int:
    """Tokenize the ``limit`` most frequent chunks with ``nlp``'s tokenizer, outside any memory
    zone (the caller's duty), so that their splits and lexemes are kept; how many there were."""
    chunks = frequent_chunks(limit, path)
    tokenizer = nlp.tokenizer
    for chunk in chunks:
        tokenizer(chunk)
    return len(chunks)
