"""Playground ▸ Chat: talk with a run fine-tuned on conversations.

``ChatView`` renders a ``ChatController``: an optional system prompt, the turns so far, the reply
streaming in with each token coloured by the model's probability of it (the Playground's colours),
stopping at the end-of-turn token; Send, Regenerate, Stop, Edit (put an earlier turn back in the
box; sending it branches the conversation there), Clear, and Save as chat JSONL (training data).
The sampling controls are the Playground's own (``SamplingControls``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QTextBrowser,
    QVBoxLayout, QWidget,
)

from ....core.chat.conversations import Turn
from ....core.errors import LmlabError
from ....core.runs import Run
from ...controllers.chat import ChatController
from ..common import MessageLabel, name_widget
from .controls import SamplingControls
from .text import prob_color
from ...i18n import error_text


class ChatView(QWidget):
    def __init__(self, controller: ChatController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chatView")
        self.controller = controller
        self._editing: int | None = None
        self._reply_started = False  # the streaming reply's heading is shown
        self.system_edit = name_widget(QLineEdit(), "chatSystem", self.tr("System prompt"),
                                       self.tr("Optional instructions given before the conversation"))
        self.system_edit.setPlaceholderText(self.tr("System prompt (optional)"))
        self.system_edit.editingFinished.connect(lambda: controller.set_system(self.system_edit.text()))
        self.transcript = name_widget(QTextBrowser(), "chatTranscript", self.tr("Conversation"),
                                      self.tr("The conversation; the reply's tokens are coloured by probability"))
        self.turn_list = name_widget(QListWidget(), "chatTurns", self.tr("Turns"),
                                     self.tr("Pick a turn and press Edit to change it and branch from there"))
        self.turn_list.setMaximumHeight(110)
        self.input = name_widget(QPlainTextEdit(), "chatInput", self.tr("Your message"),
                                 self.tr("What you say to the model (Ctrl+Enter sends)"))
        self.input.setMaximumHeight(80)
        self.send_button = self._button("chatSend", self.tr("Send"), self.send)
        self.regenerate_button = self._button("chatRegenerate", self.tr("Regenerate"), self.regenerate)
        self.stop_button = self._button("chatStop", self.tr("Stop"), controller.stop)
        self.edit_button = self._button("chatEdit", self.tr("Edit"), self.edit_selected)
        self.clear_button = self._button("chatClear", self.tr("Clear"), self.clear)
        self.save_button = self._button("chatSave", self.tr("Save…"), self.save)
        self.message = MessageLabel("chatMessage")
        self.run_label = name_widget(QLabel(), "chatRun", self.tr("Run"), self.tr("The run that answers"))
        self.controls = SamplingControls()
        self.controls.max_tokens.setValue(300)

        buttons = QHBoxLayout()
        for b in (self.send_button, self.regenerate_button, self.stop_button, self.edit_button, self.clear_button,
                  self.save_button):
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(self.run_label)
        left.addWidget(self.system_edit)
        left.addWidget(self.transcript, 1)
        left.addWidget(QLabel(self.tr("Turns:")))
        left.addWidget(self.turn_list)
        left.addWidget(self.input)
        left.addLayout(buttons)
        left.addWidget(self.message)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 1)
        lay.addWidget(self.controls, 0, Qt.AlignmentFlag.AlignTop)

        controller.conversationChanged.connect(self._show)
        controller.replyAdded.connect(self._add_tokens)
        controller.replyFinished.connect(self._finished)
        controller.failed.connect(lambda text: self.message.show_message(text))
        controller.busyChanged.connect(self._update_buttons)
        self._show(controller.conversation())
        self._update_buttons()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        b = name_widget(QPushButton(text), name, text)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    # -- commands -------------------------------------------------------------------------------------
    def _options(self):
        opts = self.controls.options(self.controls.seed_for_run())
        errs = self.controls.check(opts)
        if errs:
            self.message.show_message(str(errs[0]))
            return None
        return opts

    def send(self) -> bool:
        text = self.input.toPlainText().strip()
        opts = self._options()
        if not text or opts is None:
            return False
        self.message.show_message("")
        self.controller.set_system(self.system_edit.text())
        index, self._editing = self._editing, None
        ok = self.controller.edit(index, text, opts) if index is not None else self.controller.send(text, opts)
        if ok:
            self.input.clear()
        return ok

    def regenerate(self) -> bool:
        opts = self._options()
        return opts is not None and self.controller.regenerate(opts)

    def edit_selected(self) -> None:
        """Put the selected turn in the box: sending it replaces that turn and branches from there."""
        row = self.turn_list.currentRow()
        if 0 <= row < len(self.controller.turns):
            self._editing = row
            self.input.setPlainText(self.controller.turns[row].content)
            self.message.show_message(self.tr("Editing turn {0}; Send branches the conversation there.")
                                      .format(row + 1), "info")

    def clear(self) -> None:
        self._editing = None
        self.controller.clear()

    def save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the conversation"), "chat.jsonl",
                                              self.tr("Chat JSONL (*.jsonl)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        try:
            self.controller.save(path)
        except LmlabError as e:
            self.message.show_message(error_text(e))
            return False
        self.message.show_message(self.tr("Saved to {0}.").format(path), "info")
        return True

    # -- rendering ------------------------------------------------------------------------------------
    def _show(self, turns: tuple[Turn, ...]) -> None:
        names = {"system": self.tr("System"), "user": self.tr("You"), "assistant": self.tr("Model")}
        parts = [f"<p><b>{names[t.role]}:</b><br>{html.escape(t.content).replace(chr(10), '<br>')}</p>"
                 for t in turns]
        self.transcript.setHtml("".join(parts))
        self._reply_started = False
        self.turn_list.clear()
        for t in self.controller.turns:
            self.turn_list.addItem(f"{names[t.role]}: {t.content[:80]}")
        self._update_buttons()

    def _add_tokens(self, tokens: list) -> None:
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if not self._reply_started:
            self._reply_started = True
            cursor.insertHtml(f"<p><b>{self.tr('Model')}:</b><br></p>")
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for i, t in enumerate(tokens):
            if t.text:
                color = prob_color(t.raw_prob, dark, odd=i % 2 == 1).name()
                text = html.escape(t.text).replace("\n", "<br>")
                cursor.insertHtml(f'<span style="background-color:{color}">{text}</span>')
        self.transcript.setTextCursor(cursor)

    def _finished(self, reason: str) -> None:
        if reason == "max_tokens":
            self.message.show_message(self.tr("The reply reached the token limit before its end-of-turn."), "info")

    def _update_buttons(self, *_args) -> None:
        busy = self.controller.busy
        has_turns = bool(self.controller.turns)
        self.send_button.setEnabled(not busy)
        self.regenerate_button.setEnabled(not busy and has_turns)
        self.stop_button.setEnabled(busy)
        self.edit_button.setEnabled(not busy and has_turns)
        self.clear_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and any(t.role == "assistant" for t in self.controller.turns))

    def set_run(self, path: str) -> None:
        """Talk with the run at ``path`` (the Playground's current run) from the next reply on."""
        self.controller.set_run(path)
        self.run_label.setText(self.tr("Talking with {0}").format(Run(path).name) if path else "")

    def shutdown(self) -> None:
        self.controller.shutdown()
