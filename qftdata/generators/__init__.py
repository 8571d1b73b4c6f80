"""Procedural problem families whose gold answers are computed from first principles.

>>> from qftdata.generators import families, generate
>>> fams = families()          # name -> Family(category, levels, description, ...)
"""

from qftdata.generators.api import generate, generate_one, iter_generate
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import families, get_family, register

__all__ = ["Draft", "Family", "FamilyConfig", "families", "generate", "generate_one", "get_family",
           "iter_generate", "register"]
