"""Registered functions that ``spacy train --code training/code.py`` needs."""

import lagebild.nlp.tokenizer  # noqa: F401  (registers lagebild.tokenizer_setup.v1)
