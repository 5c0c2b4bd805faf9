"""Pickled start-up tables, cached on disk between processes.

Several components compile plain data files (the actor KB, the place gazetteer, the NER name
tables) into Python structures at start-up.  Building them costs up to a second per process;
unpickling the result costs a few milliseconds.  :func:`cached` keys a pickle by lagebild's
version, a format tag, the bytes of the code that builds the value, and the path, size and
modification time of every source file; any change rebuilds it.  The folder is
``$LAGEBILD_CACHE`` or ``~/.cache/lagebild``; where it cannot be written the value is simply
built every time.  Only files this module wrote are ever unpickled.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
KEEP = 4  # files kept per cache name (data files change during development)


def cache_dir() -> Path:
    return Path(os.environ.get("LAGEBILD_CACHE") or Path.home() / ".cache" / "lagebild")


def code_stamp(*files: Path) -> str:
    """Hash of the code files that build a cached value (new code never reads old pickles)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path(name: str, sources: Iterable[Path], *, stamp: str, extra: Iterable[str] = ()) -> Path | None:
    """The cache file for ``name`` built from ``sources``; ``None`` when a source is missing."""
    from . import __version__

    parts = [__version__, name, stamp, *extra]
    try:
        for path in sources:
            info = path.stat()
            parts.append(f"{path.resolve()}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        return None
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"{name}-{digest}.pickle"


def read(path: Path | None, kind: type[T]) -> T | None:
    if path is None or not path.exists():
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling creates many containers: cyclic GC passes would double the time
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # only files written by write() below
    except Exception:  # a stale or broken cache is rebuilt
        logger.debug("ignoring unreadable cache %s", path)
        return None
    finally:
        if enabled:
            gc.enable()
    return value if isinstance(value, kind) else None


def write(path: Path | None, value: object) -> None:
    """Write atomically (temporary file + rename); keep the newest :data:`KEEP` per name."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        prefix = path.name.rsplit("-", 1)[0]
        files = sorted(path.parent.glob(f"{prefix}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in files[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        logger.debug("cache not writable: %s", path)


def cached(
    name: str,
    kind: type[T],
    build: Callable[[], T],
    *,
    sources: Iterable[Path],
    stamp: str,
    extra: Iterable[str] = (),
) -> T:
    """``build()``'s value, read from the disk cache when nothing it depends on changed."""
    path = cache_path(name, list(sources), stamp=stamp, extra=extra)
    value = read(path, kind)
    if value is None:
        value = build()
        write(path, value)
    return value
