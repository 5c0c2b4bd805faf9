"""HTTP API and dashboard (FastAPI).  ``create_app`` builds the app; ``lagebild serve`` runs it."""

from .app import create_app

__all__ = ["create_app"]
