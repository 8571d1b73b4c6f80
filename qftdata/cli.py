"""The `qftdata` command line: one verb per pipeline stage.

Each verb lives in `qftdata/commands/<verb>.py` with `add_arguments(parser)` and `run(args) -> int`;
only the chosen verb's module is imported, so `qftdata verify` never pays for torch or gradio.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# verb -> (module, one-line help). Order follows the pipeline.
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("qftdata.commands.generate", "generate procedural problems to JSONL"),
    "synth": ("qftdata.commands.synth", "LLM-written problems with independent checks"),
    "adapt": ("qftdata.commands.adapt", "adapt human-written problem/solution pairs"),
    "import": ("qftdata.commands.import_", "import VerifiableQFT / TPBench rows into the schema"),
    "build": ("qftdata.commands.build", "build the dataset folder (parquet + card)"),
    "validate": ("qftdata.commands.validate", "validate a dataset folder or Hub id"),
    "push": ("qftdata.commands.push", "validate, then publish a dataset folder to the Hub"),
    "verify": ("qftdata.commands.verify", "grade one completion against a gold answer"),
    "traces": ("qftdata.commands.traces", "sample and grade reasoning traces"),
    "eval": ("qftdata.commands.eval", "evaluate a model: Succ@k, pass@k with CIs"),
    "lighteval": ("qftdata.commands.lighteval", "run lighteval offline with the QFT custom tasks"),
    "analyze": ("qftdata.commands.analyze", "error taxonomy and trace statistics report"),
    "serve": ("qftdata.commands.serve", "serve a model over an OpenAI-compatible HTTP API"),
    "space": ("qftdata.commands.space", "run the Gradio Space locally"),
}


def _top_parser() -> argparse.ArgumentParser:
    from qftdata import __version__

    epilog = "verbs:\n" + "\n".join(f"  {verb:<10} {text}" for verb, (_, text) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="qftdata", description="qft-reason pipeline", epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"qftdata {__version__}")
    parser.add_argument("verb", choices=list(COMMANDS), metavar="VERB", help="pipeline stage (see below)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top = _top_parser()
    if not argv or argv[0].startswith("-"):
        top.parse_args(argv)  # prints help / version / error and exits
        return 2
    verb = argv[0]
    if verb not in COMMANDS:
        top.error(f"unknown verb {verb!r}")
    module_name, text = COMMANDS[verb]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("qftdata"):
            print(f"qftdata {verb}: not available in this version", file=sys.stderr)
        else:
            print(f"qftdata {verb}: needs the optional dependency {exc.name!r} "
                  f"(pip install 'qft-reason[train,eval,space]')", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog=f"qftdata {verb}", description=text)
    module.add_arguments(parser)
    args = parser.parse_args(argv[1:])
    return int(module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
