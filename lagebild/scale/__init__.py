"""Scale-out runners.  They all call the same per-document function as ``lagebild analyze``."""
