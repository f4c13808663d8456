"""Version 2 of the launch check, for the migrations that built it (0005, 0011) and for 0013,
which tells an editor's version 2 wording from the launch wording. The content is data, kept
as it was published in triage/content/v2.json; the name starts with "_" so Django's migration
loader does not take this module for a migration."""

import json
from pathlib import Path
from types import SimpleNamespace

CONTENT = json.loads((Path(__file__).parent.parent / "content" / "v2.json").read_text("utf-8"))

PAGES = CONTENT["pages"]
LEVELS = CONTENT["levels"]
FINDINGS = CONTENT["findings"]
RULES = CONTENT["rules"]
SERVICES = CONTENT["services"]
# The Spanish wording by code (by English name for services), as triage/seed_es.py held it.
spanish = SimpleNamespace(**{name.upper(): items for name, items in CONTENT["es"].items()})


def load_seed_rules(models, *, number) -> None:
    """Add the launch pages, levels, findings, rules and services that are missing; never
    change existing ones. `models` maps model names to the migration's historical models;
    `number` replaces {emergency_number} in service phone numbers."""
    page_model, level_model, guide_model = models["Page"], models["Level"], models["Guide"]
    finding_model, rule_model = models["Finding"], models["Rule"]

    pages = {page.code: page for page in page_model.objects.all()}
    for seed in PAGES:
        if seed["code"] not in pages:
            pages[seed["code"]] = page_model.objects.create(**seed)

    levels = {level.code: level for level in level_model.objects.all()}
    for seed in LEVELS:
        if seed["code"] in levels:
            continue
        fields = {key: value for key, value in seed.items() if key != "guides"}
        level = level_model.objects.create(**fields)
        level.guides.set(guide_model.objects.filter(slug__in=seed["guides"]))
        levels[level.code] = level

    findings = {finding.code: finding for finding in finding_model.objects.all()}
    for seed in FINDINGS:
        if seed["code"] not in findings:
            fields = {key: value for key, value in seed.items() if key != "page"}
            findings[seed["code"]] = finding_model.objects.create(
                page=pages[seed["page"]], **fields
            )

    rules = {rule.code: rule for rule in rule_model.objects.all()}
    for order, seed in enumerate(RULES, start=1):
        if seed["code"] in rules:
            continue
        rule = rule_model.objects.create(
            code=seed["code"],
            level=levels[seed["level"]],
            setting=seed.get("setting", "any"),
            text=seed["text"],
            sources=seed["sources"],
            order=order,
        )
        rule.findings.set(findings[code] for code in seed["findings"])
        rules[rule.code] = rule

    if not models["HelpService"].objects.exists():
        add_seed_services(
            models, SERVICES, levels=levels, rules=rules, findings=findings, number=number
        )


def add_seed_services(models, seeds, *, levels, rules, findings, number) -> None:
    """Create the services given, linked to the levels, rules and findings they name."""
    service_model = models["HelpService"]
    for seed in seeds:
        fields = {k: v for k, v in seed.items() if k not in {"levels", "rules", "findings"}}
        fields["phone"] = fields["phone"].replace("{emergency_number}", number)
        service = service_model.objects.create(**fields)
        service.levels.set(levels[code] for code in seed["levels"])
        service.rules.set(rules[code] for code in seed["rules"])
        service.findings.set(findings[code] for code in seed["findings"])
