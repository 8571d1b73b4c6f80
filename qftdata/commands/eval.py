"""`qftdata eval`: Succ@k and pass@k (Bo-k) with bootstrap CIs; `qftdata eval compare` for paired deltas.

    qftdata eval --model M --backend vllm --dataset qft-reason --config problems --splits test,test_ood \\
        --k 5 --out results/NAME/
    qftdata eval compare results/A results/B

Writes `OUT/samples/<config>/<split>/` (resumable shards), `OUT/samples.parquet` (every graded sample),
`OUT/per_problem.parquet`, `OUT/metrics.json`, and prints a table. See docs/sampling.md for definitions.
"""

from __future__ import annotations

import argparse

from qftdata.sampling import INTERRUPTED  # noqa: F401 - the CLI prints it on Ctrl-C


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.sampling import add_dataset_arguments, add_sampling_arguments

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    add_dataset_arguments(parser, splits="test,test_ood")
    parser.add_argument("--out", default=None, help="results folder, e.g. results/NAME/ (required to sample)")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for the CIs")
    parser.add_argument("--ci-seed", type=int, default=0, help="seed of the bootstrap")
    parser.add_argument("--by", default="family,category,level",
                        help="comma-separated breakdowns in the printed table (family, category, level)")
    add_sampling_arguments(parser, max_new_tokens=8192, temperature=0.6, top_p=0.95)
    sub = parser.add_subparsers(dest="action", metavar="{compare,metrics}")
    c = sub.add_parser("compare", help="paired comparison of two results folders (B - A)")
    c.add_argument("a", help="results folder of run A (the baseline)")
    c.add_argument("b", help="results folder of run B")
    c.add_argument("--n-boot", dest="cmp_n_boot", type=int, default=1000, help="bootstrap resamples for the CI")
    c.add_argument("--n-perm", type=int, default=10000, help="random sign flips of the permutation test")
    c.add_argument("--alpha", type=float, default=0.05, help="significance level")
    c.add_argument("--seed", dest="cmp_seed", type=int, default=0, help="seed of the bootstrap and the test")
    c.add_argument("--json", default=None, help="also write the comparison to this file")
    m = sub.add_parser("metrics", help="recompute metrics.json of a results folder")
    m.add_argument("results", help="results folder written by `qftdata eval`")
    # SUPPRESS: given after `metrics` they apply, otherwise the top-level values stand
    m.add_argument("--n-boot", type=int, default=argparse.SUPPRESS, help="bootstrap resamples for the CIs")
    m.add_argument("--ci-seed", type=int, default=argparse.SUPPRESS, help="seed of the bootstrap")


def _samples_of(results: str):
    """The samples of a `qftdata eval` results folder, or one line saying why there are none."""
    from pathlib import Path

    from qftdata.errors import UserError
    from qftdata.sampling import require_samples

    root = Path(results)
    if root.is_dir() and not (root / "samples").is_dir():
        raise UserError(f"{root}: no samples/ folder: not a `qftdata eval` results folder (give the folder "
                        "passed to `qftdata eval --out`)")
    return require_samples(root / "samples" if root.is_dir() else root, "a `qftdata eval` results folder")


def _k_of(results: str, samples) -> int:
    """k of a results folder: metrics.json's, else the fewest graded samples any problem has."""
    import json
    from pathlib import Path

    from qftdata.errors import UserError

    path = Path(results, "metrics.json")
    if path.is_file():
        try:
            return int(json.loads(path.read_text(encoding="utf-8"))["k"])
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{path}: k: unreadable ({type(exc).__name__}); delete metrics.json and run "
                            f"`qftdata eval metrics {results}` to rewrite it") from exc
    from qftdata.evaluate import graded

    return int(graded(samples).groupby(["config", "split", "id"]).size().min())


def _write_atomic(path, write) -> None:
    """`write(tmp)`, then rename over `path`: a reader never sees half a file, a failure leaves the old one."""
    import os
    from pathlib import Path

    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _metrics(out, samples, k: int, n_boot: int, seed: int, by: tuple[str, ...], title: str) -> int:
    from pathlib import Path

    from qftdata.evaluate import compute_metrics, per_problem, print_metrics, save_metrics

    out = Path(out)
    problems = per_problem(samples, k)
    metrics = compute_metrics(samples, k, n_boot=n_boot, seed=seed)
    metrics["model"] = sorted(samples["model"].unique().tolist())
    _write_atomic(out / "samples.parquet", lambda p: samples.to_parquet(p, index=False))
    _write_atomic(out / "per_problem.parquet", lambda p: problems.to_parquet(p, index=False))
    _write_atomic(out / "metrics.json", lambda p: save_metrics(metrics, p))
    print_metrics(metrics, title=title, by=by)
    print(f"wrote {out / 'metrics.json'}, {out / 'samples.parquet'}, {out / 'per_problem.parquet'}")
    return 0


def _by(value: str) -> tuple[str, ...]:
    from qftdata.errors import UserError
    from qftdata.evaluate import GROUP_COLUMNS

    by = tuple(b.strip() for b in value.split(",") if b.strip())
    bad = [b for b in by if b not in GROUP_COLUMNS]
    if bad:
        raise UserError(f"--by: unknown breakdown(s) {bad}; choose from {', '.join(GROUP_COLUMNS)}")
    return by


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from qftdata.errors import UserError

    by = _by(args.by)
    if args.action == "compare":
        import json

        from qftdata.evaluate import compare_runs, print_compare, require_graded

        samples_a, samples_b = _samples_of(args.a), _samples_of(args.b)
        require_graded(samples_a, args.a)
        require_graded(samples_b, args.b)
        k = min(_k_of(args.a, samples_a), _k_of(args.b, samples_b))
        result = compare_runs(samples_a, samples_b, k, n_boot=args.cmp_n_boot, n_perm=args.n_perm,
                              seed=args.cmp_seed, alpha=args.alpha)
        if not result["splits"]:
            detail = ", ".join(f"{key} ({n['a']} vs {n['b']} problems)" for key, n in result["unshared"].items())
            raise UserError(f"{args.a} and {args.b} share no problems ({detail}); compare two runs over the same "
                            "dataset, config and splits", exit_code=1)
        print_compare(result, Path(args.a).name, Path(args.b).name)
        if args.json:
            _write_atomic(args.json, lambda p: Path(p).write_text(json.dumps(result, indent=2) + "\n",
                                                                  encoding="utf-8"))
        return 0
    if args.action == "metrics":
        from qftdata.evaluate import require_graded

        samples = _samples_of(args.results)
        require_graded(samples, args.results)
        return _metrics(args.results, samples, _k_of(args.results, samples), args.n_boot, args.ci_seed, by,
                        Path(args.results).name)

    from qftdata.sampling import configs_of, require_samples, sample_splits

    if not args.out:
        raise UserError("--out is required to sample (a results folder, e.g. results/NAME/)")
    out = Path(args.out)
    sample_splits(args, configs_of(args), args.splits, out / "samples")
    samples = require_samples(out / "samples")
    return _metrics(out, samples, args.k, args.n_boot, args.ci_seed, by, out.name)
