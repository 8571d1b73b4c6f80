"""`qftdata import verifiable-qft|tpbench PATH --out FILE.jsonl [--dataset-dir DIR]`.

Converts the paper's released problems (nswoodward/VerifiableQFT layout) or TPBench rows into qft-reason
records (source "imported", answer_type "code"), validating each one and reporting every problem that could
not be converted (file, row/problem id, field, why). Reference implementations run only in the sandbox.
With --dataset-dir, the records become (or are merged into) the dataset config `imported`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=["verifiable-qft", "tpbench"], help="layout of the input")
    parser.add_argument("path", help="a file (JSON, JSONL, parquet) or a directory of them")
    from qftdata.cli import DeprecatedAlias

    parser.add_argument("--out", help="write the converted records to this JSONL file")
    parser.add_argument("--dataset-dir", help="also add the records to this existing dataset folder "
                                              "(config --config-name)")
    parser.add_argument("--config-name", default="imported", help="dataset config to write (default: imported)")
    parser.add_argument("--config", dest="config_name", action=DeprecatedAlias, instead="--config-name",
                        help="deprecated spelling of --config-name")
    parser.add_argument("--split", default="test", help="split written inside the config (default: test)")
    parser.add_argument("--license", help="licence to record in metadata (default: the source's, if known)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per reference run (sandbox)")
    parser.add_argument("--limit", type=int, help="convert at most this many problems")
    parser.add_argument("--report", help="write the issues as JSON to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any problem was not converted")


def _merge_into_dataset(folder: str, config: str, split: str, records, family_prefix: str) -> dict[str, int]:
    """Add records to `config` of the dataset folder, keeping rows of other importers already there."""
    try:
        from qftdata.build import add_config
    except ImportError as exc:  # the dataset builder is optional here
        raise SystemExit(f"qftdata import: --dataset-dir needs qftdata.build.add_config ({exc})") from None
    from qftdata.schema import Problem, features

    rows = [r.to_dict() for r in records]
    try:
        from qftdata.build.folder import scan_configs

        existing = scan_configs(folder).get(config, {})
    except (ImportError, OSError, ValueError):
        existing = {}
    splits: dict[str, list[dict]] = {}
    if existing:
        import pyarrow.parquet as pq

        defaults = Problem("", "", "", "", "", "", "", "").to_dict()  # columns newer than the folder's rows
        for name, paths in existing.items():
            kept = [{**defaults, **row} for p in paths for row in pq.read_table(Path(folder) / p).to_pylist()
                    if not str(row.get("family", "")).startswith(family_prefix)]
            splits[name] = [{k: row[k] for k in defaults} for row in kept]
    ids = {r["id"] for r in rows}
    splits[split] = [r for r in splits.get(split, []) if r["id"] not in ids] + rows
    return add_config(folder, config, splits, features=features())


def run(args: argparse.Namespace) -> int:
    from qftdata.dataset_io import target_folder
    from qftdata.errors import UserError
    from qftdata.importers import IMPORTERS, write_jsonl

    if not args.out and not args.dataset_dir:
        raise UserError("give --out FILE.jsonl and/or --dataset-dir DIR")
    if args.dataset_dir:
        target_folder(args.dataset_dir)  # checked before the (slow) conversion
    if args.out and not Path(args.out).resolve().parent.is_dir():
        raise UserError(f"--out {args.out}: folder {Path(args.out).parent} does not exist; create it first")
    if args.limit is not None and args.limit < 1:
        raise UserError(f"--limit must be >= 1, got {args.limit}")
    report = IMPORTERS[args.kind](args.path, license=args.license, timeout=args.timeout, limit=args.limit)
    print(report.summary(), file=sys.stderr)
    if not report.seen:
        raise UserError(f"{args.path}: no problems found (no .json, .jsonl or .parquet rows); check the path",
                        exit_code=1)
    if args.report:  # the issues, written even when nothing converted: they say why
        with open(args.report, "w", encoding="utf-8") as fh:
            json.dump({"source": report.source, "seen": report.seen, "converted": len(report.records),
                       "issues": [vars(i) for i in report.issues]}, fh, indent=2)
    if not report.records:  # nothing to write: --out and the dataset folder stay as they were
        raise UserError(f"{args.path}: none of {report.seen} problems converted; fix the rows listed above "
                        "(file [row] field: why)", exit_code=1)
    if args.out:
        write_jsonl(report.records, args.out)
        print(f"wrote {len(report.records)} records to {args.out}", file=sys.stderr)
    if args.dataset_dir:
        family_prefix = report.records[0].family
        counts = _merge_into_dataset(args.dataset_dir, args.config_name, args.split, report.records, family_prefix)
        print(f"dataset {args.dataset_dir}: config {args.config_name!r} now has {counts}", file=sys.stderr)
    return 1 if (args.strict and report.issues) else 0
