"""``lmlab finetune`` and ``lmlab chat`` on real tiny runs."""

from __future__ import annotations

import json

import pytest

from lmlab.cli import EXIT_ERROR, main
from lmlab.core.chat.conversations import read_conversations
from lmlab.core.runs import RunStore
from tests.core.test_chat_finetune import trained_parent, write_chat_file


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    trained_parent(root, 40, "base")
    return root


def test_finetune_then_runs_show_lineage_then_chat_and_save(root, tmp_path, capsys):
    data = write_chat_file(tmp_path / "c.jsonl", 50)
    assert main(["finetune", "base", "--data", str(data), "--lr", "3e-3", "--steps", "100", "--name", "bot",
                 "--runs-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "50 conversations; turns: 50 user, 50 assistant; tokens: " in out
    assert "Assistant-token validation loss: base " in out and "-> bot " in out
    ref, best = (float(x) for x in out.split("Assistant-token validation loss: base ")[1].split(" -> bot "))
    assert best < ref
    assert main(["runs", "--runs-dir", str(root)]) == 0
    listing = capsys.readouterr().out
    assert any("bot" in line and line.rstrip().endswith("<- base") for line in listing.splitlines())
    saved = tmp_path / "chat.jsonl"
    assert main(["chat", "bot", "--runs-dir", str(root), "--temperature", "0", "--system", "Be brief.",
                 "--message", "hear me speak?", "--message", "/regen", "--save", str(saved), "--json"]) == 0
    replies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["finish_reason"] for r in replies] == ["stop_sequence", "stop_sequence"]
    assert replies[0]["text"] == replies[1]["text"] == "Resolved."
    conv = read_conversations(saved)[0]
    assert [t.role for t in conv.turns] == ["system", "user", "assistant"] and conv.turns[2].content == "Resolved."


def test_finetune_refuses_bad_data_in_one_sentence(root, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}]}\n', encoding="utf-8")
    assert main(["finetune", "base", "--data", str(bad), "--runs-dir", str(root)]) == EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert err == f"error: {bad}, line 1: a conversation with no assistant turn; nothing of this file was used."
    assert all(r.name != "base chat" for r in RunStore(root).runs())


def test_chat_with_a_run_that_was_never_fine_tuned_says_so(root, capsys):
    assert main(["chat", "base", "--runs-dir", str(root), "--message", "hi"]) == EXIT_ERROR
    assert "no chat tokens; fine-tune it on conversations first" in capsys.readouterr().err


def test_a_conversation_longer_than_the_context_is_named_and_the_rest_used(root, tmp_path, capsys):
    data = write_chat_file(tmp_path / "c.jsonl", 20)
    with open(data, "a", encoding="utf-8") as f:
        f.write(json.dumps({"messages": [{"role": "user", "content": "hear me speak " * 10},
                                         {"role": "assistant", "content": "Resolved."}]}) + "\n")
    assert main(["finetune", "base", "--data", str(data), "--steps", "2", "--name", "long",
                 "--runs-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"{data}, line 21: this conversation is " in out
    assert "longer than the context of 32; it was left out and the rest are used." in out


def test_finetune_on_the_embedded_dialogue_needs_no_file(root, capsys):
    assert main(["finetune", "base", "--limit", "40", "--steps", "2", "--name", "verse",
                 "--runs-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Reading conversations from Shakespeare's dialogue (default)" in out
    assert "40 conversations; turns: 40 user, 40 assistant" in out and "left out" not in out
