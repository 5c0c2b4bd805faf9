"""Imported by the ingest fork server: loads what every worker needs once, before workers fork.

Workers then share these pages copy-on-write instead of each loading them again.
"""

from __future__ import annotations

import spacy  # noqa: F401

from ..language import detect_language
from ..nlp.wordlist import word_list
from ..pipeline import Analyzer  # noqa: F401
from .dedup import signature

detect_language("Die Regierung hat am Montag in der Hauptstadt über den Haushalt beraten.")
signature(" ".join(f"wort{n}" for n in range(40)))
word_list()  # simplemma's dictionary as a compact word list (19 MB): read or built once, shared
