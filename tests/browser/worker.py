"""Waiting for the offline worker in browser tests."""

# Resolves once a worker is active (it has saved everything); bounded, so a worker that never
# installs fails the test with a reason instead of hanging it.
WORKER_ACTIVE = """async () => {
  const tooLong = new Promise((_, reject) => {
    setTimeout(() => reject(new Error("no active service worker after 60 s")), 60000);
  });
  await Promise.race([navigator.serviceWorker.ready, tooLong]);
}"""


def activate_worker(page) -> str:
    """Waits until the worker is active and controls the page; returns its script URL.

    A page whose load overlapped the worker's activation can stay uncontrolled (clients.claim()
    ran before the page could be claimed, so no controllerchange ever comes); as for a person,
    its next load is controlled."""
    page.evaluate(WORKER_ACTIVE)
    if not page.evaluate("Boolean(navigator.serviceWorker.controller)"):
        page.reload()
    return page.evaluate("navigator.serviceWorker.controller.scriptURL")
