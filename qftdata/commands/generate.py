"""`qftdata generate`: procedural problems from the family registry to JSON lines.

    qftdata generate --families 'kinematics.*,path_integrals.*' --n-per-family 50 --seed 0 --out problems.jsonl
    qftdata generate --families 'rg.*' --difficulty 0.2:0.8 --out rg.jsonl   # the difficulty knob
    qftdata generate --list

Each line is one schema record (`qftdata.schema.Problem`). Records are de-duplicated by id (a family
draws further indices to replace repeats) and by normalised statement across families. `--verify`
grades each record's worked solution against its gold as the build does (`qftdata.build.selfcheck`: the
project verifier's own functions, its pool only for what they cannot decide) and drops (and reports)
records that fail.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

INTERRUPTED = "nothing was written (the output is renamed into place only when generation finishes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.cli import CommaList

    parser.add_argument("--families", action=CommaList, default="all",
                        help="comma-separated family names or globs (default: all, xphysics included)")
    parser.add_argument("--exclude", action=CommaList, default=[],
                        help="comma-separated names or globs to leave out, e.g. 'xphysics.*'")
    parser.add_argument("--n-per-family", type=int, default=50, help="problems per family (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    parser.add_argument("--level", default=None,
                        help="only this level (families without it are skipped); default: each family cycles its levels")
    parser.add_argument("--difficulty", default=None, metavar="D|LO:HI",
                        help="the difficulty knob in [0, 1]: one value (0.7) or a range (0.2:0.8) drawn per problem; "
                             "the level follows from it (quarters of [0, 1]); not with --level")
    parser.add_argument("--out", default="problems.jsonl", help="output JSONL path, '-' for stdout")
    parser.add_argument("--verify", action="store_true",
                        help="self-verify each record's solution against its gold; drop and report failures")
    parser.add_argument("--verify-timeout", type=float, default=5.0, help="seconds per self-verification")
    parser.add_argument("--list", action="store_true", help="list matching families and exit")
    parser.add_argument("--no-progress", action="store_true", help="no tqdm progress bar")


def _selected(args) -> list[str]:
    from fnmatch import fnmatchcase

    from qftdata.generators.api import select_families

    names = select_families(args.families, level=args.level)
    from qftdata.cli import comma_list

    excludes = comma_list(args.exclude)
    return [n for n in names if not any(fnmatchcase(n, p) for p in excludes)]


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from qftdata.generators import families
    from qftdata.generators.api import iter_generate, parse_difficulty, statement_key
    from qftdata.generators.registry import discovery_errors

    if args.n_per_family < 0:
        print("qftdata generate: --n-per-family must be >= 0", file=sys.stderr)
        return 2
    try:
        difficulty = parse_difficulty(getattr(args, "difficulty", None))
    except ValueError as exc:
        print(f"qftdata generate: {exc}", file=sys.stderr)
        return 2
    if difficulty is not None and args.level:
        print("qftdata generate: give --level or --difficulty, not both (the difficulty picks the level)",
              file=sys.stderr)
        return 2
    try:
        names = _selected(args)
    except ValueError as exc:
        print(f"qftdata generate: {exc}", file=sys.stderr)
        return 2
    for module, err in discovery_errors().items():
        print(f"qftdata generate: warning: family module {module} failed to import ({err})", file=sys.stderr)
    if args.list:
        fams = families()
        for n in names:
            f = fams[n]
            print(f"{n:<48} {f.category:<40} {','.join(f.levels)}")
        return 0
    if not names:
        print("qftdata generate: no family matches the selection", file=sys.stderr)
        return 2
    verify_record = None
    if args.verify:
        from qftdata.build.selfcheck import completion_for, self_verify
        from qftdata.verify import verify_record

    # written to a temporary file renamed over --out at the end: an interrupted or failed run leaves no
    # half-written output (nor a truncated old one)
    if args.out != "-" and not Path(args.out).resolve().parent.is_dir():
        print(f"qftdata generate: --out {args.out}: folder {Path(args.out).parent} does not exist; create it first",
              file=sys.stderr)
        return 2
    if args.out != "-" and Path(args.out).is_dir():
        print(f"qftdata generate: --out {args.out}: is a folder; give a file path, e.g. "
              f"{Path(args.out) / 'problems.jsonl'}", file=sys.stderr)
        return 2
    tmp_out = None if args.out == "-" else Path(args.out).with_name(f".{Path(args.out).name}.tmp")
    out = sys.stdout if tmp_out is None else open(tmp_out, "w", encoding="utf-8")  # noqa: SIM115
    seen_ids: set[str] = set()
    seen_statements: set[str] = set()
    written, dropped_dup, failed, errors = 0, 0, [], []
    per_family: dict[str, int] = {}
    bar = tqdm(total=len(names) * args.n_per_family, disable=args.no_progress, unit="problem",
               desc="generate", file=sys.stderr)
    try:
        for name in names:
            bar.set_postfix_str(name)
            count = 0
            try:
                for rec in iter_generate(name, args.n_per_family, seed=args.seed, level=args.level,
                                         difficulty=difficulty):
                    key = statement_key(rec)
                    if rec.id in seen_ids or key in seen_statements:
                        dropped_dup += 1
                        continue
                    if verify_record is not None:
                        # the build's check: the verifier's own functions in-process, its pool only when needed
                        row = rec.to_dict()
                        verdict = self_verify(row)
                        if verdict is None:
                            v = verify_record(completion_for(row), row, timeout=args.verify_timeout)
                            verdict = (bool(v), v.status, v.reason)
                        if not verdict[0]:
                            failed.append((rec.id, verdict[1], verdict[2]))
                            continue
                    seen_ids.add(rec.id)
                    seen_statements.add(key)
                    out.write(json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=False) + "\n")
                    count += 1
                    bar.update(1)
            except Exception as exc:  # one broken family must not lose the others' output
                errors.append((name, f"{type(exc).__name__}: {exc}"))
            bar.update(args.n_per_family - count)
            per_family[name] = count
            written += count
    except BaseException:
        if tmp_out is not None:
            out.close()
            tmp_out.unlink(missing_ok=True)
        raise
    finally:
        bar.close()
    if tmp_out is not None:
        out.close()
        os.replace(tmp_out, args.out)
    short = {n: c for n, c in per_family.items() if c < args.n_per_family}
    print(f"qftdata generate: wrote {written} problems from {len(names)} families to {args.out} "
          f"({dropped_dup} duplicates skipped)", file=sys.stderr)
    for n, c in short.items():
        print(f"  {n}: only {c} distinct problems (limited variety)", file=sys.stderr)
    for rid, status, reason in failed:
        print(f"  self-verification failed, dropped: {rid} ({status}: {reason})", file=sys.stderr)
    for name, err in errors:
        print(f"  ERROR in family {name}: {err}", file=sys.stderr)
    return 1 if errors else 0
