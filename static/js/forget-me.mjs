// "Remove this app's data from this phone": unregisters the offline worker, deletes every cache,
// local and session storage and IndexedDB database of this site, then says so in a live region.
// Without JavaScript the button stays hidden and the page explains the browser settings instead.

async function removeWorkers() {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
}

async function removeCaches() {
  if (!("caches" in window)) {
    return;
  }
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}

function removeStorage() {
  for (const storage of ["localStorage", "sessionStorage"]) {
    try {
      window[storage].clear();
    } catch {
      // Storage may be switched off entirely; then there is nothing to remove.
    }
  }
}

async function removeDatabases() {
  if (!window.indexedDB || typeof indexedDB.databases !== "function") {
    return;
  }
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = resolve;
          request.onerror = resolve;
          request.onblocked = resolve;
        }),
    ),
  );
}

export function start(module) {
  const button = module.querySelector("[data-forget-me]");
  const result = module.querySelector("[data-forget-me-result]");
  if (!button || !result || module.dataset.forgetMeStarted) {
    return;
  }
  module.dataset.forgetMeStarted = "true";

  button.addEventListener("click", async () => {
    button.disabled = true;
    result.textContent = "";
    try {
      await removeWorkers();
      await removeCaches();
      removeStorage();
      await removeDatabases();
      result.textContent = module.dataset.i18nDone || "";
    } catch {
      result.textContent = module.dataset.i18nFailed || "";
    } finally {
      button.disabled = false;
    }
  });
  button.hidden = false;
}
