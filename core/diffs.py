"""The change between two texts, word by word, for whoever signs it off: guide versions and
the symptom check's unpublished changes. Imports no app."""

import re

from diff_match_patch import diff_match_patch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A word, a run of spaces, or one other character: the units the difference is told in.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> SafeString:
    """The change from `old` to `new`, word by word, as HTML: removed words in <del>, added in
    <ins>. diff-match-patch compares the texts with each word coded as one character (its
    "line mode" applied to words); every piece of text is escaped before it is marked up."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 2
    words = [""]  # index 0 unused, as in diff_linesToChars
    codes: dict[str, str] = {}

    def encode(text: str) -> str:
        out = []
        for token in TOKENS.findall(text or ""):
            if token not in codes:
                codes[token] = chr(len(words))
                words.append(token)
            out.append(codes[token])
        return "".join(out)

    diffs = differ.diff_main(encode(old), encode(new), False)
    differ.diff_cleanupSemantic(diffs)
    differ.diff_charsToLines(diffs, words)
    tags = {differ.DIFF_INSERT: "ins", differ.DIFF_DELETE: "del"}
    parts = []
    for operation, text in diffs:
        tag = tags.get(operation)
        parts.append(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text))
    return mark_safe("".join(parts))
