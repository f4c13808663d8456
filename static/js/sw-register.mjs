// Registers the offline worker (the page works the same without it) and, when a new version
// takes over an open page, shows a small notice with a reload button. It never reloads by itself.
const script = document.querySelector("script[data-service-worker]");

function showUpdateNotice() {
  const notice = document.querySelector("[data-update-notice]");
  if (!notice || !notice.hidden) {
    return;
  }
  notice.querySelector("[data-update-reload]")?.addEventListener("click", () => {
    window.location.reload();
  });
  notice.querySelector("[data-update-dismiss]")?.addEventListener("click", () => {
    notice.hidden = true;
  });
  notice.hidden = false;
}

if (script && "serviceWorker" in navigator) {
  // A page first opened without a worker is not out of date when the first worker claims it.
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController) {
      showUpdateNotice();
    }
  });
  navigator.serviceWorker
    .register(script.dataset.serviceWorker, {
      scope: script.dataset.scope || "/",
      updateViaCache: "none",
    })
    .catch(() => {});
}
