"""Registered functions and settings that ``spacy train --code training/code.py`` needs."""

import lagebild.nlp.tokenizer  # noqa: F401  (registers lagebild.tokenizer_setup.v1)
from lagebild.nlp.ops import set_model_ops

# Train with the matrix library lagebild runs with (lagebild/nlp/ops.py: numpy's OpenBLAS, one
# thread; thinc's BLIS falls back to a slow generic kernel on CPUs it does not recognise).
# ``spacy train`` imports this file before it builds the pipeline, so its models get these ops.
set_model_ops()
