"""The reading grade the admin shows: Flesch-Kincaid (US English) by textstat, on plain text."""

import textstat

from guides.readability import (
    measure_html,
    measure_markdown,
    measure_text,
    plain_text,
    plain_text_of_html,
)
from guides.rendering import render_markdown

HARD_TEXT = 10 * (
    "Notwithstanding considerable interindividual variability, anorectal manifestations "
    "necessitate comprehensive multidisciplinary evaluation. "
)
CARD = '!!! urgent "Get help today if:"\n    - you have a fever\n    - the pain is very bad\n'


def test_markdown_becomes_one_sentence_per_block_without_markup():
    text = plain_text("## Ease the pain\n\nSit in **warm** water.\n\n- rest\n- drink water\n")
    assert text.splitlines() == ["Ease the pain.", "Sit in warm water.", "rest.", "drink water."]


def test_a_care_card_heading_ends_where_its_list_begins_and_hidden_words_are_left_out():
    text = plain_text(CARD)
    assert text.splitlines() == ["Get help today if.", "you have a fever.", "the pain is very bad."]
    assert "Urgent advice" not in text


def test_working_copy_and_published_html_measure_alike():
    markdown = "## Heading\n\nA short line. Another one here.\n\n" + CARD
    assert measure_markdown(markdown) == measure_html(render_markdown(markdown))
    assert plain_text(markdown) == plain_text_of_html(render_markdown(markdown))


def test_the_grade_is_textstats_flesch_kincaid_of_the_plain_text():
    markdown = "The cat sat on the mat.\n\nIt was a good day to rest, read and walk in the sun."
    assert measure_markdown(markdown).grade == round(
        textstat.flesch_kincaid_grade(plain_text(markdown)), 1
    )


def test_longest_sentences_come_first_with_their_word_counts():
    result = measure_text(
        "Short one. This sentence is clearly the longest of them all. Mid size one."
    )
    assert result.longest[0] == (9, "This sentence is clearly the longest of them all.")
    assert [words for words, _ in result.longest] == [9, 3, 2]


def test_hard_text_needs_confirmation_and_plain_text_is_on_target():
    hard = measure_text(HARD_TEXT)
    easy = measure_text("Take a slow breath. You can get help today.")
    assert hard.needs_confirmation
    assert not hard.on_target
    assert easy.on_target
    assert not easy.needs_confirmation


def test_a_few_hard_words_are_too_short_to_ask_for_confirmation():
    result = measure_text("Second wording.")
    assert result.grade > 8
    assert not result.needs_confirmation


def test_no_text_has_no_grade():
    result = measure_markdown("")
    assert result.grade is None
    assert not result.needs_confirmation
