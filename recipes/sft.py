"""Supervised fine-tuning on worked solutions or rejection-sampled teacher traces.

    accelerate launch recipes/sft.py --config recipes/deepseek-r1-distill-qwen-7b/sft_qlora.yaml
    accelerate launch recipes/sft.py --config recipes/tiny/sft.yaml            # CPU smoke run

Data (`dataset_config`), both with a `messages` column:
* `sft`: the worked solutions of a `qftdata build` folder (procedural derivations, no `<think>` block);
  for a thinking model set `solution_as_reasoning: true` so the derivation becomes its reasoning;
* `sft_traces`: the correct teacher traces written by `qftdata traces export` (reasoning included).

Each row becomes a conversational prompt / completion pair, so the loss covers the assistant turn only.
Thinking models need `assistant_only_loss: true`: TRL then swaps in its training chat template, which
keeps `<think>...</think>` (R1-Distill's own template drops it). Before training, the labels of the first
rows are decoded and the run stops if no solution token, or no reasoning, is in them.
"""

from __future__ import annotations

import logging
import sys

from trl import ModelConfig, SFTConfig, TrlParser

from qftdata.training import QFTScriptArguments


def make_parser() -> TrlParser:
    return TrlParser((QFTScriptArguments, SFTConfig, ModelConfig))


def build_trainer(script_args: QFTScriptArguments, training_args: SFTConfig, model_args: ModelConfig):
    """The SFTTrainer of a recipe, with its prepared (rendered, masked, truncated) and checked dataset."""
    from trl import SFTTrainer, get_peft_config, get_quantization_config

    from qftdata.sft_data import check_labels, to_prompt_completion
    from qftdata.training import load_splits, prepare_model

    model_args.model_name_or_path = prepare_model(model_args.model_name_or_path, script_args.tiny_model_if_missing)
    if script_args.curriculum:
        training_args.train_sampling_strategy = "sequential"  # keep the easy-to-hard order

    train, eval_ds = load_splits(script_args, need_eval=training_args.eval_strategy != "no",
                                 seed=training_args.seed)
    if "messages" not in train.column_names:
        raise ValueError(f"{script_args.dataset_name}: SFT needs a `messages` column (use the `sft` config of a "
                         f"qftdata build, or `qftdata traces export`); found {train.column_names}")

    def shape(ds):
        return ds.map(lambda row: to_prompt_completion(row["messages"],
                                                       as_reasoning=script_args.solution_as_reasoning),
                      remove_columns=ds.column_names)

    train = shape(train)
    eval_ds = shape(eval_ds) if eval_ds is not None else None
    training_args.model_init_kwargs = {**(training_args.model_init_kwargs or {}), "dtype": model_args.dtype}

    trainer = SFTTrainer(
        model=model_args.model_name_or_path,
        args=training_args,
        train_dataset=train,
        eval_dataset=eval_ds,
        quantization_config=get_quantization_config(model_args),
        peft_config=get_peft_config(model_args),
    )
    report = check_labels(trainer.train_dataset, trainer.processing_class, rows_before=len(train),
                          max_length=training_args.max_length)
    logging.getLogger(__name__).info(report.line())
    return trainer


def main(script_args: QFTScriptArguments, training_args: SFTConfig, model_args: ModelConfig) -> None:
    from qftdata.models.local import base_model_id
    from qftdata.training import finish, recipe_path

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    base_model = base_model_id(model_args.model_name_or_path)
    trainer = build_trainer(script_args, training_args, model_args)
    trainer.train(resume_from_checkpoint=training_args.resume_from_checkpoint)
    finish(trainer, method="SFT", script_args=script_args, training_args=training_args, model_args=model_args,
           recipe=recipe_path(sys.argv), base_model=base_model)


if __name__ == "__main__":
    main(*make_parser().parse_args_and_config())
