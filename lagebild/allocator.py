"""The C allocator of a long analysis run: hand freed memory back, keep large blocks apart.

The parse of a batch allocates large temporary arrays (activations, token tables) that are
freed a moment later.  glibc's ``malloc`` keeps freed memory in its heap, and after each large
free it raises its *mmap threshold*, so ever larger arrays land in the heap, among long-lived
small objects, where their pages can seldom be returned.  Over thousands of documents the
resident size creeps up although no Python object is kept (``benchmarks/memory_flat.py``).

Two calls counter that, both no-ops where the C library is not glibc (macOS, musl, Windows):

* :func:`trim` (``malloc_trim``) after each batch returns the free pages of the heap;
* :func:`fix_mmap_threshold` (``mallopt(M_MMAP_THRESHOLD, n)``) once at the start of a run
  maps every block of ``n`` bytes or more on its own and unmaps it when freed; fixing the
  threshold also stops glibc from raising it.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from typing import Any

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
MAX_MMAP_THRESHOLD = 32 * 2**20  # glibc refuses larger values on 64-bit systems


@functools.lru_cache(maxsize=1)
def _libc() -> Any:
    """glibc, where the process runs on it; None elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc has it, other C libraries do not
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def trim() -> bool:
    """Give the free pages of the heap back to the system; True when glibc did so."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))


def fix_mmap_threshold(size: int | None) -> bool:
    """Map blocks of ``size`` bytes or more separately (None: leave the allocator as it is).

    Returns True when the threshold was set.  Raises :class:`ValueError` for sizes glibc
    would refuse (negative, or above 32 MiB).
    """
    if size is None:
        return False
    if not 0 <= size <= MAX_MMAP_THRESHOLD:
        raise ValueError(f"mmap threshold must be between 0 and {MAX_MMAP_THRESHOLD} bytes, not {size}")
    libc = _libc()
    if libc is None:
        return False
    done = bool(libc.mallopt(M_MMAP_THRESHOLD, int(size)))
    if not done:
        log.debug("mallopt(M_MMAP_THRESHOLD, %d) was refused", size)
    return done


def prepare() -> None:
    """Set up the allocator of a process that will analyse many documents (``lagebild
    analyze``, ingest workers, Spark and Ray tasks): the mmap threshold of
    ``INGEST["mmap_threshold_bytes"]``.  The library's :class:`~lagebild.pipeline.Analyzer`
    does not call it: the allocator belongs to the application that embeds lagebild."""
    from .settings import INGEST

    try:
        fix_mmap_threshold(INGEST["mmap_threshold_bytes"])
    except ValueError as err:
        log.warning("INGEST['mmap_threshold_bytes'] ignored: %s", err)
