"""Lighthouse 12.2.3 (mobile: simulated slow 4G, a 4x slower CPU) on Debian's Chromium for the
home page and a guide, when npx is available: the scores a phone's first visit is judged by."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from .runner import say, table

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


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


def measure(port: int, guide: str, workdir: Path, args) -> list[tuple[str, dict | str]] | str:
    """Scores per page, or one message when Lighthouse was skipped for every page."""
    if args.no_lighthouse:
        return "skipped (--no-lighthouse)"
    say("Running Lighthouse (mobile) on the home page and a guide...")
    # localhost, not 127.0.0.1: Lighthouse counts it as a secure origin, as HTTPS is.
    pages = (("home /", "home", "/"), (f"guide {guide}", "guide", guide))
    scores = [
        (label, lighthouse(f"http://localhost:{port}{path}", workdir / f"lh-{name}.json"))
        for label, name, path in pages
    ]
    skipped = [result for _, result in scores if str(result).startswith("skipped")]
    if len(skipped) == len(scores):
        return skipped[0]
    return scores


def report(scores: list[tuple[str, dict | str]] | str) -> None:
    if isinstance(scores, str):
        say(f"Lighthouse: {scores}")
        return
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
