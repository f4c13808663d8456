"""Load: wrk against a hashed static CSS file, the home page, a guide page, the symptom check,
the API guide list and POST /api/v1/triage/assess/. The static file is measured just before and
after every other endpoint, and each round's ratio compares an endpoint with the static runs
around it; the median over rounds is reported, so another process stealing the CPU for a while
skews one pair, not the result. Beside req/s, the server's own CPU time per request (from /proc)
is shown: it depends much less on what else the machine runs.

An endpoint that does not exist yet is reported as "n/a (404)"."""

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from .runner import ACCEPT_ENCODING, HOST, request, say, table

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


def endpoints(port: int, stylesheet: str, guide: str) -> list[dict]:
    """The endpoints to load, the static file first, each with the status it answers now."""
    found = [
        {"label": f"static {stylesheet.rsplit('/', 1)[1]}", "method": "GET", "path": stylesheet},
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
    for endpoint in found:
        endpoint["probe"] = request(
            port, endpoint["method"], endpoint["path"], endpoint.get("body")
        ).status
    return found


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

    def timed(endpoint: dict) -> dict:
        before = cpu_seconds(master_pid)
        stats = run_wrk(wrk, script, port, endpoint, args, args.duration)
        stats["cpu_s"] = cpu_seconds(master_pid) - before
        stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
        return stats

    runs: dict[str, list[dict]] = {endpoint["label"]: [] for endpoint in (static, *others)}
    bracketed: dict[str, list[tuple[dict, list[dict]]]] = {e["label"]: [] for e in others}
    for round_number in range(1, args.rounds + 1):
        say(f"Round {round_number} of {args.rounds} ({args.duration} s per run)...")
        previous = timed(static)
        runs[static["label"]].append(previous)
        for endpoint in others:
            run = timed(endpoint)
            after = timed(static)
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


def measure(port: int, master_pid: int, endpoints: list[dict], workdir: Path, args):
    """The summary rows, or None when wrk is missing."""
    measured = measure_load(port, master_pid, endpoints, workdir, args)
    return summarise_load(endpoints, measured) if measured is not None else None


def report(load_rows: list[dict] | None) -> None:
    if load_rows is None:
        say("Load: skipped (wrk missing)")
        return
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
