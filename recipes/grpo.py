"""GRPO with the qft-reason verifier as reward.

    accelerate launch recipes/grpo.py --config recipes/deepseek-r1-distill-qwen-7b/grpo_qlora.yaml
    accelerate launch recipes/grpo.py --config recipes/tiny/grpo.yaml          # CPU smoke run

The dataset's `prompt` column (system + user, asking for `\\boxed{}`) is the policy input; `answer`,
`symbols`, `answer_type`, `tolerance`, ... reach the rewards as keyword columns. Rewards are chosen by
name from `qftdata.rewards` (YAML `reward_funcs`, weights in `reward_weights`). `curriculum: difficulty`
feeds prompts easy-to-hard by the generator's difficulty knob (`curriculum_stages: N` shuffles inside N
stages); `curriculum: pass_rate` by the empirical pass rate of `qftdata traces difficulty`.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from dataclasses import dataclass, field

from trl import GRPOConfig, ModelConfig, TrlParser

from qftdata.training import QFTScriptArguments


@dataclass
class GRPOScriptArguments(QFTScriptArguments):
    reward_funcs: list[str] = field(
        default_factory=lambda: ["accuracy", "format"],
        metadata={"help": "Reward names from qftdata.rewards (e.g. accuracy, format, think_format)."})


def make_parser() -> TrlParser:
    return TrlParser((GRPOScriptArguments, GRPOConfig, ModelConfig))


def build_trainer(script_args: GRPOScriptArguments, training_args: GRPOConfig, model_args: ModelConfig):
    """The GRPOTrainer of a recipe: model path resolved, data filtered and ordered, rewards by name."""
    from trl import GRPOTrainer, get_peft_config, get_quantization_config

    from qftdata.rewards import get_reward
    from qftdata.training import RewardSpreadCallback, load_splits, prepare_model

    model_args.model_name_or_path = prepare_model(model_args.model_name_or_path, script_args.tiny_model_if_missing)
    if training_args.use_vllm and importlib.util.find_spec("vllm") is None:
        logging.warning("use_vllm is set but vLLM is not installed: generating with transformers instead")
        training_args.use_vllm = False
    if script_args.curriculum:
        training_args.shuffle_dataset = False  # keep the easy-to-hard order

    train, eval_ds = load_splits(script_args, need_eval=training_args.eval_strategy != "no",
                                 seed=training_args.seed)
    if "prompt" not in train.column_names:
        raise ValueError(f"{script_args.dataset_name}: GRPO needs the conversational `prompt` column "
                         f"(config {script_args.dataset_config!r} has {train.column_names})")
    training_args.model_init_kwargs = {**(training_args.model_init_kwargs or {}), "dtype": model_args.dtype}
    # The verifier's workers start once (seconds: sympy, the warmed parser); start them before the model
    # loads so the first reward call of step 1 is not the one that pays for it.
    from qftdata.verify import pool

    pool.start()

    return GRPOTrainer(
        model=model_args.model_name_or_path,
        reward_funcs=[get_reward(name) for name in script_args.reward_funcs],
        args=training_args,
        train_dataset=train,
        eval_dataset=eval_ds,
        quantization_config=get_quantization_config(model_args),
        peft_config=get_peft_config(model_args),
        callbacks=[RewardSpreadCallback()],
    )


def main(script_args: GRPOScriptArguments, training_args: GRPOConfig, model_args: ModelConfig) -> None:
    from qftdata.models.local import base_model_id
    from qftdata.training import finish, recipe_path

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    base_model = base_model_id(model_args.model_name_or_path)
    trainer = build_trainer(script_args, training_args, model_args)
    trainer.train(resume_from_checkpoint=training_args.resume_from_checkpoint)
    finish(trainer, method="GRPO", script_args=script_args, training_args=training_args, model_args=model_args,
           recipe=recipe_path(sys.argv), reward_funcs=script_args.reward_funcs, base_model=base_model)


if __name__ == "__main__":
    main(*make_parser().parse_args_and_config())
