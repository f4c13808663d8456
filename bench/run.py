"""`make bench`: the production set-up (gunicorn, production settings, collectstatic output) on
loopback with a fresh SQLite database, measured in one run so machine noise cancels out in the
ratios.

1. Load: wrk against a hashed static CSS file, the home page, a guide page, the symptom check,
   the API guide list and POST /api/v1/triage/assess/. The static file is measured just before
   and after every other endpoint, and each round's ratio compares an endpoint with the static
   runs around it; the median over rounds is reported, so another process stealing the CPU for
   a while skews one pair, not the result. Beside req/s, the server's own CPU time per request
   (from /proc) is shown: it depends much less on what else the machine runs.
2. Page weight: the bytes a first visit transfers, brotli-compressed, for the home page, a guide
   and the symptom check: the HTML and every CSS, JS (with module imports), manifest and icon
   the page loads; and the service worker's precache list.
3. Lighthouse 12.2.3 (mobile) on Debian's Chromium for the home page and a guide, when npx is
   available.

An endpoint that does not exist yet is reported as "n/a (404)"."""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ACCEPT_ENCODING = "br, gzip"
LIGHTHOUSE = "lighthouse@12.2.3"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# One "soon" finding from the triage spec: a valid request once the endpoint exists.
ASSESS_BODY = json.dumps({"findings": ["bleeding_persists"]})

WRK_SCRIPT = r"""
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Accept-Encoding"] = os.getenv("BENCH_ACCEPT_ENCODING")
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def say(message: str) -> None:
    print(message, flush=True)


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(workdir: Path, args) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "RELEASE_ID", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="analcare.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_ORIGIN=f"http://{HOST}",
        LOCAL_PLAIN_HTTP="1",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        GUNICORN_ACCESS_LOG=str(workdir / "access.log"),
    )
    if args.worker_class:
        env["GUNICORN_WORKER_CLASS"] = args.worker_class
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    return env


def manage(env: dict, *command: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True
    )


def start_server(env: dict, port: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env={**env, "GUNICORN_BIND": f"{HOST}:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited; its log: {log_path}")
        try:
            if request(port, "GET", "/readyz").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not become ready; its log: {log_path}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(master_pid: int) -> float:
    """CPU time used so far by gunicorn: the master, its live workers, and workers it reaped."""
    ticks = 0

    def stat(pid) -> list[str]:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    fields = stat(master_pid)
    ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = stat(entry.name)
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master_pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


# --- HTTP helpers -----------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body


def request(port: int, method: str, path: str, body: str | None = None, **headers) -> Response:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        sent = {"Accept-Encoding": ACCEPT_ENCODING, **headers}
        if body is not None:
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        # The raw bytes, still compressed: what travels over the network.
        return Response(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def decoded(response: Response) -> str:
    encoding = response.headers.get("Content-Encoding", "")
    body = response.body
    if encoding == "br":
        import brotli

        body = brotli.decompress(body)
    elif encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


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


def first_visit_weight(port: int, path: str) -> dict:
    """Bytes over the wire (bodies, compressed) for a first visit with an empty cache."""
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


# --- load -------------------------------------------------------------------------------------


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk is missing; installing Debian's package (apt-get install wrk)...")
        quiet = {"stdout": subprocess.DEVNULL, "check": False}
        apt = shutil.which("apt-get")
        subprocess.run([apt, "update", "-qq"], **quiet)  # noqa: S603
        subprocess.run(  # noqa: S603
            [apt, "install", "-y", "-qq", "--no-install-recommends", "wrk"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            **quiet,
        )
        found = shutil.which("wrk")
    if not found:
        say("wrk is not installed: the load part is skipped. Install it: sudo apt-get install wrk")
    return found


def run_wrk(wrk: str, script: Path, port: int, endpoint: dict, args, seconds: float) -> dict:
    result = subprocess.run(  # noqa: S603 (wrk with our own arguments)
        [
            wrk,
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://{HOST}:{port}{endpoint['path']}",
        ],
        env={
            **os.environ,
            "BENCH_METHOD": endpoint["method"],
            "BENCH_BODY": endpoint.get("body") or "",
            "BENCH_ACCEPT_ENCODING": ACCEPT_ENCODING,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def cpu_per_request_us(run: dict) -> float:
    return run["cpu_s"] / max(run["requests"], 1) * 1e6


def measure_load(port: int, master_pid: int, endpoints: list[dict], workdir: Path, args):
    """Runs the static file before and after every other endpoint, so each endpoint is compared
    with the static file measured seconds around it. Returns every run, and for each endpoint
    its runs paired with the static runs that bracket them."""
    wrk = ensure_wrk()
    if not wrk:
        return None
    script = workdir / "bench.lua"
    script.write_text(WRK_SCRIPT)
    static, *others = endpoints
    if static["probe"] != 200:
        raise SystemExit(f"The static file answered {static['probe']}; nothing to compare with.")
    others = [endpoint for endpoint in others if endpoint["probe"] // 100 == 2]
    say(f"Warming up {1 + len(others)} endpoints...")
    for endpoint in (static, *others):
        run_wrk(wrk, script, port, endpoint, args, 1)

    def measure(endpoint: dict) -> dict:
        before = cpu_seconds(master_pid)
        stats = run_wrk(wrk, script, port, endpoint, args, args.duration)
        stats["cpu_s"] = cpu_seconds(master_pid) - before
        stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
        return stats

    runs: dict[str, list[dict]] = {endpoint["label"]: [] for endpoint in (static, *others)}
    bracketed: dict[str, list[tuple[dict, list[dict]]]] = {e["label"]: [] for e in others}
    for round_number in range(1, args.rounds + 1):
        say(f"Round {round_number} of {args.rounds} ({args.duration} s per run)...")
        previous = measure(static)
        runs[static["label"]].append(previous)
        for endpoint in others:
            run = measure(endpoint)
            after = measure(static)
            runs[endpoint["label"]].append(run)
            runs[static["label"]].append(after)
            bracketed[endpoint["label"]].append((run, [previous, after]))
            previous = after
    return runs, bracketed


def summarise_load(endpoints: list[dict], measured) -> list[dict]:
    runs, bracketed = measured
    rows = []
    for index, endpoint in enumerate(endpoints):
        label = endpoint["label"]
        if not runs.get(label):
            rows.append({"label": label, "na": f"n/a ({endpoint['probe']})"})
            continue
        mine = runs[label]
        if index == 0:
            ratio = cpu_ratio = 1.0
        else:
            ratio = statistics.median(
                run["rps"] / statistics.mean(static["rps"] for static in around)
                for run, around in bracketed[label]
            )
            cpu_ratio = statistics.median(
                statistics.mean(cpu_per_request_us(static) for static in around)
                / cpu_per_request_us(run)
                for run, around in bracketed[label]
            )
        rows.append(
            {
                "label": label,
                "rps": statistics.median(run["rps"] for run in mine),
                "ratio": ratio,
                "p50": statistics.median(run["p50_us"] for run in mine) / 1000,
                "p99": statistics.median(run["p99_us"] for run in mine) / 1000,
                "socket_errors": sum(
                    run[kind] for run in mine for kind in ("connect", "read", "write", "timeout")
                ),
                "non_2xx": sum(run["status"] for run in mine),
                "cpu_us": statistics.median(cpu_per_request_us(run) for run in mine),
                "cpu_ratio": cpu_ratio,
            }
        )
    return rows


# --- Lighthouse -------------------------------------------------------------------------------


def lighthouse(url: str, output: Path) -> dict | str:
    # Chromium's first trace on a cold, busy machine sometimes fails (NO_NAVSTART); once more.
    result = lighthouse_once(url, output)
    if isinstance(result, str) and result.startswith("failed"):
        result = lighthouse_once(url, output)
    return result


def lighthouse_once(url: str, output: Path) -> dict | str:
    npx = shutil.which("npx")
    if not npx:
        return "skipped: node/npx is not installed (Debian: apt-get install nodejs npm)"
    if not Path(CHROME_PATH).exists():
        return f"skipped: no Chromium at {CHROME_PATH} (Debian: apt-get install chromium)"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
    try:
        subprocess.run(  # noqa: S603 (npx with our own arguments)
            [
                npx,
                "-y",
                LIGHTHOUSE,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output}",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            env={**os.environ, "CHROME_PATH": CHROME_PATH},
            capture_output=True,
            text=True,
            timeout=240,
            check=True,
        )
    except subprocess.CalledProcessError as error:
        return "failed: " + (error.stderr.strip().splitlines() or ["no output"])[-1]
    except subprocess.TimeoutExpired:
        return "failed: timed out after 240 s"
    report = json.loads(output.read_text())
    audits = report["audits"]
    return {
        **{key: round(value["score"] * 100) for key, value in report["categories"].items()},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


# --- the report -------------------------------------------------------------------------------


def table(headings: list[str], rows: list[list[str]]) -> str:
    columns = zip(headings, *rows, strict=True)
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    out = []
    for row in [headings, ["-" * width for width in widths], *rows]:
        cells = [
            str(cell).ljust(width) if index == 0 else str(cell).rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("  ".join(cells))
    return "\n".join(out)


def kilobytes(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def print_report(load_rows, weights, precache, scores, args, server_info) -> None:
    say("")
    say("=" * 78)
    say(f"AnalCare benchmark — {server_info}")
    say(
        f"wrk: {args.threads} threads, {args.connections} connections, {args.rounds} rounds, "
        f"{args.duration} s per run, Accept-Encoding: {ACCEPT_ENCODING}"
    )
    say("=" * 78)
    if load_rows is None:
        say("Load: skipped (wrk missing)")
    else:
        rows = []
        for row in load_rows:
            if "na" in row:
                rows.append([row["label"], row["na"], "", "", "", "", "", "", ""])
                continue
            rows.append(
                [
                    row["label"],
                    f"{row['rps']:.0f}",
                    f"{row['ratio']:.2f}",
                    f"{row['p50']:.1f}",
                    f"{row['p99']:.1f}",
                    row["socket_errors"],
                    row["non_2xx"],
                    f"{row['cpu_us']:.0f}",
                    f"{row['cpu_ratio']:.2f}",
                ]
            )
        say(
            table(
                [
                    "Endpoint",
                    "req/s",
                    "x static",
                    "p50 ms",
                    "p99 ms",
                    "sock err",
                    "non-2xx",
                    "CPU us/req",
                    "x static CPU",
                ],
                rows,
            )
        )
        say(
            "x static: median over rounds of req/s divided by the static file's, measured just "
            "before and after."
        )
        say(
            "CPU us/req: the server's CPU time per request; x static CPU: the static file's "
            "divided by this one's (same pairing)."
        )
        say("non-2xx: responses with status >= 400 (wrk); each endpoint answered 2xx first.")
    say("")
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
    say("")
    if isinstance(scores, str):
        say(f"Lighthouse: {scores}")
    else:
        rows = []
        for label, result in scores:
            if isinstance(result, str):
                rows.append([label, result, "", "", "", "", "", ""])
                continue
            rows.append(
                [
                    label,
                    result.get("performance", "-"),
                    result.get("accessibility", "-"),
                    result.get("best-practices", "-"),
                    result.get("seo", "-"),
                    f"{result['lcp_ms']:.0f}",
                    f"{result['tbt_ms']:.0f}",
                    f"{result['cls']:.3f}",
                ]
            )
        say(
            table(
                [
                    f"Lighthouse {LIGHTHOUSE.split('@')[1]} (mobile)",
                    "perf",
                    "a11y",
                    "best pr.",
                    "SEO",
                    "LCP ms",
                    "TBT ms",
                    "CLS",
                ],
                rows,
            )
        )


# --- main -------------------------------------------------------------------------------------


def discover(port: int) -> tuple[str, str]:
    """The hashed stylesheet and the first guide, as linked from the home page."""
    home = decoded(request(port, "GET", "/"))
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home)
    guide = re.search(r'href="(/guides/[\w-]+/)"', home)
    if not stylesheet or not guide:
        raise SystemExit("The home page links no hashed stylesheet or no guide.")
    return stylesheet.group(1), guide.group(1)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    parser.add_argument("--duration", type=int, default=2, help="seconds per wrk run (2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--worker-class", help="gunicorn worker class (gunicorn.conf.py's)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py's)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="analcare-bench-"))
    env = production_env(workdir, args)
    server = None
    try:
        say(f"Preparing a fresh production set-up in {workdir} (collectstatic, migrate)...")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_seed_content")
        port = free_port()
        server = start_server(env, port, workdir / "gunicorn.log")
        stylesheet, guide = discover(port)
        static_label = f"static {stylesheet.rsplit('/', 1)[1]}"
        endpoints = [
            {"label": static_label, "method": "GET", "path": stylesheet},
            {"label": "home /", "method": "GET", "path": "/"},
            {"label": f"guide {guide}", "method": "GET", "path": guide},
            {"label": "symptom check /triage/", "method": "GET", "path": "/triage/"},
            {"label": "API GET /api/v1/guides/", "method": "GET", "path": "/api/v1/guides/"},
            {
                "label": "API POST /api/v1/triage/assess/",
                "method": "POST",
                "path": "/api/v1/triage/assess/",
                "body": ASSESS_BODY,
            },
        ]
        for endpoint in endpoints:
            endpoint["probe"] = request(
                port, endpoint["method"], endpoint["path"], endpoint.get("body")
            ).status
        measured = measure_load(port, server.pid, endpoints, workdir, args)
        load_rows = summarise_load(endpoints, measured) if measured is not None else None
        say("Weighing first visits...")
        weights = [
            (f"{label} {path}", first_visit_weight(port, path))
            for label, path in (("home", "/"), ("guide", guide), ("symptom check", "/triage/"))
        ]
        precache = precache_weight(port)
        if args.no_lighthouse:
            scores = "skipped (--no-lighthouse)"
        else:
            say("Running Lighthouse (mobile) on the home page and a guide...")
            # localhost, not 127.0.0.1: Lighthouse counts it as a secure origin, as HTTPS is.
            pages = (("home /", "home", "/"), (f"guide {guide}", "guide", guide))
            scores = [
                (label, lighthouse(f"http://localhost:{port}{path}", workdir / f"lh-{name}.json"))
                for label, name, path in pages
            ]
            skipped = [result for _, result in scores if str(result).startswith("skipped")]
            if len(skipped) == len(scores):
                scores = skipped[0]
        worker_class = env.get("GUNICORN_WORKER_CLASS", "gthread (gunicorn.conf.py)")
        info = f"gunicorn {worker_class}, {os.cpu_count()} CPUs, SQLite, per-process cache"
        print_report(load_rows, weights, precache, scores, args, info)
    finally:
        if server is not None:
            stop_server(server)
        if args.keep:
            say(f"Scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
