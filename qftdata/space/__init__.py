"""The Space's logic, one concern per module, importable without gradio (tests drive it directly).

- `corpus`: every problem of a dataset in memory, search, filters that narrow each other, pages, Random;
- `render`: Markdown for problems, gold answers and verdicts (code and multi-line text in fences);
- `check`: grading pasted text with the project verifier (long traces: the verifier reads the tail);
- `model`: "Try a model" (the offline SmolLM2 by default, transformers or an OpenAI-compatible endpoint,
  streamed, stoppable, one run per visitor);
- `results`: `qftdata eval` runs under configured roots as a leaderboard, with `eval compare`'s paired test.

`qftdata.space_ui` wires these to Gradio components.
"""
