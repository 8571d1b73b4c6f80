"""`qftdata.dataset_io.load` of local folders: never the rows or the features of another folder's cache.

`datasets` caches a local folder under its name; the rows were already re-read, but the features of the
cache entry (restored from its `dataset_info.json`) leaked into the next load: a column that was all-null
in an earlier folder of the same name made a string column fail with "Couldn't cast array of type string
to null". The folders here are real parquet + card folders in the `qftdata build` layout.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

CARD = """---
configs:
- config_name: problems
  data_files:
  - split: test
    path: data/problems/test-*
---
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch) -> Path:
    from datasets import config

    cache = tmp_path / "hf-cache"
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", cache)
    return cache


def _folder(root: Path, domain: list) -> Path:
    (root / "data" / "problems").mkdir(parents=True, exist_ok=True)
    table = pa.table({"id": [f"p{i}" for i in range(len(domain))], "domain": pa.array(domain)})
    pq.write_table(table, root / "data" / "problems" / "test-00000-of-00001.parquet")
    (root / "README.md").write_text(CARD, encoding="utf-8")
    return root


def test_a_folder_of_the_same_name_gets_its_own_features(tmp_path):
    from qftdata.dataset_io import load

    old = _folder(tmp_path / "old" / "qft-reason", [None, None])  # e.g. a config written before the column
    new = _folder(tmp_path / "new" / "qft-reason", ["[]", '["s > 0"]'])
    assert load(str(old), "problems")["test"].features["domain"].dtype == "null"
    assert load(str(new), "problems")["test"]["domain"] == ["[]", '["s > 0"]']


def test_a_rebuilt_folder_gets_its_new_features_and_one_cache_entry(tmp_path, own_cache):
    from qftdata.dataset_io import load

    folder = _folder(tmp_path / "qft-reason", [None])
    assert load(str(folder), "problems")["test"]["domain"] == [None]
    _folder(folder, ["[]", "[]", '["m > 0"]'])  # rebuilt in place: more rows, a string column
    assert load(str(folder), "problems")["test"]["domain"] == ["[]", "[]", '["m > 0"]']
    entries = list((own_cache / "qftdata-local").iterdir())
    assert len(entries) == 1 and len(list(entries[0].iterdir())) == 1  # the old content's entry is gone
