"""The problem record: one dataclass, one `datasets.Features`, one set of allowed values.

Every column has exactly one type in every row (the paper's Hub viewer broke on mixed types), so nested
data (`metadata`, `assumptions`, `code`) is stored as JSON strings and lists are lists of strings.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 2  # 2: the `domain` column (physical region of the symbols)

SOURCES: tuple[str, ...] = ("procedural", "llm-synthetic", "human-adapted", "imported")

LEVELS: tuple[str, ...] = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")

# The 18 topic categories of the QFT topic list used by arXiv 2604.18936, written down once.
CATEGORIES: tuple[str, ...] = (
    "Foundations and Scalar Fields",
    "Path Integrals and Quantization",
    "Symmetries and Scattering",
    "Fermions and Spinor Structure",
    "Gauge Fields and Symmetry",
    "Renormalization and Quantum Corrections",
    "Spontaneous Symmetry Breaking and Higgs",
    "Applied Topics and Tools",
    "Renormalization Group and Scaling",
    "Non-Abelian Gauge Theories",
    "Finite Temperature and Vacuum Effects",
    "Anomalies and Supersymmetry",
    "Amplitude and On-Shell Methods",
    "Loop and Regularization Techniques",
    "Effective Field Theories",
    "Nonperturbative and Topological Physics",
    "Curved Spacetime and Semiclassical QFT",
    "Conformal, Supersymmetric, and Dual Structures",
)

# Cross-physics families (names starting "xphysics.") use these instead of the QFT categories.
XPHYSICS_CATEGORIES: tuple[str, ...] = (
    "Classical Mechanics",
    "Electromagnetism",
    "Quantum Mechanics",
    "Statistical Mechanics",
    "General Relativity and Cosmology",
    "Other Physics",
)

ANSWER_TYPES: tuple[str, ...] = ("expression", "numeric", "categorical", "code")

# Symbol domains a record may declare in `assumptions` (default for a declared symbol: "positive").
SYMBOL_DOMAINS: tuple[str, ...] = ("positive", "nonnegative", "real", "complex", "integer", "positive_integer")


# Columns added after schema 1: a row without them is read with the default (`domain` "[]": no region).
OPTIONAL_FIELDS = frozenset({"domain"})


class SchemaError(ValueError):
    """A record breaks the schema; the message names the field."""


@dataclass
class Problem:
    """One problem row. Field order is the column order of the published dataset."""

    id: str
    source: str
    family: str
    category: str
    level: str
    problem: str
    answer: str
    answer_type: str
    symbols: list[str] = field(default_factory=list)
    tolerance: float = 0.0
    choices: list[str] = field(default_factory=list)
    solution: str = ""
    assumptions: str = "{}"  # JSON object: symbol -> one of SYMBOL_DOMAINS
    domain: str = "[]"  # JSON list of relations among declared symbols ("M > m_1 + m_2"): the physical region
    code: str = ""  # JSON object describing a code answer (answer_type == "code"), else ""
    metadata: str = "{}"  # JSON object: provenance, parameters, seed, index, family version, ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Problem:
        names = {f.name for f in fields(cls)}
        unknown = set(row) - names
        if unknown:
            raise SchemaError(f"unknown field(s): {sorted(unknown)}")
        return cls(**{k: row[k] for k in names if k in row})

    def meta(self) -> dict[str, Any]:
        return json.loads(self.metadata or "{}")

    def symbol_assumptions(self) -> dict[str, str]:
        return json.loads(self.assumptions or "{}")

    def domain_relations(self) -> list[str]:
        return json.loads(self.domain or "[]")

    def validate(self) -> None:
        """Raise SchemaError naming the first bad field."""
        for problem_field in validation_errors(self.to_dict()):
            raise SchemaError(problem_field)


def validation_errors(row: dict[str, Any]) -> list[str]:
    """All schema problems of one row as 'field: what is wrong' strings (empty list: valid)."""
    errors: list[str] = []
    expected = {f.name for f in fields(Problem)}
    for name in sorted(expected - set(row) - OPTIONAL_FIELDS):
        errors.append(f"{name}: missing")
    for name in sorted(set(row) - expected):
        errors.append(f"{name}: unknown field")
    str_fields = ("id", "source", "family", "category", "level", "problem", "answer", "answer_type",
                  "solution", "assumptions", "domain", "code", "metadata")
    for name in str_fields:
        if name in row and not isinstance(row[name], str):
            errors.append(f"{name}: expected str, got {type(row[name]).__name__}")
    for name in ("symbols", "choices"):
        if name in row and (not isinstance(row[name], list) or not all(isinstance(s, str) for s in row[name])):
            errors.append(f"{name}: expected list of str")
    tol = row.get("tolerance")
    if "tolerance" in row and (not isinstance(tol, (int, float)) or isinstance(tol, bool)
                               or not math.isfinite(tol) or tol < 0):
        errors.append(f"tolerance: expected a finite float >= 0, got {tol!r}")
    if errors:
        return errors
    if not row["id"]:
        errors.append("id: empty")
    if row["source"] not in SOURCES:
        errors.append(f"source: {row['source']!r} not in {SOURCES}")
    if row["level"] not in LEVELS:
        errors.append(f"level: {row['level']!r} not in {LEVELS}")
    if row["category"] not in CATEGORIES + XPHYSICS_CATEGORIES:
        errors.append(f"category: {row['category']!r} is not a known category")
    if row["answer_type"] not in ANSWER_TYPES:
        errors.append(f"answer_type: {row['answer_type']!r} not in {ANSWER_TYPES}")
    if not row["problem"].strip():
        errors.append("problem: empty")
    if row["answer_type"] != "code" and not row["answer"].strip():
        errors.append("answer: empty")
    if row["answer_type"] == "categorical" and row["choices"] and row["answer"] not in row["choices"]:
        errors.append("answer: categorical answer is not one of choices")
    for name in ("assumptions", "metadata") + (("code",) if row["code"] else ()):
        try:
            value = json.loads(row[name])
        except json.JSONDecodeError as exc:
            errors.append(f"{name}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(value, dict):
            errors.append(f"{name}: expected a JSON object")
        elif name == "assumptions":
            for sym, dom in value.items():
                if dom not in SYMBOL_DOMAINS:
                    errors.append(f"assumptions: {sym!r} has unknown domain {dom!r}")
    if row["answer_type"] == "code" and not row["code"]:
        errors.append("code: required when answer_type is 'code'")
    errors += domain_errors(row.get("domain", "[]"), row["symbols"], row["assumptions"])
    return errors


def domain_errors(domain: str, symbols: list[str], assumptions: str = "{}") -> list[str]:
    """'domain: ...' problems of a `domain` column: a JSON list of inequalities that parse with the
    verifier's safe parser and use only declared symbols (CONVENTIONS.md, "Records")."""
    try:
        relations = json.loads(domain or "[]")
    except json.JSONDecodeError as exc:
        return [f"domain: not valid JSON ({exc.msg})"]
    if not isinstance(relations, list) or not all(isinstance(r, str) for r in relations):
        return ["domain: expected a JSON list of strings such as [\"M > m_1 + m_2\"]"]
    if not relations:
        return []
    from qftdata.verify.domain import parse_relations
    from qftdata.verify.names import Names, ParseError
    from qftdata.verify.parse import parse_expression

    try:
        amap = json.loads(assumptions or "{}")
        names = Names(symbols, amap if isinstance(amap, dict) else {})
    except (ParseError, json.JSONDecodeError):
        return []  # the assumptions column reports its own error
    errors = []
    for text in relations:
        try:
            rels = parse_relations([text], names, lambda t, n: parse_expression(t, n)[0])
        except (ParseError, ValueError) as exc:
            errors.append(f"domain: {text!r} does not parse ({exc}); write e.g. 'M > m_1 + m_2' or 's > 4*m^2'")
            continue
        stray = sorted({s.name for rel in rels for s in rel.expr.free_symbols if s.name not in names.declared})
        if stray:
            errors.append(f"domain: {text!r} uses undeclared symbol(s) {', '.join(stray)}; add them to symbols")
    return errors


def features():
    """The `datasets.Features` of a problem row (imported lazily: `datasets` is heavy)."""
    from datasets import Features, List, Value

    return Features(
        {
            "id": Value("string"),
            "source": Value("string"),
            "family": Value("string"),
            "category": Value("string"),
            "level": Value("string"),
            "problem": Value("string"),
            "answer": Value("string"),
            "answer_type": Value("string"),
            "symbols": List(Value("string")),
            "tolerance": Value("float64"),
            "choices": List(Value("string")),
            "solution": Value("string"),
            "assumptions": Value("string"),
            "domain": Value("string"),
            "code": Value("string"),
            "metadata": Value("string"),
        }
    )


def stable_id(family: str, family_version: int, params: dict[str, Any]) -> str:
    """Stable id = hash of (family, family version, parameters), per CONVENTIONS.md.

    The same problem gets the same id in every build; a changed family (new version) gets new ids.
    """
    payload = json.dumps({"family": family, "version": family_version, "params": params},
                         sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.sha256(payload.encode()).hexdigest()[:16]
    return f"{family}-{digest}"


def dumps(obj: Any) -> str:
    """Canonical JSON for the JSON-string columns (sorted keys: byte-identical builds)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
