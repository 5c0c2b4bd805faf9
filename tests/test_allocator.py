"""The allocator settings of long runs (lagebild.allocator): safe everywhere, strict on input."""

from __future__ import annotations

import pytest

from lagebild import allocator
from lagebild.settings import INGEST

glibc = pytest.mark.skipif(allocator._libc() is None, reason="needs glibc")


def test_no_threshold_leaves_the_allocator_alone() -> None:
    assert allocator.fix_mmap_threshold(None) is False


@pytest.mark.parametrize("size", [-1, allocator.MAX_MMAP_THRESHOLD + 1])
def test_sizes_glibc_would_refuse_are_an_error(size: int) -> None:
    with pytest.raises(ValueError, match="mmap threshold"):
        allocator.fix_mmap_threshold(size)


@glibc
def test_threshold_is_set_and_large_blocks_still_work() -> None:
    assert allocator.fix_mmap_threshold(INGEST["mmap_threshold_bytes"]) is True
    block = bytearray(4 * 2**20)  # above the threshold: a mapping of its own
    block[-1] = 7
    assert block[-1] == 7 and len(block) == 4 * 2**20


def test_without_glibc_both_calls_are_no_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator, "_libc", lambda: None)
    assert allocator.trim() is False
    assert allocator.fix_mmap_threshold(2**20) is False


def test_a_bad_setting_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(INGEST, "mmap_threshold_bytes", -5)
    allocator.prepare()
    assert "mmap_threshold_bytes" in caplog.text
