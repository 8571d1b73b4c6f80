"""The `qftdata` command line: one verb per pipeline stage.

Each verb lives in `qftdata/commands/<verb>.py` with `add_arguments(parser)` and `run(args) -> int`;
only the chosen verb's module is imported, so `qftdata verify` never pays for torch or gradio.

Every verb fails the same way (`qftdata.errors`): one line on stderr naming the file, row id, field and what
to do, exit code 2 for bad input (1 for an unexpected error, 130 for Ctrl-C), no traceback unless `--debug`
(anywhere on the command line, or `QFTDATA_DEBUG=1`). Flags follow one convention across verbs: lists are
comma-separated (`--families 'rg.*,kinematics.*'`), `--splits` selects what is read, `--split NAME` names the
one split written; older spellings still work and print a deprecation note.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

__all__ = ["COMMANDS", "CommaList", "DeprecatedAlias", "OneLineParser", "build_parser", "main", "port_number"]

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

DEBUG_FLAG = "--debug"
# Exceptions whose message is written for the user (it names the file/field): printed as they are.
# Anything else is a bug, printed as "unexpected error" with the hint to rerun with --debug.
_EXPECTED = (OSError, ValueError, ImportError)
_EXPECTED_NAMES = frozenset({"ValidateError", "PushError", "BuildError", "LocalModelUnavailable", "SchemaError"})


class OneLineParser(argparse.ArgumentParser):
    """argparse with a one-line error (`qftdata eval: argument --k: ...; see qftdata eval --help`) instead of
    the usage block, so a bad flag reads like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _deprecated(flag: str, instead: str) -> None:
    print(f"qftdata: {flag} is deprecated; use {instead}", file=sys.stderr)


class DeprecatedAlias(argparse.Action):
    """An old flag spelling that still works: stores into the new flag's dest and prints a note.

    `parser.add_argument("--split", dest="splits", action=DeprecatedAlias, instead="--splits",
    convert=comma_list, help=...)`: `convert` turns the value into what the new flag stores."""

    def __init__(self, option_strings, dest, instead: str, convert=None, **kwargs: Any):
        self.instead = instead
        self.convert = convert
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        _deprecated(option_string or self.option_strings[0], self.instead)
        setattr(namespace, self.dest, self.convert(values) if self.convert else values)


class CommaList(argparse.Action):
    """A comma-separated list flag (`--families 'rg.*,kinematics.*'`) -> list[str]. Space-separated values
    (`--families a b`), the older syntax of some verbs, are still accepted with a deprecation note."""

    def __init__(self, option_strings, dest, nargs: str | None = "+", **kwargs: Any):
        super().__init__(option_strings, dest, nargs=nargs, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        values = [values] if isinstance(values, str) else list(values or [])
        if len(values) > 1:
            flag = option_string or self.option_strings[0]
            _deprecated(f"space-separated {flag} values", f"one comma-separated value ({flag} "
                                                          f"'{','.join(values)}')")
        setattr(namespace, self.dest, comma_list(",".join(values)))


def comma_list(value: str | Sequence[str] | None) -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c'] (a list is flattened the same way)."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    return [p.strip() for p in items if p.strip()]


def port_number(text: str) -> int:
    """argparse type of `--port` (serve, space): 0-65535, checked before anything binds or loads."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535; 0 picks a free port)")
    return port


def _top_parser() -> argparse.ArgumentParser:
    from qftdata import __version__

    epilog = "verbs:\n" + "\n".join(f"  {verb:<10} {text}" for verb, (_, text) in COMMANDS.items())
    parser = OneLineParser(
        prog="qftdata", description="qft-reason pipeline", epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"qftdata {__version__}")
    parser.add_argument(DEBUG_FLAG, action="store_true", help="show full tracebacks (also QFTDATA_DEBUG=1)")
    parser.add_argument("verb", choices=list(COMMANDS), metavar="VERB", help="pipeline stage (see below)")
    return parser


def build_parser(verb: str, module: Any | None = None) -> argparse.ArgumentParser:
    """The argument parser of one verb (also used by the test that every flag has help)."""
    module = module or importlib.import_module(COMMANDS[verb][0])
    parser = OneLineParser(prog=f"qftdata {verb}", description=COMMANDS[verb][1])
    module.add_arguments(parser)
    parser.add_argument(DEBUG_FLAG, action="store_true", help="show the full traceback of an error")
    return parser


def _split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """Remove `--debug` wherever it is (before a `--`), so it works after a sub-action too."""
    end = argv.index("--") if "--" in argv else len(argv)
    debug = DEBUG_FLAG in argv[:end] or os.environ.get("QFTDATA_DEBUG", "").lower() in {"1", "true", "yes"}
    return [a for i, a in enumerate(argv) if not (i < end and a == DEBUG_FLAG)], debug


def _one_line_warnings(verb: str):
    """Library warnings as one line each (`qftdata VERB: warning: ...`), not file:line + source; returns
    the previous formatter, which `main` puts back (in-process callers keep theirs)."""
    def fmt(message, category, filename, lineno, line=None) -> str:  # noqa: ANN001 - warnings' signature
        text = " ".join(str(message).split())
        return f"qftdata {verb}: warning: {text}\n"

    previous, warnings.formatwarning = warnings.formatwarning, fmt
    return previous


def _report(verb: str, exc: BaseException) -> int:
    """Print `exc` as the verb's one-line error and return the exit code."""
    from qftdata.errors import UserError, one_line

    if isinstance(exc, UserError):
        print(f"qftdata {verb}: {one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, _EXPECTED) or type(exc).__name__ in _EXPECTED_NAMES:
        print(f"qftdata {verb}: {one_line(exc)}", file=sys.stderr)
        return 2
    print(f"qftdata {verb}: unexpected error ({type(exc).__name__}: {one_line(exc)}); rerun with --debug for "
          "the traceback and report it", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    argv, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    top = _top_parser()
    verb = argv[0] if argv else ""
    try:
        if not argv or verb.startswith("-"):
            top.parse_args(argv)  # prints help / version / error and exits
            return 2
        if verb not in COMMANDS:
            top.error(f"unknown verb {verb!r}; choose one of {', '.join(COMMANDS)}")
    except SystemExit as exc:  # a code, also for in-process callers
        return exc.code if isinstance(exc.code, int) else 2
    module_name, _ = COMMANDS[verb]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if debug:
            raise
        if exc.name and exc.name.startswith("qftdata"):
            print(f"qftdata {verb}: not available in this version", file=sys.stderr)
        else:
            print(f"qftdata {verb}: needs the optional dependency {exc.name!r} "
                  f"(pip install 'qft-reason[train,eval,space]')", file=sys.stderr)
        return 2
    try:
        args = build_parser(verb, module).parse_args(argv[1:])
    except SystemExit as exc:  # --help (0) or a bad flag (2, one line printed): a code, also in-process
        return exc.code if isinstance(exc.code, int) else 2
    if debug:
        return int(module.run(args) or 0)
    previous_format = _one_line_warnings(verb)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        note = getattr(module, "INTERRUPTED", "nothing half-written was kept; rerun the command")
        print(f"qftdata {verb}: interrupted; {note}", file=sys.stderr)
        return 130
    except SystemExit as exc:
        if isinstance(exc.code, str):  # `raise SystemExit("message")` from a library: one line, bad input
            print(f"qftdata {verb}: {' '.join(exc.code.split())}", file=sys.stderr)
            return 2
        raise
    except BrokenPipeError:  # `qftdata ... | head`: the reader left, nothing to report
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place that turns any error into one line
        return _report(verb, exc)
    finally:
        warnings.formatwarning = previous_format


if __name__ == "__main__":
    sys.exit(main())
