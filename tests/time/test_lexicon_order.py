"""The time lexicon's alternations do not depend on the process's string hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = (
    "import hashlib; from lagebild.time.lexicon import load_lexicon; "
    "lex = load_lexicon(); "
    "print(hashlib.sha256(repr(sorted(lex.alternations.items())).encode()).hexdigest())"
)


def test_alternations_same_under_any_hash_seed() -> None:
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
