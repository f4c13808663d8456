"""Editors' Markdown becomes safe HTML: only the allow-list survives, whatever is pasted in."""

import pytest

from guides.rendering import render_markdown

# Real-world XSS payloads (OWASP filter-evasion cheat sheet and friends).
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=https://evil.example><input name=q></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<p onclick="alert(1)">tap</p>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    '<img src="https://tracker.example/pixel.gif">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<div class="care-card" id=x tabindex=1 onfocus=alert(1) autofocus>x</div>',
]

DANGEROUS_MARKERS = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "ontoggle",
    "onfocus",
    "javascript:",
    "vbscript:",
    "data:text",
    "<iframe",
    "<style",
    "style=",
    "<link",
    "<object",
    "<embed",
    "<form",
    "<img",
    "<svg",
    "<base",
    "<meta",
    "<math",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_dangerous_markup_never_reaches_the_page(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter").lower()
    for marker in DANGEROUS_MARKERS:
        assert marker not in html, f"{marker!r} survived in {html!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_dangerous_markup_inside_a_care_card_is_removed_too(payload):
    html = render_markdown(f'!!! urgent "Get help"\n    {payload}\n').lower()
    for marker in DANGEROUS_MARKERS:
        assert marker not in html


def test_allowed_formatting_is_kept():
    html = render_markdown(
        "## Section\n\n### Sub\n\nText with **bold** and *italic*.\n\n- one\n- two\n\n1. first\n"
    )
    for fragment in [
        "<h2>Section</h2>",
        "<h3>Sub</h3>",
        "<strong>bold</strong>",
        "<em>italic</em>",
    ]:
        assert fragment in html
    assert "<ul>" in html
    assert "<ol>" in html


def test_external_links_get_noopener_noreferrer_and_internal_links_do_not():
    html = render_markdown("[NHS](https://www.nhs.uk/) and [guide](/guides/treatment/)")
    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>' in html
    assert '<a href="/guides/treatment/">guide</a>' in html


@pytest.mark.parametrize("href", ["//elsewhere.example/page", "HTTPS://www.nhs.uk/"])
def test_scheme_relative_and_upper_case_links_leave_the_site_with_noopener(href):
    html = render_markdown(f"[away]({href})")
    assert f'<a href="{href}" rel="noopener noreferrer">away</a>' in html


AWAY = "https://www.nhs.uk/conditions/"

# Every way Python-Markdown (with this site's extensions) makes a link, raw HTML included: the
# sanitiser keeps a raw link's address, and it leaves the site like any other.
LINK_FORMS = {
    "inline": f"[away]({AWAY})",
    "inline with a title": f'[away]({AWAY} "A title")',
    "angle-bracketed address": f"[away](<{AWAY}>)",
    "reference": f"[away][nhs]\n\n[nhs]: {AWAY}",
    "collapsed reference": f"[away][]\n\n[away]: {AWAY}",
    "shortcut reference": f"[away]\n\n[away]: {AWAY}",
    "reference with a title": f'[away][nhs]\n\n[nhs]: {AWAY} "A title"',
    "autolink": f"<{AWAY}>",
    "in emphasis": f"**[away]({AWAY})**",
    "in a list": f"- [away]({AWAY})",
    "in an ordered list": f"1. [away]({AWAY})",
    "in a quote": f"> [away]({AWAY})",
    "in a heading": f"## [away]({AWAY})",
    "in a care card": f'!!! urgent "Get help"\n    [away]({AWAY})',
    "around an image": f"[![a picture](/x.png) away]({AWAY})",
    "in a pipe table (no table extension)": f"| a |\n|---|\n| [away]({AWAY}) |",
    "raw inline HTML": f'Text <a href="{AWAY}">away</a> text',
    "raw HTML block": f'<div><a href="{AWAY}">away</a></div>',
    "raw HTML table": f'<table><tr><td><a href="{AWAY}">away</a></td></tr></table>',
    "raw upper-case HTML": f'<A HREF="{AWAY}">away</A>',
    "raw HTML with its own rel": f'<a href="{AWAY}" rel="opener nofollow">away</a>',
    "raw HTML with a tricky title": (
        f'<a title="a &quot;quote&quot; > and <a href=x>" href="{AWAY}">away</a>'
    ),
    "raw HTML, single quotes": f"<a href='{AWAY}'>away</a>",
    "raw HTML inside Markdown emphasis": f'**<a href="{AWAY}">away</a>**',
}


def links(html: str) -> list[dict[str, str | None]]:
    """Every <a> of the page, with its attributes (as a browser reads them)."""
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                found.append(dict(attrs))

    Links().feed(html)
    return found


@pytest.mark.parametrize("form", LINK_FORMS.values(), ids=LINK_FORMS.keys())
def test_every_kind_of_link_that_leaves_the_site_gets_noopener_noreferrer(form):
    html = render_markdown(form)
    [link] = links(html)
    assert link["href"] == AWAY
    assert link["rel"] == "noopener noreferrer"


@pytest.mark.parametrize(
    "form",
    [
        "[here](/guides/what-to-do-now/)",
        "[here][g]\n\n[g]: /guides/what-to-do-now/",
        '<a href="/guides/what-to-do-now/">here</a>',
        '<a href="/guides/what-to-do-now/" rel="noopener noreferrer">here</a>',
        "<help@example.org>",
        '<a href="tel:911">911</a>',
    ],
)
def test_links_that_stay_on_the_site_or_call_or_write_get_no_rel(form):
    [link] = links(render_markdown(form))
    assert "rel" not in link


def test_a_link_in_a_links_title_is_only_words():
    html = render_markdown(LINK_FORMS["raw HTML with a tricky title"])
    [link] = links(html)
    assert link["title"] == 'a "quote" > and <a href=x>'
    assert link["rel"] == "noopener noreferrer"


@pytest.mark.parametrize(
    "raw",
    [
        '<div class="care-card care-card--emergency"><p>Call now</p></div>',
        '<div class="care-card care-card--urgent"><h2 class="care-card__heading">Go</h2></div>',
        '<span class="visually-hidden">Urgent advice:</span>',
    ],
)
def test_raw_care_card_html_makes_no_card(raw):
    """A card is only ever made whole, with its spoken heading, from the admonition syntax."""
    html = render_markdown(raw)
    assert "class=" not in html
    assert "Call now" in html or "Go" in html or "Urgent advice:" in html


def test_an_editor_cannot_set_their_own_rel_or_class():
    html = render_markdown('<a href="/x" rel="opener" class="evil care-card">x</a>')
    assert "opener" not in html.replace("noopener", "")
    assert "evil" not in html


def test_tel_and_mailto_links_are_allowed():
    html = render_markdown("[Call](tel:911) or [write](mailto:help@example.org)")
    assert 'href="tel:911"' in html
    assert 'href="mailto:help@example.org"' in html


@pytest.mark.parametrize(
    ("kind", "announced"),
    [
        ("emergency", "Immediate action required:"),
        ("urgent", "Urgent advice:"),
        ("non-urgent", "Non-urgent advice:"),
    ],
)
def test_admonitions_become_care_cards_with_a_spoken_level(kind, announced):
    html = render_markdown(f'!!! {kind} "Call now if:"\n    - a sign\n    - another\n')
    assert f'<div class="care-card care-card--{kind}">' in html
    assert f'<span class="visually-hidden">{announced} </span>Call now if:</h2>' in html
    assert '<div class="care-card__content"><ul>' in html


def test_an_unknown_card_kind_falls_back_to_non_urgent():
    html = render_markdown('!!! danger "Look"\n    text\n')
    assert "care-card--non-urgent" in html
    assert "danger" not in html


def test_a_level_one_heading_in_the_body_is_not_allowed():
    # The page title is the only h1; an editor's # heading keeps its words but not the tag.
    html = render_markdown("# Big title\n\ntext")
    assert "<h1" not in html
    assert "Big title" in html
