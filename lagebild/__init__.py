"""lagebild: who did what to whom, when and where — and according to whom."""

__version__ = "0.1.0"
