"""Hugging Face Space entry point (sdk: gradio). Configure with Space variables:

QFT_DATASET (Hub id or folder; default: a sample generated at start-up), QFT_MODEL (local model),
QFT_ENDPOINT / QFT_ENDPOINT_MODEL (OpenAI-compatible server), QFT_RESULTS (comma-separated result folders).
"""

from qftdata.space_ui import build_app, settings_from_env

dataset, settings, results = settings_from_env()
demo = build_app(dataset, settings, results)

if __name__ == "__main__":
    demo.launch()
