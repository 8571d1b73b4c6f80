"""An explicit registry of problem families.

Family modules are discovered lazily (on the first `families()` call, not at package import) by walking
the category sub-packages of `qftdata.generators`; each module registers its families itself.
Duplicate names are rejected.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings

from qftdata.generators.base import Family

_REGISTRY: dict[str, Family] = {}
_DISCOVERED = False
# module name -> "ExcType: message" for family modules that failed to import (see `discovery_errors`).
_ERRORS: dict[str, str] = {}
# Modules of the framework itself, never family modules.
_FRAMEWORK_MODULES = {"base", "registry", "api", "text", "sym", "cli", "testing", "lie", "dirac", "variety"}


def register(family: Family) -> Family:
    """Add a family; raise ValueError on an invalid family or a duplicate name."""
    family.validate()
    existing = _REGISTRY.get(family.name)
    if existing is not None and existing.generate is not family.generate:
        raise ValueError(f"duplicate family name {family.name!r}")
    _REGISTRY[family.name] = family
    return family


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    import qftdata.generators as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix="qftdata.generators."):
        leaf = info.name.rsplit(".", 1)[-1]
        if leaf.startswith("_") or leaf in _FRAMEWORK_MODULES:
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # one broken family module must not take the whole registry down
            _ERRORS[info.name] = f"{type(exc).__name__}: {exc}"
            warnings.warn(f"family module {info.name} failed to import: {_ERRORS[info.name]}",
                          RuntimeWarning, stacklevel=2)
    _DISCOVERED = True


def discovery_errors() -> dict[str, str]:
    """Family modules that failed to import during discovery: module name -> error (empty: all fine)."""
    _discover()
    return dict(_ERRORS)


def families() -> dict[str, Family]:
    """name -> Family for every registered family, sorted by name."""
    _discover()
    return dict(sorted(_REGISTRY.items()))


def get_family(name: str) -> Family:
    fams = families()
    if name not in fams:
        raise KeyError(f"unknown family {name!r}; known: {', '.join(fams)}")
    return fams[name]
