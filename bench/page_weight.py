"""Page weight: the bytes a first visit transfers, brotli-compressed, as a browser with an empty
cache would fetch them: the HTML and every CSS, JS (with module imports), manifest and icon the
page loads; and the service worker's precache list. A cheap phone on a slow network pays for
every byte, so the count follows what the page really loads rather than a fixed list."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .runner import HOST, decoded, kilobytes, request, say, table


class PageResources(HTMLParser):
    """What a browser fetches for a page: stylesheets, scripts, icons, the manifest, images."""

    LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "modulepreload", "preload"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.modules: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("data-module"):
            self.modules.update(attributes["data-module"].split())
        if tag == "link" and set((attributes.get("rel") or "").lower().split()) & self.LINK_RELS:
            self.urls.append(attributes.get("href") or "")
        elif tag in {"script", "img"} and attributes.get("src"):
            self.urls.append(attributes["src"])


STATIC_IMPORT = re.compile(r"""(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']""")
BARE_IMPORT = re.compile(r"""import\s*["']([^"']+)["']""")
DYNAMIC_IMPORT = re.compile(r"""import\(\s*["']([^"']+)["']\s*\)""")
# main.mjs's table: "name": () => import("./module.mjs"), loaded only when the page has
# data-module="name".
ENHANCEMENT = re.compile(r"""["']?([\w-]+)["']?\s*:\s*\(\)\s*=>\s*import\(\s*["']([^"']+)["']""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def module_imports(source: str, page_modules: set[str]) -> list[str]:
    conditional = {target: name for name, target in ENHANCEMENT.findall(source)}
    found = STATIC_IMPORT.findall(source) + BARE_IMPORT.findall(source)
    for target in DYNAMIC_IMPORT.findall(source):
        if target not in conditional or conditional[target] in page_modules:
            found.append(target)
    return found


def first_visit_weight(port: int, path: str, *, scripts: bool = True) -> dict:
    """Bytes over the wire (bodies, compressed) for a first visit with an empty cache; without
    `scripts`, as a browser with JavaScript turned off, which fetches no script or module."""
    page = request(port, "GET", path)
    if page.status != 200:
        return {"status": page.status}
    parser = PageResources()
    parser.feed(decoded(page))
    base = f"http://{HOST}:{port}{path}"
    queue = [urljoin(base, url) for url in parser.urls if url]
    seen: dict[str, int] = {}
    missing = []
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if url in seen or parts.netloc != f"{HOST}:{port}" or parts.scheme != "http":
            continue
        if not scripts and parts.path.endswith((".mjs", ".js")):
            continue
        response = request(port, "GET", parts.path)
        seen[url] = len(response.body)
        if response.status != 200:
            missing.append(f"{parts.path} ({response.status})")
            continue
        if parts.path.endswith((".mjs", ".js")):
            text = decoded(response)
            queue += [urljoin(url, target) for target in module_imports(text, parser.modules)]
        elif parts.path.endswith(".css"):
            text = decoded(response)
            queue += [urljoin(url, u) for u in CSS_URL.findall(text) if not u.startswith("data:")]
    return {
        "status": 200,
        "html": len(page.body),
        "assets": sum(seen.values()),
        "requests": 1 + len(seen),
        "total": len(page.body) + sum(seen.values()),
        "missing": missing,
    }


def precache_weight(port: int) -> dict:
    """The service worker's precache list (same-origin paths quoted in /serviceworker.js)."""
    worker = request(port, "GET", "/serviceworker.js")
    if worker.status != 200:
        return {"status": worker.status}
    source = decoded(worker)
    # The list assigned to a name with "precache" in it, if there is one; otherwise every quoted
    # same-origin path in the worker (an upper bound).
    listed = re.search(r"(?i)(?:const|let|var)\s+\w*precache\w*\s*=\s*(\[[^\]]*\])", source)
    scope = listed.group(1) if listed else source
    paths = sorted(set(re.findall(r"""["'`](/[^"'`\s]*)["'`]""", scope)))
    total, fetched, skipped = len(worker.body), 0, []
    for path in paths:
        response = request(port, "GET", path)
        if response.status == 200:
            total += len(response.body)
            fetched += 1
        else:
            skipped.append(f"{path} ({response.status})")
    return {"status": 200, "total": total, "files": fetched, "skipped": skipped}


def measure(port: int, guide: str) -> tuple[list[tuple[str, dict]], dict]:
    say("Weighing first visits...")
    weights = [
        (f"{label} {path}", first_visit_weight(port, path))
        for label, path in (("home", "/"), ("guide", guide), ("symptom check", "/triage/"))
    ]
    return weights, precache_weight(port)


def report(weights: list[tuple[str, dict]], precache: dict) -> None:
    rows = []
    for label, weight in weights:
        if weight.get("status") != 200:
            rows.append([label, f"n/a ({weight.get('status')})", "", "", ""])
            continue
        rows.append(
            [
                label,
                kilobytes(weight["html"]),
                kilobytes(weight["assets"]),
                weight["requests"],
                kilobytes(weight["total"]),
            ]
        )
        for path in weight["missing"]:
            rows.append(["  missing: " + path, "", "", "", ""])
    precache_text = (
        f"{kilobytes(precache['total'])} in {precache['files'] + 1} files"
        if precache.get("status") == 200
        else f"n/a (/serviceworker.js: {precache.get('status')})"
    )
    say(table(["First visit (brotli)", "HTML", "CSS/JS/icons", "requests", "total"], rows))
    say(f"Service worker precache (brotli): {precache_text}")
    for path in precache.get("skipped", []):
        say(f"  not fetched: {path}")
