"""The kiosk page: its HTML, filled in from the content and settings, and its two static files."""

from __future__ import annotations

import html
from importlib import resources
from string import Template
from typing import Final

from voice_assistant.core.dialogue import spoken_number
from voice_assistant.frontends.kiosk.session import Kiosk

__all__ = ["PageOptions", "render_page", "static_text", "STATIC_FILES"]

STATIC_FILES: Final = {"kiosk.css": "text/css; charset=utf-8", "kiosk.js": "text/javascript; charset=utf-8"}
"""The only files served under /static/, with their content types."""


class PageOptions:
    """How the page looks and which key talks."""

    def __init__(self, text_size: str = "large", push_to_talk_key: str = "F9") -> None:
        """text_size: 'large' or 'larger'; push_to_talk_key: a browser key name."""
        self.text_size = text_size
        self.push_to_talk_key = push_to_talk_key


def static_text(name: str) -> str:
    """One of the page's files (index.html, kiosk.css, kiosk.js), from the package."""
    return resources.files("voice_assistant.frontends.kiosk").joinpath("static", name).read_text(encoding="utf-8")


def render_page(kiosk: Kiosk, options: PageOptions) -> str:
    """The page's HTML with the content's texts, buttons and settings filled in (escaped)."""
    prompts = kiosk.assistant.content.prompts
    number = kiosk.emergency_number_shown
    notice = prompts.get("notice").format(number=number)

    def button(button_id: str, label: str, css: str) -> str:
        return (f'<button type="button" class="{css}" data-button="{html.escape(button_id)}">'
                f"{html.escape(label)}</button>")

    commands = "\n".join(button(b.id, b.label, "command") for b in kiosk.buttons if b.id.startswith("cmd."))
    topics = "\n".join(button(b.id, b.label, "topic") for b in kiosk.buttons if b.id.startswith("topic:"))
    key = options.push_to_talk_key
    values = {
        "text_size": html.escape(options.text_size),
        "ptt_key": html.escape(key),
        "ptt_key_label": html.escape(key if len(key) > 1 else key.upper()),
        "idle_timeout_s": f"{kiosk.idle_timeout_s:g}",
        "welcome": html.escape(prompts.get("kiosk_welcome")),
        "notice": html.escape(notice),
        "number": html.escape(number),
        "spoken_number": html.escape(spoken_number(number)),
        "continue_label": html.escape(prompts.get("kiosk_continue")),
        "command_buttons": commands,
        "topic_buttons": topics,
    }
    return Template(static_text("index.html")).substitute(values)
