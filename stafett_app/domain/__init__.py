"""Plain-Python rules of the stafettlogg. Nothing here imports Reflex or opens a database session."""
