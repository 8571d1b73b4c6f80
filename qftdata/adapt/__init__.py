"""Adapt human-written problem/solution pairs (`qftdata adapt`): read, split and pair the parts, set aside
what cannot be paired without guessing, extract final results and decide which are verifiable, without any
model; then, with a model, rewrite the verifiable parts and keep those that pass the checks shared with
`qftdata synth`. See docs/synthesis.md.

>>> findings, issues = analyse("seeds/")          # doctest: +SKIP
>>> [(f.key, f.status, f.reason) for f in findings]   # doctest: +SKIP
"""

from qftdata.adapt.classifier import answer_type_for, classify
from qftdata.adapt.extractor import Result, extract_result
from qftdata.adapt.findings import Finding, analyse, write_findings
from qftdata.adapt.pairing import Part, Split, split_pair
from qftdata.adapt.readers import ReadIssue, SeedPair, read_seeds
from qftdata.adapt.rewrite import AdaptConfig, run_adapt

__all__ = ["AdaptConfig", "Finding", "Part", "ReadIssue", "Result", "SeedPair", "Split", "analyse",
           "answer_type_for", "classify", "extract_result", "read_seeds", "run_adapt", "split_pair",
           "write_findings"]
