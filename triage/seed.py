"""The launch rules from the clinical specification (docs/triage.md): four levels, the findings
with their sources, and help services for the United States. A data migration loads them into
a fresh database; it only adds what is missing, so editors' later changes are never overwritten.

The wording is the project's own; the meaning of each finding is the specification's."""

LEVELS = [
    {
        "code": "emergency",
        "order": 1,
        "kind": "emergency",
        "title": "Get emergency help now",
        "advice": (
            "Call {emergency_number} now, or go straight to the nearest emergency room.\n"
            "If someone is with you, ask them to call or to take you.\n"
            "If a toy or object is stuck, do not try to pull it out."
        ),
        "signs_heading": "Call {emergency_number} now if:",
        "safety_net": (
            "If you cannot call, ask anyone near you to call {emergency_number} for you, "
            "or get to the nearest emergency room."
        ),
        "question": "Do you have any of these now?",
        "guides": ["when-to-see-a-doctor"],
    },
    {
        "code": "urgent",
        "order": 2,
        "kind": "urgent",
        "title": "Get medical help today",
        "advice": (
            "Get medical help today: go to an urgent care center, call an after-hours "
            "line, see a same-day doctor, or visit a sexual health clinic today.\n"
            "If you cannot get care today, go to an emergency room."
        ),
        "signs_heading": "Get medical help today if:",
        "safety_net": "",
        "question": "Do any of these apply to you?",
        "guides": ["when-to-see-a-doctor", "sti-protection"],
    },
    {
        "code": "soon",
        "order": 3,
        "kind": "non-urgent",
        "title": "See a doctor in the next few days",
        "advice": (
            "Make an appointment with a doctor or a sexual health clinic in the next few days.\n"
            "Until then, care for your bottom at home: wash gently, take warm baths, and eat "
            "fiber and drink water to keep your poop soft.\n"
            "Take a break from anal sex until you have healed and seen a doctor."
        ),
        "signs_heading": "See a doctor or sexual health clinic in the next few days if:",
        "safety_net": "",
        "question": "Do any of these apply to you?",
        "guides": ["when-to-see-a-doctor", "sti-protection", "treatment"],
    },
    {
        "code": "self_care",
        "order": 4,
        "kind": "advice",
        "title": "You can care for yourself at home",
        "advice": (
            "Wash your bottom gently with warm water, and pat it dry.\n"
            "A warm bath for 10 to 15 minutes can ease soreness.\n"
            "Eat fiber and drink plenty of water, so your poop stays soft.\n"
            "Take a break from anal sex until you have healed.\n"
            "Next time, use plenty of water-based lubricant, and a condom."
        ),
        "signs_heading": "",
        "safety_net": "If you are worried at any time, see a doctor or a sexual health clinic.",
        "question": "",
        "guides": ["what-to-do-now", "treatment", "prevention"],
    },
]

FINDINGS = [
    # Emergency
    {
        "code": "heavy_bleeding",
        "level": "emergency",
        "order": 1,
        "question": "Bleeding that will not stop, or a lot of blood",
        "hint": "For example, the water in the toilet turns red, or you pass large clots.",
        "text": "bleeding that will not stop, or a lot of blood or large clots",
        "sources": (
            "NHS: Bleeding from the bottom (rectal bleeding)\n"
            "Mayo Clinic: Rectal bleeding: when to see a doctor"
        ),
    },
    {
        "code": "shock_signs",
        "level": "emergency",
        "order": 2,
        "question": "Feeling faint, dizzy or confused",
        "hint": (
            "Feeling light-headed or passing out, a racing heartbeat, breathing fast, "
            "or skin that is cold, clammy and pale."
        ),
        "text": "feeling faint, dizzy or confused, a racing heart, or cold, clammy skin",
        "sources": "Mayo Clinic: Rectal bleeding (bleeding with signs of shock)",
    },
    {
        "code": "severe_abdominal_pain",
        "level": "emergency",
        "order": 3,
        "question": "Severe pain or swelling in your belly since the sex",
        "hint": (
            "Your belly is very painful, swollen or hard, or you have belly pain and a fever. "
            "This can mean a tear inside."
        ),
        "text": "severe belly pain, swelling or hardness, or belly pain with a fever",
        "sources": (
            "Mayo Clinic: Rectal bleeding\n"
            "Micromedex: Rectal foreign body discharge care\n"
            "Rosen & Barkin's 5-Minute Emergency Consult: Rectal perforation"
        ),
    },
    {
        "code": "object_stuck",
        "level": "emergency",
        "order": 4,
        "question": "A toy or object is stuck inside your bottom",
        "hint": "Do not try to pull it out yourself.",
        "text": "a toy or object stuck inside your bottom",
        "sources": ("healthdirect: Anal injury\nMerck Manual: Foreign objects in the rectum"),
    },
    # Urgent (today)
    {
        "code": "dark_stool",
        "level": "urgent",
        "order": 1,
        "question": "Black or dark red poop, or diarrhea with blood",
        "hint": "Poop that looks black and sticky like tar, or dark red.",
        "text": "black, tarry or dark red poop, or bloody diarrhea",
        "sources": "NHS: Bleeding from the bottom (rectal bleeding): urgent GP or NHS 111",
    },
    {
        "code": "blood_thinners",
        "level": "urgent",
        "order": 2,
        "question": "You take a blood-thinning medicine and you are bleeding",
        "hint": "For example warfarin, apixaban or rivaroxaban.",
        "text": "bleeding while you take a blood-thinning medicine",
        "sources": "NHS: Anticoagulants: side effects",
    },
    {
        "code": "fever_or_abscess",
        "level": "urgent",
        "order": 3,
        "question": "A fever, or a painful lump near your bottom that is getting worse",
        "hint": (
            "A temperature of 100.4°F (38°C) or higher, or a lump that throbs or is swollen, "
            "red or sore, and is getting worse."
        ),
        "text": "a fever, or a painful, swollen lump near your bottom that is getting worse",
        "sources": "NHS: Anal fistula: symptoms (anal abscess)",
    },
    {
        "code": "severe_anal_pain",
        "level": "urgent",
        "order": 4,
        "question": "Severe pain in or around your bottom",
        "hint": "The pain is so bad that you cannot sit, or cannot poop.",
        "text": "severe pain in your bottom that stops you sitting or pooping",
        "sources": "Mayo Clinic: Rectal bleeding (bleeding with anal pain: urgent care)",
    },
    {
        "code": "hiv_exposure",
        "level": "urgent",
        "order": 5,
        "question": "You may have been exposed to HIV in the last 72 hours (3 days)",
        "hint": (
            "You had anal sex without a condom, or the condom broke or slipped, and your "
            "partner's HIV status is unknown, or they have HIV and their viral load is not "
            "undetectable. Medicine called PEP can prevent HIV: it works best within 24 hours "
            "and has to start within 72 hours."
        ),
        "text": "a possible exposure to HIV in the last 72 hours (PEP can prevent HIV)",
        "sources": (
            "BHIVA: PEP (post-exposure prophylaxis) FAQ\n"
            "BASHH: UK guideline for the use of HIV post-exposure prophylaxis (PEPSE)\n"
            "CDC: Guidelines for non-occupational post-exposure prophylaxis (nPEP)"
        ),
    },
    {
        "code": "non_consensual",
        "level": "urgent",
        "order": 6,
        "question": "The sex happened without your consent, or you are not sure you agreed",
        "hint": (
            "Medical care, medicine to prevent HIV, and a forensic exam all have time limits. "
            "Reporting to the police is your choice."
        ),
        "text": "sex without your consent, or you are not sure you agreed",
        "sources": (
            "NHS: Help after rape and sexual assault\n"
            "Rape Crisis: guidance on forensic examination (within about 7 days)"
        ),
    },
    # Soon (next few days)
    {
        "code": "bleeding_persists",
        "level": "soon",
        "order": 1,
        "question": "Bleeding that lasts more than 2 days or keeps coming back",
        "hint": "Or you bleed every time you have anal sex.",
        "text": (
            "bleeding that lasts more than 2 days, keeps coming back, or happens every time "
            "you have anal sex"
        ),
        "sources": (
            "Mayo Clinic: Rectal bleeding (lasting more than a day or two)\n"
            "NHS: Anal fissure (see a GP)"
        ),
    },
    {
        "code": "sti_symptoms",
        "level": "soon",
        "order": 2,
        "question": "Signs of an infection in your bottom",
        "hint": (
            "Discharge, sores, blisters, warts or ulcers, itching, or always feeling that "
            "you need to poop."
        ),
        "text": "discharge, sores, blisters, warts, ulcers or itching in your bottom, or always "
        "feeling you need to poop",
        "sources": (
            "CDC: STI Treatment Guidelines: Proctitis, proctocolitis, and enteritis\n"
            "NHS: Gonorrhoea"
        ),
    },
    {
        "code": "sti_exposure",
        "level": "soon",
        "order": 3,
        "question": "Anal sex without a condom with a new or casual partner",
        "hint": (
            "It was more than 72 hours ago, or HIV is not a concern. A test for STIs "
            "(sexually transmitted infections) is due."
        ),
        "text": "sex without a condom with a new or casual partner (an STI test is due)",
        "sources": ("CDC: STI Treatment Guidelines\nNHS: Sexual health services"),
    },
    {
        "code": "bowel_changes",
        "level": "soon",
        "order": 4,
        "question": "Changes for 3 weeks or more",
        "hint": (
            "Poop that is softer, thinner or more frequent than usual, losing weight without "
            "trying, feeling unusually tired, or a lump or pain in your belly."
        ),
        "text": (
            "changes for 3 weeks or more: in your poop, weight loss, tiredness, or a lump or "
            "pain in your belly"
        ),
        "sources": (
            "NHS: Bleeding from the bottom (rectal bleeding): see a GP\n"
            "NICE NG12: Suspected cancer: recognition and referral"
        ),
    },
    {
        "code": "age_50_plus",
        "level": "soon",
        "order": 5,
        "question": "You are 50 or older, and you also bleed at other times",
        "hint": "Bleeding from your bottom that also happens at times other than after sex.",
        "text": "being 50 or older, with bleeding at other times than after sex",
        "sources": "NICE NG12: Suspected cancer (unexplained rectal bleeding, aged 50 and over)",
    },
    {
        "code": "lump_or_piles",
        "level": "soon",
        "order": 6,
        "question": "A lump at the opening of your bottom, or piles that keep coming back",
        "hint": (
            "Piles are also called hemorrhoids. Choose this too if you are no better after "
            "7 days of care at home."
        ),
        "text": (
            "a lump at your bottom, piles that keep coming back, or no better after 7 days "
            "of home care"
        ),
        "sources": "NHS: Piles (haemorrhoids)",
    },
]

# United States defaults. A deployment edits or replaces them in admin.
SERVICES = [
    {
        "name": "Emergency services",
        "kind": "emergency",
        "phone": "{emergency_number}",
        "website": "",
        "opening_hours": "24 hours, every day",
        "notes": (
            "For an ambulance. Or go straight to the nearest emergency room. If you cannot "
            "speak, some areas take a text message to {emergency_number}; where they do not, "
            "you get a reply saying so, and need to call or ask someone to call."
        ),
        "order": 1,
        "levels": ["emergency"],
        "findings": [],
    },
    {
        "name": "Urgent care center",
        "kind": "urgent_care",
        "phone": "",
        "website": "",
        "opening_hours": "Many are open evenings and weekends",
        "notes": (
            "You can walk in without an appointment. If none is open, go to an emergency room."
        ),
        "order": 2,
        "levels": ["urgent"],
        "findings": [],
    },
    {
        "name": "PEP to prevent HIV",
        "kind": "pep",
        "phone": "",
        "website": "https://www.cdc.gov/hiv/prevention/pep.html",
        "opening_hours": "Start within 72 hours; best within 24",
        "notes": (
            "Ask for PEP by name at an emergency room, an urgent care center, a sexual health "
            "clinic or your doctor. A clinician who is unsure can call the national PEPline "
            "for clinicians, 888-448-4911."
        ),
        "order": 3,
        "levels": [],
        "findings": ["hiv_exposure", "non_consensual"],
    },
    {
        "name": "RAINN National Sexual Assault Hotline",
        "kind": "sexual_assault",
        "phone": "800-656-4673",
        "website": "https://rainn.org/",
        "opening_hours": "24 hours, every day",
        "notes": (
            "Free and confidential. Connects you to a local sexual assault service, who can "
            "tell you about medical care, a forensic exam and your choices. You can also chat "
            "online through their website."
        ),
        "order": 4,
        "levels": [],
        "findings": ["non_consensual"],
    },
    {
        "name": "Get Tested: free STI testing near you (CDC)",
        "kind": "sexual_health",
        "phone": "",
        "website": "https://gettested.cdc.gov/",
        "opening_hours": "",
        "notes": "Find free or low-cost, confidential testing for HIV and other STIs by ZIP code.",
        "order": 5,
        "levels": ["soon"],
        "findings": ["hiv_exposure", "non_consensual"],
    },
]


def load_seed_rules(level_model, finding_model, service_model, guide_model, *, number) -> None:
    """Add the launch levels, findings and services that are missing; never change existing
    ones. `number` replaces {emergency_number} in service phone numbers."""
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
        if seed["code"] in findings:
            continue
        level = levels[seed["level"]]
        fields = {key: value for key, value in seed.items() if key != "level"}
        findings[seed["code"]] = finding_model.objects.create(group=level, level=level, **fields)

    if service_model.objects.exists():
        return
    for seed in SERVICES:
        fields = {k: v for k, v in seed.items() if k not in {"levels", "findings"}}
        fields["phone"] = fields["phone"].replace("{emergency_number}", number)
        service = service_model.objects.create(**fields)
        service.levels.set(levels[code] for code in seed["levels"])
        service.findings.set(findings[code] for code in seed["findings"])
