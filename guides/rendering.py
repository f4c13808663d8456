"""Markdown to safe HTML. Editors write Markdown; whatever they type, only an allow-list of
markup reaches a page, so a pasted script or tracking pixel can never run for a visitor."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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
    return urlsplit(href).scheme in {"http", "https"}


class CareCardsAndLinks(Treeprocessor):
    """Turns admonition blocks into care cards and marks links that leave the site."""

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
        block.set("class", f"care-card care-card--{kind}")
        children = list(block)
        for child in children:
            block.remove(child)
        title = children[0] if children and children[0].get("class") == "admonition-title" else None
        heading = ElementTree.SubElement(block, "h2", {"class": "care-card__heading"})
        announce = ElementTree.SubElement(heading, "span", {"class": "visually-hidden"})
        announce.text = f"{CARE_CARD_KINDS[kind]} "
        announce.tail = title.text if title is not None else ""
        content = ElementTree.SubElement(block, "div", {"class": "care-card__content"})
        content.extend(children[1:] if title is not None else children)


class CareCardExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's API name)
        md.treeprocessors.register(CareCardsAndLinks(md), "care_cards_and_links", 1)


def keep_allowed_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [name for name in value.split() if name in ALLOWED_CLASSES]
        return " ".join(kept) or None
    if attribute == "rel":
        return EXTERNAL_REL if value == EXTERNAL_REL else None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_allowed_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown from an editor to HTML that is safe to show to the public."""
    html = markdown.markdown(
        text or "",
        extensions=["admonition", "sane_lists", CareCardExtension()],
        output_format="html",
    )
    return sanitise_html(html)
