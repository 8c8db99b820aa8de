// eventwire dashboard: highlight tooltips, keyboard shortcuts and event review.
// No dependencies; every text from the server is inserted with textContent, never as HTML.
(function () {
  "use strict";

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // --- keyboard: "/" goes to the search box, Escape closes the tooltip ---------------------
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
      const box = $("#q");
      event.preventDefault();
      if (box) box.focus();
      else window.location.href = "/";
    } else if (event.key === "Escape") {
      hideTip();
    }
  });

  // --- highlights: hover or focus shows the coding ------------------------------------------
  const codingsNode = $("#codings");
  const codings = codingsNode ? JSON.parse(codingsNode.textContent) : {};
  const panel = $("#coding");
  const tip = el("div", "tooltip");
  tip.id = "tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  function describe(keys) {
    const box = document.createDocumentFragment();
    for (const key of keys) {
      const coding = codings[key];
      if (!coding) continue;
      const part = el("div", "coding-item coding-" + coding.kind);
      part.appendChild(el("strong", null, coding.title));
      for (const line of coding.lines) part.appendChild(el("div", null, line));
      box.appendChild(part);
    }
    return box;
  }

  function showTip(span) {
    const keys = (span.dataset.ann || "").split(" ").filter(Boolean);
    tip.replaceChildren(describe(keys));
    if (panel) panel.replaceChildren(describe(keys));
    $$(".hl.active").forEach((node) => node.classList.remove("active"));
    for (const key of keys) {
      $$('.hl[data-ann~="' + key + '"]').forEach((node) => node.classList.add("active"));
    }
    const box = span.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(4, window.scrollX + box.left) + "px";
    tip.style.top = window.scrollY + box.bottom + 6 + "px";
    span.setAttribute("aria-describedby", "tooltip");
  }

  function hideTip() {
    tip.hidden = true;
    $$(".hl.active").forEach((node) => node.classList.remove("active"));
  }

  const text = $("#article-text");
  if (text) {
    // the tooltip replaces the browser's own title tooltip once the script runs
    $$(".hl[title]", text).forEach((node) => {
      node.dataset.title = node.title;
      node.removeAttribute("title");
    });
    const target = (event) => event.target.closest && event.target.closest(".hl[data-ann]");
    text.addEventListener("mouseover", (event) => {
      const span = target(event);
      if (span) showTip(span);
    });
    text.addEventListener("mouseleave", hideTip);
    text.addEventListener("focusin", (event) => {
      const span = target(event);
      if (span) showTip(span);
    });
    text.addEventListener("focusout", hideTip);
  }
  // links to a highlight (lists, event table) move the focus there
  $$("a[data-target]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const span = document.getElementById("ann-" + link.dataset.target);
      if (!span) return;
      event.preventDefault();
      const focusable = span.hasAttribute("tabindex") ? span : span.nextElementSibling;
      history.replaceState(null, "", "#ann-" + link.dataset.target);
      if (focusable) focusable.focus();
    });
  });

  // --- sign in and review --------------------------------------------------------------------
  const SESSION = "eventwire.session";

  function session() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION) || "null");
    } catch (error) {
      return null;
    }
  }

  function showSession() {
    const current = session();
    const bar = $("#session");
    if (bar) {
      bar.hidden = !current;
      $("#session-name").textContent = current ? current.name : "";
    }
    const signIn = $("#sign-in");
    const actions = $("#review-actions");
    if (signIn) signIn.hidden = !!current;
    if (actions) actions.hidden = !current;
  }

  async function call(method, url, body) {
    const current = session();
    const response = await fetch(url, {
      method: method,
      headers: {
        Authorization: "Bearer " + (current ? current.token : ""),
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error ? data.error.message : "HTTP " + response.status;
      throw new Error(message);
    }
    return data;
  }

  function say(message, bad) {
    const status = $("#review-status");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("bad", !!bad);
  }

  const signIn = $("#sign-in");
  if (signIn) {
    signIn.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = $("#reviewer-name").value.trim();
      const token = $("#reviewer-token").value;
      if (!name) return say("Give your name: it goes into the audit trail.", true);
      sessionStorage.setItem(SESSION, JSON.stringify({ name: name, token: token }));
      try {
        await call("GET", "/auth/check");
        $("#reviewer-token").value = "";
        say("Signed in as " + name + ".");
        showSession();
        const first = $("#review-actions button");
        if (first) first.focus();
      } catch (error) {
        sessionStorage.removeItem(SESSION);
        say("Sign-in failed: " + error.message, true);
      }
    });
  }
  const signOut = $("#sign-out");
  if (signOut) {
    signOut.addEventListener("click", () => {
      sessionStorage.removeItem(SESSION);
      showSession();
      say("Signed out.");
    });
  }

  const review = $("#review");
  if (review) {
    const eventId = review.dataset.event;
    const url = "/events/" + encodeURIComponent(eventId) + "/review";
    const send = async (action, changes) => {
      const current = session();
      if (!current) return say("Sign in first.", true);
      if (action === "edit" && Object.keys(changes).length === 0) return say("Nothing changed.", true);
      try {
        await call("POST", url, { reviewer: current.name, action: action, changes: changes || {} });
        say("Saved (" + action + "). Reloading…");
        window.location.reload();
      } catch (error) {
        say("Not saved: " + error.message, true);
      }
    };
    $$("button[data-action]", review).forEach((button) => {
      button.addEventListener("click", () => send(button.dataset.action));
    });
    const edit = $("#edit-form");
    if (edit) {
      edit.addEventListener("submit", (event) => {
        event.preventDefault();
        send("edit", editChanges(edit));
      });
    }
  }

  // The fields that differ from the coding; source, target and place go as whole objects.
  function editChanges(form) {
    const groups = {};
    $$("input[data-group]", form).forEach((input) => {
      const group = groups[input.dataset.group] || (groups[input.dataset.group] = []);
      group.push(input);
    });
    const changes = {};
    for (const [name, inputs] of Object.entries(groups)) {
      if (!inputs.some((input) => input.value.trim() !== input.dataset.original)) continue;
      if (inputs.length === 1 && !inputs[0].dataset.key) {
        changes[name] = inputs[0].value.trim() || null;
        continue;
      }
      const value = {};
      for (const input of inputs) {
        const text = input.value.trim();
        if (!text) continue;
        value[input.dataset.key] = /^(lat|lon)$/.test(input.dataset.key) ? Number(text) : text;
      }
      changes[name] = Object.keys(value).length ? value : null;
    }
    return changes;
  }
  showSession();
})();
