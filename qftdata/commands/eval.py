"""`qftdata eval`: Succ@k and pass@k (Bo-k) with bootstrap CIs; `qftdata eval compare` for paired deltas.

    qftdata eval --model M --backend vllm --dataset qft-reason --config problems --splits test,test_ood \\
        --k 5 --out results/NAME/
    qftdata eval compare results/A results/B

Writes `OUT/samples/<config>/<split>/` (resumable shards), `OUT/samples.parquet` (every graded sample),
`OUT/per_problem.parquet`, `OUT/metrics.json`, and prints a table. See docs/sampling.md for definitions.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.sampling import add_dataset_arguments, add_sampling_arguments

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    add_dataset_arguments(parser)
    parser.add_argument("--splits", default="test,test_ood", help="comma-separated splits")
    parser.add_argument("--out", default=None, help="results folder, e.g. results/NAME/")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for the CIs")
    parser.add_argument("--ci-seed", type=int, default=0)
    parser.add_argument("--by", default="family,category,level", help="breakdowns in the printed table")
    add_sampling_arguments(parser, max_new_tokens=8192, temperature=0.6, top_p=0.95)
    sub = parser.add_subparsers(dest="action", metavar="{compare,metrics}")
    c = sub.add_parser("compare", help="paired comparison of two results folders (B - A)")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--n-boot", dest="cmp_n_boot", type=int, default=1000)
    c.add_argument("--n-perm", type=int, default=10000)
    c.add_argument("--alpha", type=float, default=0.05)
    c.add_argument("--seed", dest="cmp_seed", type=int, default=0)
    c.add_argument("--json", default=None, help="also write the comparison to this file")
    m = sub.add_parser("metrics", help="recompute metrics.json of a results folder")
    m.add_argument("results")
    # SUPPRESS: given after `metrics` they apply, otherwise the top-level values stand
    m.add_argument("--n-boot", type=int, default=argparse.SUPPRESS)
    m.add_argument("--ci-seed", type=int, default=argparse.SUPPRESS)


def _k_of(results: str) -> int:
    import json
    from pathlib import Path

    path = Path(results, "metrics.json")
    if path.is_file():
        return int(json.loads(path.read_text(encoding="utf-8"))["k"])
    from qftdata.sampling import load_samples

    df = load_samples(results)
    return int(df.groupby(["config", "split", "id"]).size().min())


def _metrics(out, k: int, n_boot: int, seed: int, by: tuple[str, ...], title: str) -> int:
    from pathlib import Path

    from qftdata.evaluate import compute_metrics, per_problem, print_metrics, save_metrics
    from qftdata.sampling import load_samples

    out = Path(out)
    samples = load_samples(out / "samples")
    if len(samples) == 0:
        print(f"{out}: no samples")
        return 1
    samples.to_parquet(out / "samples.parquet", index=False)
    per_problem(samples, k).to_parquet(out / "per_problem.parquet", index=False)
    metrics = compute_metrics(samples, k, n_boot=n_boot, seed=seed)
    metrics["model"] = sorted(samples["model"].unique().tolist())
    save_metrics(metrics, out / "metrics.json")
    print_metrics(metrics, title=title, by=by)
    print(f"wrote {out / 'metrics.json'}, {out / 'samples.parquet'}, {out / 'per_problem.parquet'}")
    return 0


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    by = tuple(b for b in args.by.split(",") if b)
    if args.action == "compare":
        import json

        from qftdata.evaluate import compare_runs, print_compare
        from qftdata.sampling import load_samples

        k = min(_k_of(args.a), _k_of(args.b))
        result = compare_runs(load_samples(Path(args.a) / "samples"), load_samples(Path(args.b) / "samples"), k,
                              n_boot=args.cmp_n_boot, n_perm=args.n_perm, seed=args.cmp_seed, alpha=args.alpha)
        print_compare(result, Path(args.a).name, Path(args.b).name)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0
    if args.action == "metrics":
        return _metrics(args.results, _k_of(args.results), args.n_boot, args.ci_seed, by, Path(args.results).name)

    from qftdata.sampling import sample_splits

    if not args.out:
        raise SystemExit("--out is required (e.g. results/NAME/)")
    out = Path(args.out)
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    sample_splits(args, args.config or ["problems"], splits, out / "samples")
    return _metrics(out, args.k, args.n_boot, args.ci_seed, by, out.name)
