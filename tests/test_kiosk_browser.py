"""The kiosk page in Debian's Chromium (Playwright): typed and touched questions, the emergency banner,
the idle reset, text size and contrast from the computed styles, keyboard-only use, reloads, privacy."""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk_fixtures import KioskProcess, chromium, screenshot, start_kiosk  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KioskProcess]:
    """One kiosk for the module (GB: 999), speech off, a long idle timeout."""
    running = start_kiosk(tmp_path_factory.mktemp("kiosk-home"), "--no-speech", "--region", "GB",
                          "--engine", "pocketsphinx", "--idle-timeout", "600")
    yield running
    running.stop()


@pytest.fixture
def page(chromium: Any, kiosk: KioskProcess) -> Iterator[Any]:
    """A fresh browser context on the kiosk page, at its welcome state."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(kiosk.url)
    page.click("#start-again")
    # The reset arrives over the event stream; it ends by focusing #top. Waiting for the welcome text alone
    # is not enough (it shows before the reset too), and a late reset would move focus mid-test.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'top'")
    page.wait_for_selector("#welcome", state="visible")
    yield page
    context.close()


def ask(page: Any, text: str) -> None:
    page.fill("#question", text)
    page.press("#question", "Enter")


def wait_for_reply(page: Any, pattern: str) -> str:
    page.wait_for_function(
        "p => new RegExp(p, 'i').test(document.getElementById('reply').textContent)", arg=pattern
    )
    return str(page.text_content("#reply"))


# What the page shows ---------------------------------------------------------------------------------------


def test_typed_question_shows_heard_text_and_reply(page: Any) -> None:
    screenshot(page, "kiosk-welcome")
    ask(page, "does massage help?")
    reply = wait_for_reply(page, "massage")
    assert page.text_content("#heard") == "does massage help?"
    assert reply.startswith("About massage therapy")
    assert page.is_hidden("#welcome") and page.is_hidden("#banner")
    assert page.input_value("#question") == ""
    screenshot(page, "kiosk-answer")


def test_topic_button_answers(page: Any) -> None:
    page.click("button[data-button='topic:diagnosis']")
    wait_for_reply(page, "About how it is diagnosed")
    assert page.text_content("#heard") == "How it is diagnosed"


def test_command_buttons_go_through_the_dialogue(page: Any) -> None:
    page.click("button[data-button='topic:causes']")
    first = wait_for_reply(page, "About causes")
    page.click("button[data-button='cmd.more']")
    page.wait_for_function("t => document.getElementById('reply').textContent !== t", arg=first)
    assert page.text_content("#heard") == "More"
    page.click("button[data-button='cmd.repeat']")
    page.wait_for_function("() => document.getElementById('heard').textContent === 'Repeat'")


def test_emergency_report_shows_the_banner_with_the_number(page: Any) -> None:
    ask(page, "my legs have gone numb and I can't pee")
    page.wait_for_selector("#banner", state="visible")
    banner = str(page.text_content("#banner"))
    assert "Call 999 now" in banner
    assert "999" in wait_for_reply(page, "emergency")
    assert page.get_attribute("#banner", "role") == "alert"
    screenshot(page, "kiosk-emergency")


def test_reload_keeps_the_conversation_on_screen(page: Any) -> None:
    ask(page, "what are the symptoms")
    wait_for_reply(page, "symptoms")
    page.reload()
    page.wait_for_function("() => document.getElementById('heard').textContent === 'what are the symptoms'")
    assert "symptoms" in str(page.text_content("#reply")).lower()


# Text size, contrast, accessibility ---------------------------------------------------------------------------

_TEXT_STYLES_JS = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest('[hidden]') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.right < 0 || rect.left < 0 && rect.right < 10) continue;  // the off-screen skip link
    out.push({id: el.id || el.tagName, text: el.textContent.trim().slice(0, 40), size: parseFloat(style.fontSize),
              color: parse(style.color), background: background(el)});
  }
  return out;
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: list[float], two: list[float]) -> float:
    """WCAG contrast ratio of two colours."""
    a, b = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def check_text(page: Any, min_px: float) -> list[dict[str, Any]]:
    texts = page.evaluate(_TEXT_STYLES_JS)
    assert len(texts) > 10
    small = [t for t in texts if t["size"] < min_px]
    low = [(t["text"], round(contrast(t["color"], t["background"]), 2)) for t in texts
           if contrast(t["color"], t["background"]) < 7.0]
    assert not small, f"text smaller than {min_px} px: {small}"
    assert not low, f"contrast below 7:1: {low}"
    return list(texts)


def test_text_is_large_and_high_contrast_in_every_state(page: Any) -> None:
    body = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 32
    check_text(page, 32)
    ask(page, "does massage help")
    wait_for_reply(page, "massage")
    check_text(page, 32)
    ask(page, "I have numbness between my legs")
    page.wait_for_selector("#banner", state="visible")
    texts = check_text(page, 32)
    assert any(t["id"] == "banner-text" for t in texts)
    ask(page, "the back pain wakes me up every night")
    page.wait_for_selector("#banner", state="visible")
    check_text(page, 32)


def test_bigger_text_setting_makes_text_larger(page: Any) -> None:
    before = page.evaluate("() => parseFloat(getComputedStyle(document.getElementById('welcome')).fontSize)")
    page.click("#bigger")
    assert page.get_attribute("#bigger", "aria-pressed") == "true"
    after = page.evaluate("() => parseFloat(getComputedStyle(document.getElementById('welcome')).fontSize)")
    assert after >= 48 > before >= 32
    check_text(page, 43)


def test_larger_text_size_from_the_setting(chromium: Any, tmp_path: Path) -> None:
    running = start_kiosk(tmp_path, "--no-speech", "--engine", "pocketsphinx", "--text-size", "larger")
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(running.url)
        assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 48
        context.close()
    finally:
        running.stop()


_FOCUS_JS = """() => { const e = document.activeElement, s = getComputedStyle(e);
    return {name: e.dataset.button || e.id || e.className, outline: parseFloat(s.outlineWidth), style: s.outlineStyle}; }"""


def test_keyboard_only_use(page: Any) -> None:
    focused: list[str] = []
    for _ in range(30):  # Tab reaches every control, in reading order, each with a visible focus ring
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS_JS)
        assert info["outline"] >= 3 and info["style"] != "none", f"no visible focus on {info}"
        focused.append(info["name"])
        if info["name"] == "topic:summary":
            break
    assert focused[:5] == ["skip", "bigger", "start-again", "talk", "question"]
    assert {"ask", "cmd.repeat", "cmd.more", "cmd.slower", "cmd.stop", "topic:overview", "topic:summary"} <= set(focused)
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    assert page.evaluate("() => document.activeElement.id") == "question"
    page.keyboard.type("what causes the back pain")
    page.keyboard.press("Enter")
    wait_for_reply(page, "About causes")
    while page.evaluate(_FOCUS_JS)["name"] != "topic:treatment":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_for_reply(page, "About treatment options")
    page.keyboard.press("F9")  # push-to-talk: listens, or says why it cannot
    page.wait_for_function(
        "() => document.body.classList.contains('listening') || !document.getElementById('problem').hidden"
    )


def test_labels_and_live_region_for_screen_readers(page: Any) -> None:
    assert page.get_attribute("#reply", "aria-live") == "polite"
    assert page.get_attribute("#status", "role") == "status"
    assert page.evaluate("() => document.getElementById('question').labels[0].textContent") == "Type your question"
    names = page.evaluate("() => [...document.querySelectorAll('button')].map(b => b.textContent.trim())")
    assert all(names), "every button has a name"
    assert page.get_attribute("html", "lang") == "en"


# Idle timeout -----------------------------------------------------------------------------------------------


def test_idle_timeout_warns_then_clears_the_page(chromium: Any, tmp_path: Path) -> None:
    running = start_kiosk(tmp_path, "--no-speech", "--engine", "pocketsphinx", "--region", "US", "--idle-timeout", "3")
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(running.url)
        ask(page, "I can't feel my feet")
        page.wait_for_selector("#banner", state="visible")
        page.wait_for_selector("#idle", state="visible")
        assert "Are you still there" in str(page.text_content("#idle-text"))
        assert page.evaluate("() => document.activeElement.id") == "continue"
        screenshot(page, "kiosk-idle-warning")
        page.keyboard.press("Space")  # any key carries on
        page.wait_for_selector("#idle", state="hidden")
        assert page.text_content("#heard") == "I can't feel my feet"
        page.click("#bigger")
        page.fill("#question", "half typed")
        page.wait_for_selector("#idle", state="visible")
        page.wait_for_selector("#welcome", state="visible", timeout=TIMEOUT_MS)
        assert page.is_hidden("#idle") and page.is_hidden("#banner") and page.is_hidden("#heard-box")
        assert page.text_content("#reply") == ""
        assert page.input_value("#question") == ""
        assert page.get_attribute("#bigger", "aria-pressed") == "false"
        context.close()
    finally:
        running.stop()


# Privacy ----------------------------------------------------------------------------------------------------


def _files_containing(folders: list[Path], needle: bytes, since: float) -> list[str]:
    found = []
    for folder in folders:
        # os.walk, not Path.rglob: a folder removed while it is walked (a Chromium profile in /tmp) is skipped
        for path in (Path(top) / name for top, _, names in os.walk(folder) for name in names):
            try:
                if not path.is_file() or path.is_symlink() or path.stat().st_mtime < since - 1:
                    continue
                if path.stat().st_size > 50_000_000:
                    continue
                if needle in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    return found


def test_nothing_typed_is_written_to_disk(chromium: Any, tmp_path: Path) -> None:
    since = time.time()
    marker = f"quokka{secrets.token_hex(4)}"
    metrics = tmp_path / "metrics.json"
    running = start_kiosk(tmp_path / "home", "--no-speech", "--engine", "pocketsphinx",
                          "--metrics-file", str(metrics), "--idle-timeout", "3")
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(running.url)
        ask(page, f"my {marker} legs are numb")
        page.wait_for_selector("#banner", state="visible")
        assert marker in str(page.text_content("#heard"))
        page.wait_for_selector("#welcome", state="visible")  # the idle reset ended the session
        context.close()
    finally:
        stderr = running.stop()
    assert marker not in stderr
    assert re.search(r'"turns": 1\b', metrics.read_text(encoding="utf-8"))
    home = Path.home()
    folders = [tmp_path, home / ".config", home / ".cache", home / ".local", Path("/tmp"), Path("/var/tmp")]
    assert _files_containing(folders, marker.encode(), since) == []
