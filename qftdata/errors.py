"""Errors the user can fix, and how the command line prints any error as one line.

Every `qftdata` verb reports bad input as ONE line on stderr, `qftdata VERB: <file>[:<row> <id>]: <field>:
<what is wrong>; <what to do>`, with no traceback unless `--debug`. Library code raises `UserError` (or the
standard `FileNotFoundError` / `ValueError` family, whose messages already name the file and field); the CLI
(`qftdata.cli.main`) turns whatever reaches it into that line with `one_line`.
"""

from __future__ import annotations

__all__ = ["UserError", "one_line"]


class UserError(ValueError):
    """Bad input the user can fix. The message names the file, row id and field, and says what to do.

    A `ValueError`, so callers that already catch bad values catch it too. `exit_code` is what the CLI
    returns (2: bad input, as argparse uses for bad flags; 1: the input is valid but gives no result)."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def one_line(exc: BaseException) -> str:
    """The message of `exc` on one line: an OSError as `<file>: <reason>`, whitespace runs collapsed.

    >>> one_line(FileNotFoundError(2, "No such file or directory", "runs/x/summary.json"))
    'runs/x/summary.json: No such file or directory'
    >>> one_line(ValueError("first\\n  second"))
    'first; second'
    """
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        text = f"{exc.filename}: {exc.strerror}"
    else:
        text = str(exc) or type(exc).__name__
        if isinstance(exc, KeyError) and exc.args:
            text = f"missing key {exc.args[0]!r}"
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    return "; ".join(lines)
