// The admin's editing helper (staff pages only; public pages never load it).
//
// - Keeps an active editor signed in: typing in a form pings the admin's keep-alive address at
//   most once a minute, which renews the session (STAFF_SESSION_IDLE_MINUTES counts from there).
// - Warns a few minutes before the idle sign-out, counting down, with a button to stay signed in.
// - Keeps what is typed in a change form in this tab's sessionStorage, so a save sent after the
//   sign-out loses nothing: the sign-in page says what happened, and after signing in the text
//   is put back in the form. The copy is removed once the server has answered the form (saved
//   it, or shown it again with its errors), and on sign-out; a save that got no answer (a 503,
//   a dropped connection) is put back the next time the page is opened. sessionStorage, not
//   localStorage: it belongs to this tab only and the browser drops it when the tab closes, so
//   no health text outlives the editing session on a shared computer. Each copy names the
//   person who typed it (her user id, which the page's staff-session meta tag gives): only she
//   gets it back, and another person who signs in on this tab has it discarded unseen (issue
//   20, failure 5). The copy keeps the version the
//   page was opened on, so a restored save by someone a colleague has overtaken is refused as an
//   edit conflict like any other (failure 2).
// - Asks before leaving a change page with unsaved changes (a link, the breadcrumbs, the
//   sidebar, closing the tab); saving does not ask.
// - The idle warning (with a countdown) and the signed-out notice stay in view, fixed to the
//   bottom of the window wherever the editor has scrolled.
// - Asks before buttons marked data-confirm (Save and unpublish).

const PREFIX = "analcare-admin-form:";
const config = document.querySelector('meta[name="staff-session"]')?.dataset ?? {};
const idleMs = Number(config.idleSeconds || 0) * 1000;
const warnMs = Math.min(5 * 60 * 1000, idleMs / 2);
const pingEveryMs = Math.min(60 * 1000, idleMs / 4);
const signedIn = Boolean(document.getElementById("logout-form"));
const onLoginPage = document.body.classList.contains("login");
let lastContact = Date.now();

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage turned off: the helper still warns, it cannot keep text
  }
}

function copies() {
  const store = storage();
  if (!store) return [];
  return Object.keys(store)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => [key, JSON.parse(store.getItem(key))]);
}

function put(key, copy) {
  storage()?.setItem(key, JSON.stringify(copy));
}

function forgetAll() {
  for (const [key] of copies()) storage()?.removeItem(key);
}

function notice(text, { kind = "warning", id = "staff-session-notice", action } = {}) {
  let box = document.getElementById(id);
  if (!box) {
    box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    if (id === "staff-session-notice") {
      // The idle warning and the signed-out notice: fixed to the window, so they are seen
      // wherever the editor has scrolled; the page gets room below so nothing stays covered.
      box.classList.add("staff-notice--fixed");
      document.body.append(box);
      new ResizeObserver(() => {
        document.body.style.paddingBottom = box.isConnected ? `${box.offsetHeight}px` : "";
      }).observe(box);
    } else {
      (document.getElementById("content") || document.body).prepend(box);
    }
  }
  const fixed = box.classList.contains("staff-notice--fixed") ? " staff-notice--fixed" : "";
  box.className = `staff-notice staff-notice--${kind}${fixed}`;
  const words = document.createElement("span");
  words.className = "staff-notice__text";
  words.textContent = text;
  box.replaceChildren(words);
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button staff-notice__action";
    button.textContent = action.label;
    button.addEventListener("click", action.run);
    box.append(" ", button);
  }
  return box;
}

// The change form on this page and its typed fields ------------------------------------------

const form = signedIn ? document.querySelector("body.change-form #content-main form[method=post]") : null;
const formKey = PREFIX + location.pathname;
// This page is the server's answer to a sent form: it saved it (a success message) or showed
// it again with its errors.
const answered = Boolean(document.querySelector("#content-main .errornote, .messagelist .success"));

function fields() {
  return [...form.elements].filter(
    (element) =>
      element.name &&
      !element.disabled &&
      (element.tagName === "TEXTAREA" ||
        // The version the page was opened on: a restored form is checked against it (failure 2).
        (element.type === "hidden" && element.name.endsWith("version_seen")) ||
        (element.tagName === "INPUT" && ["text", "url", "date", "number", "email", "checkbox"].includes(element.type))),
  );
}

function snapshot(state) {
  const values = {};
  for (const element of fields()) values[element.name] = element.type === "checkbox" ? element.checked : element.value;
  put(formKey, { state, values, title: document.title, owner: me });
}

function restore(copy) {
  for (const element of fields()) {
    if (!(element.name in copy.values)) continue;
    if (element.type === "checkbox") element.checked = copy.values[element.name];
    else element.value = copy.values[element.name];
  }
}

function giveBack(copy, words) {
  restore(copy);
  put(formKey, { ...copy, state: "typing" });
  unsaved = true;
  notice(words, { id: "staff-restored-notice" });
}

// Who is signed in (the page says: it is rendered for her): a kept copy is given back to the
// person who typed it, and to nobody else.
const me = signedIn && config.user ? String(config.user) : null;
let unsaved = false;
let leaving = false; // a save, or the sign-in page after a sign-out: nothing to warn about

if (me !== null) {
  // Another person's text is discarded unseen, on whatever page she signs in.
  for (const [key, copy] of copies()) if (copy.owner !== me) storage()?.removeItem(key);
  const saved = form ? JSON.parse(storage()?.getItem(formKey) ?? "null") : null;
  if (saved?.state === "expired") {
    giveBack(
      saved,
      "You were signed out after a time without activity, so your last changes were not saved. " +
        "What you typed is back in the form from this browser tab: check it, then save.",
    );
  } else if (saved?.state === "sent" && !answered) {
    // Sent, and this page is not the server's answer to it (a 503 while the database was away,
    // a dropped connection): nothing was saved, so the text is given back (issue 19, finding
    // 7). Its version_seen goes with it, so a save that did land after all is refused as an
    // edit conflict rather than made twice.
    giveBack(
      saved,
      "Your last save did not go through, so nothing was saved. What you typed is back in " +
        "the form from this browser tab: check it, then save again.",
    );
  } else if (saved) {
    // The server has answered this form since (saved it, or showed it again with its errors).
    storage()?.removeItem(formKey);
  }
}

if (form) {
  // A form shown again with its errors (an edit conflict, a field to correct) holds text that
  // is not saved yet: leaving it asks first too.
  if (document.querySelector("#content-main .errornote")) unsaved = true;
  form.addEventListener("input", () => {
    unsaved = true;
    snapshot("typing");
  });
  form.addEventListener("submit", () => {
    leaving = true;
    snapshot("sent");
  });
  // Back to this page from the browser's memory after a save that failed: still unsaved.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) leaving = false;
  });
  // Leaving with unsaved changes asks first, whatever the way out.
  window.addEventListener("beforeunload", (event) => {
    if (!unsaved || leaving) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

// A success message means the server saved what was sent.
if (document.querySelector(".messagelist .success")) {
  for (const [key, copy] of copies()) if (copy.state === "sent") storage()?.removeItem(key);
}

// Signing out clears every kept copy.
document.getElementById("logout-form")?.addEventListener("submit", forgetAll);

// The sign-in page after a sign-out: say what happened; keep the text for after sign-in.
if (onLoginPage) {
  const kept = copies();
  for (const [key, copy] of kept) put(key, { ...copy, state: "expired" });
  if (kept.length) {
    notice(
      "You were signed out because the admin was not used for a while. Nothing you typed is " +
        "lost: it is kept in this browser tab. Sign in and it is put back in the form, ready to save.",
      { id: "staff-expired-notice" },
    );
  }
}

// Staying signed in ---------------------------------------------------------------------------

function signedOut() {
  leaving = true; // what was typed is kept for after signing in
  if (form) snapshot("expired");
  for (const [key, copy] of copies()) put(key, { ...copy, state: "expired" });
  const next = encodeURIComponent(location.pathname + location.search);
  notice("You have been signed out. What you typed is kept in this browser tab. ", {
    kind: "error",
    action: { label: "Sign in again", run: () => location.assign(`${config.loginUrl}?next=${next}`) },
  });
}

function forgetNotice() {
  document.getElementById("staff-session-notice")?.remove();
  document.body.style.paddingBottom = "";
}

function countdown(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

async function keepAlive() {
  lastContact = Date.now(); // no second ping while this one is on its way
  const token = document.querySelector("input[name=csrfmiddlewaretoken]")?.value ?? "";
  try {
    const response = await fetch(config.keepaliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
      redirect: "manual",
    });
    if (response.status === 204) {
      lastContact = Date.now();
      forgetNotice();
    } else {
      signedOut();
    }
  } catch {
    // Offline for a moment: the next keystroke tries again.
  }
}

if (signedIn && idleMs > 0) {
  let warned = false;
  let ended = false;
  const activity = () => {
    if (!ended && Date.now() - lastContact >= pingEveryMs) keepAlive();
  };
  document.addEventListener("input", activity);
  document.addEventListener("keydown", activity);
  setInterval(() => {
    if (ended) return;
    const left = idleMs - (Date.now() - lastContact);
    if (left <= 0) {
      ended = true;
      signedOut();
    } else if (left <= warnMs) {
      const words = `You will be signed out in about ${countdown(left)} because the admin has not been used. Save your work, or stay signed in.`;
      if (!warned) {
        notice(words, {
          action: { label: "Stay signed in", run: () => keepAlive().then(() => (warned = false)) },
        });
        warned = true;
      } else {
        const text = document.querySelector("#staff-session-notice .staff-notice__text");
        if (text) text.textContent = words;
      }
    } else if (warned) {
      warned = false;
      forgetNotice();
    }
  }, 1000);
}

// Buttons that ask first ----------------------------------------------------------------------

for (const button of document.querySelectorAll("[data-confirm]")) {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
}
