"""A first visit through the symptom check, to a result: the clicks it takes and the bytes it
downloads, against the target of 30 KB compressed for the five pages and the result (issue 9).

With JavaScript, the first page carries every page and result shell, its modules walk them on the
phone and fetch the rule set once (data-rules-url): so the pass costs the first visit's bytes
plus the rule set, whatever is answered. Without JavaScript, each page is a form POST, and every
answer page has one fixed length on the wire, so that no answer can be told from another by its
size: gzip-compressed, then padded inside the gzip header to TRIAGE_RESULT_GZIP_BYTES (issue 19:
at most 24 KB an answer page, under 150 KB for the whole pass), or, for a client that accepts no
gzip, padded with spaces to TRIAGE_RESULT_BYTES. Each answer page's size on the wire is reported.

The clicks are counted by walking the real form on the server, ticking and pressing Continue as
a person would; the phone shows the same pages and buttons, and moves on by the same rules."""

import json
from html.parser import HTMLParser
from urllib.parse import urlencode

from .page_weight import first_visit_weight
from .runner import decoded, kilobytes, request, say, table

TARGET = 30 * 1024
NO_JS_TARGET = 150 * 1024  # a whole pass without JavaScript (issue 19)
ANSWER_PAGE_TARGET = 24 * 1024  # each answer page on the wire (issue 19)
FORM = "application/x-www-form-urlencoded"
MAX_PAGES = 20  # a walk that never reaches a result stops here
STARTS = (("English", "/triage/"), ("Spanish", "/es/triage/"))


class CheckPage(HTMLParser):
    """The question form a person sees (not the copies inside <template>s), or the result."""

    def __init__(self, text: str):
        super().__init__()
        self.in_template = 0
        self.in_form = False
        self.action: str | None = None  # the question form's, when this is a question page
        self.hidden: list[tuple[str, str]] = []  # carried answers and the page's step
        self.signs: list[str] = []  # the tick boxes this page asks about
        self.choices: dict[str, list[str]] = {}  # each single choice's options (radio buttons)
        self.choice: str | None = None  # the single choice being read
        self.none: str | None = None  # the "None of these" box's value
        self.level: str | None = None  # the result's level, when this is a result
        self.rules_url: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        self.rules_url = self.rules_url or attributes.get("data-rules-url")
        if "data-triage-level" in attributes and self.level is None:
            self.level = attributes["data-triage-level"]
        if tag == "form" and "data-triage-form" in attributes and self.action is None:
            self.in_form, self.action = True, attributes.get("action")
        elif tag == "fieldset" and "data-choice" in attributes:
            self.choice = attributes["data-choice"]
            self.choices[self.choice] = []
        elif tag == "input" and self.in_form:
            name, value = attributes.get("name"), attributes.get("value") or ""
            if attributes.get("type") == "hidden":
                self.hidden.append((name, value))
            elif attributes.get("type") == "radio" and self.choice:
                self.choices[self.choice].append(value)
            elif name == "findings":
                self.signs.append(value)
            elif name == "none":
                self.none = value

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.choice = None
        if tag == "template":
            self.in_template -= 1
        elif tag == "form" and not self.in_template:
            self.in_form = False


def answer(port: int, page: CheckPage, ticks: list[tuple[str, str]], **headers):
    """Continue with these boxes ticked: the response and the page it shows."""
    body = urlencode(page.hidden + ticks)
    response = request(port, "POST", page.action, body, **{"Content-Type": FORM, **headers})
    return response, CheckPage(decoded(response))


def wire_size(response) -> tuple[int, str]:
    """The body's bytes as they travelled, and how they were encoded."""
    return len(response.body), response.headers.get("Content-Encoding", "identity")


def walk_none_of_these(port: int, first: CheckPage) -> dict | None:
    """Ticks "None of these" (and each single choice's last option, "not sure") and presses
    Continue on every page, to the result."""
    page, posts, clicks = first, [], 0
    while page.action and len(posts) < MAX_PAGES:
        ticks = [("none", page.none)] if page.none else []
        ticks += [("findings", options[-1]) for options in page.choices.values() if options]
        response, page = answer(port, page, ticks)
        posts.append(wire_size(response))
        clicks += len(ticks) + 1  # each tick, and Continue
    if page.level is None:
        return None  # refused, or no result after MAX_PAGES pages
    return {"pages": len(posts), "clicks": clicks, "posts": posts, "level": page.level}


def walk_to_emergency(port: int, first: CheckPage, most_urgent: str) -> dict | None:
    """The first sign on page 1 that alone ends the check with the most urgent result."""
    for sign in first.signs:
        response, page = answer(port, first, [("findings", sign)])
        if page.level == most_urgent:
            return {"pages": 1, "clicks": 2, "posts": [wire_size(response)], "sign": sign}
    return None


def measure_start(port: int, path: str) -> dict:
    """Both paths and both passes from one start page."""
    start = request(port, "GET", path)
    if start.status != 200:
        return {"status": start.status}
    first = CheckPage(decoded(start))
    if not first.rules_url or not first.action:
        return {"status": "no form or no data-rules-url on the page"}
    rules = request(port, "GET", first.rules_url, Accept="application/json")
    if rules.status != 200:
        return {"status": f"{first.rules_url}: {rules.status}"}
    scripted = first_visit_weight(port, path)
    plain = first_visit_weight(port, path, scripts=False)
    # The same first answer from a client that accepts no compression.
    uncompressed = answer(port, first, [("none", first.none or "")], **{"Accept-Encoding": ""})[0]
    return {
        "status": 200,
        "rules_url": first.rules_url,
        "rules": len(rules.body),
        "rules_encoding": rules.headers.get("Content-Encoding", "uncompressed"),
        "scripted": scripted,
        "plain": plain,
        "uncompressed": wire_size(uncompressed),
        "none": walk_none_of_these(port, first),
        "emergency": walk_to_emergency(
            port, first, json.loads(decoded(rules))["levels"][0]["code"]
        ),
    }


def measure(port: int) -> list[tuple[str, str, dict]]:
    say("Walking the symptom check...")
    return [(language, path, measure_start(port, path)) for language, path in STARTS]


def verdict(size: int, target: int = TARGET) -> str:
    return "PASS" if size < target else "FAIL"


def downloaded(found: dict, walked: dict, scripts: bool) -> tuple[int, int]:
    """(requests, bytes) of a pass: with JS the first visit and the rule set, whatever is
    answered; without JS the first visit (no scripts) and every answer page."""
    if scripts:
        return found["scripted"]["requests"] + 1, found["scripted"]["total"] + found["rules"]
    posts = [size for size, _encoding in walked["posts"]]
    return found["plain"]["requests"] + len(posts), found["plain"]["total"] + sum(posts)


def rows_for(language: str, found: dict) -> list[list]:
    passes = [
        ("None of these, each page", found["none"]),
        ("emergency, page 1", found["emergency"]),
    ]
    rows = []
    for scripts in (True, False):
        for name, walked in passes:
            label = f"{language}, {'JS' if scripts else 'no JS'}: {name}"
            if walked is None:
                rows.append([label, "n/a: no result"])
                continue
            requests, size = downloaded(found, walked, scripts)
            pages = f"{walked['pages']} + result"
            target = TARGET if scripts else NO_JS_TARGET
            rows.append(
                [
                    label,
                    pages,
                    walked["clicks"],
                    requests,
                    kilobytes(size),
                    f"{kilobytes(target)} {verdict(size, target)}",
                ]
            )
    return rows


def answer_page_rows(language: str, found: dict) -> list[list]:
    """Each answer page of the no-JS passes as it travelled: every one the same size."""
    rows = []
    for name, walked in (("None of these", found["none"]), ("emergency", found["emergency"])):
        if walked is None:
            continue
        sizes = [size for size, _encoding in walked["posts"]]
        encodings = sorted({encoding for _size, encoding in walked["posts"]})
        rows.append(
            [
                f"{language}: {name}",
                " ".join(str(size) for size in sizes),
                ", ".join(encodings),
                "yes" if len(set(sizes)) == 1 else "NO",
                "PASS" if max(sizes) <= ANSWER_PAGE_TARGET else "FAIL",
            ]
        )
    size, encoding = found["uncompressed"]
    rows.append([f"{language}: no compression accepted", str(size), encoding, "", ""])
    return rows


def report(found: list[tuple[str, str, dict]]) -> None:
    rows, answer_rows, notes = [], [], []
    for language, path, result in found:
        if result.get("status") != 200:
            rows.append([f"{language} {path}", f"n/a ({result.get('status')})"])
            continue
        rows += rows_for(language, result)
        answer_rows += answer_page_rows(language, result)
        emergency = result["emergency"]["sign"] if result["emergency"] else "none found"
        first_visit = kilobytes(result["scripted"]["total"])
        notes.append(
            f"{language}: {path} with its CSS, JS and icons {first_visit}, without JS "
            f"{kilobytes(result['plain']['total'])}; rule set {result['rules_url']} "
            f"{kilobytes(result['rules'])} ({result['rules_encoding']}); emergency sign "
            f"ticked: {emergency}."
        )
    headings = ["Symptom check, first visit", "pages", "clicks", "requests", "downloaded"]
    headings.append("target (JS / no JS)")
    say(table(headings, [row + [""] * (len(headings) - len(row)) for row in rows]))
    say("")
    answer_headings = [
        "No-JS answer pages on the wire",
        "bytes, page by page",
        "encoding",
        "all equal",
        f"at most {ANSWER_PAGE_TARGET // 1024} KB",
    ]
    say(table(answer_headings, answer_rows))
    for note in notes:
        say(note)
    say(
        "clicks: ticks and Continue presses, counted on the server's form; the phone shows the "
        "same pages. With JS everything is fetched up front (brotli), whatever is answered."
    )
    say(
        "Without JS every answer page has one size on the wire, on purpose: gzip-compressed, "
        "then padded in the gzip header (or padded with spaces when no compression is "
        "accepted), so answers cannot be told apart by their size on the wire or in a log."
    )
    say(
        "Not counted: the service worker's precache, which a JS browser fetches in the "
        "background after the first page (see above)."
    )
