r"""Read human-written problem/solution pairs from YAML, JSON, JSONL and LaTeX files.

Accepted layouts (documented in docs/synthesis.md):

* **YAML** (`.yaml`/`.yml`, one or several `---` documents) and **JSON** (`.json`): a list of entries, a
  mapping with one list under `pairs`, `matched_pairs`, `problems`, `entries` or `items`, or one entry;
* **JSONL** (`.jsonl`): one entry per line;
* an **entry** is a mapping; its keys are matched case-insensitively: problem text from `problem`,
  `question`, `statement`, `problem_text`, `prompt`; solution from `solution`, `solution_text`, `answer`,
  `worked_solution`; optional `id` (`id`, `problem_id`, `name`, `label`), `title`, `source`
  (`source`, `book`, `reference`, `origin`); other keys are kept in `extra`. The problem or solution is
  either text or, as in the paper's `seeds/*/*/matched_pairs.yaml`, a mapping `{type: problem|solution,
  content: text}` (a `type` that contradicts its key is an issue);
* **LaTeX** (`.tex`): `\begin{problem}...\end{problem}` each followed by `\begin{solution}...\end{solution}`,
  or `\section*{Problem ...}` / `\section*{Solution}` (also `\subsection*`) headings; a problem's optional
  title is the heading text or the environment's `[...]` argument.

Entries without problem text, or without a solution, are reported as issues (file, entry, why), never
dropped silently. So is text holding a control character where a LaTeX command stood: in a double-quoted
YAML string `"\frac"` decodes to a form feed and `rac` (YAML escapes `\a \b \t \v \f \r \e`), which
would silently corrupt the formula.

Every pair carries its **collection**, the name of the folder holding its file (the paper's
`MIT_OCW_QFT1`): ids and family names are built from it, so files that share a name
(`matched_pairs.yaml`) in different folders stay apart. Two files with the same collection and file name
are refused (the second is an issue), since their ids would collide.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["EXTENSIONS", "ReadIssue", "SeedPair", "collection_of", "escape_damage", "read_seeds"]

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
    collection: str = ""  # the folder holding the file (default: derived from `file`)

    def __post_init__(self) -> None:
        if not self.collection:
            self.collection = collection_of(self.file)

    @property
    def where(self) -> str:
        """`collection/file name`: what ids, keys and reports name a seed file by."""
        return f"{self.collection}/{Path(self.file).name}"


def collection_of(file: str | Path) -> str:
    """The name of the folder holding `file` (the paper's `MIT_OCW_QFT1`)."""
    return Path(file).resolve().parent.name or "seeds"


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


# What a YAML/JSON escape leaves where a single-backslash LaTeX command stood (`"\frac"` -> form feed + "rac").
# Bell, backspace, vertical tab, form feed and escape never occur in LaTeX text; tab, carriage return and
# newline do, so for them only a whole known command name counts.
_ESCAPE_LETTER = {"\x07": "a", "\x08": "b", "\x0b": "v", "\x0c": "f", "\x1b": "e", "\t": "t", "\r": "r",
                  "\n": "n"}
_AMBIGUOUS_COMMANDS = {
    "\t": {"theta", "tau", "times", "text", "textbf", "textrm", "textit", "tilde", "to", "tan", "tanh", "tfrac",
           "top", "triangle"},
    "\r": {"rho", "right", "rangle", "rightarrow", "rm", "rfloor", "rceil"},
    "\n": {"nabla", "nonumber", "newline", "notin"},
}
_DAMAGE = re.compile(r"([\x07\x08\x0b\x0c\x1b\t\r\n])([A-Za-z]*)")


def escape_damage(text: str) -> str | None:
    """Why `text` looks like a LaTeX backslash eaten by a YAML/JSON escape, or None."""
    for m in _DAMAGE.finditer(text):
        char, tail = m.group(1), m.group(2)
        command = _ESCAPE_LETTER[char] + tail
        if char in _AMBIGUOUS_COMMANDS and command not in _AMBIGUOUS_COMMANDS[char]:
            continue
        return (f"holds the control character U+{ord(char):04X} where '\\{command}' was probably meant (a "
                f"double-quoted YAML or JSON string reads '\\{_ESCAPE_LETTER[char]}' as an escape): write the "
                f"backslash twice ('\\\\{command}') or use a YAML block scalar (|)")
    return None


def _text(value: Any, key: str | None, kind: str) -> tuple[str | None, str | None]:
    """(text, None) from a plain string or a `{type, content}` mapping; (None, why) otherwise."""
    if key is None or value is None:
        return None, "missing"
    if isinstance(value, dict):
        _, typ = _first(value, ("type",))
        if typ is not None and str(typ).strip().lower() != kind:
            return None, f"'{key}' has type {typ!r}, expected {kind!r}"
        ck, content = _first(value, ("content", "text"))
        if ck is None:
            return None, f"'{key}' is a mapping without 'content' (keys: {', '.join(map(str, value))})"
        key, value = f"{key}.{ck}", content
    if not isinstance(value, str):
        return None, f"'{key}' is a {type(value).__name__}, expected text"
    if not value.strip():
        return None, f"'{key}' is empty"
    damage = escape_damage(value)
    if damage:
        return None, f"'{key}' {damage}"
    return value.strip(), None


def _entry(raw: Any, file: str, index: int, issues: list[ReadIssue]) -> SeedPair | None:
    if not isinstance(raw, dict):
        issues.append(ReadIssue(file, index, f"entry is a {type(raw).__name__}, expected a mapping"))
        return None
    pk, problem_raw = _first(raw, PROBLEM_KEYS)
    sk, solution_raw = _first(raw, SOLUTION_KEYS)
    problem, why = _text(problem_raw, pk, "problem")
    if problem is None:
        issues.append(ReadIssue(file, index, f"no problem text ({why}; keys tried: {', '.join(PROBLEM_KEYS)})"
                                if why == "missing" else f"no problem text: {why}"))
        return None
    solution, why = _text(solution_raw, sk, "solution")
    if solution is None:
        issues.append(ReadIssue(file, index, f"no solution text ({why}; keys tried: {', '.join(SOLUTION_KEYS)})"
                                if why == "missing" else f"no solution text: {why}"))
        return None
    ik, ident = _first(raw, ID_KEYS)
    _, title = _first(raw, ("title",))
    ok, source = _first(raw, SOURCE_KEYS)
    used = {pk, sk, ik, ok} | {k for k in raw if str(k).lower() == "title"}
    extra = {str(k): v for k, v in raw.items() if k not in used}
    return SeedPair(file, index, problem, solution, str(ident) if ident is not None else "",
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
    except Exception as exc:  # YAML / JSON syntax: report in one line, continue with the other files
        issues.append(ReadIssue(file, None, f"does not parse: {_one_line(exc)}"))
        return []
    pairs = []
    for i, entry in enumerate(raw):
        pair = _entry(entry, file, i, issues)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _one_line(exc: Exception) -> str:
    """A parser error in one line: PyYAML's are several (context, mark, problem), JSON's one."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem is None:
        return " ".join(f"{type(exc).__name__}: {exc}".split())
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    hint = ""
    if "unknown escape character" in problem:
        hint = " (a LaTeX backslash in a double-quoted string: write it twice, or use a block scalar |)"
    return f"YAML: {problem}{where}{hint}"


def read_seeds(paths: str | Path | list[str | Path]) -> tuple[list[SeedPair], list[ReadIssue]]:
    """Pairs from files and directories (searched recursively for `EXTENSIONS`, in sorted order).

    A file reached twice is read once; a second file with the same collection and file name as an
    earlier one is refused with an issue (its parts would get the same ids)."""
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
    seen: dict[Path, Path] = {}
    names: dict[tuple[str, str], Path] = {}
    for f in files:
        real = f.resolve()
        if real in seen:
            continue
        seen[real] = f
        name = (collection_of(f), f.name)
        if name in names:
            issues.append(ReadIssue(str(f), None, f"same collection and file name ({name[0]}/{name[1]}) as "
                                                  f"{names[name]}: their ids would collide; rename a folder"))
            continue
        names[name] = f
        pairs.extend(read_file(f, issues))
    return pairs, issues
