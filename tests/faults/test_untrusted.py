"""Files from elsewhere cannot run code or lead lmlab outside a run folder.

Weights are safetensors and nothing unpickles (checked over the package's source); a pickle
dressed up as a checkpoint is refused without running; malformed safetensors headers and
tokenizer files are refused with a sentence; paths inside a run folder (latest.json, symlinked
checkpoints, pipes and devices named like lmlab's files) never lead outside it or hang.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import shutil
import struct
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

import lmlab
from lmlab.cli import main
from lmlab.core.engine import train
from lmlab.core.errors import LmlabError, RunStoreError, TokenizerError
from lmlab.core.loading import load_trained
from lmlab.core.runs import Run, RunStore
from lmlab.core.tokenizers import load_tokenizer
from tests.conftest import make_prepared_run, tiny_config
from tests.faults._watchdog import no_hang  # noqa: F401 - a fixture
from tests.faults._cli_output import assert_one_error_line

PACKAGE = Path(lmlab.__file__).resolve().parent
UNPICKLERS = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve", "marshal"}


def _sources() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    return files


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def _kw_is(call: ast.Call, name: str, value) -> bool:
    return any(k.arg == name and isinstance(k.value, ast.Constant) and k.value.value is value for k in call.keywords)


def test_no_unpickling_anywhere_in_the_package():
    problems = []
    torch_load_calls = 0
    for f in _sources():
        text = f.read_text(encoding="utf-8")
        where = f.relative_to(PACKAGE.parent)
        for node in ast.walk(ast.parse(text, str(f))):
            if isinstance(node, ast.Import):
                problems += [f"{where}:{node.lineno} imports {a.name}" for a in node.names
                             if a.name.split(".")[0] in UNPICKLERS]
            elif isinstance(node, ast.ImportFrom):
                mod = (node.module or "").split(".")[0]
                if mod in UNPICKLERS or (mod == "torch" and any(a.name == "load" for a in node.names)):
                    problems.append(f"{where}:{node.lineno} from {node.module} import ...")
            elif isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name == "torch.load":
                    torch_load_calls += 1
                    if not _kw_is(node, "weights_only", True):
                        problems.append(f"{where}:{node.lineno} torch.load without weights_only=True")
                elif name in ("np.load", "numpy.load") and _kw_is(node, "allow_pickle", True):
                    problems.append(f"{where}:{node.lineno} np.load(allow_pickle=True)")
                elif name.endswith(("pickle.load", "pickle.loads", "Unpickler")):
                    problems.append(f"{where}:{node.lineno} {name}")
        # and plainly, as grep would: every torch.load( is one the parser saw and checked
        assert len(re.findall(r"\btorch\.load\(", text)) <= torch_load_calls or "torch.load(" not in text, where
        assert not re.search(r"allow_pickle\s*=\s*True|pickle\.loads?\(", text), where
    assert problems == []


class _Payload:
    """Unpickling this creates a file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_pickle_posing_as_a_checkpoint_is_refused_without_running(tmp_path, capsys):
    run = make_prepared_run(tmp_path / "runs", tiny_config(max_steps=2, checkpoint_every=2, eval_every=2))
    assert list(train(run))[-1].status == "finished"
    ck = run.latest_checkpoint()

    proof = tmp_path / "proof-the-payload-is-live"
    pickle.loads(pickle.dumps(_Payload(proof)))
    assert proof.exists()  # unpickling this would run code

    marker = tmp_path / "pwned"
    raw_pickle = pickle.dumps({"tok_emb.weight": _Payload(marker)})
    torch_zip = tmp_path / "evil.pt"
    torch.save({"model": _Payload(marker)}, torch_zip)  # torch's own (zip + pickle) format
    for name in ("model.safetensors", "model.pt", "pytorch_model.bin", "checkpoint.pt"):
        (ck.path / name).write_bytes(raw_pickle)
    for name in ("optim.safetensors", "optim.pt"):
        shutil.copy(torch_zip, ck.path / name)

    with pytest.raises(RunStoreError, match="not a valid safetensors file") as e:
        load_trained(run)
    assert str(ck.model_file) in str(e.value)
    assert main(["sample", str(run.path), "--runs-dir", str(run.path.parent), "--max-new-tokens", "3"]) != 0
    assert_one_error_line(capsys.readouterr().err, "not a valid safetensors file")
    run.write_config(run.read_config().with_changes(train={"max_steps": 4}))  # resume reads both files
    end = list(train(run))[-1]
    assert end.status == "failed" and "not a valid safetensors file" in end.reason
    (ck.path / "model.safetensors").write_bytes(torch_zip.read_bytes())
    with pytest.raises(RunStoreError, match="not a valid safetensors file"):
        load_trained(run)
    assert not marker.exists()


def _header(obj: dict, data: bytes = b"", length: int | None = None) -> bytes:
    h = json.dumps(obj).encode()
    return struct.pack("<Q", len(h) if length is None else length) + h + data


BAD_SAFETENSORS = {
    "empty": b"",
    "seven bytes": b"\x01\x02\x03\x04\x05\x06\x07",
    "random bytes": bytes((i * 7919 + 13) % 256 for i in range(4096)),
    "header length past EOF": _header({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4,
                                      length=10_000),
    "huge header length": struct.pack("<Q", 2**63 - 1) + b"{}",
    "header not JSON": struct.pack("<Q", 8) + b"not json",
    "header a list": _header([1, 2]),  # type: ignore[arg-type]
    "offsets past EOF": _header({"tok_emb.weight": {"dtype": "F32", "shape": [1000, 1000],
                                                    "data_offsets": [0, 4_000_000]}}, b"\0" * 16),
    "shape disagrees with offsets": _header({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8]}}, b"\0" * 8),
    "unknown dtype": _header({"w": {"dtype": "EVIL", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4),
    "overlapping tensors": _header({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, b"\0" * 12),
}


@pytest.fixture(scope="module")
def _finished_template(tmp_path_factory) -> Run:
    run = make_prepared_run(tmp_path_factory.mktemp("template"), tiny_config(max_steps=2, checkpoint_every=2,
                                                                              eval_every=2))
    assert list(train(run))[-1].status == "finished"
    return run


@pytest.fixture
def finished_run(_finished_template, tmp_path) -> Run:
    dest = tmp_path / "runs" / _finished_template.id
    shutil.copytree(_finished_template.path, dest)
    return Run(dest)


@pytest.mark.parametrize("kind", list(BAD_SAFETENSORS))
def test_malformed_safetensors_is_refused_with_a_message(finished_run, kind):
    ck = finished_run.latest_checkpoint()
    ck.model_file.write_bytes(BAD_SAFETENSORS[kind])
    with pytest.raises(RunStoreError) as e:
        load_trained(finished_run)
    msg = str(e.value)
    assert str(ck.model_file) in msg and "\n" not in msg, msg


def test_valid_safetensors_with_foreign_tensors_is_refused(finished_run):
    ck = finished_run.latest_checkpoint()
    save_file({"transformer.h.0.attn.c_attn.weight": torch.zeros(4, 4)}, str(ck.model_file))
    with pytest.raises(RunStoreError, match="does not match this run's model"):
        load_trained(finished_run)


BAD_TOKENIZERS = {
    "garbage": b"\x00\xff{{{",
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "nested a million deep": b"[" * 1_000_000 + b"]" * 1_000_000,
    "char without characters": json.dumps({"lmlab_tokenizer": "char", "version": 1, "chars": ""}).encode(),
    "char with a list of characters": json.dumps({"lmlab_tokenizer": "char", "chars": ["a", "b"]}).encode(),
    "char with a bad policy": json.dumps({"lmlab_tokenizer": "char", "chars": "ab", "unk_policy": "eval"}).encode(),
    "unknown lmlab kind": json.dumps({"lmlab_tokenizer": "pickle", "chars": "ab"}).encode(),
    "HF WordPiece": json.dumps({"model": {"type": "WordPiece", "vocab": {}}}).encode(),
    "HF BPE with broken vocab": json.dumps({"model": {"type": "BPE", "vocab": "nope", "merges": 3}}).encode(),
    "HF model not a table": json.dumps({"model": "BPE"}).encode(),
}


@pytest.mark.parametrize("kind", list(BAD_TOKENIZERS))
def test_malformed_tokenizer_json_is_refused_with_a_message(finished_run, capsys, kind):
    p = finished_run.data_dir / "tokenizer.json"
    p.write_bytes(BAD_TOKENIZERS[kind])
    with pytest.raises(TokenizerError) as e:
        load_tokenizer(p)
    assert str(p) in str(e.value)
    with pytest.raises(TokenizerError):
        load_trained(finished_run)
    assert main(["sample", str(finished_run.path), "--runs-dir", str(finished_run.path.parent)]) != 0
    assert_one_error_line(capsys.readouterr().err, str(p))


# -- paths inside a run folder stay inside it ----------------------------------------------------


def _fake_checkpoint_outside(tmp_path: Path, source: Run) -> Path:
    """A complete-looking checkpoint folder outside the run (with different weights)."""
    outside = tmp_path / "outside" / "step_000099"
    shutil.copytree(source.latest_checkpoint().path, outside)
    tensors = {k: torch.full_like(v, 7.0) for k, v in source.latest_checkpoint().load_model_tensors().items()}
    save_file(tensors, str(outside / "model.safetensors"))
    return outside


@pytest.mark.parametrize("target", ["relative", "absolute", "etc"])
def test_latest_json_cannot_lead_outside_the_run(finished_run, tmp_path, target):
    outside = _fake_checkpoint_outside(tmp_path, finished_run)
    rel = os.path.relpath(outside, finished_run.checkpoints_dir)
    dir_ = {"relative": rel, "absolute": str(outside), "etc": "../../../../../../../../etc"}[target]
    (finished_run.checkpoints_dir / "latest.json").write_text(json.dumps({"step": 99, "dir": dir_}))
    ck = finished_run.latest_checkpoint()
    assert ck.path.parent == finished_run.checkpoints_dir and ck.step == 2
    tm = load_trained(finished_run)
    assert tm.step == 2 and not any(bool((p == 7.0).all()) for p in tm.model.parameters())


def test_symlinked_checkpoint_folder_is_not_followed(finished_run, tmp_path):
    outside = _fake_checkpoint_outside(tmp_path, finished_run)
    os.symlink(outside, finished_run.checkpoints_dir / "step_000099")
    assert [c.step for c in finished_run.checkpoints()] == [2]
    assert load_trained(finished_run).step == 2
    with pytest.raises(RunStoreError, match="no checkpoint at step 99"):
        load_trained(finished_run, step=99)


@pytest.mark.parametrize("name", ["config.json", "status.json", "metrics.jsonl", "data/meta.json",
                                  "data/tokenizer.json", "checkpoints/step_000002/state.json",
                                  "checkpoints/step_000002/model.safetensors",
                                  "checkpoints/step_000002/optim.safetensors"])
@pytest.mark.parametrize("special", ["named pipe", "link to /dev/zero"])
def test_pipes_and_devices_named_like_run_files_do_not_hang(no_hang, finished_run, name, special):
    """Each use of the run either works or says why in a sentence; none blocks or reads forever."""
    p = finished_run.path / name
    p.unlink()
    if special == "named pipe":
        os.mkfifo(p)  # opening it for reading would wait forever for a writer
    else:
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        os.symlink("/dev/zero", p)  # reading it would never end
    run = Run(finished_run.path)
    assert run.summary()["id"] == run.id  # the Runs list still shows it
    assert [r.id for r in RunStore(run.path.parent).runs()] == [run.id]
    messages = []
    for use in (run.read_metrics, lambda: load_trained(run), lambda: _resume(run)):
        try:
            use()
        except LmlabError as e:
            messages.append(str(e))
    assert messages or name == "status.json"  # (status.json is only ever replaced, never needed)
    ok = ("not a regular file", "missing or damaged", "has no checkpoint yet")
    assert all(any(words in m for words in ok) for m in messages), messages


def _resume(run: Run) -> None:
    cfg = run.read_config()
    run.write_config(cfg.with_changes(train={"max_steps": 4}))
    end = list(train(run))[-1]
    if end.status != "finished":
        raise LmlabError(end.reason)


def test_run_names_and_refs_stay_inside_the_runs_folder(tmp_path, monkeypatch):
    root = tmp_path / "runs"
    store = RunStore(root)
    run = store.create(tiny_config(), name="../../etc/passwd")
    assert run.path.parent == root and ".." not in run.path.name and "/" not in run.path.name
    # a real run right beside the runs folder: "../x" from inside it would reach it
    beside = RunStore(tmp_path).create(tiny_config(), name="beside")
    elsewhere = tmp_path / "a" / "cwd"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)  # "../<id>" is not a run relative to the working folder either
    for ref in (f"../{beside.id}", "../x", "..", ".", "", "/etc", str(root / ".." / "nope")):
        with pytest.raises(RunStoreError):
            store.open(ref)
    assert store.open(run.id).path == run.path  # an id or unique prefix works
    assert store.open(str(beside.path)).path == beside.path  # an explicit folder path is the user's choice
    with pytest.raises(RunStoreError, match="not inside the runs folder"):
        store.delete(beside)
    assert beside.path.exists()
