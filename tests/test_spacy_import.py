"""The command line imports spaCy without spaCy's own command line (cold start)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from lagebild.spacy_import import import_spacy
import_spacy()
import spacy
assert "spacy" in sys.modules
assert "spacy.cli" not in sys.modules, "spacy.cli was imported"
assert "requests" not in sys.modules
nlp = spacy.blank("de")
assert [t.text for t in nlp("Ein kurzer Satz.")] == ["Ein", "kurzer", "Satz", "."]
import spacy.cli
assert hasattr(spacy.cli, "setup_cli"), "the real spacy.cli must still load afterwards"
import_spacy()  # a second call is a no-op
print("ok")
"""


def test_spacy_without_its_cli_then_the_real_cli() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_noop_when_spacy_is_already_imported() -> None:
    import spacy

    from lagebild.spacy_import import import_spacy

    before = sys.modules["spacy"]
    import_spacy()
    assert sys.modules["spacy"] is before
    assert spacy.info is not None
