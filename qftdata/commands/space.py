"""`qftdata space`: run the Gradio Space locally (same app as space_app/app.py)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", help="dataset folder or Hub id (default: a sample generated at start-up)")
    parser.add_argument("--model", help="local model path for the 'Try a model' tab")
    parser.add_argument("--endpoint", help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--endpoint-model", help="model name to request from the endpoint")
    parser.add_argument("--results", nargs="*", default=[], help="up to two `qftdata eval` result folders")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--share", action="store_true", help="create a public gradio.live link")


def run(args: argparse.Namespace) -> int:
    from qftdata.space_ui import ModelSettings, build_app, settings_from_env

    env_dataset, env_settings, env_results = settings_from_env()
    settings = ModelSettings(model=args.model or env_settings.model,
                             endpoint=args.endpoint or env_settings.endpoint,
                             endpoint_model=args.endpoint_model or env_settings.endpoint_model)
    demo = build_app(args.dataset or env_dataset, settings, args.results or env_results)
    demo.launch(server_name=args.host, server_port=args.port, share=args.share)
    return 0
