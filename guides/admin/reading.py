"""Reading level in the admin: the grade (English) or ease (Spanish) beside each guide, on its
page, and on the question asked before publishing hard-to-read text."""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import SPANISH, Guide
from ..readability import (
    CONFIRM_ABOVE_GRADE,
    CONFIRM_BELOW_INFLESZ,
    TARGET_GRADE,
    TARGET_INFLESZ,
    Readability,
    measure_markdown,
)
from .common import flag


def grade_flag(result: Readability) -> str:
    """A reading grade (English) or ease (Spanish), with a word (not colour alone) when it is
    off target."""
    if result.grade is None:
        return gettext("No text yet")
    grade = number_format(result.grade, 1)
    if result.language == SPANISH:
        # INFLESZ: higher is easier.
        confirm = format_lazy(_("Below {ease}"), ease=CONFIRM_BELOW_INFLESZ)
        above = format_lazy(_("Below {ease}"), ease=TARGET_INFLESZ)
    else:
        confirm = format_lazy(_("Above {grade}"), grade=CONFIRM_ABOVE_GRADE)
        above = format_lazy(_("Above {grade}"), grade=TARGET_GRADE)
    if result.needs_confirmation:
        return format_html("{} {}", grade, flag("confirm", confirm))
    if not result.on_target:
        return format_html("{} {}", grade, flag("above", above))
    return grade


def reading_score(result: Readability) -> str:
    """For the guide list, where English and Spanish guides sit in one column: the score with
    its own scale's name, a grade (lower is easier) or an ease out of 100 (higher is easier)."""
    score = format_html('<span class="reading-score">{}</span>', grade_flag(result))
    if result.grade is None:
        return score
    if result.language == SPANISH:
        return format_html("{} {} {}", gettext("Ease"), score, gettext("of 100"))
    return format_html("{} {}", gettext("Grade"), score)


def measure_working(guide: Guide) -> Readability:
    return measure_markdown(guide.body, guide.language)


def longest_sentences(result: Readability) -> str:
    return format_html(
        '<ol class="reading-level__longest">{}</ol>',
        format_html_join(
            "",
            '<li>{} <span class="help">({})</span></li>',
            (
                (sentence, format_lazy(_("{words} words"), words=words))
                for words, sentence in result.longest
            ),
        ),
    )


READING_LEVEL_HELP = format_lazy(
    _(
        "English: Flesch-Kincaid grade for US English, the school grade that "
        "can read the text easily. Aim for grade {target} or lower: short "
        "sentences, short words. Publishing above grade {confirm} asks you to "
        "confirm. Spanish: Szigriszt-Pazos ease (INFLESZ, 0 to 100, higher is "
        "easier). Aim for {ease_target} or higher (“bastante fácil”); publishing "
        "below {ease_confirm} asks you to confirm. Measured on the saved text; "
        "save to measure your changes."
    ),
    target=TARGET_GRADE,
    confirm=CONFIRM_ABOVE_GRADE,
    ease_target=TARGET_INFLESZ,
    ease_confirm=CONFIRM_BELOW_INFLESZ,
)
