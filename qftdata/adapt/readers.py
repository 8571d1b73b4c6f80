r"""Read human-written problem/solution pairs from YAML, JSON, JSONL and LaTeX files.

Accepted layouts (documented in docs/synthesis.md):

* **YAML** (`.yaml`/`.yml`, one or several `---` documents) and **JSON** (`.json`): a list of entries, a
  mapping with one list under `pairs`, `matched_pairs`, `problems`, `entries` or `items`, or one entry;
* **JSONL** (`.jsonl`): one entry per line;
* an **entry** is a mapping; its keys are matched case-insensitively: problem text from `problem`,
  `question`, `statement`, `problem_text`, `prompt`; solution from `solution`, `solution_text`, `answer`,
  `worked_solution`; optional `id` (`id`, `problem_id`, `name`, `label`), `title`, `source`
  (`source`, `book`, `reference`, `origin`); other keys are kept in `extra`;
* **LaTeX** (`.tex`): `\begin{problem}...\end{problem}` each followed by `\begin{solution}...\end{solution}`,
  or `\section*{Problem ...}` / `\section*{Solution}` (also `\subsection*`) headings; a problem's optional
  title is the heading text or the environment's `[...]` argument.

Entries without problem text, or without a solution, are reported as issues (file, entry, why), never
dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["EXTENSIONS", "ReadIssue", "SeedPair", "read_seeds"]

EXTENSIONS = (".yaml", ".yml", ".json", ".jsonl", ".tex")
PROBLEM_KEYS = ("problem", "question", "statement", "problem_text", "prompt")
SOLUTION_KEYS = ("solution", "solution_text", "worked_solution", "answer")
ID_KEYS = ("id", "problem_id", "name", "label")
SOURCE_KEYS = ("source", "book", "reference", "origin")
LIST_KEYS = ("pairs", "matched_pairs", "problems", "entries", "items")


@dataclass
class SeedPair:
    file: str
    index: int          # entry index within the file (0-based, over all YAML documents)
    problem: str
    solution: str
    id: str = ""
    title: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadIssue:
    file: str
    index: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}" + (f" [entry {self.index}]" if self.index is not None else "") + f": {self.message}"


def _first(entry: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    lowered = {str(k).strip().lower().replace(" ", "_"): k for k in entry}
    for key in keys:
        if key in lowered:
            return lowered[key], entry[lowered[key]]
    return None, None


def _entry(raw: Any, file: str, index: int, issues: list[ReadIssue]) -> SeedPair | None:
    if not isinstance(raw, dict):
        issues.append(ReadIssue(file, index, f"entry is a {type(raw).__name__}, expected a mapping"))
        return None
    pk, problem = _first(raw, PROBLEM_KEYS)
    sk, solution = _first(raw, SOLUTION_KEYS)
    if not isinstance(problem, str) or not problem.strip():
        issues.append(ReadIssue(file, index, f"no problem text (keys tried: {', '.join(PROBLEM_KEYS)})"))
        return None
    if not isinstance(solution, str) or not solution.strip():
        issues.append(ReadIssue(file, index, f"no solution text (keys tried: {', '.join(SOLUTION_KEYS)})"))
        return None
    ik, ident = _first(raw, ID_KEYS)
    _, title = _first(raw, ("title",))
    ok, source = _first(raw, SOURCE_KEYS)
    used = {pk, sk, ik, ok} | {k for k in raw if str(k).lower() == "title"}
    extra = {str(k): v for k, v in raw.items() if k not in used}
    return SeedPair(file, index, problem.strip(), solution.strip(), str(ident) if ident is not None else "",
                    str(title or ""), str(source or ""), json.loads(json.dumps(extra, default=str)))


def _entries_of(doc: Any) -> list[Any]:
    if doc is None:
        return []
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        _, lst = _first(doc, LIST_KEYS)
        if isinstance(lst, list):
            return lst
        return [doc]
    return [doc]


_TEX_ENV = re.compile(r"\\begin\{(?P<kind>problem|exercise|solution)\}(?:\[(?P<title>[^\]]*)\])?(?P<body>.*?)"
                      r"\\end\{(?P=kind)\}", re.DOTALL)
_TEX_HEAD = re.compile(r"\\(?:sub)?section\*?\{(?P<head>[^}]*)\}")


def _read_tex(text: str, file: str, issues: list[ReadIssue]) -> list[SeedPair]:
    text = re.sub(r"(?<!\\)%.*", "", text)  # comments
    blocks: list[tuple[str, str, str]] = []  # (kind, title, body)
    for m in _TEX_ENV.finditer(text):
        blocks.append(("solution" if m["kind"] == "solution" else "problem", (m["title"] or "").strip(),
                       m["body"].strip()))
    if not blocks:
        heads = list(_TEX_HEAD.finditer(text))
        for i, h in enumerate(heads):
            head = h["head"].strip()
            kind = "solution" if head.lower().startswith("solution") else (
                "problem" if re.match(r"(problem|exercise|question)", head, re.I) else None)
            if kind is None:
                continue
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            body = text[h.end():end]
            body = re.split(r"\\end\{document\}", body)[0].strip()
            title = re.sub(r"^(problem|exercise|question)\s*[\d.:]*\s*", "", head, flags=re.I).strip(" :.-")
            blocks.append((kind, title, body))
    out: list[SeedPair] = []
    pending: tuple[str, str] | None = None
    index = 0
    for kind, title, body in blocks:
        if kind == "problem":
            if pending is not None:
                issues.append(ReadIssue(file, index, "problem without a following solution"))
                index += 1
            pending = (title, body)
        else:
            if pending is None:
                issues.append(ReadIssue(file, index, "solution without a preceding problem"))
                continue
            out.append(SeedPair(file, index, pending[1], body, title=pending[0]))
            index += 1
            pending = None
    if pending is not None:
        issues.append(ReadIssue(file, index, "problem without a following solution"))
    if not blocks:
        issues.append(ReadIssue(file, None, "no \\begin{problem}/\\begin{solution} environments or "
                                            "\\section*{Problem}/\\section*{Solution} headings found"))
    return out


def read_file(path: Path, issues: list[ReadIssue]) -> list[SeedPair]:
    file = str(path)
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(ReadIssue(file, None, f"cannot be read: {exc}"))
        return []
    if suffix == ".tex":
        return _read_tex(text, file, issues)
    raw: list[Any] = []
    try:
        if suffix in (".yaml", ".yml"):
            import yaml

            for doc in yaml.safe_load_all(text):
                raw.extend(_entries_of(doc))
        elif suffix == ".json":
            raw = _entries_of(json.loads(text))
        elif suffix == ".jsonl":
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        raw.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        issues.append(ReadIssue(file, None, f"line {n}: not JSON ({exc.msg})"))
        else:
            issues.append(ReadIssue(file, None, f"unsupported file type (use one of {', '.join(EXTENSIONS)})"))
            return []
    except Exception as exc:  # YAML / JSON syntax: report, continue with the other files
        issues.append(ReadIssue(file, None, f"does not parse: {type(exc).__name__}: {exc}"))
        return []
    pairs = []
    for i, entry in enumerate(raw):
        pair = _entry(entry, file, i, issues)
        if pair is not None:
            pairs.append(pair)
    return pairs


def read_seeds(paths: str | Path | list[str | Path]) -> tuple[list[SeedPair], list[ReadIssue]]:
    """Pairs from files and directories (searched recursively for `EXTENSIONS`, in sorted order)."""
    items = paths if isinstance(paths, list) else [paths]
    files: list[Path] = []
    issues: list[ReadIssue] = []
    for p in map(Path, items):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS))
        elif p.exists():
            files.append(p)
        else:
            issues.append(ReadIssue(str(p), None, "no such file or directory"))
    pairs: list[SeedPair] = []
    for f in files:
        pairs.extend(read_file(f, issues))
    return pairs, issues
