"""Reading lagebild's YAML data files.

PyYAML's pure-Python loader needs seconds for the event lexicons; libyaml's C loader
(``yaml.CSafeLoader``, part of the PyYAML wheels) reads the same files about ten times faster
into the same Python objects.  Without libyaml the pure-Python ``SafeLoader`` is used.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(source: str | bytes | IO[str] | IO[bytes]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available (raises ``yaml.YAMLError``)."""
    return yaml.load(source, Loader=LOADER)  # LOADER is one of the safe loaders
