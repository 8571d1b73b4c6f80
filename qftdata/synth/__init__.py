"""LLM-backed problem synthesis (`qftdata synth`) and the checks shared with `qftdata adapt`.

>>> from qftdata.synth import SynthConfig, run_synth      # doctest: +SKIP
>>> run_synth(SynthConfig(model="m", out="out", n=5, llm=LLMOptions(base_url="http://127.0.0.1:8000/v1")))  # doctest: +SKIP

See docs/synthesis.md. The packaged topic list is `qftdata/synth/topics.yaml` (`--topics` also reads the
paper's `topic_list.json`, `qftdata.synth.topics`), the prompt templates
`qftdata/synth/prompts/*.md` (override with `--prompts-dir`).
"""

from qftdata.synth.parse import MalformedOutput, parse_candidate, parse_scores
from qftdata.synth.pipeline import CheckOptions, LLMOptions, SynthConfig, SynthResult, run_synth
from qftdata.synth.stages import Item, StageReport
from qftdata.synth.topics import Topic, load_topics, plan_jobs

__all__ = ["CheckOptions", "Item", "LLMOptions", "MalformedOutput", "StageReport", "SynthConfig", "SynthResult",
           "Topic", "load_topics", "parse_candidate", "parse_scores", "plan_jobs", "run_synth"]
