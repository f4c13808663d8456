"""Markdown to safe HTML. Editors write Markdown; whatever they type, only an allow-list of
markup reaches a page, so a pasted script or tracking pixel can never run for a visitor."""

import secrets
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
    "a": {"href", "title", "rel"},
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


class CareCardsAndLinks(Treeprocessor):
    """Turns admonition blocks into care cards and marks links that leave the site. Every
    element it makes carries this render's `marker` class; the sanitiser keeps care-card classes
    only beside it, so raw HTML in the Markdown cannot make a card without its spoken heading."""

    def __init__(self, md, marker: str):
        super().__init__(md)
        self.marker = marker

    def run(self, root):
        for block in root.iter("div"):
            classes = block.get("class", "").split()
            if "admonition" in classes:
                self.make_care_card(block, classes)
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                link.set("rel", EXTERNAL_REL)

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
        processor = CareCardsAndLinks(md, self.marker)
        md.treeprocessors.register(processor, "care_cards_and_links", 1)


def attribute_keeper(marker: str):
    def keep_allowed_attribute(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            names = value.split()
            if marker not in names:
                return None  # written by hand: no care-card part without the whole card
            return " ".join(name for name in names if name in ALLOWED_CLASSES) or None
        if attribute == "rel":
            return EXTERNAL_REL if value == EXTERNAL_REL else None
        return value

    return keep_allowed_attribute


def sanitise_html(html: str, *, marker: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_keeper(marker),
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text: str, language: str | None = None) -> str:
    """Markdown from an editor to HTML that is safe to show to the public. The care cards'
    spoken labels are in `language` (the guide's), whatever language the request or migration
    runs in: a Spanish guide saved from an English admin page must not tell a screen reader
    "Urgent advice:" in English (issue 17)."""
    if language is not None:
        with translation.override(language):
            return render_markdown(text)
    marker = f"made-{secrets.token_hex(8)}"  # unknown to the text, so it cannot be typed in it
    html = markdown.markdown(
        mark_sign_lists(text or ""),
        extensions=["admonition", "sane_lists", CareCardExtension(marker)],
        output_format="html",
    )
    return sanitise_html(html, marker=marker)
