"""Command-line options shared by `qftdata synth` and `qftdata adapt` (models, endpoint, checks)."""

from __future__ import annotations

import argparse

from qftdata.synth.pipeline import CheckOptions, LLMOptions
from qftdata.synth.stages import DEFAULT_K, DEFAULT_THRESHOLD

__all__ = ["add_check_arguments", "add_llm_arguments", "check_options", "llm_options"]


def add_llm_arguments(parser: argparse.ArgumentParser, model_required: bool) -> None:
    g = parser.add_argument_group("models and endpoint")
    g.add_argument("--model", required=model_required, help="generation / rewrite model (served name)")
    g.add_argument("--backend", default="openai", choices=["openai", "transformers", "vllm"],
                   help="sampling backend (default: openai, any OpenAI-compatible endpoint)")
    g.add_argument("--base-url", help="endpoint, e.g. http://127.0.0.1:8000/v1 (default: OPENAI_BASE_URL / OpenAI)")
    g.add_argument("--api-key", help="API key (default: $OPENAI_API_KEY)")
    g.add_argument("--judge-model", help="quality-check model (default: --model)")
    g.add_argument("--judge-base-url", help="endpoint of the judge (default: --base-url)")
    g.add_argument("--solver-model", help="independent solver model (default: --model)")
    g.add_argument("--solver-base-url", help="endpoint of the solver (default: --base-url)")
    g.add_argument("--concurrency", type=int, default=8, help="parallel requests (openai backend)")
    g.add_argument("--request-timeout", type=float, default=600.0, help="seconds per request")
    g.add_argument("--max-retries", type=int, default=6, help="retries on 429/5xx/timeouts")
    g.add_argument("--n-per-request", type=int, help="choices per request (1 for servers that refuse n > 1)")
    g.add_argument("--max-tokens-field", default="max_tokens", choices=["max_tokens", "max_completion_tokens"],
                   help="request field for the token limit (newer hosted models want max_completion_tokens)")
    g.add_argument("--max-tokens", type=int, default=4096, help="generation / rewrite max tokens")
    g.add_argument("--price-in", type=float, help="USD per million prompt tokens (cost estimate)")
    g.add_argument("--price-out", type=float, help="USD per million completion tokens (cost estimate)")
    g.add_argument("--prompts-dir", help="folder with prompt templates overriding the packaged ones "
                                         "(system.md, generate.md, quality.md, adapt.md)")


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("checks")
    g.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"minimum quality score on every criterion, 0-100 (default {DEFAULT_THRESHOLD:g})")
    g.add_argument("--k", type=int, default=DEFAULT_K, help=f"solver samples, pass@k (default {DEFAULT_K})")
    g.add_argument("--solver-temperature", type=float, default=0.7, help="solver sampling temperature (default 0.7)")
    g.add_argument("--solver-max-tokens", type=int, default=4096, help="solver max tokens (default 4096)")
    g.add_argument("--judge-max-tokens", type=int, default=1024, help="quality-check max tokens (default 1024)")
    g.add_argument("--verify-timeout", type=float, default=10.0, help="seconds per verifier check")
    g.add_argument("--no-quality", action="store_true", help="skip the LLM quality check")
    g.add_argument("--no-solver", action="store_true", help="skip the independent solver")
    g.add_argument("--dataset-dir", help="also add the kept records to this dataset folder")
    g.add_argument("--split", default="test", help="split of the dataset config (default: test)")


def llm_options(args: argparse.Namespace) -> LLMOptions:
    return LLMOptions(backend=args.backend, base_url=args.base_url, api_key=args.api_key,
                      concurrency=args.concurrency, request_timeout=args.request_timeout,
                      max_retries=args.max_retries, n_per_request=args.n_per_request,
                      max_tokens_field=args.max_tokens_field, price_in=args.price_in, price_out=args.price_out)


def check_options(args: argparse.Namespace) -> CheckOptions:
    if not 0 <= args.threshold <= 100:
        raise ValueError(f"--threshold must be in [0, 100], got {args.threshold}")
    if args.k < 1:
        raise ValueError(f"--k must be >= 1, got {args.k}")
    return CheckOptions(threshold=args.threshold, k=args.k, quality=not args.no_quality, solver=not args.no_solver,
                        solver_temperature=args.solver_temperature, solver_max_tokens=args.solver_max_tokens,
                        judge_max_tokens=args.judge_max_tokens, verify_timeout=args.verify_timeout,
                        seed=getattr(args, "seed", 0))
