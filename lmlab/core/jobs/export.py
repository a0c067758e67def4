"""Export a run's checkpoint: a Hugging Face folder (default) or a GGUF file, checked before it is kept.

``lmlab export`` prints this job and the Runs panel's *Export model…* runs it on the job runner::

    result = drain(export_run(run_path, "exports/shakespeare", fmt="hf"))
    result.max_abs_diff      # e.g. 2.4e-06: transformers' logits against lmlab's

Everything is written into a hidden staging folder beside the output and renamed into place only
after the check passed, so a killed or failed export leaves the output complete or absent.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator
from pathlib import Path

from safetensors.torch import save_file

from ..config import RunConfig
from ..dataset import load_prepared
from ..events import ExportProgress, ExportResult
from ..interop import hf
from ..interop.gguf import check_gguf, write_gguf
from ..interop.hf import InteropError
from ..interop.verify import NOT_INSTALLED, TOLERANCE, transformers_available, verify_hf_folder
from ..loading import TrainedModel, load_trained
from ..runs import Run
from ..errors import user_text

FORMATS = ("hf", "gguf")
GGUF_FILE = "model.gguf"
PROBE_TOKENS = 64


def check_target(out: Path) -> None:
    """Refuse an output that exists and is not an empty folder, or whose parent cannot be written."""
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink() or any(out.iterdir()):
            raise InteropError("{out} exists already; choose a new folder (an export never overwrites one).", out=out)
    parent = out.parent
    if not parent.is_dir():
        raise InteropError("The folder {parent} does not exist; create it first or choose another place.", parent=parent)
    if not os.access(parent, os.W_OK):
        raise InteropError("The folder {parent} is not writable; choose another place.", parent=parent)


def _stats(run: Run, step: int) -> tuple[int | None, dict | None]:
    """Tokens seen by ``step`` and the last evaluation at or before it (from metrics.jsonl)."""
    tokens, last_eval = None, None
    for rec in run.read_metrics():
        if int(rec.get("step", 0)) > step:
            continue
        if rec.get("type") == "step":
            tokens = rec.get("tokens")
        elif rec.get("type") == "eval":
            last_eval = rec
    return tokens, last_eval


def model_card(tm: TrainedModel, fmt: str, command: str, check: str) -> str:
    """``README.md`` of an export: where the model came from, its shape and how far it trained."""
    cfg: RunConfig = tm.config
    m, run = cfg.model, tm.run
    tokens, ev = _stats(run, tm.step)
    corpus = ", ".join(Path(c).name for c in cfg.corpus) or "the embedded Shakespeare corpus"
    losses = (f"train {ev['train_loss']:.4f}, validation {ev['val_loss']:.4f} (at step {ev['step']})"
              if ev else "not evaluated")
    usage = ("```python\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n"
             "model = AutoModelForCausalLM.from_pretrained(\"PATH\")\n"
             "tokenizer = AutoTokenizer.from_pretrained(\"PATH\")\n```\n") if fmt == "hf" else (
             "```\nllama-cli -m model.gguf -p \"ROMEO:\"\n```\n")
    return (
        f"---\nlibrary_name: {'transformers' if fmt == 'hf' else 'gguf'}\ntags: [lmlab, gpt2]\n---\n\n"
        f"# {cfg.name or run.id}\n\nA small GPT-2-architecture language model trained from scratch with lmlab.\n\n"
        f"| | |\n|---|---|\n"
        f"| Corpus | {corpus} |\n"
        f"| Shape | {m.n_layer} layers, {m.n_head} heads, width {m.n_embd}, context {m.block_size} |\n"
        f"| Tokenizer | {tm.tokenizer.kind}, {tm.tokenizer.vocab_size} tokens |\n"
        f"| Steps | {tm.step} |\n"
        f"| Tokens seen | {tokens if tokens is not None else 'unknown'} |\n"
        f"| Final losses | {losses} |\n"
        f"| Made with | `{command}` |\n\n"
        f"## Check\n\n{check}\n\n## Use\n\n{usage}"
    )


def _probe(tm: TrainedModel) -> list[int]:
    val = load_prepared(tm.run.data_dir).val_tokens()
    ids = [int(i) for i in val[: min(PROBE_TOKENS, tm.config.model.block_size)]]
    return ids or tm.tokenizer.encode("\n")


def _write_hf(tmp: Path, tm: TrainedModel) -> Generator[ExportProgress, None, None]:
    yield ExportProgress("weights", user_text("Writing the weights under GPT-2's names…"), 0.2)
    save_file(hf.hf_state_dict(tm.model), str(tmp / "model.safetensors"), metadata={"format": "pt"})
    (tmp / "config.json").write_text(hf.dumps(hf.gpt2_config(tm.config.model)), encoding="utf-8")
    (tmp / "generation_config.json").write_text(hf.dumps(hf.generation_config()), encoding="utf-8")
    yield ExportProgress("tokenizer", user_text("Writing the tokenizer…"), 0.45)
    (tmp / "tokenizer.json").write_text(hf.tokenizer_json(tm.tokenizer), encoding="utf-8")
    cfg = hf.tokenizer_config(tm.tokenizer, tm.config.model.block_size)
    (tmp / "tokenizer_config.json").write_text(hf.dumps(cfg), encoding="utf-8")


def export_run(run_path: str | Path, out_dir: str | Path, step: int | None = None, fmt: str = "hf",
               command: str = "") -> Generator[ExportProgress, None, ExportResult]:
    """Export the run's checkpoint at ``step`` (None: the latest) to the new folder ``out_dir``."""
    if fmt not in FORMATS:
        raise InteropError("Unknown export format {fmt!r}; choose hf or gguf.", fmt=fmt)
    out = Path(out_dir).expanduser().absolute()
    check_target(out)
    yield ExportProgress("load", user_text("Loading the checkpoint…"), 0.0)
    tm = load_trained(Run(run_path), step).language_model(user_text("Exporting to GPT-2 formats"))
    hf.check_gpt2_compatible(tm.config.model)
    command = command or f"lmlab export {tm.run.path} {out} --step {tm.step} --format {fmt}"
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        diff = None
        if fmt == "hf":
            yield from _write_hf(tmp, tm)
            if transformers_available():
                yield ExportProgress("verify", user_text("Loading the export back with transformers to compare logits…"), 0.6)
                probe = _probe(tm)
                diff = verify_hf_folder(tmp, tm.model, tm.tokenizer, probe)
                check = (f"Loaded back with `transformers`, its fp32 logits on a {len(probe)}-token probe differ "
                         f"from lmlab's by at most {diff:.2e} (required: below {TOLERANCE:g}).")
            else:
                check = NOT_INSTALLED
        else:
            yield ExportProgress("weights", user_text("Writing the GGUF file…"), 0.2)
            tensors = write_gguf(tmp / GGUF_FILE, tm.model, tm.tokenizer, tm.config.name or tm.run.id)
            yield ExportProgress("verify", user_text("Reading the GGUF file back…"), 0.6)
            check_gguf(tmp / GGUF_FILE, tensors, tm.tokenizer)
            check = "Read back with `gguf.GGUFReader`: the same tensor names, shapes, values and vocabulary."
        (tmp / "README.md").write_text(model_card(tm, fmt, command, check), encoding="utf-8")
        yield ExportProgress("write", user_text("Moving the export into place…"), 0.95)
        if out.is_dir():
            out.rmdir()  # an empty folder the user chose (check_target refused any other)
        os.replace(tmp, out)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InteropError("Cannot write the export beside {out}: {reason}.", out=out, reason=e.strerror or e) from None
    except BaseException:  # a failed check, an abort (GeneratorExit), Ctrl+C: leave nothing behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    yield ExportProgress("done", user_text("Exported to {out}.", out=out), 1.0)
    return ExportResult(str(out), fmt, tm.step, tuple(sorted(p.name for p in out.iterdir())), diff, check)
