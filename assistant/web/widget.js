/* Model-comparison assistant: embeddable chat widget. No dependencies, no build step.
 * Embed: <script src="https://HOST/widget.js" data-server="https://HOST" defer></script>
 * Safety rule: text from the server or the user is only ever put in the page with
 * textContent / createTextNode; links are built with a checked URL (http, https, mailto). */
(function () {
  "use strict";
  if (window.AssistantWidget && window.AssistantWidget.version) return;

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var ds = (script && script.dataset) || {};
  var preset = window.AssistantWidgetConfig || {};
  var server = (ds.server || (script && script.src ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, "");
  var wsUrl = server.replace(/^http(s?):/i, "ws$1:") + "/ws";
  var storeKey = "assistant-widget:" + server;

  var cfg = {
    title: ds.title || "Ask about models",
    greeting: ds.greeting || "Hi! Ask me to compare AI models: context windows, prices, licences, capabilities.",
    position: ds.position === "left" ? "left" : "right",
    suggestions: ["Compare GPT-4 Vision Preview and Qwen3.5-4B", "Is Qwen3.5-4B open source?"],
    colors: {}
  };

  var ERRORS = {
    bad_request: "Sorry, that message could not be read. Please try again.",
    too_large: "Sorry, that message is too long. Please shorten it and try again.",
    rate_limited: "You are sending messages quickly. Please wait a moment and try again."
  };
  var SAFE_PROTOCOLS = { "http:": 1, "https:": 1, "mailto:": 1 };

  var ui = {};
  var ws = null;
  var ready = false; // connected, welcomed and (if needed) resumed
  var queue = []; // {id, text} not yet sent
  var inflight = []; // {id, text} sent, reply pending
  var attempt = 0;
  var timer = null;
  var seq = 0;
  var historyShown = false;

  /* ---------- small DOM helpers (text only, never HTML) ---------- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function button(cls, label, text) {
    var b = el("button", cls, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    return b;
  }
  function store(key, value) {
    try {
      if (value == null) localStorage.removeItem(storeKey + ":" + key);
      else localStorage.setItem(storeKey + ":" + key, value);
    } catch (e) { /* storage may be blocked; the widget still works */ }
  }
  function stored(key) {
    try { return localStorage.getItem(storeKey + ":" + key); } catch (e) { return null; }
  }

  /* ---------- markdown -> DOM ---------- */
  var INLINE = new RegExp([
    "\\\\([\\\\`*_\\[\\]()#|~-])", // 1 escaped char
    "(`+)([\\s\\S]*?[^`])\\2(?!`)", // 2,3 code
    "\\*\\*(?!\\s)([\\s\\S]+?)\\*\\*", // 4 bold
    "\\*(?![\\s*])([^*\\n]+?)\\*", // 5 italic
    "\\[([^\\]\\n]+)\\]\\(((?:[^()\\s]|\\([^()\\s]*\\))+)\\)", // 6,7 link
    "(https?:\\/\\/[^\\s<>()]*[^\\s<>().,;:!?'\"])", // 8 bare url
    "__(?!\\s)([^_\\n]+?)__", // 9 bold
    "(^|[^A-Za-z0-9_])_(?![\\s_])([^_\\n]+?)_(?![A-Za-z0-9_])" // 10,11 italic, not inside words
  ].join("|"), "g");

  function safeUrl(href) {
    try {
      var u = new URL(href);
      return SAFE_PROTOCOLS[u.protocol] ? u.href : null;
    } catch (e) { return null; }
  }
  function link(href, parent) {
    var a = el("a");
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
    return a;
  }
  function inline(text, parent) {
    var last = 0;
    var m;
    var re = new RegExp(INLINE.source, "g");
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1]) parent.appendChild(document.createTextNode(m[1]));
      else if (m[3]) parent.appendChild(el("code", null, m[3].replace(/^ (.+) $/, "$1")));
      else if (m[4]) inline(m[4], parent.appendChild(el("strong")));
      else if (m[5]) inline(m[5], parent.appendChild(el("em")));
      else if (m[6]) {
        var href = safeUrl(m[7]);
        if (href) inline(m[6], link(href, parent));
        else parent.appendChild(document.createTextNode(m[0]));
      } else if (m[8]) link(m[8], parent).textContent = m[8];
      else if (m[9]) inline(m[9], parent.appendChild(el("strong")));
      else if (m[11]) {
        parent.appendChild(document.createTextNode(m[10]));
        inline(m[11], parent.appendChild(el("em")));
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }
  function cells(line) {
    var s = line.trim().replace(/\\\|/g, "\u0000").replace(/^\|/, "").replace(/\|$/, "");
    return s.split("|").map(function (c) { return c.replace(/\u0000/g, "|").trim(); });
  }
  var SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
  var LIST = /^\s*([-*+]|\d{1,3}[.)])\s+(.*)$/;
  var HEAD = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

  function table(lines, i, out) {
    var wrap = el("div", "aw-table");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Table");
    var t = wrap.appendChild(el("table"));
    var tr = t.appendChild(el("thead")).appendChild(el("tr"));
    var head = cells(lines[i]);
    head.forEach(function (c) {
      var th = tr.appendChild(el("th"));
      th.scope = "col";
      inline(c, th);
    });
    var body = t.appendChild(el("tbody"));
    for (i += 2; i < lines.length && /^\s*\|/.test(lines[i]); i++) {
      var row = body.appendChild(el("tr"));
      var cs = cells(lines[i]);
      for (var k = 0; k < Math.max(head.length, cs.length); k++) inline(cs[k] || "", row.appendChild(el("td")));
    }
    out.appendChild(wrap);
    return i;
  }
  function list(lines, i, out) {
    var ordered = /\d/.test(LIST.exec(lines[i])[1]);
    var node = out.appendChild(el(ordered ? "ol" : "ul"));
    var m;
    for (; i < lines.length && (m = LIST.exec(lines[i])) && /\d/.test(m[1]) === ordered; i++) {
      inline(m[2], node.appendChild(el("li")));
    }
    return i;
  }
  function renderMarkdown(src, out) {
    var lines = String(src).replace(/\r\n?/g, "\n").split("\n");
    var i = 0;
    var m;
    while (i < lines.length) {
      var line = lines[i];
      if (!line.trim()) { i++; continue; }
      if (/^\s*```/.test(line)) {
        var code = [];
        for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
        out.appendChild(el("pre")).appendChild(el("code", null, code.join("\n")));
        i++;
      } else if ((m = HEAD.exec(line))) {
        inline(m[2], out.appendChild(el("h" + Math.min(6, m[1].length + 2))));
        i++;
      } else if (/^\s*\|/.test(line) && i + 1 < lines.length && SEP.test(lines[i + 1])) {
        i = table(lines, i, out);
      } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
        out.appendChild(el("hr"));
        i++;
      } else if (LIST.test(line)) {
        i = list(lines, i, out);
      } else {
        var p = out.appendChild(el("p"));
        var first = true;
        for (; i < lines.length && lines[i].trim() && !HEAD.test(lines[i]) && !LIST.test(lines[i]) &&
          !/^\s*```/.test(lines[i]) && !(/^\s*\|/.test(lines[i]) && SEP.test(lines[i + 1] || "")); i++) {
          if (!first) p.appendChild(el("br"));
          inline(lines[i].replace(/^\s*>\s?/, ""), p);
          first = false;
        }
      }
    }
    return out;
  }

  /* ---------- the log ---------- */
  function scrollDown() { ui.log.scrollTop = ui.log.scrollHeight; }
  function emit(role, text, reply) {
    window.dispatchEvent(new CustomEvent("assistant:message", {
      detail: {
        role: role, text: text,
        intent: reply ? reply.intent || null : null,
        models: reply ? reply.models || [] : [],
        conversationId: stored("conversation")
      }
    }));
  }
  function addUser(text, pending) {
    var row = el("div", "aw-msg aw-user");
    row.appendChild(el("span", "aw-sr", "You: "));
    row.appendChild(el("div", "aw-bubble", text));
    if (pending) row.classList.add("aw-pending");
    ui.log.appendChild(row);
    scrollDown();
    return row;
  }
  function addAssistant(reply) {
    var row = el("div", "aw-msg aw-bot");
    if (reply.intent) row.setAttribute("data-intent", String(reply.intent));
    row.appendChild(el("span", "aw-sr", "Assistant: "));
    renderMarkdown(reply.text || "", row.appendChild(el("div", "aw-bubble")));
    addChips(row, reply.suggestions);
    ui.log.appendChild(row);
    if (row.offsetHeight > ui.log.clientHeight) ui.log.scrollTop = row.offsetTop - 8;
    else scrollDown();
    return row;
  }
  function addChips(parent, list) {
    if (!list || !list.length) return;
    var group = el("div", "aw-chips");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested questions");
    list.forEach(function (s) {
      var chip = button("aw-chip", null, String(s));
      chip.addEventListener("click", function () { send(String(s)); });
      group.appendChild(chip);
    });
    parent.appendChild(group);
  }
  function addNotice(text) {
    ui.log.appendChild(el("div", "aw-msg aw-notice", text));
    scrollDown();
  }
  function greet() {
    var row = addAssistant({ text: cfg.greeting, suggestions: cfg.suggestions });
    row.classList.add("aw-greeting");
  }

  /* ---------- connection ---------- */
  function setStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.className = "aw-status" + (kind ? " aw-status-" + kind : "");
    ui.root.setAttribute("data-state", kind || "online");
  }
  function updateTyping() {
    ui.typing.hidden = !(inflight.length && ready);
  }
  function connect() {
    if (ws || !ui.root) return;
    clearTimeout(timer);
    timer = null;
    ready = false;
    if (attempt) setStatus("Reconnecting…", "reconnecting");
    else setStatus("Connecting…", "connecting");
    try { ws = new WebSocket(wsUrl); } catch (e) { ws = null; return retry(); }
    ws.onmessage = function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg && typeof msg === "object") onFrame(msg);
    };
    ws.onclose = function () {
      ws = null;
      ready = false;
      queue = inflight.concat(queue); // resend what got no reply: nothing typed is lost
      inflight = [];
      updateTyping();
      if (ui.panel.hidden && !queue.length) { attempt = 0; setStatus("", null); return; } // reconnect on open/send
      retry();
    };
  }
  function retry() {
    attempt++;
    setStatus("Reconnecting…", "reconnecting");
    var delay = Math.min(10000, 500 * Math.pow(2, attempt - 1)) * (0.8 + Math.random() * 0.4);
    clearTimeout(timer);
    timer = setTimeout(connect, delay);
  }
  function raw(obj) { ws.send(JSON.stringify(obj)); }
  function becomeReady(id) {
    if (id) store("conversation", String(id));
    historyShown = true; // only the page's first connection shows history; later ones resume quietly
    ready = true;
    attempt = 0;
    setStatus("", null);
    flush();
  }
  function flush() {
    while (ready && queue.length) {
      var item = queue.shift();
      inflight.push(item);
      raw({ type: "message", text: item.text, id: item.id });
      if (item.row) item.row.classList.remove("aw-pending");
    }
    updateTyping();
  }
  function settle(id) {
    for (var k = 0; k < inflight.length; k++) {
      if (id == null || inflight[k].id === id) { inflight.splice(k, 1); break; }
    }
    updateTyping();
  }
  function onFrame(msg) {
    switch (msg.type) {
      case "welcome":
        var old = stored("conversation");
        ui.pendingWelcome = msg.conversation_id;
        if (old && old !== msg.conversation_id) {
          raw({ type: "resume", conversation_id: old });
          var sock = ws;
          setTimeout(function () { if (!ready && ws === sock) becomeReady(msg.conversation_id); }, 5000);
        } else becomeReady(msg.conversation_id);
        break;
      case "history":
        if (!historyShown && Array.isArray(msg.messages)) showHistory(msg.messages);
        becomeReady(msg.conversation_id);
        break;
      case "typing":
        ui.typing.hidden = false;
        break;
      case "reply":
        settle(msg.id);
        if (msg.conversation_id) store("conversation", String(msg.conversation_id));
        addAssistant(msg);
        emit("assistant", String(msg.text || ""), msg);
        break;
      case "error":
        if (!ready && ws) { // the only frame sent before ready is "resume"; keep the fresh conversation
          if (ui.log.querySelector(".aw-user")) addNotice("The earlier conversation could not be restored; new questions start afresh.");
          becomeReady(ui.pendingWelcome);
          break;
        }
        settle(msg.id);
        addNotice(ERRORS[msg.code] || "Sorry, something went wrong: " + String(msg.message || msg.code || "unknown error"));
        break;
      default: // unknown types are ignored, as the contract says
    }
  }
  function showHistory(messages) {
    if (messages.length) {
      var greeting = ui.log.querySelector(".aw-greeting");
      if (greeting) greeting.remove();
    }
    messages.forEach(function (m) {
      if (m && m.role === "user") addUser(String(m.text || ""));
      else if (m && m.role === "assistant" && m.reply) addAssistant(m.reply);
    });
  }

  /* ---------- public actions ---------- */
  function send(text) {
    text = String(text == null ? "" : text);
    if (!text.trim()) return false;
    mount();
    var item = { id: "c" + (++seq) + "-" + Date.now().toString(36), text: text };
    item.row = addUser(text, !ready);
    emit("user", text, null);
    queue.push(item);
    if (ready) flush();
    else if (!ws) connect(); // the user is waiting: retry now rather than after the backoff
    else updateTyping();
    return true;
  }
  function open() {
    mount();
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.root.classList.add("aw-open");
    store("open", "1");
    connect();
    scrollDown();
    ui.input.focus();
  }
  function close() {
    if (!ui.root) return;
    var wasOpen = !ui.panel.hidden;
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.root.classList.remove("aw-open");
    store("open", null);
    if (wasOpen) ui.launcher.focus();
  }
  function reset() {
    mount();
    store("conversation", null);
    queue = [];
    inflight = [];
    ui.log.textContent = "";
    greet();
    if (ws) { ws.onclose = ws.onmessage = null; ws.close(); ws = null; }
    attempt = 0;
    connect();
  }

  /* ---------- building the UI ---------- */
  function applyConfig() {
    if (!ui.root) return;
    var c = cfg.colors || {};
    var vars = { accent: c.accent, accentText: c.accentText, background: c.background, text: c.text };
    Object.keys(vars).forEach(function (k) {
      var name = "--aw-" + k.replace(/[A-Z]/g, function (x) { return "-" + x.toLowerCase(); });
      if (vars[k]) ui.root.style.setProperty(name, String(vars[k]));
    });
    ui.root.classList.toggle("aw-left", cfg.position === "left");
    ui.title.textContent = cfg.title;
    ui.launcher.setAttribute("aria-label", "Open chat: " + cfg.title);
    var greeting = ui.log.querySelector(".aw-greeting");
    if (greeting) { greeting.remove(); }
    if (!ui.log.querySelector(".aw-msg")) greet();
  }
  function stylesheet() {
    if (document.querySelector("link[data-assistant-widget]")) return;
    var css = el("link");
    css.rel = "stylesheet";
    css.href = server + "/widget.css";
    css.setAttribute("data-assistant-widget", "");
    document.head.appendChild(css);
  }
  function mount() {
    if (ui.root) return;
    stylesheet();
    var root = (ui.root = el("div", "aw-root"));
    root.id = "assistant-widget";
    var launcher = (ui.launcher = button("aw-launcher"));
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "aw-panel");
    launcher.appendChild(el("span", "aw-launcher-icon")).setAttribute("aria-hidden", "true");
    launcher.addEventListener("click", function () { if (ui.panel.hidden) open(); else close(); });

    var panel = (ui.panel = el("div", "aw-panel"));
    panel.id = "aw-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "aw-title");
    // The header comes after the form in the DOM (CSS shows it on top): from the input, Tab
    // goes to Send, New and × before it leaves the panel.
    var header = el("div", "aw-header");
    ui.title = header.appendChild(el("h2", "aw-title"));
    ui.title.id = "aw-title";
    var restart = header.appendChild(button("aw-icon aw-new", "Start a new conversation", "New"));
    restart.addEventListener("click", function () { reset(); ui.input.focus(); });
    var x = header.appendChild(button("aw-icon aw-close", "Close chat", "×"));
    x.addEventListener("click", close);
    ui.status = panel.appendChild(el("div", "aw-status"));
    ui.status.setAttribute("role", "status");

    ui.log = panel.appendChild(el("div", "aw-log"));
    ui.log.setAttribute("role", "log");
    ui.log.setAttribute("aria-live", "polite");
    ui.log.setAttribute("aria-label", "Conversation");
    ui.log.tabIndex = 0;
    ui.typing = panel.appendChild(el("div", "aw-typing"));
    ui.typing.hidden = true;
    ui.typing.appendChild(el("span", "aw-sr", "Assistant is typing"));
    for (var d = 0; d < 3; d++) ui.typing.appendChild(el("span", "aw-dot")).setAttribute("aria-hidden", "true");

    var form = panel.appendChild(el("form", "aw-form"));
    var label = form.appendChild(el("label", "aw-sr", "Your question"));
    label.htmlFor = "aw-input";
    var input = (ui.input = form.appendChild(el("textarea", "aw-input")));
    input.id = "aw-input";
    input.rows = 1;
    input.placeholder = "Ask about AI models…";
    var sendBtn = (ui.send = form.appendChild(button("aw-send", "Send", "Send")));
    sendBtn.type = "submit";
    sendBtn.disabled = true;
    function sync() {
      sendBtn.disabled = !input.value.trim();
      input.style.height = "auto";
      input.style.height = Math.min(input.scrollHeight, 120) + "px";
    }
    input.addEventListener("input", sync);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
    panel.appendChild(header);
    function submit() {
      if (send(input.value)) { input.value = ""; sync(); }
    }
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); }
      if (e.key === "Tab" && panel.offsetWidth >= window.innerWidth) trapTab(e);
    });
    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);
    applyConfig();
  }
  function trapTab(e) {
    var items = ui.panel.querySelectorAll("button:not([disabled]), textarea, [tabindex='0']");
    var first = items[0];
    var last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }
  // Host-page buttons such as <button data-assistant-ask="Is Qwen3.5-4B open source?">.
  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target.closest("[data-assistant-ask]") : null;
    if (!t) return;
    e.preventDefault();
    open();
    send(t.getAttribute("data-assistant-ask") || "");
  });

  function init(options) {
    options = options || {};
    ["title", "greeting", "position"].forEach(function (k) { if (options[k] != null) cfg[k] = String(options[k]); });
    if (Array.isArray(options.suggestions)) cfg.suggestions = options.suggestions.map(String);
    if (options.colors) cfg.colors = options.colors;
    applyConfig();
    return api;
  }
  var api = {
    version: "1",
    init: init, open: open, close: close, send: send, reset: reset,
    isOpen: function () { return !!ui.panel && !ui.panel.hidden; }
  };
  window.AssistantWidget = api;

  function start() {
    init(preset);
    mount();
    if (stored("open")) {
      ui.panel.hidden = false;
      ui.launcher.setAttribute("aria-expanded", "true");
      ui.root.classList.add("aw-open");
    }
    if (stored("open") || stored("conversation")) connect();
    window.dispatchEvent(new CustomEvent("assistant:ready"));
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
