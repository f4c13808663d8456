"""Markdown to safe HTML. Editors write Markdown; whatever they type, only an allow-list of
markup reaches a page, so a pasted script or tracking pixel can never run for a visitor."""

import re
import secrets
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .signs import mark_sign_lists

EXTERNAL_REL = "noopener noreferrer"

# Care-card kinds an editor may use, with the words a screen reader hears before the heading
# (the NHS care-card pattern: the colour alone must not carry the meaning).
CARE_CARD_KINDS = {
    "emergency": _("Immediate action required:"),
    "urgent": _("Urgent advice:"),
    "non-urgent": _("Non-urgent advice:"),
}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "br", "hr", "div", "span", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "div": {"class"},
    "h2": {"class"},
    "span": {"class"},
}
ALLOWED_CLASSES = {
    "care-card",
    "care-card__heading",
    "care-card__content",
    "visually-hidden",
    *(f"care-card--{kind}" for kind in CARE_CARD_KINDS),
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def is_external(href: str) -> bool:
    """A link to another site, including a scheme-relative one (//elsewhere.example)."""
    parts = urlsplit(href)
    return parts.scheme in {"http", "https"} or bool(parts.netloc)


class CareCards(Treeprocessor):
    """Turns admonition blocks into care cards. Every element it makes carries this render's
    `marker` class; the sanitiser keeps care-card classes only beside it, so raw HTML in the
    Markdown cannot make a card without its spoken heading."""

    def __init__(self, md, marker: str):
        super().__init__(md)
        self.marker = marker

    def run(self, root):
        for block in root.iter("div"):
            classes = block.get("class", "").split()
            if "admonition" in classes:
                self.make_care_card(block, classes)

    def make_care_card(self, block, classes):
        kind = next((name for name in classes if name in CARE_CARD_KINDS), "non-urgent")
        block.set("class", f"care-card care-card--{kind} {self.marker}")
        children = list(block)
        for child in children:
            block.remove(child)
        title = children[0] if children and children[0].get("class") == "admonition-title" else None
        heading = ElementTree.SubElement(
            block, "h2", {"class": f"care-card__heading {self.marker}"}
        )
        announce = ElementTree.SubElement(
            heading, "span", {"class": f"visually-hidden {self.marker}"}
        )
        announce.text = f"{CARE_CARD_KINDS[kind]} "
        announce.tail = title.text if title is not None else ""
        content = ElementTree.SubElement(
            block, "div", {"class": f"care-card__content {self.marker}"}
        )
        content.extend(children[1:] if title is not None else children)


class CareCardExtension(Extension):
    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker

    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's API name)
        md.treeprocessors.register(CareCards(md, self.marker), "care_cards", 1)


def attribute_keeper(marker: str):
    def keep_allowed_attribute(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            names = value.split()
            if marker not in names:
                return None  # written by hand: no care-card part without the whole card
            return " ".join(name for name in names if name in ALLOWED_CLASSES) or None
        return value

    return keep_allowed_attribute


def sanitise_html(html: str, *, marker: str) -> str:
    """The allow-list only, then `rel` on every link that leaves the site, whatever made it (a
    Markdown link, an autolink, a reference, raw HTML the allow-list kept): marked after the
    sanitiser, the one place every link passes. An editor's own `rel` is never kept."""
    return mark_external_links(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=attribute_keeper(marker),
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
    )


# A link's start tag as the sanitiser writes it: lower-case names, each value in double quotes
# with any " inside written &quot;. A " therefore only ever ends a value, so a start tag is
# matched whole, and text inside a value (a title holding "<a href=x>") never matches.
SANITISED_LINK = re.compile(r'<a(?P<attributes>(?: [a-z-]+="[^"]*")*)>')
SANITISED_HREF = re.compile(r' href="(?P<href>[^"]*)"')


def mark_external_links(sanitised: str) -> str:
    def mark(link: re.Match) -> str:
        href = SANITISED_HREF.search(link["attributes"])
        if href is None or not is_external(unescape(href["href"])):
            return link[0]
        return f'<a{link["attributes"]} rel="{EXTERNAL_REL}">'

    return SANITISED_LINK.sub(mark, sanitised)


def render_markdown(text: str, language: str | None = None) -> str:
    """Markdown from an editor to HTML that is safe to show to the public. The care cards'
    spoken labels are in `language` (the guide's), whatever language the request or migration
    runs in: a Spanish guide saved from an English admin page must not tell a screen reader
    "Urgent advice:" in English (issue 17)."""
    if language is not None:
        with translation.override(language):
            return render_markdown(text)
    marker = new_marker()
    return sanitise_html(markdown_html(text, marker=marker), marker=marker)


def new_marker() -> str:
    return f"made-{secrets.token_hex(8)}"  # unknown to the text, so it cannot be typed in it


def markdown_html(text: str, *, marker: str) -> str:
    """The Markdown's HTML before the sanitiser: raw HTML and every link still in it."""
    return markdown.markdown(
        mark_sign_lists(text or ""),
        extensions=["admonition", "sane_lists", CareCardExtension(marker)],
        output_format="html",
    )


# What the sanitiser removes, told to the editor who typed it ---------------------------------

COMMENT = "<!-- -->"
# What an editor typed to make a tag the public page does not show, when it is not plain HTML:
# Markdown makes these from text she may type by accident.
TAG_WORDS = {
    "<h1>": _("a heading made with one #; use ## or ###"),
    "<h5>": _("a heading made with #####; use ## or ###"),
    "<h6>": _("a heading made with ######; use ## or ###"),
    "<pre>": _("a block indented by 4 spaces; its words are shown as plain text"),
    "<img>": _("an image; images are not shown"),
    COMMENT: _("a comment"),
}


@dataclass(frozen=True)
class NotPublished:
    """What the public page will not show as it was typed. `links`: (link text, address) of
    links that become plain text, their address not allowed; `tags`: the HTML tags removed,
    as <name>, each once, with comments as COMMENT."""

    links: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.links or self.tags)

    def tag_words(self) -> list[str]:
        """Each removed tag, with what an editor typed to make it when it was not HTML."""
        return [f"{tag} ({TAG_WORDS[tag]})" if tag in TAG_WORDS else tag for tag in self.tags]


class _MarkupLister(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, None] = {}
        self.links: list[list[str]] = []  # [address, text so far]
        self.open_links: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.tags[f"<{tag}>"] = None
        if tag == "a":
            link = [dict(attrs).get("href") or "", ""]
            self.links.append(link)
            self.open_links.append(link)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "a" and self.open_links:
            self.open_links.pop()

    def handle_endtag(self, tag):
        if tag == "a" and self.open_links:
            self.open_links.pop()

    def handle_data(self, data):
        for link in self.open_links:
            link[1] += data

    def handle_comment(self, data):
        self.tags[COMMENT] = None


def link_is_kept(href: str, *, marker: str) -> bool:
    """Whether the sanitiser keeps this address on a link: asked of the sanitiser itself."""
    return "href=" in sanitise_html(f'<a href="{escape(href)}">x</a>', marker=marker)


def not_published(text: str) -> NotPublished:
    """What of this Markdown the sanitiser removes: links it keeps as plain text (a
    javascript:, data: or other address), and raw HTML tags and comments. The saved text keeps
    them; the public page never shows them."""
    marker = new_marker()
    lister = _MarkupLister()
    lister.feed(markdown_html(text, marker=marker))
    lister.close()
    links = tuple(
        (" ".join(words.split()), href)
        for href, words in lister.links
        if href and not link_is_kept(href, marker=marker)
    )
    return NotPublished(links=links, tags=tuple(lister.tags))
