"""Text fallback mode: type a question, read (and hear) the reply; plain lines for screen readers."""

from __future__ import annotations

import logging
from typing import Callable, TextIO

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.settings import Settings
from voice_assistant.core.conversation import SpeakingSettings

__all__ = ["run_text_mode"]

_log = logging.getLogger(__name__)
PROMPT = "> "


def _reader(stdin: TextIO, stdout: TextIO) -> Callable[[], str]:
    """input() with line editing and in-memory history when talking to a terminal; plain lines otherwise."""
    if stdin.isatty() and stdout.isatty():
        try:
            import readline  # noqa: F401  (line editing and history for input(); no history file is written)
        except ImportError:
            pass
        return lambda: input(PROMPT)

    def read_line() -> str:
        stdout.write(PROMPT)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    return read_line


def run_text_mode(
    assistant: Assistant,
    settings: Settings,
    stdout: TextIO,
    stdin: TextIO,
    notice: str | None = None,
    speak: Callable[[str, int, float], None] | None = None,
) -> int:
    """Run the typed conversation until goodbye, end of input or Ctrl-C; returns the exit status."""
    if notice:
        stdout.write(notice + "\n")
    session = assistant.new_session()
    greeting = assistant.greeting()
    stdout.write(greeting + "\n")
    if speak is not None:
        speak(greeting, session.state.speaking.rate_wpm, session.state.speaking.volume)
    read = _reader(stdin, stdout)

    def say(text: str, speaking: SpeakingSettings) -> None:
        stdout.write(text + "\n")
        stdout.flush()
        if speak is not None:
            speak(text, speaking.rate_wpm, speaking.volume)

    def unanswered() -> None:
        """Leaving with the safety question ("did you say …?") unanswered: its red flag is said, as for silence."""
        if session.safety_question is None:
            return
        try:
            reply = assistant.answer_no_reply(session).reply
            say(reply.text, reply.speaking)
        except Exception:  # a fault in composing replies; the question is still on the screen above
            _log.exception("the unanswered safety question could not be answered")

    while True:
        try:
            line = read()
        except EOFError:
            stdout.write("\n")
            unanswered()
            return 0
        except KeyboardInterrupt:
            stdout.write("\n")
            unanswered()
            stdout.write(assistant.content.prompts.get("goodbye") + "\n")
            return 0
        if not line.strip():
            continue
        try:
            turn = assistant.answer_text(session, line)
        except Exception:  # one failed turn is apologised for; the conversation goes on
            _log.exception("a turn failed")
            stdout.write(assistant.content.prompts.get("error_apology") + "\n")
            continue
        say(turn.reply.text, turn.reply.speaking)
        if turn.reply.ends_session:
            return 0
