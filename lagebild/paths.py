"""Where lagebild finds its own data files and the optional shared corpora folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
LANG_DE_DIR = PACKAGE_DIR / "lang" / "de"
MODELS_DIR = PACKAGE_DIR / "models"
DEFAULT_MODEL_DIR = MODELS_DIR / "de_lagebild"
SCHEMA_DIR = PACKAGE_DIR / "schema"


def repo_root() -> Path:
    """The source checkout's root (the folder above the package)."""
    return PACKAGE_DIR.parent


def shared_dir() -> Path | None:
    """The shared corpora folder: ``$LAGEBILD_SHARED`` or ``<repo>/../shared``; None if absent."""
    env = os.environ.get("LAGEBILD_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(repo_root().parent / "shared")
    for path in candidates:
        if path.is_dir():
            return path
    return None
