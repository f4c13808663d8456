"""The launch symptom check, read from the data files in triage/content/ (see its README), and
put into a database: by migration 0013 (which also moves a version 2 database) and by
`manage.py load_seed_content` (which adds whatever is missing and changes nothing else)."""

import tomllib
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).parent / "content"
SECTIONS = ("levels", "pages", "choices", "findings", "rules", "services")
# The fields each section has in Spanish (es.toml); the models' `<field>_es`.
SPANISH_FIELDS = {
    "levels": ("title", "advice", "signs_heading", "safety_net"),
    "pages": ("question", "unreached"),
    "choices": ("question",),
    "findings": ("question", "hint", "said", "tell_staff"),
    "rules": ("text", "watch_for"),
    "services": ("name", "text_to", "opening_hours", "languages", "notes"),
}


# What the check keeps of a source (triage.Source); the guides keep the rest.
SOURCE_FIELDS = ("publisher", "title", "url", "checked_on", "confirmed", "note")


def read_toml(name: str) -> dict:
    with (CONTENT_DIR / name).open("rb") as file:
        return tomllib.load(file)


def multiline(text: str) -> str:
    """A TOML multi-line string as the models keep it: one item per line, no blank ones."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


@cache
def read_content() -> dict:
    """The launch check as lists of plain items, in order, each with its code (`key` for
    services and sources) and its Spanish wording beside the English in `<field>_es`."""
    english, spanish = read_toml("en.toml"), read_toml("es.toml")
    content = {}
    for section in SECTIONS:
        key = "key" if section == "services" else "code"
        items = []
        for code, item in english[section].items():
            words = spanish.get(section, {}).get(code, {})
            item = {key: code, **item}
            for field in SPANISH_FIELDS[section]:
                item[f"{field}_es"] = words.get(field, "")
            if section == "services":
                item["website_es"] = words.get("website", "")
            items.append({k: multiline(v) if isinstance(v, str) else v for k, v in item.items()})
        content[section] = items
    cited = {key for rule in content["rules"] for key in rule["sources"]}
    content["sources"] = [
        {"key": key, **{field: source[field] for field in SOURCE_FIELDS if field in source}}
        for key, source in read_sources().items()
        if key in cited
    ]
    return content


@cache
def read_sources() -> dict[str, dict]:
    """The sources table the check's rules and the guides share (sources.toml), by key: one
    entry a document, so a reviewer checks it once, wherever it is cited. `language` says what
    language the page is in (a Spanish guide marks an English page «(en inglés)»)."""
    return read_toml("sources.toml")["sources"]


def historical(apps) -> dict:
    """The models a loader needs, as a migration has them (or the app registry)."""
    names = ("Level", "Page", "Choice", "Finding", "Rule", "Source", "HelpService")
    return {
        **{name: apps.get_model("triage", name) for name in names},
        "Guide": apps.get_model("guides", "Guide"),
    }


def finding_fields(item: dict) -> dict:
    return {
        field: item[field]
        for field in (
            *("question", "hint", "said", "tell_staff", "private", "develops"),
            *(f"{name}_es" for name in SPANISH_FIELDS["findings"]),
        )
    }


def rule_fields(item: dict) -> dict:
    return {
        field: item[field]
        for field in (
            *("text", "watch_for", "watch_for_order"),
            *(f"{name}_es" for name in SPANISH_FIELDS["rules"]),
        )
    }


def service_fields(item: dict, number: str) -> dict:
    fields = {
        field: item[field]
        for field in (
            *("name", "kind", "phone", "text_to", "website", "website_es"),
            *("opening_hours", "languages", "notes"),
            *(f"{name}_es" for name in SPANISH_FIELDS["services"]),
        )
    }
    fields["phone"] = fields["phone"].replace("{emergency_number}", number)
    return fields


def level_fields(item: dict, order: int) -> dict:
    return {
        "order": order,
        "kind": item["kind"],
        **{f: item[f] for f in SPANISH_FIELDS["levels"]},
        **{f"{f}_es": item[f"{f}_es"] for f in SPANISH_FIELDS["levels"]},
    }


def add_missing(models: dict, *, number: str) -> int:
    """Create every launch item the database lacks, linked as the content says; never change
    an existing one (an editor's work). Returns how many rows were added."""
    content = read_content()
    added = 0
    sources = {s.key: s for s in models["Source"].objects.all()}
    for item in content["sources"]:
        if item["key"] not in sources:
            sources[item["key"]] = models["Source"].objects.create(**item)
            added += 1
    levels = {level.code: level for level in models["Level"].objects.all()}
    for order, item in enumerate(content["levels"], start=1):
        if item["code"] not in levels:
            level = models["Level"].objects.create(code=item["code"], **level_fields(item, order))
            level.guides.set(models["Guide"].objects.filter(slug__in=item["guides"]))
            levels[level.code], added = level, added + 1
    pages = {page.code: page for page in models["Page"].objects.all()}
    for order, item in enumerate(content["pages"], start=1):
        if item["code"] not in pages:
            fields = {f: item[f] for f in ("question", "unreached", "question_es", "unreached_es")}
            pages[item["code"]] = models["Page"].objects.create(
                code=item["code"], order=order, **fields
            )
            added += 1
    choices = {choice.code: choice for choice in models["Choice"].objects.all()}
    for item in content["choices"]:
        if item["code"] not in choices:
            choices[item["code"]] = models["Choice"].objects.create(
                code=item["code"],
                page=pages[item["page"]],
                question=item["question"],
                question_es=item["question_es"],
                not_sure=item["not_sure"],
            )
            added += 1
    findings = {finding.code: finding for finding in models["Finding"].objects.all()}
    for order, item in enumerate(content["findings"], start=1):
        if item["code"] not in findings:
            findings[item["code"]] = models["Finding"].objects.create(
                code=item["code"],
                page=pages[item["page"]],
                choice=choices[item["choice"]] if item["choice"] else None,
                order=order,
                **finding_fields(item),
            )
            added += 1
    rules = {rule.code: rule for rule in models["Rule"].objects.all()}
    for order, item in enumerate(content["rules"], start=1):
        if item["code"] not in rules:
            rule = models["Rule"].objects.create(
                code=item["code"], level=levels[item["level"]], order=order, **rule_fields(item)
            )
            link_rule(rule, item, findings=findings, sources=sources)
            rules[rule.code], added = rule, added + 1
    services = {service.key: service for service in models["HelpService"].objects.all()}
    for order, item in enumerate(content["services"], start=1):
        if item["key"] not in services:
            service = models["HelpService"].objects.create(
                key=item["key"], order=order, **service_fields(item, number)
            )
            link_service(service, item, levels=levels, rules=rules, findings=findings)
            added += 1
    return added


def link_rule(rule, item: dict, *, findings: dict, sources: dict) -> None:
    rule.all_of.set(findings[code] for code in item["all_of"])
    rule.any_of.set(findings[code] for code in item["any_of"])
    rule.sources.set(sources[key] for key in item["sources"])


def link_service(service, item: dict, *, levels: dict, rules: dict, findings: dict) -> None:
    service.levels.set(levels[code] for code in item["levels"])
    service.rules.set(rules[code] for code in item["rules"])
    service.findings.set(findings[code] for code in item["findings"])
