"""Version 2 of the clinical specification (shared/triage-spec.md): five pages of single-fact
findings combined by rules. A fresh database gets version 2 directly. A database on version 1
is moved onto it without losing what editors wrote:

- Kept findings keep their code, and every word an editor changed (question, hint, short form);
  words still as launched get version 2's wording. `blood_thinners` and `dark_stool` always get
  version 2's wording, because version 1's meaning was the hazard (a two-part question, and two
  signs in one): the earlier words stay in each finding's history.
- Retired findings (fever_or_abscess, hiv_exposure, sti_exposure, age_50_plus) are deleted;
  their history stays.
- Levels keep edited wording; wording still as launched gets version 2's.
- Help services get version 2's links and the new services only where the deployment still has
  the United States defaults (every launch service, by name); replaced services are left alone.
"""

from django.conf import settings
from django.db import migrations

# Version 1's launch wording, to tell an editor's change from the launch text.
V1_LEVELS = {
    "emergency": {
        "title": "Get emergency help now",
        "advice": "Call {emergency_number} now, or go straight to the nearest emergency room.\nIf someone is with you, ask them to call or to take you.\nIf a toy or object is stuck, do not try to pull it out.",
        "signs_heading": "Call {emergency_number} now if:",
        "safety_net": "If you cannot call, ask anyone near you to call {emergency_number} for you, or get to the nearest emergency room.",
    },
    "urgent": {
        "title": "Get medical help today",
        "advice": "Get medical help today: go to an urgent care center, call an after-hours line, see a same-day doctor, or visit a sexual health clinic today.\nIf you cannot get care today, go to an emergency room.",
        "signs_heading": "Get medical help today if:",
        "safety_net": "",
    },
    "soon": {
        "title": "See a doctor in the next few days",
        "advice": "Make an appointment with a doctor or a sexual health clinic in the next few days.\nUntil then, care for your bottom at home: wash gently, take warm baths, and eat fiber and drink water to keep your poop soft.\nTake a break from anal sex until you have healed and seen a doctor.",
        "signs_heading": "See a doctor or sexual health clinic in the next few days if:",
        "safety_net": "",
    },
    "self_care": {
        "title": "You can care for yourself at home",
        "advice": "Wash your bottom gently with warm water, and pat it dry.\nA warm bath for 10 to 15 minutes can ease soreness.\nEat fiber and drink plenty of water, so your poop stays soft.\nTake a break from anal sex until you have healed.\nNext time, use plenty of water-based lubricant, and a condom.",
        "signs_heading": "",
        "safety_net": "If you are worried at any time, see a doctor or a sexual health clinic.",
    },
}
V1_FINDINGS = {
    "heavy_bleeding": {
        "question": "Bleeding that will not stop, or a lot of blood",
        "hint": "For example, the water in the toilet turns red, or you pass large clots.",
        "text": "bleeding that will not stop, or a lot of blood or large clots",
    },
    "shock_signs": {
        "question": "Feeling faint, dizzy or confused",
        "hint": "Feeling light-headed or passing out, a racing heartbeat, breathing fast, or skin that is cold, clammy and pale.",
        "text": "feeling faint, dizzy or confused, a racing heart, or cold, clammy skin",
    },
    "severe_abdominal_pain": {
        "question": "Severe pain or swelling in your belly since the sex",
        "hint": "Your belly is very painful, swollen or hard, or you have belly pain and a fever. This can mean a tear inside.",
        "text": "severe belly pain, swelling or hardness, or belly pain with a fever",
    },
    "object_stuck": {
        "question": "A toy or object is stuck inside your bottom",
        "hint": "Do not try to pull it out yourself.",
        "text": "a toy or object stuck inside your bottom",
    },
    "dark_stool": {
        "question": "Black or dark red poop, or diarrhea with blood",
        "hint": "Poop that looks black and sticky like tar, or dark red.",
        "text": "black, tarry or dark red poop, or bloody diarrhea",
    },
    "blood_thinners": {
        "question": "You take a blood-thinning medicine and you are bleeding",
        "hint": "For example warfarin, apixaban or rivaroxaban.",
        "text": "bleeding while you take a blood-thinning medicine",
    },
    "severe_anal_pain": {
        "question": "Severe pain in or around your bottom",
        "hint": "The pain is so bad that you cannot sit, or cannot poop.",
        "text": "severe pain in your bottom that stops you sitting or pooping",
    },
    "non_consensual": {
        "question": "The sex happened without your consent, or you are not sure you agreed",
        "hint": "Medical care, medicine to prevent HIV, and a forensic exam all have time limits. Reporting to the police is your choice.",
        "text": "sex without your consent, or you are not sure you agreed",
    },
    "bleeding_persists": {
        "question": "Bleeding that lasts more than 2 days or keeps coming back",
        "hint": "Or you bleed every time you have anal sex.",
        "text": "bleeding that lasts more than 2 days, keeps coming back, or happens every time you have anal sex",
    },
    "sti_symptoms": {
        "question": "Signs of an infection in your bottom",
        "hint": "Discharge, sores, blisters, warts or ulcers, itching, or always feeling that you need to poop.",
        "text": "discharge, sores, blisters, warts, ulcers or itching in your bottom, or always feeling you need to poop",
    },
    "bowel_changes": {
        "question": "Changes for 3 weeks or more",
        "hint": "Poop that is softer, thinner or more frequent than usual, losing weight without trying, feeling unusually tired, or a lump or pain in your belly.",
        "text": "changes for 3 weeks or more: in your poop, weight loss, tiredness, or a lump or pain in your belly",
    },
    "lump_or_piles": {
        "question": "A lump at the opening of your bottom, or piles that keep coming back",
        "hint": "Piles are also called hemorrhoids. Choose this too if you are no better after 7 days of care at home.",
        "text": "a lump at your bottom, piles that keep coming back, or no better after 7 days of home care",
    },
}
V1_SERVICES = {
    "Emergency services": {
        "phone": "{emergency_number}",
        "website": "",
        "opening_hours": "24 hours, every day",
        "notes": "For an ambulance. Or go straight to the nearest emergency room. If you cannot speak, some areas take a text message to {emergency_number}; where they do not, you get a reply saying so, and need to call or ask someone to call.",
    },
    "Urgent care center": {
        "phone": "",
        "website": "",
        "opening_hours": "Many are open evenings and weekends",
        "notes": "You can walk in without an appointment. If none is open, go to an emergency room.",
    },
    "PEP to prevent HIV": {
        "phone": "",
        "website": "https://www.cdc.gov/hiv/prevention/pep.html",
        "opening_hours": "Start within 72 hours; best within 24",
        "notes": "Ask for PEP by name at an emergency room, an urgent care center, a sexual health clinic or your doctor. A clinician who is unsure can call the national PEPline for clinicians, 888-448-4911.",
    },
    "RAINN National Sexual Assault Hotline": {
        "phone": "800-656-4673",
        "website": "https://rainn.org/",
        "opening_hours": "24 hours, every day",
        "notes": "Free and confidential. Connects you to a local sexual assault service, who can tell you about medical care, a forensic exam and your choices. You can also chat online through their website.",
    },
    "Get Tested: free STI testing near you (CDC)": {
        "phone": "",
        "website": "https://gettested.cdc.gov/",
        "opening_hours": "",
        "notes": "Find free or low-cost, confidential testing for HIV and other STIs by ZIP code.",
    },
}

MEANING_CHANGED = {"blood_thinners", "dark_stool"}
RETIRED = ["fever_or_abscess", "hiv_exposure", "sti_exposure", "age_50_plus"]
V1_NAMES_IN_V2 = {"CDC-INFO: HIV and STI testing": "Get Tested: free STI testing near you (CDC)"}


def historical_models(apps):
    names = ("Page", "Level", "Finding", "Rule", "HelpService")
    models = {name: apps.get_model("triage", name) for name in names}
    models["Guide"] = apps.get_model("guides", "Guide")
    return models


def update_unedited(instance, launched: dict, new: dict, *, force=False) -> None:
    """Sets each field to its new wording where it still has the launch wording (or always,
    with force); an editor's wording stays."""
    for field, launch_value in launched.items():
        if force or getattr(instance, field) == launch_value:
            setattr(instance, field, new[field])
    instance.save()


def move_to_version_2(apps, schema_editor):
    from triage.migrations import _v2 as seed

    models = historical_models(apps)
    number = settings.EMERGENCY_NUMBER
    if not models["Finding"].objects.exists():
        seed.load_seed_rules(models, number=number)
        return

    pages = {}
    for page in seed.PAGES:
        pages[page["code"]], _ = models["Page"].objects.get_or_create(
            code=page["code"], defaults=page
        )
    levels = {level.code: level for level in models["Level"].objects.all()}
    for level_seed in seed.LEVELS:
        level = levels[level_seed["code"]]
        update_unedited(level, V1_LEVELS[level.code], level_seed)

    finding_model = models["Finding"]
    finding_model.objects.filter(code__in=RETIRED).delete()
    findings = {finding.code: finding for finding in finding_model.objects.all()}
    for finding_seed in seed.FINDINGS:
        code = finding_seed["code"]
        finding = findings.get(code)
        if finding is None:
            fields = {key: value for key, value in finding_seed.items() if key != "page"}
            findings[code] = finding_model.objects.create(
                page=pages[finding_seed["page"]], **fields
            )
            continue
        finding.page = pages[finding_seed["page"]]
        finding.order = finding_seed["order"]
        finding.advice = finding_seed.get("advice", "")
        launched = V1_FINDINGS.get(code, {"question": None, "hint": None, "text": None})
        update_unedited(finding, launched, finding_seed, force=code in MEANING_CHANGED)
    # Findings a deployment added itself have no page in version 2's terms: ask them last.
    finding_model.objects.filter(page__isnull=True).update(page=pages["soon"])

    rules = {}
    for order, rule_seed in enumerate(seed.RULES, start=1):
        rule = models["Rule"].objects.create(
            code=rule_seed["code"],
            level=levels[rule_seed["level"]],
            setting=rule_seed.get("setting", "any"),
            text=rule_seed["text"],
            sources=rule_seed["sources"],
            order=order,
        )
        rule.findings.set(findings[code] for code in rule_seed["findings"])
        rules[rule.code] = rule

    services = {service.name: service for service in models["HelpService"].objects.all()}
    if not set(V1_SERVICES).issubset(services):
        return  # the deployment replaced the defaults: its services are its own
    missing = []
    for service_seed in seed.SERVICES:
        launch_name = V1_NAMES_IN_V2.get(service_seed["name"], service_seed["name"])
        service = services.get(launch_name)
        if service is None:
            missing.append(service_seed)
            continue
        new = {**service_seed, "phone": service_seed["phone"].replace("{emergency_number}", number)}
        launched = {"name": launch_name, **V1_SERVICES[launch_name]}
        launched["phone"] = launched["phone"].replace("{emergency_number}", number)
        update_unedited(service, launched, new)
        service.levels.add(*(levels[code] for code in service_seed["levels"]))
        service.rules.add(*(rules[code] for code in service_seed["rules"]))
        service.findings.add(*(findings[code] for code in service_seed["findings"]))
    seed.add_seed_services(
        models, missing, levels=levels, rules=rules, findings=findings, number=number
    )


class Migration(migrations.Migration):
    dependencies = [("triage", "0004_v2_schema"), ("guides", "0004_editorial_roles")]

    operations = [migrations.RunPython(move_to_version_2, migrations.RunPython.noop)]
