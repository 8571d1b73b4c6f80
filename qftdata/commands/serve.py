"""`qftdata serve`: a local OpenAI-compatible server (a transformers model, or scripted answers)."""

from qftdata.serve import add_arguments, run

__all__ = ["add_arguments", "run"]
