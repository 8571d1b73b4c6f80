"""`qftdata verify`: grade one completion against a gold answer from the shell.

    qftdata verify --gold '\\frac{e^4}{12\\pi s}' --symbols e,s '... \\boxed{e^4/(12\\pi s)}'
    qftdata verify --gold '\\sqrt{s - 4 m^2}' --symbols s,m --domain '["s > 4*m^2"]' '\\boxed{\\sqrt{s-4m^2}}'

Prints the status (`correct`, `incorrect`, `no_answer`, `unparseable`, `timeout`, `sandbox_unavailable`); `-v` adds the reason and
parsed forms, `--json` prints the whole verdict. Exit code 0 iff correct. A completion of `-` is read from stdin.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("completion", help="the completion text, or '-' to read it from stdin")
    parser.add_argument("--gold", required=True, help="gold answer (LaTeX or plain text)")
    parser.add_argument("--symbols", default="", help="comma-separated declared symbols, e.g. e,s,m_H")
    parser.add_argument("--answer-type", default="expression",
                        choices=("expression", "numeric", "categorical", "code"),
                        help="how the gold is compared (default expression)")
    parser.add_argument("--tolerance", type=float, default=0.0, help="relative tolerance (numeric answers)")
    parser.add_argument("--choices", default="", help="'|'-separated choices (categorical answers)")
    parser.add_argument("--assumptions", default="", help='JSON object, e.g. \'{"x": "real"}\'')
    parser.add_argument("--domain", default="",
                        help='physical region of the symbols: a JSON list of relations, e.g. \'["s > 4*m^2"]\' '
                             "(the record's `domain` column)")
    parser.add_argument("--unit", default="", help="unit a numeric answer is asked in, e.g. 'MeV' (the statement's)")
    parser.add_argument("--timeout", type=float, default=2.0, help="hard time limit in seconds")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print the reason and parsed forms")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from qftdata.verify import verify

    completion = sys.stdin.read() if args.completion == "-" else args.completion
    try:
        assumptions = json.loads(args.assumptions) if args.assumptions else None
    except json.JSONDecodeError as exc:
        print(f"qftdata verify: --assumptions is not JSON ({exc.msg})", file=sys.stderr)
        return 2
    if assumptions is not None and not isinstance(assumptions, dict):
        print('qftdata verify: --assumptions must be a JSON object, e.g. \'{"x": "real"}\'', file=sys.stderr)
        return 2
    symbols = [s.strip() for s in args.symbols.split(",") if s.strip()]
    choices = [c.strip() for c in args.choices.split("|") if c.strip()]
    domain = None
    if args.domain:
        from qftdata.schema import domain_errors

        errors = domain_errors(args.domain, symbols, json.dumps(assumptions or {}))
        if errors:
            print(f"qftdata verify: --{errors[0]}", file=sys.stderr)
            return 2
        domain = json.loads(args.domain)
    if args.unit:
        from qftdata.verify.units import UnitError, parse_unit

        try:
            parse_unit(args.unit)
        except UnitError as exc:
            print(f"qftdata verify: --unit: {exc}; give a unit such as MeV, GeV^-2 or fm", file=sys.stderr)
            return 2
    verdict = verify(completion, args.gold, answer_type=args.answer_type, symbols=symbols,
                     tolerance=args.tolerance, timeout=args.timeout, choices=choices, assumptions=assumptions,
                     domain=domain, unit=args.unit or None)
    if args.json:
        print(json.dumps(asdict(verdict), ensure_ascii=False))
    else:
        print(verdict.status)
        if args.verbose:
            print(f"reason:    {verdict.reason}")
            print(f"extracted: {verdict.extracted}")
            print(f"parsed:    {verdict.pred_parsed}")
            print(f"gold:      {verdict.gold_parsed}")
    if verdict.gold_error:  # the gold, not the completion, is at fault: bad input, said on stderr
        print(f"qftdata verify: --gold '{args.gold}': {verdict.reason}; give a gold answer the verifier can read",
              file=sys.stderr)
        return 2
    return 0 if verdict else 1
