"""Near-duplicate detection: MinHash signatures over word shingles, LSH to find candidates."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

from ..settings import INGEST

_WORD = re.compile(r"\w+")
# 32-bit hash values: signatures are stored as 4 bytes per permutation
_SCHEME = "affine32"


@lru_cache(maxsize=4)
def _template(num_perm: int) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, scheme=_SCHEME)


def shingles(text: str, *, size: int | None = None) -> set[bytes]:
    """Sets of ``size`` consecutive lower-cased words (the unit of similarity)."""
    k = size or INGEST["shingle_words"]
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str, *, num_perm: int | None = None) -> bytes | None:
    """The MinHash signature of ``text`` as bytes; None for texts too short to compare."""
    from datasketch import MinHash

    if len(_WORD.findall(text)) < INGEST["dup_min_words"]:
        return None
    perm = num_perm or INGEST["minhash_perm"]
    minhash = MinHash(num_perm=perm, permutations=_template(perm).permutations, scheme=_SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype("<u4").tobytes()


def _minhash(data: bytes) -> Any:
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u4").astype(np.uint64)
    return MinHash(
        num_perm=len(values),
        hashvalues=values,
        permutations=_template(len(values)).permutations,
        scheme=_SCHEME,
    )


class DuplicateIndex:
    """Documents seen so far, keyed by their store sequence number (lower = stored earlier)."""

    def __init__(self, *, threshold: float | None = None, num_perm: int | None = None) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold if threshold is not None else INGEST["dup_threshold"]
        self.num_perm = num_perm or INGEST["minhash_perm"]
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._signatures: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: int, data: bytes) -> None:
        if key in self._signatures or len(data) != 4 * self.num_perm:
            return
        minhash = _minhash(data)
        self._lsh.insert(key, minhash)
        self._signatures[key] = minhash

    def find(self, data: bytes | None) -> tuple[int, float] | None:
        """The earliest stored near-duplicate of ``data`` and its estimated Jaccard similarity."""
        if data is None or len(data) != 4 * self.num_perm or not self._signatures:
            return None
        minhash = _minhash(data)
        best: tuple[int, float] | None = None
        for key in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._signatures[key]))
            if similarity >= self.threshold and (best is None or key < best[0]):
                best = (key, similarity)
        return best
