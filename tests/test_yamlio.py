"""lagebild.yamlio: the fast YAML loader reads the data files exactly as PyYAML's SafeLoader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lagebild import yamlio

PACKAGE = Path(yamlio.__file__).resolve().parent
DATA_FILES = sorted(
    path for folder in ("events", "time", "places") for path in (PACKAGE / folder / "data").glob("*.yaml")
)


def test_there_are_data_files_to_compare() -> None:
    assert len(DATA_FILES) >= 8


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_same_objects_as_the_pure_python_safe_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yamlio.safe_load(text)
    slow = yaml.load(text, Loader=yaml.SafeLoader)
    assert fast == slow
    assert repr(fast) == repr(slow)  # same types too (1 vs 1.0 vs "1", True vs "yes")


def test_the_loader_is_a_safe_one() -> None:
    assert yamlio.LOADER in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    with pytest.raises(yaml.YAMLError):
        yamlio.safe_load("x: !!python/object/apply:os.getcwd []\n")


def test_reads_streams_and_reports_broken_yaml() -> None:
    import io

    assert yamlio.safe_load(io.StringIO("wörter: [Ärger, 3, yes]\n")) == {"wörter": ["Ärger", 3, True]}
    with pytest.raises(yaml.YAMLError):
        yamlio.safe_load("a: [unclosed\n")
