"""Error analysis of evaluation results: an automatic error taxonomy (`taxonomy`), trace statistics
(`traces`), an optional LLM judge (`judge`) and the Markdown report of `qftdata analyze` (`report`).

Only the taxonomy is re-exported here; the report (pandas, matplotlib) is imported on use.
"""

from qftdata.analysis.taxonomy import (
    ERROR_LABELS,
    LABELS,
    Classification,
    classify,
    classify_detail,
    classify_many,
)

__all__ = ["ERROR_LABELS", "LABELS", "Classification", "classify", "classify_detail", "classify_many"]
