"""The entry of `make bench`: one production server, every measurement against it, one report.
The measurements run before anything is printed, so the report is one block at the end."""

import argparse
import os
import re

import bench

from . import lighthouse, page_weight, throughput, triage_pass
from .runner import ACCEPT_ENCODING, decoded, production, request, say


def discover(port: int) -> tuple[str, str]:
    """The hashed stylesheet and the first guide, as linked from the home page."""
    home = decoded(request(port, "GET", "/"))
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home)
    guide = re.search(r'href="(/guides/[\w-]+/)"', home)
    if not stylesheet or not guide:
        raise SystemExit("The home page links no hashed stylesheet or no guide.")
    return stylesheet.group(1), guide.group(1)


def parse_args():
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=bench.__doc__.split("\n\n")[0]
    )
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
    with production(args) as server:
        port = server.port
        stylesheet, guide = discover(port)
        endpoints = throughput.endpoints(port, stylesheet, guide)
        load_rows = throughput.measure(port, server.process.pid, endpoints, server.workdir, args)
        weights, precache = page_weight.measure(port, guide)
        passes = triage_pass.measure(port)
        scores = lighthouse.measure(port, guide, server.workdir, args)
        default_worker = "gthread with security headers (gunicorn.conf.py)"
        worker_class = server.env.get("GUNICORN_WORKER_CLASS", default_worker)
        info = f"gunicorn {worker_class}, {os.cpu_count()} CPUs, SQLite, per-process cache"
        say("")
        say("=" * 78)
        say(f"AnalCare benchmark — {info}")
        say(
            f"wrk: {args.threads} threads, {args.connections} connections, {args.rounds} "
            f"rounds, {args.duration} s per run, Accept-Encoding: {ACCEPT_ENCODING}"
        )
        say("=" * 78)
        throughput.report(load_rows)
        say("")
        page_weight.report(weights, precache)
        say("")
        triage_pass.report(passes)
        say("")
        lighthouse.report(scores)


if __name__ == "__main__":
    main()
