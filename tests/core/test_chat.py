"""Conversation data and the chat template: reading with care, statistics, the embedded dialogue,
special tokens added without retraining, and render -> tokenize -> parse round trips."""

from __future__ import annotations

import codecs
import json

import pytest

from lmlab.core.chat.conversations import (
    Conversation, Turn, chat_stats, default_dialogue, read_conversations, write_conversations,
)
from lmlab.core.chat.template import (
    CHAT_TEMPLATE, END, SPECIAL_TOKENS, encode_turns, end_id, parse, render, with_chat_tokens,
)
from lmlab.core.errors import CorpusError, TokenizerError
from lmlab.core.tokenizers import CharTokenizer, HFTokenizer, load_tokenizer


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def chat(*pairs):
    return {"messages": [{"role": r, "content": c} for r, c in pairs]}


def test_chat_jsonl_sharegpt_and_transcripts_are_read(tmp_path):
    a = _jsonl(tmp_path / "a.jsonl", [chat(("system", "Be brief."), ("user", "Hi"), ("assistant", "Hello.")),
                                      chat(("user", "你好"), ("assistant", "你好！"))])
    convs = read_conversations(a)
    assert [t.role for t in convs[0].turns] == ["system", "user", "assistant"]
    assert convs[1].turns[1].content == "你好！" and convs[1].line == 2
    b = _jsonl(tmp_path / "b.jsonl", [{"conversations": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "A"}]}])
    assert read_conversations(b)[0].turns == (Turn("user", "Q"), Turn("assistant", "A"))
    log = tmp_path / "log.txt"
    log.write_text("Ann: hello there\nBob: hi Ann\nhow are you?\nAnn: fine\n---\nBob: new scene\nAnn: yes\n")
    every = read_conversations(log)
    assert [(c.turns[0].content, c.turns[1].content) for c in every] == [
        ("hello there", "hi Ann\nhow are you?"), ("hi Ann\nhow are you?", "fine"), ("new scene", "yes")]
    only_bob = read_conversations(log, assistant="Bob")
    assert [c.turns[1].content for c in only_bob] == ["hi Ann\nhow are you?"] and only_bob[0].line == 2


def test_encodings_are_read_as_corpora_are(tmp_path):
    row = json.dumps(chat(("user", "¿Qué?"), ("assistant", "Sí.")), ensure_ascii=False) + "\r\n"
    for name, data in (("bom.jsonl", codecs.BOM_UTF8 + row.encode()), ("u16.jsonl", row.encode("utf-16"))):
        (tmp_path / name).write_bytes(data)
        assert read_conversations(tmp_path / name)[0].turns[1].content == "Sí."
    (tmp_path / "bin.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(CorpusError, match="PNG image"):
        read_conversations(tmp_path / "bin.jsonl")


@pytest.mark.parametrize("rows, text, match", [
    ([chat(("user", "a"), ("assistant", "b")), chat(("user", "only a question"))], None,
     r"b\.jsonl, line 2: a conversation with no assistant turn; nothing of this file was used"),
    ([chat(("user", "a"), ("robot", "b"))], None, r"b\.jsonl, line 1: unknown role 'robot'"),
    (None, "", r"b\.jsonl: the file is empty; nothing was used"),
    (None, "\n  \n", r"b\.jsonl: the file is empty"),
    (None, json.dumps(chat(("user", "a"), ("assistant", "b"))) + "\n{\"messages\": [oops\n",
     r"b\.jsonl, line 2: malformed JSON; nothing of this file was used"),
    ([{"conversations": [{"from": "human", "value": "a"}, {"from": "wizard", "value": "b"}]}], None,
     r"line 1: unknown role 'wizard'"),
])
def test_bad_input_is_one_sentence_naming_file_and_line(tmp_path, rows, text, match):
    p = tmp_path / "b.jsonl"
    if rows is not None:
        _jsonl(p, rows)
    else:
        p.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=match) as e:
        read_conversations(p)
    assert str(e.value).count(". ") == 0 and "\n" not in str(e.value)


def test_a_transcript_without_the_chosen_speaker_has_no_assistant_turn(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("Ann: hello\nBob: hi\n")
    with pytest.raises(CorpusError, match=r"t\.txt: the speaker 'Eve' never speaks, so there is no assistant turn"):
        read_conversations(p, assistant="Eve")


def test_statistics_count_conversations_turns_and_tokens_per_role():
    convs = [Conversation((Turn("system", "s"), Turn("user", "ab"), Turn("assistant", "cde"))),
             Conversation((Turn("user", "f"), Turn("assistant", "gh")))]
    tok = CharTokenizer.train(["abcdefghs"])
    st = chat_stats(convs, tok)
    assert st.conversations == 2
    assert st.turns == {"system": 1, "user": 2, "assistant": 2}
    assert st.tokens == {"system": 1, "user": 3, "assistant": 5}
    assert "2 conversations" in st.sentence()


def test_embedded_dialogue_is_replies_from_the_plays_offline():
    convs = default_dialogue()
    assert len(convs) > 10_000
    c = convs[0]
    assert [t.role for t in c.turns] == ["user", "assistant"] and c.line > 0
    assert "Hippolyta" in c.turns[0].content  # A Midsummer Night's Dream opens the list
    assert all(":" not in t.content.split("\n")[0][:1] for t in c.turns)


def test_saved_conversations_read_back(tmp_path):
    conv = Conversation((Turn("system", "Verse only."), Turn("user", "Speak."), Turn("assistant", "I will.")))
    write_conversations(tmp_path / "s.jsonl", [conv, conv])
    back = read_conversations(tmp_path / "s.jsonl", "chat")
    assert [c.turns for c in back] == [conv.turns, conv.turns]


# -- the template ----------------------------------------------------------------------------------

TURNS = {
    "en": (Turn("system", "Answer in verse."), Turn("user", "Who art thou?"), Turn("assistant", "A friend, good sir.")),
    "zh": (Turn("system", "用诗回答。"), Turn("user", "你是谁？"), Turn("assistant", "我是你的朋友。")),
}


@pytest.fixture(scope="module")
def tokenizers():
    text = "".join(t.content for turns in TURNS.values() for t in turns) + " abcdefghijklmnopqrstuvwxyz"
    return {"char": CharTokenizer.train([text]), "bpe": HFTokenizer.train([text * 20], "bpe", 300)}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["char", "bpe"])
def test_template_round_trips_render_tokenize_parse(tokenizers, kind, lang):
    base = tokenizers[kind]
    tok = with_chat_tokens(base)
    assert tok.vocab_size == base.vocab_size + len(SPECIAL_TOKENS)
    text = render(TURNS[lang])
    ids = tok.encode(text)
    assert ids[: len(base.encode("Answer"))] != base.encode("Answer")  # a marker comes first, as one token
    assert sum(i >= base.vocab_size for i in ids) == 2 * len(TURNS[lang])  # one marker and one end per turn
    assert parse(tok.decode(ids)) == list(TURNS[lang])
    plain = TURNS[lang][1].content
    assert tok.encode(plain) == base.encode(plain)  # ordinary text keeps its ids: nothing was retrained


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_jinja_template_renders_what_render_does(lang):
    import jinja2

    msgs = [{"role": t.role, "content": t.content} for t in TURNS[lang]]
    tpl = jinja2.Environment().from_string(CHAT_TEMPLATE)
    assert tpl.render(messages=msgs, add_generation_prompt=False) == render(TURNS[lang])
    assert tpl.render(messages=msgs[:2], add_generation_prompt=True) == render(TURNS[lang][:2], True)


def test_special_tokens_survive_save_and_load(tokenizers, tmp_path):
    for kind, base in tokenizers.items():
        tok = with_chat_tokens(base)
        tok.save(tmp_path / f"{kind}.json")
        back = load_tokenizer(tmp_path / f"{kind}.json")
        assert back.special_tokens == SPECIAL_TOKENS
        assert back.encode(render(TURNS["zh"])) == tok.encode(render(TURNS["zh"]))
        assert with_chat_tokens(back).vocab_size == back.vocab_size  # adding them twice adds nothing


def test_only_assistant_text_and_its_end_are_targets(tokenizers):
    tok = with_chat_tokens(tokenizers["char"])
    ids, target = encode_turns(tok, TURNS["en"])
    assert tok.decode(i for i, t in zip(ids, target) if t) == "A friend, good sir." + END
    assert ids == tok.encode(render(TURNS["en"]))


def test_a_model_without_chat_tokens_is_refused(tokenizers):
    with pytest.raises(TokenizerError, match="no chat tokens"):
        end_id(tokenizers["char"])
