"""Importers: other datasets' problem files -> qft-reason records (source "imported").

`import_verifiable_qft(path)` reads the paper's released layout (per-problem JSON as written by
github.com/nswood/VerifiableTPData, Hub dataset nswoodward/VerifiableQFT); `import_tpbench(path)` reads
TPBench's public rows (Hub ZhiqiGao/TPBench; JSON, JSONL or parquet). Both return an `ImportReport`
(converted records + one issue per problem that could not be converted: file, row/problem id, field,
why). Reference implementations from these datasets are third-party code: they run only in the sandbox.
See docs/code_answers.md for the exact keys accepted.
"""

from qftdata.importers.common import ImportIssue, ImportReport, read_rows, write_jsonl
from qftdata.importers.tpbench import import_tpbench
from qftdata.importers.verifiable_qft import import_verifiable_qft

IMPORTERS = {"verifiable-qft": import_verifiable_qft, "tpbench": import_tpbench}

__all__ = ["IMPORTERS", "ImportIssue", "ImportReport", "import_tpbench", "import_verifiable_qft", "read_rows",
           "write_jsonl"]
