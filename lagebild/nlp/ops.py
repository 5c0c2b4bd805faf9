"""The matrix library under the neural components on the CPU.

thinc multiplies matrices with BLIS by default.  BLIS chooses its kernels by the CPU model it
recognises; on a CPU it does not recognise it falls back to its generic C kernel.  On the
machines lagebild is measured on (AMD family 25 under a hypervisor) that kernel is 3-4x slower
than numpy's OpenBLAS, which chooses by CPU *features*, and the whole parse ran at about
two thirds of its speed (``benchmarks/parse_speed.py``, docs/performance.md).

:func:`model_ops` is the context the pipeline is built in: thinc's ``NumpyOps`` without BLIS
(``NLP["matrix_library"] = "numpy"``), unless the caller already chose other ops (a GPU, or a
subclass such as Apple's).  :func:`limit_blas_threads` caps BLAS at ``NLP["blas_threads"]`` per
process: lagebild scales over processes, one per core, and BLAS threads on top of them only
compete (two OpenBLAS threads doubled the CPU time of a one-process parse and saved no wall time).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from thinc.api import NumpyOps, get_current_ops, set_current_ops, use_ops

from lagebild import settings

log = logging.getLogger(__name__)

_limited: list[int | None] = []  # the thread limit applied in this process (at most one entry)


@contextlib.contextmanager
def model_ops() -> Iterator[None]:
    """Build models inside this block to give them the configured CPU matrix library."""
    if not _switch():
        yield
        return
    limit_blas_threads()
    with use_ops("numpy", use_blis=False):
        yield


def set_model_ops() -> None:
    """:func:`model_ops` for the rest of the process (training scripts)."""
    if _switch():
        limit_blas_threads()
        set_current_ops(NumpyOps(use_blis=False))


def _switch() -> bool:
    """Replace the current ops?  Only thinc's plain CPU ops, and only when configured."""
    library = settings.NLP["matrix_library"]
    if library not in ("numpy", "blis"):
        raise ValueError(f"NLP['matrix_library'] must be 'numpy' or 'blis', not {library!r}")
    # exactly NumpyOps: CupyOps (GPU) and platform subclasses are the caller's choice and stay
    return library == "numpy" and type(get_current_ops()) is NumpyOps


def limit_blas_threads() -> None:
    """Cap the BLAS thread pools of this process at ``NLP["blas_threads"]`` (once per process)."""
    threads = settings.NLP["blas_threads"]
    if threads is None or _limited == [threads]:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=int(threads), user_api="blas")
    _limited[:] = [threads]
    log.debug("BLAS limited to %s thread(s) per process", threads)
