"""`qftdata push PATH --repo-id org/name [--private] [--dry-run]`: validate, then publish to the Hub."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="dataset folder built by `qftdata build`")
    parser.add_argument("--repo-id", required=True, help="Hub dataset repo, org/name")
    parser.add_argument("--private", action="store_true", help="create the repo private")
    parser.add_argument("--dry-run", action="store_true", help="validate and list what would be uploaded")
    parser.add_argument("--no-verify", action="store_true", help="skip gold self-verification in validation")
    parser.add_argument("--commit-message", default=None, help="Hub commit message (default: Upload NAME ...)")


def run(args: argparse.Namespace) -> int:
    import sys

    from qftdata.push import PushError, push

    try:
        result = push(args.path, args.repo_id, private=args.private, dry_run=args.dry_run,
                      verify=not args.no_verify, commit_message=args.commit_message)
    except PushError as exc:
        print(f"qftdata push: {exc}", file=sys.stderr)
        return 1
    verb = "would upload" if result.dry_run else "uploaded"
    vis = "private" if args.private else "public"
    print(f"{verb} {len(result.files)} files ({result.total_bytes / 1e6:.2f} MB) to "
          f"datasets/{result.repo_id} ({vis})")
    for path, size in result.files:
        print(f"{size:>12}  {path}")
    if result.url:
        print(result.url)
    return 0
