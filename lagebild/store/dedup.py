"""Near-duplicate detection: MinHash signatures over word shingles, LSH to find candidates."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from functools import lru_cache

import numpy as np

from ..settings import INGEST

_WORD = re.compile(r"\w+")
# MinHash as datasketch 2's "affine32" scheme computes it (same values, so stores written with
# datasketch stay comparable): 32-bit SHA-1 prefix of each shingle, pre-mixed with the
# MurmurHash3 finalizer, then h -> a*h + b mod 2**32 per permutation (a odd), minimum per
# permutation.  Signatures are stored as 4 little-endian bytes per permutation.
_SEED = 1
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=4)
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of the ``num_perm`` affine permutations (fixed seed)."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def shingles(text: str, *, size: int | None = None) -> set[bytes]:
    """Sets of ``size`` consecutive lower-cased words (the unit of similarity)."""
    k = size or INGEST["shingle_words"]
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(items: set[bytes], num_perm: int) -> np.ndarray:
    """The MinHash values (uint32, one per permutation) of a non-empty set of byte strings."""
    digests = b"".join(hashlib.sha1(item).digest()[:4] for item in items)
    hashed = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32)).reshape(-1, 1)
    a, b = permutations(num_perm)
    with np.errstate(over="ignore"):
        return (hashed * a + b).min(axis=0)


def signature(text: str, *, num_perm: int | None = None) -> bytes | None:
    """The MinHash signature of ``text`` as bytes; None for texts too short to compare."""
    if len(_WORD.findall(text)) < INGEST["dup_min_words"]:
        return None
    values = minhash(shingles(text), num_perm or INGEST["minhash_perm"])
    return values.astype("<u4").tobytes()


def _simpson(values: np.ndarray, width: float) -> np.ndarray:
    """Integrals of curves sampled at equal steps over an interval of ``width`` (one per row)."""
    h = width / (values.shape[1] - 1)
    inner = 4 * values[:, 1:-1:2].sum(axis=1) + 2 * values[:, 2:-1:2].sum(axis=1)
    return np.asarray(h / 3 * (values[:, 0] + values[:, -1] + inner))


@lru_cache(maxsize=8)
def lsh_shape(threshold: float, num_perm: int, *, grid: int = 201) -> tuple[int, int]:
    """(bands, rows per band) for ``threshold``: the split of ``num_perm`` that minimises the
    sum of the false-positive and false-negative areas under the LSH S-curve (9 bands of 13 rows
    for 0.8 and 128 permutations, as datasketch chooses)."""
    below = np.linspace(0.0, threshold, grid)
    above = np.linspace(threshold, 1.0, grid)
    best, shape = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        rows = np.arange(1, num_perm // bands + 1).reshape(-1, 1)
        false_pos = _simpson(1 - (1 - below**rows) ** bands, threshold)
        false_neg = _simpson((1 - above**rows) ** bands, 1.0 - threshold)
        error = false_pos + false_neg
        i = int(error.argmin())
        if error[i] < best:
            best, shape = float(error[i]), (bands, i + 1)
    return shape


def band_keys(data: bytes, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band of a signature (the band's number is part of the key:
    two documents share a key when one band of their signatures is equal)."""
    width = 4 * rows
    keys = []
    for band in range(bands):
        chunk = data[band * width : (band + 1) * width]
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal hash values)."""
    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x) if len(x) == len(y) and len(x) else 0.0


class DuplicateIndex:
    """The LSH index of the stored signatures, kept in the store's ``minhash_bands`` table.

    Nothing is held in memory: a lookup reads the documents sharing a band key with the new
    signature and compares their signatures, so memory stays flat however many documents the
    store holds, and the index needs no loading when a store is opened.  ``conn`` must see
    the rows written earlier in the same transaction (it does: one connection).
    """

    def __init__(
        self, conn: sqlite3.Connection, *, threshold: float | None = None, num_perm: int | None = None
    ) -> None:
        self.conn = conn
        self.threshold = threshold if threshold is not None else INGEST["dup_threshold"]
        self.num_perm = num_perm or INGEST["minhash_perm"]
        self.bands, self.rows = lsh_shape(self.threshold, self.num_perm)
        self._checked = False

    def _valid(self, data: bytes | None) -> bool:
        return data is not None and len(data) == 4 * self.num_perm

    def ensure_shape(self) -> None:
        """Rebuild the band keys when the settings that shape them (``minhash_perm``,
        ``dup_threshold``) changed since they were written.  Call inside a write transaction."""
        if self._checked:
            return
        shape = f"{self.num_perm}:{self.bands}:{self.rows}"
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'minhash_bands'").fetchone()
        if row is None or row[0] != shape:
            self.conn.execute("DELETE FROM minhash_bands")
            last = -1
            while True:  # in slices: a large store's signatures never sit in memory at once
                batch = self.conn.execute(
                    "SELECT doc, signature FROM minhash WHERE doc > ? ORDER BY doc LIMIT 2000", (last,)
                ).fetchall()
                if not batch:
                    break
                for doc, data in batch:
                    self.add(int(doc), data)
                last = int(batch[-1][0])
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('minhash_bands', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (shape,),
            )
        self._checked = True

    def add(self, key: int, data: bytes) -> None:
        """Index document ``key``'s signature (its earlier keys, if any, are replaced)."""
        self.conn.execute("DELETE FROM minhash_bands WHERE doc = ?", (key,))
        if not self._valid(data):
            return
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands(key, doc) VALUES (?, ?)",
            [(band, key) for band in band_keys(data, self.bands, self.rows)],
        )

    def find(self, data: bytes | None) -> tuple[int, float] | None:
        """The earliest stored near-duplicate of ``data`` and its estimated Jaccard similarity."""
        if data is None or not self._valid(data):
            return None
        keys = band_keys(data, self.bands, self.rows)
        marks = ",".join("?" * len(keys))
        sql = (
            "SELECT m.doc, m.signature FROM minhash m WHERE m.doc IN "
            f"(SELECT DISTINCT doc FROM minhash_bands WHERE key IN ({marks})) ORDER BY m.doc"
        )
        for doc, other in self.conn.execute(sql, keys):
            score = similarity(data, other)
            if score >= self.threshold:
                return int(doc), score
        return None
