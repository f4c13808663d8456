"""Version 3 of the clinical specification (shared/triage-spec.md), from the data files in
triage/content/. A fresh database passes through version 2 (0005, 0011) and arrives here like a
deployed one. What happens to a version 2 database:

- Levels, pages, single choices and sources: version 3's wording and order (`er_today` comes
  in as the second level). An editor's earlier level or page wording stays in its history.
- Findings and rules whose row did not change in version 3 (the same meaning; for rules the same
  answers and level) keep an editor's published wording, field by field; every other row gets
  version 3's wording, and any wording an editor had written is kept beside it in
  `earlier_wording` for a reviewer (shown in the admin), never silently carried.
- Retired findings (within_72h, age_45_plus, under_18, no_prep) and version 2's rules that
  version 3 does not have are deleted; their history stays.
- Help services get keys; the launch services get version 3's fields wherever they still have
  version 2's launch values (a deployment's own phone numbers or words stay), the links version 3
  gives them, and version 3's new services are added. A deployment's own services stay.
- The result is published at once, as the launch of version 3.
"""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify

# Findings whose meaning version 3 kept (compare the spec's answers with version 2's).
UNCHANGED_FINDINGS = {
    *("shock_signs", "object_stuck", "spreading_infection", "shared_needles"),
    *("bloody_diarrhea", "abscess", "severe_anal_pain", "cannot_pee"),
    *("bleeding_without_sex", "bowel_changes", "lump_or_piles", "no_better_7_days"),
}
RETIRED_FINDINGS = ["within_72h", "age_45_plus", "under_18", "no_prep", "pregnancy_warning"]
CARRIED_FINDING_FIELDS = ("question", "hint", "question_es", "hint_es")
EARLIER_FINDING_FIELDS = ("question", "hint", "text", "advice", *CARRIED_FINDING_FIELDS[2:])
CARRIED_RULE_FIELDS = ("text", "text_es")
V2_SERVICE_KEYS = {
    "Emergency services": "emergency-number",
    "Urgent care center": "urgent-care",
    "PEP to prevent HIV": "pep-today",
    "RAINN National Sexual Assault Hotline": "rainn",
    "CDC-INFO: HIV and STI testing": "cdc-info",
    "Childhelp National Child Abuse Hotline": "childhelp",
    "The Trevor Project": "trevor-project",
}


def version_2_launch():
    """Version 2's launch wording by section and code, English and Spanish."""
    from triage.migrations._v2 import FINDINGS, RULES, SERVICES, spanish

    def by_code(items, words, key="code"):
        return {
            item[key]: {
                **item,
                **{f"{field}_es": value for field, value in words.get(item[key], {}).items()},
            }
            for item in items
        }

    return {
        "findings": by_code(FINDINGS, spanish.FINDINGS),
        "rules": by_code(RULES, spanish.RULES),
        "services": by_code(SERVICES, spanish.SERVICES, key="name"),
    }


def published_version_2(apps) -> dict:
    """The wording the public had from the last publication, by section and code."""
    latest = apps.get_model("triage", "Publication").objects.order_by("-published_at", "-pk")
    payload = latest.values_list("payload", flat=True).first() or {}
    return {
        section: {item["code"]: item for item in payload.get(section, []) if "code" in item}
        for section in ("findings", "rules")
    }


def same_rule(v2_rule: dict | None, item: dict) -> bool:
    """Version 2's rule had the answers and level of version 3's (an urgent rule set to the
    emergency room is version 3's er_today)."""
    if v2_rule is None or item["any_of"]:
        return False
    level = "er_today" if v2_rule.get("setting") == "er" else v2_rule["level"]
    return sorted(v2_rule["findings"]) == sorted(item["all_of"]) and level == item["level"]


def move_wording(row, item, *, launched, published, carried, earlier, keep: bool) -> None:
    """Version 3's wording on `row`; where it keeps its meaning (`keep`), an editor's published
    wording (differing from the launch wording) stays. Wording an editor wrote that is not
    carried goes into earlier_wording."""
    kept_aside = {}
    for field in earlier:
        value = getattr(row, field, None)
        if value in (None, "") or value == launched.get(field):
            continue
        if keep and field in carried and value == published.get(field):
            item = {**item, field: value}
        else:
            kept_aside[field] = value
    for field in carried:
        setattr(row, field, item[field])
    row.earlier_wording = kept_aside


def move_to_version_3(apps, schema_editor):
    from triage import launch

    models = launch.historical(apps)
    number = settings.EMERGENCY_NUMBER
    if not models["Level"].objects.exists():
        launch.add_missing(models, number=number)
        publish(apps, models, note="Launch rules (version 3)")
        return
    content = launch.read_content()
    launched, published = version_2_launch(), published_version_2(apps)

    sources = {}
    for item in content["sources"]:
        sources[item["key"]], _ = models["Source"].objects.update_or_create(
            key=item["key"], defaults={k: v for k, v in item.items() if k != "key"}
        )

    levels = {level.code: level for level in models["Level"].objects.all()}
    # Orders are unique: move the existing levels out of the way, most urgent last.
    for index, level in enumerate(levels.values()):
        level.order = 100 + index
        level.save()
    for order, item in enumerate(content["levels"], start=1):
        level = levels.get(item["code"]) or models["Level"](code=item["code"])
        for field, value in launch.level_fields(item, order).items():
            setattr(level, field, value)
        level.save()
        level.guides.add(*models["Guide"].objects.filter(slug__in=item["guides"]))
        levels[level.code] = level

    pages = {page.code: page for page in models["Page"].objects.all()}
    for order, item in enumerate(content["pages"], start=1):
        page = pages.get(item["code"]) or models["Page"](code=item["code"])
        page.order = order
        for field in ("question", "unreached", "question_es", "unreached_es"):
            setattr(page, field, item[field])
        page.save()
        pages[page.code] = page

    give_services_keys(models)
    launch.add_missing(models, number=number)  # single choices, new findings, rules, services
    choices = {choice.code: choice for choice in models["Choice"].objects.all()}
    models["Finding"].objects.filter(code__in=RETIRED_FINDINGS).delete()
    findings = {finding.code: finding for finding in models["Finding"].objects.all()}
    for order, item in enumerate(content["findings"], start=1):
        finding = findings[item["code"]]
        move_wording(
            finding,
            launch.finding_fields(item),
            launched=launched["findings"].get(item["code"], {}),
            published=published["findings"].get(item["code"], {}),
            carried=tuple(launch.finding_fields(item)),
            earlier=EARLIER_FINDING_FIELDS,
            keep=item["code"] in UNCHANGED_FINDINGS,
        )
        finding.page = pages[item["page"]]
        finding.choice = choices[item["choice"]] if item["choice"] else None
        finding.order = order
        finding.save()

    codes = {item["code"] for item in content["rules"]}
    models["Rule"].objects.exclude(code__in=codes).delete()
    rules = {rule.code: rule for rule in models["Rule"].objects.all()}
    for order, item in enumerate(content["rules"], start=1):
        rule = rules.get(item["code"]) or models["Rule"](code=item["code"])
        move_wording(
            rule,
            launch.rule_fields(item),
            launched=launched["rules"].get(item["code"], {}),
            published=published["rules"].get(item["code"], {}),
            carried=tuple(launch.rule_fields(item)),
            earlier=CARRIED_RULE_FIELDS,
            keep=same_rule(launched["rules"].get(item["code"]), item),
        )
        rule.level, rule.order = levels[item["level"]], order
        rule.save()
        launch.link_rule(rule, item, findings=findings, sources=sources)
        rules[rule.code] = rule

    move_services(models, content, launched["services"], levels, rules, findings, number)
    publish(apps, models, note="Version 3 of the symptom check (launch wording)")


def give_services_keys(models) -> None:
    """Version 2's launch services get version 3's keys; a deployment's own, one from its name."""
    taken = set()
    for service in models["HelpService"].objects.order_by("order", "pk"):
        key = V2_SERVICE_KEYS.get(service.name) or slugify(service.name)[:50] or "service"
        while key in taken:
            key = f"{key}-{service.pk}"
        service.key = key
        taken.add(key)
        service.save()


def move_services(models, content, launched, levels, rules, findings, number) -> None:
    """The launch services move to version 3 where they still have version 2's values."""
    from triage import launch

    items = {item["key"]: item for item in content["services"]}
    order = {item["key"]: index for index, item in enumerate(content["services"], start=1)}
    for service in models["HelpService"].objects.all():
        # Version 3's order (a PEP card before urgent care); a deployment's own go after.
        service.order = order.get(service.key, len(order) + service.order)
        item = items.get(service.key) if service.name in V2_SERVICE_KEYS else None
        if item is not None:
            was = launched.get(service.name, {})
            for field, value in launch.service_fields(item, number).items():
                launch_value = was.get(field)
                if field == "phone" and launch_value:
                    launch_value = launch_value.replace("{emergency_number}", number)
                if launch_value is None or getattr(service, field) in ("", launch_value):
                    setattr(service, field, value)
            launch.link_service(service, item, levels=levels, rules=rules, findings=findings)
        service.save()


def publish(apps, models, *, note: str) -> None:
    from triage.publishing import payload_version
    from triage.rules import working_payload

    payload = working_payload(models)
    apps.get_model("triage", "Publication").objects.create(
        version=payload_version(payload), payload=payload, note=note
    )


class Migration(migrations.Migration):
    dependencies = [("triage", "0012_v3_schema"), ("guides", "0013_spanish_guides")]

    operations = [migrations.RunPython(move_to_version_3, migrations.RunPython.noop)]
