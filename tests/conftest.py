"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.paths import DEFAULT_MODEL_DIR, repo_root, shared_dir

EXAMPLES = repo_root() / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpora folder; tests using it are skipped where it is absent (a user's clone)."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is not present")
    return path


@pytest.fixture(scope="session")
def seed_file(shared: Path) -> Path:
    files = sorted((shared / "seed").glob("*.txt"))
    if not files:
        pytest.skip("no seed article in ../shared/seed")
    return files[0]


@pytest.fixture(scope="session")
def model_present() -> Path:
    """The shipped model must exist: it is part of the package, so its absence is a failure."""
    if not (DEFAULT_MODEL_DIR / "meta.json").exists():
        pytest.fail(f"the shipped model is missing at {DEFAULT_MODEL_DIR}")
    return DEFAULT_MODEL_DIR


@pytest.fixture(scope="session")
def nlp_full(model_present):
    """The full lagebild pipeline on the shipped model (integration tests only)."""
    from lagebild.pipeline import build

    return build()


@pytest.fixture(scope="session")
def analyzer(nlp_full):
    from lagebild.pipeline import Analyzer

    return Analyzer(nlp=nlp_full)
