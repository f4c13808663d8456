// Quick exit, after GOV.UK's "Exit this page": the button, or Shift pressed three times in a row
// (each within 5 seconds of the last), blanks the page at once and leaves it. The exited page is
// replaced in the history, so Back does not return to it. The way out goes through the saved
// /exit/ screen, which moves on to the neutral destination when there is a connection and stays
// neutral when there is not (offline, or inside the installed app).
const TIMEOUT_MS = 5000;
const PRESSES = 3;

function exitPage(module, button, status) {
  status.textContent = "";
  document.documentElement.classList.add("is-exiting");
  document.title = module.dataset.blankTitle || "";
  const overlay = document.createElement("div");
  overlay.className = "exit-overlay";
  overlay.setAttribute("role", "alert");
  document.body.append(overlay);
  overlay.textContent = module.dataset.i18nActivated || "";
  window.location.replace(module.dataset.exitPage || button.href);
}

function watchShift(onExit, status, module) {
  let presses = 0;
  let lastKeyWasModified = false;
  let timer = null;
  let messageTimer = null;

  const reset = () => {
    window.clearTimeout(timer);
    timer = null;
    presses = 0;
    status.textContent = module.dataset.i18nTimedOut || "";
    window.clearTimeout(messageTimer);
    messageTimer = window.setTimeout(() => {
      status.textContent = "";
    }, TIMEOUT_MS);
  };

  // keyup, in the capture phase, anywhere on the page (as GOV.UK does). Shift used as a modifier
  // (Shift+A) ends with a keyup carrying shiftKey, so the Shift keyup after it is not counted.
  document.addEventListener(
    "keyup",
    (event) => {
      if (event.key === "Shift" && !lastKeyWasModified) {
        presses += 1;
        window.clearTimeout(messageTimer);
        if (presses >= PRESSES) {
          window.clearTimeout(timer);
          timer = null;
          presses = 0;
          onExit();
        } else {
          status.textContent =
            (presses === 1 ? module.dataset.i18nPressTwo : module.dataset.i18nPressOne) || "";
          window.clearTimeout(timer);
          timer = window.setTimeout(reset, TIMEOUT_MS);
        }
      } else if (timer) {
        reset();
      }
      lastKeyWasModified = event.shiftKey;
    },
    true,
  );
}

export function start(module) {
  const button = module.querySelector("[data-quick-exit]");
  if (!(button instanceof HTMLAnchorElement) || module.dataset.quickExitStarted) {
    return;
  }
  module.dataset.quickExitStarted = "true";

  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  module.append(status);

  const pageTitle = document.title;
  const exit = () => exitPage(module, button, status);
  button.addEventListener("click", (event) => {
    event.preventDefault();
    exit();
  });
  watchShift(exit, status, module);

  // If a browser ever shows this page again from its back-forward cache, show it whole again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) {
      return;
    }
    document.documentElement.classList.remove("is-exiting");
    document.querySelectorAll(".exit-overlay").forEach((overlay) => overlay.remove());
    document.title = pageTitle;
  });
}
