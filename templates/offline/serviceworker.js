{% load site_tags %}// The offline worker. Rendered by offline.views.service_worker: the config below lists every
// page and static file to save, and a version that changes whenever published content, the
// rules or a static file change. A new version makes the script differ byte for byte, which is
// what makes the browser install it.
"use strict";

const CONFIG = {{ config|ld_json }};
// One cache per language: a phone keeps every language it has used (issue 18). Visiting the
// other language installs that language's worker, which replaces only its own older copies.
const CACHE = `offline-${CONFIG.language}-${CONFIG.version}`;
const PAGES = new Set(CONFIG.pages);
const STATIC = new Set(CONFIG.static);

// Update flow: the new worker takes over as soon as it has saved everything (skipWaiting, then
// clients.claim), so an edit reaches the phone on the next online visit even in an installed
// app that is never fully closed. Open pages keep what they show; sw-register.mjs sees the
// controller change and offers a calm "Updated: reload" button. Nothing ever reloads by itself.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "reload" skips the HTTP cache, so the saved copies are the ones this version lists.
      // A request lost on a bad connection is tried again; if one still fails, the install
      // fails (the old version stays and it is tried again on the next visit). So does an
      // answer that may not be stored: its body is cancelled at once (an unread body holds
      // one of the browser's few connections to the site, and the rest of the install would
      // stall behind it), and the install fails naming it, rather than leave the phone
      // without a page it was promised.
      const refused = [];
      await Promise.all(
        [...CONFIG.pages, ...CONFIG.static].map(async (url) => {
          const request = new Request(url, { cache: "reload" });
          const response = await fetchWithRetries(request);
          if (isCacheable(response)) {
            await cache.put(request, response);
          } else {
            await response.body?.cancel();
            refused.push(`${url} (${response.status} ${response.headers.get("Cache-Control")})`);
          }
        }),
      );
      if (refused.length) {
        throw new Error(`Not installed: these answers may not be saved: ${refused.join(", ")}`);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Every cache on this origin belongs to these workers: drop this language's older
      // versions (and unnamed ones from before languages had their own), keep the others.
      const mine = new RegExp(`^offline-(${CONFIG.language}-)?[0-9a-f]+$`);
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name !== CACHE && mine.test(name)).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

async function fetchWithRetries(request, attempts = 3) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(request.clone());
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
      await new Promise((resolve) => {
        setTimeout(resolve, 500 * attempt);
      });
    }
  }
}

function startsWithAny(path, prefixes) {
  return prefixes.some((prefix) => path.startsWith(prefix));
}

// Only complete, same-origin 200 answers are saved, never one the server marked no-store,
// and never a redirect (a browser refuses a redirected answer for a navigation).
function isCacheable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  const cacheControl = response.headers.get("Cache-Control") || "";
  return !/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl);
}

// Reads and writes never create the cache: after "Remove this app's data from this phone" a page
// that is still open must not fill the phone again.
function cached(request) {
  // ignoreVary: the API varies on Accept, but the saved copy is right for any caller. Every
  // language's cache is looked in: the Spanish pages stay after an English visit.
  return caches.match(request, { ignoreVary: true });
}

function save(event, request, response) {
  if (isCacheable(response)) {
    const copy = response.clone();
    event.waitUntil(
      (async () => {
        if (await caches.has(CACHE)) {
          await (await caches.open(CACHE)).put(request, copy);
        }
      })(),
    );
  }
  return response;
}

// The offline page in the language of the address asked for, else this worker's own.
async function offlineAnswer(request) {
  if (request.mode === "navigate") {
    const path = new URL(request.url).pathname;
    const [language] = Object.entries(CONFIG.languagePrefixes).find(([, prefix]) =>
      path.startsWith(prefix),
    ) || [CONFIG.defaultLanguage];
    const page =
      (await cached(CONFIG.offlineUrls[language])) ||
      (await cached(CONFIG.offlineUrls[CONFIG.language]));
    if (page) {
      return page;
    }
  }
  return Response.error();
}

// Pages and JSON: the network's answer when it comes within the timeout, so edits show at once;
// otherwise the saved copy (the network answer still refreshes it in the background); with no
// saved copy, wait for the network; with no network, the offline page.
function networkFirst(event) {
  const { request } = event;
  const network = fetch(request).then((response) => save(event, request, response));
  event.waitUntil(network.catch(() => undefined));
  const slow = new Promise((resolve) => {
    setTimeout(resolve, CONFIG.networkTimeoutMs);
  }).then(async () => (await cached(request)) || network);
  return Promise.race([network, slow]).catch(
    async () => (await cached(request)) || offlineAnswer(request),
  );
}

// Static files have the content's hash in their name, so a saved copy never goes stale.
async function cacheFirst(event) {
  const { request } = event;
  const hit = await cached(request);
  if (hit) {
    return hit;
  }
  try {
    return save(event, request, await fetch(request));
  } catch {
    return offlineAnswer(request);
  }
}

// Never saved: the answer goes straight to the page; a failed navigation gets the offline page.
function networkOnly(event) {
  return fetch(event.request).catch(() => offlineAnswer(event.request));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  const path = url.pathname;
  // Static files: only the site's own public ones, which the precache lists (never the admin's,
  // whose address this script does not know). Quick exit's landing screen, in either
  // language, must appear at once, whatever the network is doing.
  if (STATIC.has(path) || CONFIG.exitUrls.includes(path)) {
    event.respondWith(cacheFirst(event));
    return;
  }
  if (path.startsWith(CONFIG.staticPrefix)) {
    return;
  }
  if (startsWithAny(path, CONFIG.networkOnlyPrefixes)) {
    if (request.mode === "navigate") {
      event.respondWith(networkOnly(event));
    }
    return;
  }
  if (path.startsWith(CONFIG.apiPrefix)) {
    const allowed =
      CONFIG.cacheableApi.includes(path) || startsWithAny(path, CONFIG.cacheableApiPrefixes);
    if (allowed) {
      event.respondWith(networkFirst(event));
    }
    return;
  }
  if (request.mode === "navigate" || PAGES.has(path)) {
    event.respondWith(networkFirst(event));
  }
});
