"""Every export checks itself: loaded back with ``transformers``, it must give lmlab's logits.

``verify_hf_folder`` loads the folder the way a user would (``AutoModelForCausalLM`` and
``AutoTokenizer``, from disk only), encodes a probe text with both tokenizers and compares the
fp32 logits. It returns the largest absolute difference, or raises an ``InteropError`` when the
tokenizers disagree or the difference reaches ``TOLERANCE``. Without ``transformers`` it says so
and checks nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import torch

from ..model import GPT
from ..tokenizers import Tokenizer
from .hf import InteropError

TOLERANCE = 1e-4  # fp32 logits; what is left is summation order (observed ~1e-6)
NOT_INSTALLED = "transformers is not installed, so the export was not loaded back to check it (pip install lmlab[interop])."


def transformers_available() -> bool:
    try:
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def load_with_transformers(folder: str | Path):
    """(model in eval mode, fp32; tokenizer) of a local folder, never touching the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a bar per load on stderr would interleave with lmlab's own progress

    try:
        model = AutoModelForCausalLM.from_pretrained(str(folder), local_files_only=True).float().eval()
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except Exception as e:  # noqa: BLE001 - whatever transformers raises, the user gets one sentence
        first = (str(e).strip().splitlines() or [""])[0]
        raise InteropError("transformers could not load {folder}: {kind}: {first}", folder=folder, kind=type(e).__name__, first=first) from None
    return model, tokenizer


@torch.no_grad()
def verify_hf_folder(folder: str | Path, model: GPT, tokenizer: Tokenizer, probe_ids: Sequence[int]) -> float:
    """Max |logit difference| between lmlab's ``model`` and the folder loaded by ``transformers`` on the probe."""
    hf_model, hf_tok = load_with_transformers(folder)
    text = tokenizer.decode(probe_ids)
    ours = list(tokenizer.encode(text))
    theirs = list(hf_tok(text, add_special_tokens=False)["input_ids"])
    if ours != theirs:
        at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        raise InteropError("The exported tokenizer encodes the probe text differently "
                           "from lmlab's (first at token {at}); the export was not kept.", at=at)
    ids = torch.tensor([ours[: model.cfg.block_size] or [0]], dtype=torch.long)
    device = next(model.parameters()).device
    mine = model(ids.to(device))[0].to("cpu", torch.float32)
    hf_logits = hf_model(ids).logits.to(torch.float32)
    diff = float((mine - hf_logits).abs().max())
    if not diff < TOLERANCE:
        raise InteropError("Loaded back with transformers, the export's logits differ from lmlab's "
                           "by up to {diff:.3g} (the limit is {limit:g}); the export was not "
                           "kept.", diff=diff, limit=TOLERANCE)
    return diff
