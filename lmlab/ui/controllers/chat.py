"""Chat with a fine-tuned run, and start fine-tunes: state and commands, no widgets.

``ChatController`` keeps one conversation (an optional system prompt, then turns) with the run
it follows, streams the model's replies (``core.chat.reply.stream_reply`` on the job runner,
stopping at the end-of-turn token), regenerates the last reply, edits an earlier turn and
branches from there (the turns after it are dropped and, after a user turn, answered again) and
saves the conversation in the chat JSONL format.

``FinetuneController`` sets a fine-tuning run up (``core.jobs.finetune.create_finetune``) off the
GUI thread, then hands it to the session's normal training path (``Session.continue_run``: the run
queue, the same engine, live plots and Stop as any run).

    chat = ChatController(cache)
    chat.replyAdded.connect(show)          # [GeneratedToken] as they come
    chat.set_run(path); chat.send("Who art thou?", SamplingOptions(max_new_tokens=200))
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ...core.chat.conversations import Conversation, Turn, write_conversations
from ...core.chat.reply import stream_reply
from ...core.errors import LmlabError
from ...core.events import FinetuneProgress, ReferenceLoss, TokenBatch
from ...core.generate import Generation, SamplingOptions
from ...core.jobs.finetune import ChatSource, create_finetune
from ...core.loading import ModelCache
from ...core.runs import Run
from ..jobs import JobSlot
from ..i18n import core_text, error_text


class ChatController(QObject):
    conversationChanged = Signal(object)  # tuple[Turn, ...]: the turns (the system prompt first, when there is one)
    replyAdded = Signal(object)  # [GeneratedToken] of the reply being streamed
    replyFinished = Signal(str)  # why it ended: stop_sequence (end of turn) | max_tokens | stopped
    failed = Signal(str)  # a sentence
    busyChanged = Signal(bool)

    def __init__(self, cache: ModelCache, parent: QObject | None = None):
        super().__init__(parent)
        self.cache = cache
        self.run_path = ""
        self.system = ""
        self.turns: list[Turn] = []  # user and assistant turns
        self.reply_text = ""  # the reply being streamed
        self._stop = threading.Event()
        self._slot = JobSlot("chat-reply")
        self._busy = False  # a reply streams (until it returns or fails; its thread may end a moment later)

    # -- state -----------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit(busy)

    def conversation(self) -> tuple[Turn, ...]:
        return ((Turn("system", self.system),) if self.system else ()) + tuple(self.turns)

    def set_run(self, path: str) -> None:
        """Talk with the run at ``path`` from the next reply on (the conversation stays)."""
        self.run_path = str(path)

    def set_system(self, text: str) -> None:
        self.system = text.strip()
        self.conversationChanged.emit(self.conversation())

    def clear(self) -> None:
        self.stop()
        self.turns = []
        self.conversationChanged.emit(self.conversation())

    # -- commands --------------------------------------------------------------------------------------
    def send(self, text: str, options: SamplingOptions) -> bool:
        """Add the user's turn and stream the reply; False (and nothing changes) while a reply streams."""
        if self.busy or not text.strip():
            return False
        self.turns.append(Turn("user", text))
        return self._answer(options)

    def regenerate(self, options: SamplingOptions) -> bool:
        """Answer the last user turn again (the last reply is replaced)."""
        if self.busy or not self.turns:
            return False
        if self.turns[-1].role == "assistant":
            self.turns.pop()
        return self._answer(options)

    def edit(self, index: int, text: str, options: SamplingOptions) -> bool:
        """Branch at turn ``index``: it becomes ``text``, the turns after it go; an edited user turn is
        answered again, an edited reply is kept as the model's word."""
        if self.busy or not 0 <= index < len(self.turns):
            return False
        role = self.turns[index].role
        self.turns = self.turns[:index] + [Turn(role, text)]
        if role == "user":
            return self._answer(options)
        self.conversationChanged.emit(self.conversation())
        return True

    def stop(self) -> None:
        self._stop.set()

    def save(self, path: str) -> None:
        """Append the conversation to ``path`` as one line of chat JSONL (an LmlabError if there is no reply)."""
        if not any(t.role == "assistant" for t in self.turns):
            raise LmlabError(self.tr("There is no reply to save yet."))
        try:
            write_conversations(path, [Conversation(self.conversation())])
        except OSError as e:
            raise LmlabError(self.tr("Cannot write {0}: {1}.").format(path, e.strerror or e)) from None

    def _answer(self, options: SamplingOptions) -> bool:
        self.conversationChanged.emit(self.conversation())
        if not self.run_path:
            self.failed.emit(self.tr("Choose a run fine-tuned on conversations first."))
            return False
        self._stop.clear()
        self.reply_text = ""
        self._slot.start(stream_reply, self.cache, self.run_path, None, self.conversation(), options,
                         self._stop.is_set, on_yield=self._batch, on_return=self._returned, on_error=self._failed)
        self._set_busy(True)
        return True

    def _batch(self, batch: TokenBatch) -> None:
        self.reply_text += "".join(t.text for t in batch.tokens)
        if batch.tokens:
            self.replyAdded.emit(batch.tokens)

    def _returned(self, gen: Generation) -> None:
        self.turns.append(Turn("assistant", gen.text))
        self.reply_text = ""
        self._set_busy(False)
        self.conversationChanged.emit(self.conversation())
        self.replyFinished.emit(gen.finish_reason or "")

    def _failed(self, error: BaseException) -> None:
        if self.turns and self.turns[-1].role == "user":
            self.turns.pop()  # the question can be asked again
        self._set_busy(False)
        self.conversationChanged.emit(self.conversation())
        self.failed.emit(error_text(error) if isinstance(error, LmlabError)
                         else self.tr("The reply failed: {0}").format(error))

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self._stop.set()
        self._slot.shutdown(timeout_ms)


@dataclass(frozen=True)
class FinetuneRequest:
    """What the Runs panel's dialog asks for: the conversations, epochs and the settings that replace
    the fine-tuning defaults (learning_rate, max_steps, ...)."""

    source: ChatSource
    epochs: int
    train: dict


class FinetuneController(QObject):
    progress = Signal(str)  # a sentence while the run is set up
    referenceReady = Signal(object)  # ReferenceLoss: the parent's loss on the held-out conversations
    queued = Signal(str)  # the new run's path: on the run queue (it trains at once when the device is free)
    failed = Signal(str)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._job = JobSlot("finetune-setup")

    @property
    def busy(self) -> bool:
        return self._job.busy

    def start(self, parent_path: str, source: ChatSource, epochs: int, train: dict) -> bool:
        """Set up a fine-tune of the run at ``parent_path`` and train it; False if one is being set up."""
        if self.busy:
            return False
        self._job.start(create_finetune, self.session.store, Run(parent_path), source, epochs=epochs, train=train,
                        on_yield=self._event, on_return=self._created, on_error=self._failed)
        return True

    def start_request(self, parent_path: str, request: FinetuneRequest) -> bool:
        return self.start(parent_path, request.source, request.epochs, request.train)

    def _event(self, ev) -> None:
        if isinstance(ev, FinetuneProgress):
            self.progress.emit(core_text(ev.message))
            self.session.notice.emit("info", core_text(ev.message))
        elif isinstance(ev, ReferenceLoss):
            self.referenceReady.emit(ev)

    def _created(self, run: Run) -> None:
        if self.session.continue_run(run):  # the queue says why when it cannot take the run
            self.queued.emit(str(run.path))

    def _failed(self, error: BaseException) -> None:
        text = (error_text(error) if isinstance(error, LmlabError)
                else self.tr("Setting up the fine-tune failed: {0}").format(error))
        self.session.notice.emit("error", text)
        self.failed.emit(text)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        self._job.shutdown(timeout_ms)
