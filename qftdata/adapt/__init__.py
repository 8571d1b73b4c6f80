"""Adapt human-written problem/solution pairs (`qftdata adapt`): read, split into parts, extract final
results and classify them without any model; then, with a model, rewrite the verifiable parts and keep
those that pass the checks shared with `qftdata synth`. See docs/synthesis.md.

>>> findings, issues = analyse("seeds/")          # doctest: +SKIP
>>> [(f.key, f.verifiable, f.reason) for f in findings]   # doctest: +SKIP
"""

from qftdata.adapt.classifier import classify
from qftdata.adapt.extractor import Result, extract_result
from qftdata.adapt.readers import ReadIssue, SeedPair, read_seeds
from qftdata.adapt.rewrite import AdaptConfig, Finding, analyse, run_adapt, write_findings
from qftdata.adapt.splitter import Part, Split, split_pair

__all__ = ["AdaptConfig", "Finding", "Part", "ReadIssue", "Result", "SeedPair", "Split", "analyse", "classify",
           "extract_result", "read_seeds", "run_adapt", "split_pair", "write_findings"]
