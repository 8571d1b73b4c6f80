"""`qftdata validate PATH_OR_HUB_ID [--json]`: schema, ids, golds, splits and card of a dataset."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="PATH_OR_HUB_ID", help="dataset folder or Hub dataset id (org/name)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-verify", action="store_true", help="skip gold self-verification (fast)")
    parser.add_argument("--timeout", type=float, default=10.0, help="verifier time limit per row (s, default 10)")
    parser.add_argument("--revision", default=None, help="Hub revision (branch, tag or commit)")
    parser.add_argument("--max-errors", type=int, default=200, help="errors printed in text mode")


def print_report(report, max_errors: int = 200) -> None:
    for issue in report.errors[:max_errors]:
        print(f"error: {issue}")
    if len(report.errors) > max_errors:
        print(f"error: ... and {len(report.errors) - max_errors} more (use --json for all)")
    for issue in report.warnings[:max_errors]:
        print(f"warning: {issue}")
    rows = ", ".join(f"{cfg}[{', '.join(f'{s}={n}' for s, n in sp.items())}]"
                     for cfg, sp in report.stats.get("configs", {}).items())
    state = "OK" if report.ok else f"FAILED ({len(report.errors)} errors)"
    print(f"{report.path}: {state}; {len(report.warnings)} warnings; {rows}")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from qftdata.validate import ValidateError, validate

    try:
        report = validate(args.target, verify=not args.no_verify, timeout=args.timeout, revision=args.revision)
    except ValidateError as exc:
        if args.json:
            print(json.dumps({"path": args.target, "ok": False, "fatal": str(exc)}))
        else:
            print(f"qftdata validate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        print_report(report, args.max_errors)
    if not report.ok:  # the report is on stdout; stderr gets the one line every failing verb prints
        print(f"qftdata validate: {args.target}: FAILED with {len(report.errors)} error(s); first: "
              f"{report.errors[0]}", file=sys.stderr)
    return 0 if report.ok else 1
