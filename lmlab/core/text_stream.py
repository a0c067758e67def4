"""Generated token ids -> the visible text each token adds, with stop sequences held back.

``Generation`` (``lmlab.core.generate``) feeds every new id to a ``TextStream`` and hands the
piece it releases to whoever shows the text.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"  # what a byte-level decode shows for an incomplete UTF-8 sequence
_COMMIT_EVERY = 64  # tokens of decoded text kept "open" before it is frozen (see TextStream)


class TextStream:
    """Turns generated ids into visible text pieces, one per token.

    The generated ids are decoded as a whole and the new suffix is released, minus
    what may still change: a trailing U+FFFD from a byte-level tokenizer (an
    incomplete UTF-8 character whose next bytes may follow) and a trailing part that
    could be the start of a stop sequence. If the prompt ends inside a character (a
    byte-level branch), its last tokens are decoded with the generated ones so the
    completed character appears in the first released text.

    Decoded text older than ``_COMMIT_EVERY`` tokens is frozen once splitting there
    is checked to decode the same, so each step decodes a bounded number of tokens; a
    character-level tokenizer decodes each id on its own, so its text is frozen at every token.
    """

    def __init__(self, tokenizer, prompt_ids: list[int], stop_sequences: tuple[str, ...]):
        self.decode = tokenizer.decode
        self.byte_level = tokenizer.kind != "char"
        self.stops = stop_sequences
        self.max_stop = max((len(s) for s in stop_sequences), default=0)
        self.anchor: list[int] = []  # last prompt tokens ending inside a character
        self.base_full = self.base_cut = ""
        if self.byte_level and prompt_ids:
            tail = list(prompt_ids[-3:])  # an incomplete UTF-8 character has at most 3 bytes
            s = self.decode(tail)
            if s.endswith(REPLACEMENT):
                self.anchor, self.base_full, self.base_cut = tail, s, s[:-1]
        self.frozen = ""  # decoded text of ids[:self.frozen_n]
        self.frozen_n = 0
        self.ids: list[int] = []
        self.emitted = 0  # characters of the generated text released so far
        self.text = ""  # the released text (== generated text[:emitted])

    def _decode_open(self, ids: list[int], with_anchor: bool) -> str:
        if not (with_anchor and self.anchor):
            return self.decode(ids)
        full = self.decode(self.anchor + ids)
        if full.startswith(self.base_full):  # still incomplete, or it stayed invalid
            return full[len(self.base_full):]
        if full.startswith(self.base_cut):  # the prompt's last character was completed
            return full[len(self.base_cut):]
        return self.decode(ids)

    def _generated_text(self) -> str:
        if not self.byte_level:  # characters decode one by one, independently: freeze every token at once
            if self.frozen_n < len(self.ids):
                self.frozen += self.decode(self.ids[self.frozen_n:])
                self.frozen_n = len(self.ids)
            return self.frozen
        open_ids = self.ids[self.frozen_n:]
        with_anchor = self.frozen_n == 0
        open_text = self._decode_open(open_ids, with_anchor)
        text = self.frozen + open_text
        if len(open_ids) >= 2 * _COMMIT_EVERY:
            j = len(open_ids) - _COMMIT_EVERY
            head = self._decode_open(open_ids[:j], with_anchor)
            if head and not head.endswith(REPLACEMENT) and head + self.decode(open_ids[j:]) == open_text:
                self.frozen += head
                self.frozen_n += j
        return text

    def push(self, token_id: int, last: bool) -> tuple[str, bool]:
        """Add a token; return (text it releases, whether a stop sequence was reached)."""
        self.ids.append(token_id)
        t = self._generated_text()
        if self.stops:
            start = max(0, self.emitted - self.max_stop)
            hits = [i for i in (t.find(s, start) for s in self.stops) if i >= 0]
            if hits:
                return self._release(t, min(hits)), True
        stable = len(t)
        if not last:
            if self.byte_level and t.endswith(REPLACEMENT):
                stable -= 1
            if self.stops:
                stable -= self._partial_stop(t[:stable])
        return self._release(t, stable), False

    def _partial_stop(self, t: str) -> int:
        """Length of the longest suffix of ``t`` that is a proper prefix of a stop sequence."""
        best = 0
        for s in self.stops:
            for n in range(min(len(s) - 1, len(t)), best, -1):
                if t.endswith(s[:n]):
                    best = n
                    break
        return best

    def _release(self, t: str, upto: int) -> str:
        if upto <= self.emitted:
            return ""
        piece = t[self.emitted:upto]
        self.emitted = upto
        self.text += piece
        return piece

    def flush(self) -> str:
        """Release whatever was held back (used when generation is stopped)."""
        t = self._generated_text()
        return self._release(t, len(t))
