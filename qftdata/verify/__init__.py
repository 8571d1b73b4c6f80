"""Physics-grade answer verifier: does a completion's final answer equal the gold answer?

`verify` always returns a `Verdict` (never raises on model text) within its time limit, from any thread.
See docs/verifier.md for conventions and limits.
"""

from qftdata.verify.core import Verdict, verify, verify_batch, verify_record, verify_records
from qftdata.verify.extract import extract_answer
from qftdata.verify.parse import ParseError, parse_answer

__all__ = ["Verdict", "verify", "verify_batch", "verify_record", "verify_records", "extract_answer",
           "parse_answer", "ParseError"]
