"""Supervised fine-tuning on worked solutions or rejection-sampled traces.

    accelerate launch recipes/sft.py --config recipes/deepseek-r1-distill-qwen-7b/sft_qlora.yaml
    accelerate launch recipes/sft.py --config recipes/tiny/sft.yaml            # CPU smoke run

Data: the `sft` config of a `qftdata build` folder (worked solutions as the assistant turn) or the SFT
messages written by `qftdata traces export` (correct teacher traces only), both with a `messages` column.
"""

from __future__ import annotations

import logging
import sys

from trl import ModelConfig, SFTConfig, TrlParser

from qftdata.training import QFTScriptArguments


def make_parser() -> TrlParser:
    return TrlParser((QFTScriptArguments, SFTConfig, ModelConfig))


def main(script_args: QFTScriptArguments, training_args: SFTConfig, model_args: ModelConfig) -> None:
    from trl import SFTTrainer, get_peft_config, get_quantization_config

    from qftdata.training import finish, load_splits, maybe_build_tiny_model, recipe_path

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    maybe_build_tiny_model(model_args.model_name_or_path, script_args.tiny_model_if_missing)
    if script_args.curriculum:
        training_args.train_sampling_strategy = "sequential"  # keep the easy-to-hard order

    train, eval_ds = load_splits(script_args, need_eval=training_args.eval_strategy != "no")
    if "messages" not in train.column_names:
        raise ValueError(f"{script_args.dataset_name}: SFT needs a `messages` column (use the `sft` config of a "
                         f"qftdata build, or `qftdata traces export`); found {train.column_names}")
    train = train.select_columns(["messages"])
    eval_ds = eval_ds.select_columns(["messages"]) if eval_ds is not None else None
    training_args.model_init_kwargs = {**(training_args.model_init_kwargs or {}), "dtype": model_args.dtype}

    trainer = SFTTrainer(
        model=model_args.model_name_or_path,
        args=training_args,
        train_dataset=train,
        eval_dataset=eval_ds,
        quantization_config=get_quantization_config(model_args),
        peft_config=get_peft_config(model_args),
    )
    trainer.train(resume_from_checkpoint=training_args.resume_from_checkpoint)
    finish(trainer, method="SFT", script_args=script_args, training_args=training_args, model_args=model_args,
           recipe=recipe_path(sys.argv))


if __name__ == "__main__":
    main(*make_parser().parse_args_and_config())
