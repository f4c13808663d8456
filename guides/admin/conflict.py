"""An edit conflict, told field by field: what a colleague saved after the form was opened and
what the form still holds, word by word and only where they differ, sources included (issue 20,
failures 2, 3 and 4). And the sources table's rows read again after a colleague deleted one of
them, so the form can be shown and saved again."""

import difflib

from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext

from core.diffs import word_diff

from ..forms import normalise_text
from ..versions import source_row

SOURCE_PREFIX = "sources"
SHOWN_FIELDS = ("title", "publisher", "url")


def differing_paragraphs(theirs: str, yours: str):
    """The word diff of the paragraphs that differ only, hunk by hunk (a list of HTML pieces)."""
    old = normalise_text(theirs).split("\n\n")
    new = normalise_text(yours).split("\n\n")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        word_diff("\n\n".join(old[i1:i2]), "\n\n".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def source_line(row: dict) -> str:
    return f"{row.get('publisher', '')}: {row.get('title', '')} {row.get('url', '')}".strip()


def form_sources(formset) -> list[dict]:
    """The sources the form holds (rows marked for deletion left out), with their ids."""
    rows = []
    for form in formset.forms:
        data = {name: form.data.get(form.add_prefix(name), "") for name in ("id", *SHOWN_FIELDS)}
        if form.data.get(form.add_prefix("DELETE")) or not any(
            data[name].strip() for name in SHOWN_FIELDS
        ):
            continue
        rows.append(data)
    return rows


def source_changes(saved_rows: list[dict], formset, who: str) -> list[dict]:
    """Each source that differs: only in what `who` saved, only in the form, or changed."""
    saved = {str(row["id"]): row for row in saved_rows}
    seen = set()
    changes = []
    for row in form_sources(formset):
        theirs = saved.get(str(row["id"])) if row["id"] else None
        if theirs is None:
            changes.append(
                {
                    "kind": "yours",
                    "label": gettext("Only in your unsaved text"),
                    "diff": format_html("<ins>{}</ins>", source_line(row)),
                }
            )
            continue
        seen.add(str(row["id"]))
        if source_line(theirs) != source_line(row):
            changes.append(
                {
                    "kind": "changed",
                    "label": gettext("Changed"),
                    "diff": word_diff(source_line(theirs), source_line(row)),
                }
            )
    for key, row in saved.items():
        if key not in seen:
            changes.append(
                {
                    "kind": "theirs",
                    "label": gettext("Only in what %(who)s saved") % {"who": who},
                    "diff": format_html("<del>{}</del>", source_line(row)),
                }
            )
    return changes


def conflict_fields(conflict: dict, form, formset) -> list[dict]:
    """The conflict's differences, field by field: title, summary, body, sources."""
    saved = conflict["saved"]
    fields = []
    labels = {"title": gettext("Title"), "summary": gettext("Summary"), "body": gettext("Body")}
    for name, label in labels.items():
        theirs = getattr(saved, name)
        yours = form.data.get(form.add_prefix(name), theirs)
        if normalise_text(theirs) == normalise_text(yours):
            continue
        hunks = (
            differing_paragraphs(theirs, yours) if name == "body" else [word_diff(theirs, yours)]
        )
        fields.append({"label": label, "hunks": hunks})
    if formset is not None:
        rows = [
            {**source_row(source), "id": source.pk}
            for source in saved.sources.order_by("order", "id")
        ]
        changes = source_changes(rows, formset, conflict["who"])
        if changes:
            fields.append({"label": gettext("Sources"), "sources": changes})
    return fields


def sources_formset(formsets):
    for formset in formsets:
        if getattr(formset, "prefix", None) == SOURCE_PREFIX:
            return formset
    return None


def rows_without_deleted_sources(data: QueryDict, existing_ids) -> QueryDict:
    """The form's sources table with each row that refers to a source deleted since the page was
    opened turned into a new row (or dropped, if it was marked for deletion too). Without this
    every later save fails on the row's hidden id, with no field marked (failure 3)."""
    key = f"{SOURCE_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
        initial = int(data.get(f"{SOURCE_PREFIX}-INITIAL_FORMS", 0))
    except ValueError:
        return data
    existing = {str(pk) for pk in existing_ids}
    kept, moved, extra = [], [], []
    for index in range(total):
        prefix = f"{SOURCE_PREFIX}-{index}-"
        row = {k[len(prefix) :]: data.getlist(k) for k in data if k.startswith(prefix)}
        if index >= initial:
            extra.append(row)
        elif (row.get("id") or [""])[0] in existing:
            kept.append(row)
        elif not (row.get("DELETE") or [""])[0]:
            row.pop("id", None)
            moved.append(row)
    if not moved and len(kept) == initial:
        return data
    rewritten = QueryDict(mutable=True)
    for k in data:
        if not k.startswith(f"{SOURCE_PREFIX}-"):
            rewritten.setlist(k, data.getlist(k))
    rows = [*kept, *moved, *extra]
    for index, row in enumerate(rows):
        for name, values in row.items():
            rewritten.setlist(f"{SOURCE_PREFIX}-{index}-{name}", values)
    rewritten[key] = str(len(rows))
    rewritten[f"{SOURCE_PREFIX}-INITIAL_FORMS"] = str(len(kept))
    for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        if f"{SOURCE_PREFIX}-{name}" in data:
            rewritten[f"{SOURCE_PREFIX}-{name}"] = data[f"{SOURCE_PREFIX}-{name}"]
    rewritten._mutable = False
    return rewritten
