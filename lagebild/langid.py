"""py3langid's model, memory-mapped: the same answers without 70 MB per process.

py3langid keeps its model in memory once loaded: a transition table of 9.8 million entries
(39 MB), a feature × language table (27 MB) and two Python lists of 104,000 numbers.  A long
ingest that met enough short texts (which the function-word guess leaves open) kept all of it
for the rest of the run, and the resident size jumped by about 70 MB in the middle of a
10,000-document run (``benchmarks/memory_flat.py``, docs/performance.md).

Here the model's arrays are written once, uncompressed, to the disk cache
(``$LAGEBILD_CACHE`` or ``~/.cache/lagebild``, keyed by py3langid's version and the size and
time of its model file) and mapped read-only.  Opening costs milliseconds instead of the half
second of decompressing the model; the pages are file-backed, shared by all worker processes
through the page cache, read only where a text's features lead, and the system can drop them
again when memory is short.

:meth:`MappedModel.classify` is py3langid's ``classify`` (raw naive-Bayes scores, no
probability normalisation): the bytes of the NFC-normalised text walk the byte-level automaton,
the counts of the features it emits are weighted ``log1p(count)`` against each language's
feature log-probabilities, plus the language prior; of two columns for one label the higher
counts.  ``tests/test_langid.py`` checks the answers against py3langid's own.
"""

from __future__ import annotations

import json
import logging
import mmap
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from . import diskcache

log = logging.getLogger(__name__)

FORMAT = "1"  # bump when the files' layout changes
_ARRAYS = ("nextmove", "rowbase", "output", "ptc", "pc")
_UNSIGNED = {2: np.uint16, 4: np.uint32, 8: np.uint64}  # bytes per transition -> its type
_CAST: dict[int, Literal["H", "I", "Q"]] = {2: "H", 4: "I", 8: "Q"}  # ... the memoryview format
STALE_SECONDS = 3600  # an unfinished copy this old was left by a killed process
RAW_FLOOR = float(np.finfo(np.float32).min)  # py3langid's score of a text without features


def _model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def _folder(model_file: Path) -> Path:
    """The cache folder of the unpacked model, keyed as :mod:`lagebild.diskcache` keys its
    pickles (lagebild's version, this layout, py3langid's version, the model file's size and
    time)."""
    from importlib.metadata import version

    path = diskcache.cache_path("langid", [model_file], stamp=FORMAT, extra=[version("py3langid")])
    if path is None:
        raise OSError(f"language model file missing: {model_file}")
    return path.with_suffix("")


def _write(folder: Path, model_file: Path) -> None:
    """Decompress py3langid's model into ``folder`` as raw arrays (atomically: a temporary
    folder renamed into place, so a reader never sees half of it)."""
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(model_file)
    arrays = {
        "nextmove": np.frombuffer(nextmove, dtype=_UNSIGNED[nextmove.itemsize]),
        # py3langid's row offsets, pre-shifted: state -> start of its 256 transitions
        "rowbase": np.asarray(row, dtype=np.uint32) << 8,
        "output": np.asarray(output, dtype=np.int32),
        "ptc": np.ascontiguousarray(ptc),
        "pc": np.asarray(pc, dtype=np.float32),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder.parent)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp", dir=folder.parent))
    try:
        meta: dict[str, Any] = {"classes": list(classes)}
        for name, array in arrays.items():
            (tmp / f"{name}.bin").write_bytes(array.tobytes())
            meta[name] = {"dtype": array.dtype.str, "shape": list(array.shape)}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            tmp.rename(folder)
        except OSError:  # another process was faster: use its copy
            if not (folder / "meta.json").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_stale(parent: Path) -> None:
    """Remove unfinished copies (about 67 MB each) that a process killed while writing left."""
    now = time.time()
    for stale in parent.glob("langid-*.tmp*"):
        try:
            if now - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            continue


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


class MappedModel:
    """py3langid's model read from memory-mapped files (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.classes: list[str] = [str(c) for c in meta["classes"]]
        self._maps = {name: _map(folder / f"{name}.bin") for name in _ARRAYS}
        # the automaton walk indexes one number at a time: memoryviews answer with Python ints
        self._nextmove = memoryview(self._maps["nextmove"]).cast(
            _CAST[np.dtype(meta["nextmove"]["dtype"]).itemsize]
        )
        self._rowbase = memoryview(self._maps["rowbase"]).cast("I")
        self._output = memoryview(self._maps["output"]).cast("i")
        shape = tuple(meta["ptc"]["shape"])
        self._ptc = np.frombuffer(self._maps["ptc"], dtype=np.dtype(meta["ptc"]["dtype"])).reshape(shape)
        self._pc = np.frombuffer(self._maps["pc"], dtype=np.float32)
        first: dict[str, int] = {}
        self._aliases: list[tuple[int, int]] = []  # (first column, second column) of one label
        for i, label in enumerate(self.classes):
            if label in first:
                self._aliases.append((first[label], i))
            else:
                first[label] = i
        if not (len(self._pc) == len(self.classes) == shape[1] and len(self._rowbase) == len(self._output)):
            raise ValueError(f"inconsistent language model in {folder}")

    @staticmethod
    def _encode(text: str) -> bytes:
        if text.isupper():
            text = text.lower()
        return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")

    def scores(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The raw score of every model column for ``text``."""
        nextmove, rowbase, output = self._nextmove, self._rowbase, self._output
        state = 0
        features = []
        for byte in self._encode(text):
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                features.append(feature)
        if not features:
            return np.full(len(self.classes), RAW_FLOOR, dtype=np.float32)
        visits = Counter(features)
        index = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        scores: np.ndarray[Any, np.dtype[np.float32]] = np.log1p(counts) @ self._ptc[index] + self._pc
        for i, j in self._aliases:
            scores[i] = max(scores[i], scores[j])
            scores[j] = RAW_FLOOR
        return scores

    def classify(self, text: str) -> tuple[str, float]:
        """``(language, score)`` as ``py3langid.classify`` gives them."""
        scores = self.scores(text)
        best = int(scores.argmax())
        return self.classes[best], float(scores[best])

    def release(self) -> None:
        """Drop the pages read so far from this process's resident set (they stay in the
        system's page cache, so the next text reads them back without touching the disk)."""
        advice = getattr(mmap, "MADV_DONTNEED", None)
        if advice is None:  # not on this platform: the pages stay until the system needs them
            return
        for mapped in self._maps.values():
            mapped.madvise(advice)


@lru_cache(maxsize=1)
def mapped_model() -> MappedModel | None:
    """The mapped model (written to the cache on first use); None where that cannot be done
    (no writable cache folder): the caller then uses py3langid itself."""
    try:
        model_file = _model_file()
        folder = _folder(model_file)
        if not (folder / "meta.json").exists():
            _write(folder, model_file)
        return MappedModel(folder)
    except (OSError, ValueError, KeyError) as err:
        log.warning("language model not mapped (%s: %s); py3langid's own is used", type(err).__name__, err)
        return None


def classify(text: str) -> tuple[str, float]:
    """The language of ``text`` and its score, by py3langid's model."""
    model = mapped_model()
    if model is not None:
        try:
            return model.classify(text)
        finally:
            model.release()  # a long run never keeps the 67 MB in its resident set
    import py3langid

    code, score = py3langid.classify(text)
    return str(code), float(score)


__all__ = ["MappedModel", "classify", "mapped_model"]
