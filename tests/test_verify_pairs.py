"""Every labelled pair in tests/data/verifier_pairs.jsonl gets exactly its expected status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qftdata.verify import verify_batch
from qftdata.verify.core import _verify_many

PAIRS_FILE = Path(__file__).parent / "data" / "verifier_pairs.jsonl"
PAIRS = [json.loads(line) for line in PAIRS_FILE.read_text().splitlines() if line.strip()]
LABELS = {"correct", "incorrect", "no_answer", "unparseable", "timeout"}


def _kwargs(p):
    return {"gold": p["gold"], "answer_type": p["answer_type"], "symbols": tuple(p["symbols"]),
            "tolerance": p["tolerance"], "choices": tuple(p.get("choices", ())),
            "assumptions": p["assumptions"] or None, "code": None}


@pytest.fixture(scope="module")
def verdicts():
    """All pairs in one parallel batch (the per-pair tests then only read the results)."""
    return _verify_many([(p["completion"], _kwargs(p)) for p in PAIRS], timeout=5.0)


def test_file_is_well_formed():
    assert len(PAIRS) >= 200
    for k, p in enumerate(PAIRS):
        assert p["label"] in LABELS, f"row {k}: label {p['label']!r}"
        assert p["answer_type"] in ("expression", "numeric", "categorical"), f"row {k}"
        assert isinstance(p["symbols"], list) and isinstance(p["note"], str) and p["note"], f"row {k}"


@pytest.mark.parametrize("k", range(len(PAIRS)), ids=[f"{k}-{p['note'][:40]}" for k, p in enumerate(PAIRS)])
def test_pair(k, verdicts):
    p, v = PAIRS[k], verdicts[k]
    assert v.status == p["label"], (
        f"row {k} ({p['note']}): got {v.status} ({v.reason}); extracted={v.extracted!r} "
        f"pred={v.pred_parsed!r} gold={v.gold_parsed!r}")


def test_batch_single_gold_matches_individual_labels():
    rows = [p for p in PAIRS if p["gold"] == r"\frac{e^4}{12\pi s}"]
    out = verify_batch([p["completion"] for p in rows], rows[0]["gold"], symbols=rows[0]["symbols"])
    assert [v.status for v in out] == [p["label"] for p in rows]
