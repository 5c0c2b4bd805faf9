"""The CPU matrix library the neural components are built with (lagebild/nlp/ops.py)."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps, Ops, get_current_ops, set_current_ops, use_ops

import lagebild.nlp as lnlp
from lagebild import settings
from lagebild.nlp import ops as lops


@pytest.fixture
def nlp_settings(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    values = dict(settings.NLP)
    monkeypatch.setattr(settings, "NLP", values)
    return values


def _ops_of(pipeline_dir: str) -> Ops:
    return lnlp.load(pipeline_dir).get_pipe("tagger").model.ops


def test_models_are_built_without_blis(tagged_pipeline: str, nlp_settings: dict[str, object]) -> None:
    ops = _ops_of(tagged_pipeline)
    assert isinstance(ops, NumpyOps) and ops.use_blis is False
    # the caller's ops are back after loading
    assert getattr(get_current_ops(), "use_blis", None) is not False


def test_blis_when_asked(tagged_pipeline: str, nlp_settings: dict[str, object]) -> None:
    nlp_settings["matrix_library"] = "blis"
    ops = _ops_of(tagged_pipeline)
    assert isinstance(ops, NumpyOps) and ops.use_blis is True


def test_other_ops_of_the_caller_are_kept(tagged_pipeline: str, nlp_settings: dict[str, object]) -> None:
    class OwnOps(NumpyOps):  # stands in for a GPU or a platform's ops
        name = "own"

    before = get_current_ops()
    set_current_ops(OwnOps())
    try:
        assert isinstance(_ops_of(tagged_pipeline), OwnOps)
    finally:
        set_current_ops(before)


def test_unknown_library_is_refused(nlp_settings: dict[str, object]) -> None:
    nlp_settings["matrix_library"] = "mkl"
    with pytest.raises(ValueError, match="matrix_library"), lops.model_ops():
        pass


def test_numpy_ops_multiply_like_blis() -> None:
    rng = numpy.random.default_rng(0)
    x, y = rng.random((7, 5), dtype="float32"), rng.random((3, 5), dtype="float32")
    with use_ops("numpy", use_blis=False):
        plain = get_current_ops().gemm(x, y, trans2=True)
    assert numpy.allclose(plain, NumpyOps(use_blis=True).gemm(x, y, trans2=True), atol=1e-5)


def test_blas_threads_are_limited(monkeypatch: pytest.MonkeyPatch, nlp_settings: dict[str, object]) -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    monkeypatch.setattr(lops, "_limited", [])
    nlp_settings["blas_threads"] = 1
    with threadpoolctl.threadpool_limits(limits=None):  # restores the process's limits afterwards
        lops.limit_blas_threads()
        pools = [p for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
        assert pools and all(p["num_threads"] == 1 for p in pools)
        assert lops._limited == [1]


def test_set_model_ops_for_the_process(nlp_settings: dict[str, object]) -> None:
    before = get_current_ops()
    set_current_ops(NumpyOps())
    try:
        lops.set_model_ops()
        assert get_current_ops().use_blis is False  # type: ignore[attr-defined]
    finally:
        set_current_ops(before)
