// Kiosk page: shows what was heard and what is said (live, from /events) and sends touches, typed
// questions and push-to-talk to the assistant. Nothing is stored in the browser.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const body = document.body;
  const pttKey = body.dataset.pttKey || "F9";
  const defaultSize = root.dataset.defaultSize || "large";
  const STATUS_TEXT = { ready: "", listening: "Listening…", thinking: "Thinking…", speaking: "Speaking…" };
  const idleTimeoutMs = (parseFloat(body.dataset.idleTimeout) || 60) * 1000;
  const WAITING_TEXT = "Please wait…";
  let idleTimer = null;
  let lastActivity = 0;
  let idleShown = false;
  // The page's own idle clock, for when it has lost the server: last input here or last word from there.
  let lastContact = Date.now();
  let offlineTimer = null;
  let events = null;
  let reconnectTimer = null;

  function post(path, data) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data || {}),
      credentials: "same-origin",
      cache: "no-store",
    }).catch(() => showProblem("The assistant is not answering. Please wait a moment and try again."));
  }

  function setText(element, text) {
    element.textContent = text || "";
  }

  function showProblem(text) {
    const problem = $("problem");
    setText(problem, text);
    problem.hidden = !text;
  }

  function showBanner(level, text) {
    const banner = $("banner");
    banner.classList.toggle("urgent", level === "urgent");
    setText($("banner-text"), text);
    banner.hidden = !text;
  }

  function showStatus(status) {
    body.classList.toggle("listening", status === "listening");
    $("talk").setAttribute("aria-pressed", status === "listening" ? "true" : "false");
    setText($("status"), STATUS_TEXT[status] || "");
  }

  function showHeard(text) {
    setText($("heard"), text);
    $("heard-box").hidden = !text;
    $("welcome").hidden = Boolean(text) || Boolean($("reply").textContent);
    markConversation();
  }

  function showReply(text) {
    const reply = $("reply");
    reply.replaceChildren();
    if (text) {
      const paragraph = document.createElement("p");
      paragraph.textContent = text;
      reply.appendChild(paragraph);
    }
    $("reply-box").hidden = !text;
    $("welcome").hidden = Boolean(text) || Boolean($("heard").textContent);
    markConversation();
  }

  function markConversation() {
    body.classList.toggle("in-conversation", Boolean($("heard").textContent || $("reply").textContent));
  }

  function render(state) {
    setText($("welcome"), state.welcome);
    showHeard(state.heard);
    showReply(state.reply);
    showBanner(state.level, state.banner);
    showStatus(state.status);
    showProblem(state.problem);
    if (state.idle_warning) {
      showIdle(state.idle_warning);
    } else {
      hideIdle();
    }
  }

  function showIdle(warning) {
    setText($("idle-text"), warning.text);
    setText($("continue"), warning.button);
    let left = Math.ceil(warning.left_s);
    const count = () => setText($("idle-count"), left > 0 ? left + (left === 1 ? " second" : " seconds") : "");
    count();
    clearInterval(idleTimer);
    idleTimer = setInterval(() => { left -= 1; count(); if (left <= 0) clearInterval(idleTimer); }, 1000);
    $("idle").hidden = false;
    idleShown = true;
    $("continue").focus();
  }

  function hideIdle() {
    clearInterval(idleTimer);
    const wasShown = idleShown;
    $("idle").hidden = true;
    idleShown = false;
    if (wasShown && document.activeElement === $("continue")) {
      $("question").focus();
    }
  }

  function setSize(size) {
    root.classList.remove("text-large", "text-larger");
    root.classList.add("text-" + size);
    $("bigger").setAttribute("aria-pressed", size === "larger" ? "true" : "false");
  }

  function resetPage(state) {
    hideIdle();
    $("question").value = "";
    setSize(defaultSize);
    render(state);
    window.scrollTo(0, 0);
    // The next person starts from the top: Tab reaches the skip link first.
    $("top").focus({ preventScroll: true });
  }

  function carryOn() {
    hideIdle();
    post("/api/continue");
  }

  function clearConversation() {
    hideIdle();
    $("question").value = "";
    setSize(defaultSize);
    setText($("heard"), "");
    setText($("welcome"), "");
    $("reply").replaceChildren();
    $("heard-box").hidden = true;
    $("reply-box").hidden = true;
    showBanner("none", "");
    showProblem("");
    markConversation();
  }

  function checkOffline() {
    // Server gone for longer than the idle timeout since anyone last used the page: forget everything
    // on screen, as the server would have, and show only "please wait".
    if (Date.now() - lastContact >= idleTimeoutMs) {
      clearInterval(offlineTimer);
      offlineTimer = null;
      clearConversation();
      body.classList.add("waiting");
      $("offline").hidden = false;
    }
  }

  function lostServer() {
    body.classList.add("offline");
    setText($("status"), WAITING_TEXT);
    if (offlineTimer === null && $("offline").hidden) {
      offlineTimer = setInterval(checkOffline, 500);
    }
    if (events !== null && events.readyState === EventSource.CLOSED) {
      // Refused (401, 503) or gone for good: EventSource stops retrying, so the page does.
      events = null;
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, 2000);
    }
  }

  function foundServer() {
    lastContact = Date.now();
    clearInterval(offlineTimer);
    offlineTimer = null;
    body.classList.remove("offline", "waiting");
    $("offline").hidden = true;
  }

  function noteActivity() {
    lastContact = Date.now();
    const now = Date.now();
    if (now - lastActivity > 3000) {
      lastActivity = now;
      post("/api/activity");
    }
  }

  function connect() {
    events = new EventSource("/events");
    const on = (name, handler) => events.addEventListener(name, (message) => {
      lastContact = Date.now();
      handler(JSON.parse(message.data));
    });
    on("state", render);
    on("reset", resetPage);
    on("heard", (data) => { showHeard(data.heard); showProblem(""); });
    on("said", (data) => {
      showReply(data.reply);
      showBanner(data.level, data.banner);
      if (data.turn_level === "emergency") {
        window.scrollTo(0, 0);
      } else {
        $("conversation").scrollIntoView({ block: "nearest" });
      }
    });
    on("listening", (data) => { showStatus("listening"); setText($("status"), data.text); showProblem(""); });
    on("status", (data) => showStatus(data.status));
    on("problem", (data) => showProblem(data.text));
    on("idle_warning", showIdle);
    on("idle_cleared", hideIdle);
    events.onopen = foundServer;
    events.onerror = lostServer;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("ask-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = $("question").value.trim();
      if (text) {
        post("/api/ask", { text: text });
        $("question").value = "";
      }
    });
    document.querySelectorAll("[data-button]").forEach((button) => {
      button.addEventListener("click", () => post("/api/button", { id: button.dataset.button }));
    });
    $("talk").addEventListener("click", () => post("/api/talk"));
    $("start-again").addEventListener("click", () => post("/api/reset"));
    $("continue").addEventListener("click", carryOn);
    $("bigger").addEventListener("click", () => {
      setSize(root.classList.contains("text-larger") ? "large" : "larger");
    });
    document.addEventListener("keydown", (event) => {
      if (idleShown) {
        event.preventDefault();
        carryOn();
        return;
      }
      noteActivity();
      const typing = event.target === $("question");
      const matches = event.key === pttKey || event.code === pttKey;
      if (matches && !event.repeat && !(typing && event.key.length === 1)) {
        event.preventDefault();
        post("/api/talk");
      } else if (event.key === "Escape") {
        post("/api/button", { id: "cmd.stop" });
      }
    }, true);
    document.addEventListener("pointerdown", (event) => {
      if (idleShown) {
        event.preventDefault();
        carryOn();
        return;
      }
      noteActivity();
    }, true);
    $("question").addEventListener("input", noteActivity);
    connect();
  });
})();
