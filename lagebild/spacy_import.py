"""Import spaCy for the command line without its own command line (cold start).

``import spacy`` also imports ``spacy.cli`` (for ``spacy.info``), which pulls in requests,
httpx, typer and weasel: about 0.3 s of a ``lagebild analyze`` start that never uses them.
:func:`import_spacy` imports spaCy with a stand-in for ``spacy.cli.info`` whose ``info`` loads
the real one on first call, then removes the stand-ins, so a later ``import spacy.cli`` loads
the real package as usual.  Only the ``lagebild`` command calls this; library users import
spaCy the normal way.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any

STAND_INS = ("spacy.cli.info", "spacy.cli")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` as spaCy defines it, imported on first use."""
    return import_module("spacy.cli.info").info(*args, **kwargs)


def import_spacy() -> None:
    """Import spaCy once, without ``spacy.cli``; a no-op when spaCy is already imported."""
    if "spacy" in sys.modules or any(name in sys.modules for name in STAND_INS):
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package, so ``spacy.cli.info`` resolves to the stand-in below
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = info
    try:
        import_module("spacy")
    finally:
        for name in STAND_INS:
            if sys.modules.get(name) in (package, info):
                del sys.modules[name]
