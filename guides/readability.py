"""How easy a guide is to read, measured one way for the admin, the publish check and the tests.

An English guide's score is the Flesch-Kincaid grade level for US English, computed by textstat
(lower is easier). A Spanish guide's is the Szigriszt-Pazos perspicuity (the INFLESZ scale,
0 to 100, higher is easier), computed by textstat with the language passed to the formula, so
textstat's global language stays US English. A guide is
Markdown (or, once published, sanitised HTML), so it is first turned into plain text: each
heading, paragraph and list item becomes a sentence of its own, because a reader takes in a
bullet point as one thought, and a lead-in such as "Call 911 now if:" ends where its list begins.
Text a screen reader hears but the page does not show (a care card's "Urgent advice:") is left
out: editors cannot change it."""

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

import textstat
from textstat.backend import metrics

from .models import ENGLISH, SPANISH
from .rendering import render_markdown

# The grade a guide should read at or below, and the grade above which publishing asks twice.
TARGET_GRADE = 6
CONFIRM_ABOVE_GRADE = 8
# Readability formulas are made for passages of 100 words or more: below that the grade is shown
# but publishing does not ask (two words like "Second wording." would score grade 8.8).
MIN_WORDS_TO_CONFIRM = 100
# INFLESZ: 65 and up is "bastante fácil" (fairly easy), the band for a general audience; below
# 55 ("algo difícil", somewhat difficult) publishing asks twice.
TARGET_INFLESZ = 65
CONFIRM_BELOW_INFLESZ = 55
# How many of the longest sentences the admin lists as the first ones to shorten.
LONGEST_SHOWN = 3

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "ul", "ol", "div", "blockquote", "br"}
SENTENCE_END = re.compile(r"[.!?]$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
SIGN_LIST_MARKER = re.compile(r"\{signs:[\w-]*\}")


class _BlockText(HTMLParser):
    """Collects the visible text of each block element, one string per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden_depth = 0

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "span" and (self.hidden_depth or ("class", "visually-hidden") in attrs):
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if not self.hidden_depth:
            self.current.append(data)


def plain_text_of_html(html: str) -> str:
    """Readable plain text of sanitised HTML: one sentence-ended line per block."""
    parser = _BlockText()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    lines = []
    for block in parser.blocks:
        if SIGN_LIST_MARKER.fullmatch(block):
            continue  # the check's own words, filled when shown: not the editor's to shorten
        block = unescape(block).rstrip(":;,— ")
        lines.append(block if SENTENCE_END.search(block) else f"{block}.")
    return "\n".join(lines)


def plain_text(markdown: str) -> str:
    """Readable plain text of an editor's Markdown, rendered exactly as the public page is."""
    return plain_text_of_html(render_markdown(markdown))


@dataclass(frozen=True)
class Readability:
    # The score: a Flesch-Kincaid grade (English) or an INFLESZ score (Spanish, see
    # `language`); None when there is no text to measure.
    grade: float | None
    words: int
    sentences: int
    longest: tuple[tuple[int, str], ...]  # (words, sentence), longest first
    language: str = ENGLISH

    @property
    def on_target(self) -> bool:
        if self.grade is None:
            return False
        if self.language == SPANISH:
            return self.grade >= TARGET_INFLESZ
        return self.grade <= TARGET_GRADE

    @property
    def needs_confirmation(self) -> bool:
        if self.grade is None or self.words < MIN_WORDS_TO_CONFIRM:
            return False
        if self.language == SPANISH:
            return self.grade < CONFIRM_BELOW_INFLESZ
        return self.grade > CONFIRM_ABOVE_GRADE


def _measure(text: str, score, language: str) -> Readability:
    sentences = [sentence.strip() for sentence in SENTENCE_SPLIT.split(text) if sentence.strip()]
    words = textstat.lexicon_count(text)
    if not words:
        return Readability(grade=None, words=0, sentences=0, longest=(), language=language)
    by_length = sorted(
        ((textstat.lexicon_count(sentence), sentence) for sentence in sentences),
        key=lambda pair: -pair[0],
    )
    return Readability(
        grade=round(score(text), 1),
        words=words,
        sentences=len(sentences),
        longest=tuple(by_length[:LONGEST_SHOWN]),
        language=language,
    )


@lru_cache(maxsize=256)
def measure_text(text: str) -> Readability:
    """The Flesch-Kincaid grade (US English) of plain text, and its longest sentences."""
    return _measure(text, textstat.flesch_kincaid_grade, ENGLISH)


@lru_cache(maxsize=256)
def measure_spanish_text(text: str) -> Readability:
    """The Szigriszt-Pazos (INFLESZ) score of plain Spanish text, and its longest sentences.
    The language goes to the formula itself: textstat's global language is never changed."""
    return _measure(text, lambda text: metrics.szigriszt_pazos(text, "es"), SPANISH)


MEASURES = {ENGLISH: measure_text, SPANISH: measure_spanish_text}


def measure_markdown(markdown: str, language: str = ENGLISH) -> Readability:
    """The reading level of a guide's working copy (its Markdown body)."""
    return MEASURES[language](plain_text(markdown))


def measure_html(html: str, language: str = ENGLISH) -> Readability:
    """The reading level of a guide's published snapshot (its sanitised HTML)."""
    return MEASURES[language](plain_text_of_html(html))
