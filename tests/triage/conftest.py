"""Version 3 of the clinical specification (shared/triage-spec.md), its tables written out here by
hand so that tests check the code and the data files against the specification, not against
themselves. Nothing here reads triage code or triage/content/."""

import pytest

# Levels, most urgent first.
SPEC_LEVELS = ["emergency", "er_today", "urgent", "soon", "self_care"]

# Pages, in the order they are asked.
SPEC_PAGES = ["emergency", "about_the_sex", "about_you", "today", "soon"]

# Single choices: code -> (page, options in order, the option a missing answer counts as).
SPEC_CHOICES = {
    "when": (
        "about_the_sex",
        ["when_48h", "when_2_to_3_days", "when_3_to_5_days", "when_later", "when_unsure"],
        "when_unsure",
    ),
    "age": (
        "about_you",
        [
            "age_13_or_under",
            "age_14_to_17",
            "age_18_to_44",
            "age_45_to_64",
            "age_65_plus",
            "age_unsaid",
        ],
        "age_unsaid",
    ),
}

# Every answer, (code, page, single choice or None), page by page: a page's ticks, then its
# single choice's options, each in the specification's order.
SPEC_FINDINGS = [
    # Page 1: emergency
    ("heavy_bleeding", "emergency", None),
    ("shock_signs", "emergency", None),
    ("severe_abdominal_pain", "emergency", None),
    ("object_stuck", "emergency", None),
    ("spreading_infection", "emergency", None),
    ("strangulation_signs", "emergency", None),
    ("danger_signs", "emergency", None),
    # Page 2: about the sex
    ("non_consensual", "about_the_sex", None),
    ("strangled", "about_the_sex", None),
    ("condomless", "about_the_sex", None),
    ("partner_risk", "about_the_sex", None),
    ("on_prep", "about_the_sex", None),
    ("shared_needles", "about_the_sex", None),
    ("fist_or_object", "about_the_sex", None),
    ("high_or_drunk", "about_the_sex", None),
    ("traded_sex", "about_the_sex", None),
    ("when_48h", "about_the_sex", "when"),
    ("when_2_to_3_days", "about_the_sex", "when"),
    ("when_3_to_5_days", "about_the_sex", "when"),
    ("when_later", "about_the_sex", "when"),
    ("when_unsure", "about_the_sex", "when"),
    # Page 3: about you
    ("blood_thinners", "about_you", None),
    ("weak_immune_system", "about_you", None),
    ("diabetes", "about_you", None),
    ("recent_procedure", "about_you", None),
    ("pregnant", "about_you", None),
    ("pregnancy_signs", "about_you", None),
    ("older_partner", "about_you", None),
    ("age_13_or_under", "about_you", "age"),
    ("age_14_to_17", "about_you", "age"),
    ("age_18_to_44", "about_you", "age"),
    ("age_45_to_64", "about_you", "age"),
    ("age_65_plus", "about_you", "age"),
    ("age_unsaid", "about_you", "age"),
    # Page 4: today
    ("still_bleeding", "today", None),
    ("deep_pain", "today", None),
    ("dark_stool", "today", None),
    ("bloody_diarrhea", "today", None),
    ("fever", "today", None),
    ("belly_pain", "today", None),
    ("abscess", "today", None),
    ("severe_anal_pain", "today", None),
    ("leaking_poop", "today", None),
    ("prolapse", "today", None),
    ("cannot_pee", "today", None),
    # Page 5: soon
    ("painful_bleeding", "soon", None),
    ("bleeding_persists", "soon", None),
    ("bleeding_without_sex", "soon", None),
    ("sti_symptoms", "soon", None),
    ("bowel_changes", "soon", None),
    ("lump_or_piles", "soon", None),
    ("no_better_7_days", "soon", None),
    ("still_worried", "soon", None),
]

# Findings marked *context* or *advice*: they raise no level by themselves.
SPEC_CONTEXT = {
    "condomless",
    "partner_risk",
    "on_prep",
    "diabetes",
    *SPEC_CHOICES["when"][1],
    "age_18_to_44",
    "age_unsaid",
}
SPEC_ADVICE = {"high_or_drunk", "traded_sex"}

# The nurse-script lines a person can hide (spec, "What to tell the nurse or doctor").
SPEC_PRIVATE = {
    "non_consensual",
    "strangled",
    "strangulation_signs",
    "traded_sex",
    "older_partner",
    "shared_needles",
    "high_or_drunk",
}

RECENT = ["when_48h", "when_2_to_3_days", "when_3_to_5_days", "when_unsure"]
CLOSING = ["when_2_to_3_days", "when_unsure"]

# Every rule, (code, all of, any of, level, sources as the specification names them), in its
# order.
SPEC_RULES = [
    # emergency
    (
        "heavy_bleeding",
        ["heavy_bleeding"],
        [],
        "emergency",
        'Mayo Clinic "Rectal bleeding"; ACG GI bleeding guideline',
    ),
    ("shock_signs", ["shock_signs"], [], "emergency", 'Mayo Clinic "Rectal bleeding"'),
    (
        "severe_abdominal_pain",
        ["severe_abdominal_pain"],
        [],
        "emergency",
        'Merck Manual "Rectal foreign bodies"',
    ),
    ("object_stuck", ["object_stuck"], [], "emergency", 'Merck Manual "Rectal foreign bodies"'),
    (
        "spreading_infection",
        ["spreading_infection"],
        [],
        "emergency",
        "ASCRS anorectal abscess guideline 2022",
    ),
    (
        "strangulation_signs",
        ["strangulation_signs"],
        [],
        "emergency",
        "Training Institute on Strangulation Prevention (TISP) recommendations 2019; ACEP",
    ),
    (
        "danger_signs",
        ["danger_signs"],
        [],
        "emergency",
        "AHA/ASA stroke warning signs; poison-center guidance on alkyl nitrites",
    ),
    (
        "fever_weak_immunity",
        ["fever", "weak_immune_system"],
        [],
        "emergency",
        "IDSA febrile neutropenia guideline",
    ),
    (
        "fist_belly_pain",
        ["fist_or_object", "belly_pain"],
        [],
        "emergency",
        'Merck Manual "Rectal foreign bodies"',
    ),
    (
        "fist_fever",
        ["fist_or_object", "fever"],
        [],
        "emergency",
        'Merck Manual "Rectal foreign bodies"',
    ),
    (
        "belly_pain_fever",
        ["belly_pain", "fever"],
        [],
        "emergency",
        'Merck Manual "Acute abdominal pain"',
    ),
    (
        "deep_pain_danger",
        ["deep_pain"],
        ["fever", "fist_or_object", "recent_procedure"],
        "emergency",
        "Merck Manual; ASCRS 2022",
    ),
    (
        "procedure_fever",
        ["recent_procedure", "fever"],
        [],
        "emergency",
        "AUA prostate biopsy white paper; ASGE colonoscopy adverse events",
    ),
    (
        "procedure_belly_pain",
        ["recent_procedure", "belly_pain"],
        [],
        "emergency",
        "ASGE colonoscopy adverse events",
    ),
    (
        "trapped_prolapse",
        ["prolapse", "severe_anal_pain"],
        [],
        "emergency",
        'ASCRS "Rectal prolapse"; ASCRS hemorrhoids guideline',
    ),
    (
        "pregnancy_signs",
        ["pregnancy_signs"],
        [],
        "emergency",
        'ACOG "Bleeding during pregnancy"; ACOG "Ectopic pregnancy"',
    ),
    # er_today
    (
        "non_consensual_recent",
        ["non_consensual"],
        RECENT,
        "er_today",
        'RAINN; CDC STI Treatment Guidelines 2021 "Sexual assault"; DOJ National Protocol for '
        "Sexual Assault Medical Forensic Examinations 2024; VAWA",
    ),
    ("strangled", ["strangled"], [], "er_today", "TISP 2019; ACEP"),
    (
        "fist_or_object_recent",
        ["fist_or_object"],
        RECENT,
        "er_today",
        'Merck Manual "Rectal foreign bodies"; reviews of anorectal injury after fisting',
    ),
    ("hiv_pep_closing", ["condomless", "partner_risk"], CLOSING, "er_today", "CDC PEP 2025"),
    ("hiv_pep_needles_closing", ["shared_needles"], CLOSING, "er_today", "CDC PEP 2025"),
    ("still_bleeding", ["still_bleeding"], [], "er_today", 'Mayo Clinic "Rectal bleeding"'),
    ("deep_pain", ["deep_pain"], [], "er_today", "Merck Manual; ASCRS 2022"),
    ("dark_stool", ["dark_stool"], [], "er_today", "ACG GI bleeding guideline"),
    ("belly_pain", ["belly_pain"], [], "er_today", 'Mayo Clinic "Abdominal pain"'),
    ("abscess", ["abscess"], [], "er_today", "ASCRS 2022"),
    ("fever_anal_pain", ["fever", "severe_anal_pain"], [], "er_today", "ASCRS 2022"),
    (
        "weak_immunity_signs",
        ["weak_immune_system"],
        ["abscess", "severe_anal_pain", "bloody_diarrhea", "still_bleeding"],
        "er_today",
        "IDSA; ASCRS 2022",
    ),
    (
        "diabetes_infection",
        ["diabetes"],
        ["fever", "severe_anal_pain", "deep_pain", "abscess"],
        "er_today",
        "ASCRS 2022 (Fournier's gangrene)",
    ),
    (
        "blood_thinners_bleeding",
        ["blood_thinners"],
        ["still_bleeding", "bleeding_persists"],
        "er_today",
        "ACC anticoagulant bleeding pathway 2020",
    ),
    (
        "procedure_bleeding",
        ["recent_procedure"],
        ["still_bleeding", "bleeding_persists"],
        "er_today",
        "ASCRS hemorrhoids guideline (banding)",
    ),
    (
        "older_fever",
        ["fever", "age_65_plus"],
        [],
        "er_today",
        "IDSA; ACEP geriatric ED guidelines",
    ),
    (
        "child_recent",
        ["age_13_or_under"],
        RECENT,
        "er_today",
        'AAP "Evaluation of suspected child sexual abuse"; Childhelp',
    ),
    (
        "older_partner_recent",
        ["older_partner"],
        RECENT,
        "er_today",
        'AAP; CDC STI Treatment Guidelines 2021 "Sexual assault and abuse"',
    ),
    (
        "leaking_poop",
        ["leaking_poop"],
        [],
        "er_today",
        'ASCRS "Fecal incontinence"; ACOG obstetric anal sphincter injury',
    ),
    ("prolapse", ["prolapse"], [], "er_today", 'ASCRS "Rectal prolapse"'),
    ("cannot_pee", ["cannot_pee"], [], "er_today", 'AUA; MedlinePlus "Urinary retention"'),
    # urgent
    (
        "non_consensual",
        ["non_consensual"],
        [],
        "urgent",
        "RAINN; CDC STI Treatment Guidelines 2021",
    ),
    (
        "hiv_pep",
        ["condomless", "partner_risk"],
        ["when_48h"],
        "urgent",
        "CDC PEP 2025; CDC doxyPEP 2024",
    ),
    (
        "hiv_pep_on_prep",
        ["condomless", "partner_risk", "on_prep"],
        ["when_48h"],
        "urgent",
        "CDC PEP 2025; CDC PrEP guideline 2021 and updates",
    ),
    ("hiv_pep_needles", ["shared_needles"], ["when_48h"], "urgent", "CDC PEP 2025"),
    (
        "bloody_diarrhea",
        ["bloody_diarrhea"],
        [],
        "urgent",
        'CDC STI Treatment Guidelines 2021 "Proctitis"; ACG',
    ),
    (
        "blood_thinners",
        ["blood_thinners"],
        [],
        "urgent",
        "ACC anticoagulant bleeding pathway 2020; DHHS PEP drug-interaction tables",
    ),
    (
        "weak_immune_system",
        ["weak_immune_system"],
        [],
        "urgent",
        'IDSA; NCI "Infection and neutropenia"',
    ),
    ("fever", ["fever"], [], "urgent", "ASCRS 2022"),
    (
        "severe_anal_pain",
        ["severe_anal_pain"],
        [],
        "urgent",
        'ASCRS "Anal fissure"; ASCRS hemorrhoids guideline',
    ),
    ("recent_procedure", ["recent_procedure"], [], "urgent", "ASCRS hemorrhoids guideline"),
    ("fist_or_object", ["fist_or_object"], [], "urgent", 'Merck Manual "Rectal foreign bodies"'),
    ("child", [], ["age_13_or_under"], "urgent", "AAP; Childhelp"),
    ("older_partner", ["older_partner"], [], "urgent", "AAP; Childhelp"),
    (
        "minor_traded",
        ["traded_sex"],
        ["age_13_or_under", "age_14_to_17"],
        "urgent",
        "National Human Trafficking Hotline; federal TVPA definition",
    ),
    # soon
    (
        "sti_hiv_test",
        ["condomless", "partner_risk"],
        [],
        "soon",
        "CDC STI Treatment Guidelines 2021; CDC PEP 2025; ACOG emergency contraception",
    ),
    (
        "needles_test",
        ["shared_needles"],
        [],
        "soon",
        'CDC "HIV and people who inject drugs"; CDC STI Treatment Guidelines 2021 (hepatitis B)',
    ),
    (
        "painful_bleeding",
        ["painful_bleeding"],
        [],
        "soon",
        'source article; ASCRS "Anal fissure"',
    ),
    ("bleeding_persists", ["bleeding_persists"], [], "soon", 'Mayo Clinic "Rectal bleeding"'),
    (
        "bleeding_without_sex",
        ["bleeding_without_sex"],
        [],
        "soon",
        "ACG benign anorectal disorders 2021",
    ),
    ("age_45_plus", [], ["age_45_to_64", "age_65_plus"], "soon", "USPSTF 2021; ACG"),
    (
        "sti_symptoms",
        ["sti_symptoms"],
        [],
        "soon",
        'CDC STI Treatment Guidelines 2021 "Proctitis"; CDC mpox',
    ),
    ("bowel_changes", ["bowel_changes"], [], "soon", "ACG; USPSTF 2021"),
    ("lump_or_piles", ["lump_or_piles"], [], "soon", "ASCRS hemorrhoids guideline"),
    ("no_better_7_days", ["no_better_7_days"], [], "soon", 'ASCRS "Anal fissure"'),
    ("pregnant", ["pregnant"], [], "soon", "ACOG; CDC PEP 2025"),
    (
        "teen",
        [],
        ["age_14_to_17"],
        "soon",
        'Guttmacher "Minors\' access to STI services"; AAP; Title X',
    ),
    ("still_worried", ["still_worried"], [], "soon", "safety-netting practice (AAFP)"),
    # self_care: advice only
    (
        "high_or_drunk",
        ["high_or_drunk"],
        [],
        "self_care",
        'CDC "Chemsex"; FDA warnings on nitrates',
    ),
    ("traded_sex", ["traded_sex"], [], "self_care", "National Human Trafficking Hotline"),
]

# The publishers the sources column names, and words by which each is known in a source's
# publisher or title (sources.toml).
SPEC_PUBLISHERS = {
    "Mayo Clinic": "Mayo Clinic",
    "ACG": "American College of Gastroenterology",
    "Merck Manual": "Merck Manual",
    "ASCRS": "Colon and Rectal Surgeons",
    "TISP": "Strangulation Prevention",
    "ACEP": "Emergency Physicians",
    "AHA/ASA": "American Heart Association",
    "poison-center": "Poison",
    "IDSA": "Infectious Diseases Society of America",
    "AUA": "Urolog",
    "ASGE": "Gastrointestinal Endoscopy",
    "ACOG": "Obstetricians and Gynecologists",
    "RAINN": "RAINN",
    "CDC": "Centers for Disease Control",
    "DOJ": "Department of Justice",
    "VAWA": "Violence Against Women",
    "ACC": "American College of Cardiology",
    "AAP": "American Academy of Pediatrics",
    "Childhelp": "Childhelp",
    "National Human Trafficking Hotline": "Human Trafficking Hotline",
    "TVPA": "Trafficking",
    "USPSTF": "Preventive Services Task Force",
    "Guttmacher": "Guttmacher",
    "Title X": "Title X",
    "AAFP": "American Academy of Family Physicians",
    "FDA": "Food and Drug Administration",
    "NCI": "National Cancer Institute",
    "MedlinePlus": "MedlinePlus",
    "DHHS": "Health and Human Services",
    "source article": "Bleeding after anal sex",
    "fisting": "anal sphincter",
}

# Help services by key (triage/content/en.toml), as the specification asks for them.
PEP_RULES = {
    "hiv_pep",
    "hiv_pep_on_prep",
    "hiv_pep_needles",
    "hiv_pep_closing",
    "hiv_pep_needles_closing",
    "non_consensual_recent",
    "older_partner_recent",
}

# Codes that versions 2 and 3 retired: version 1's, then version 2's.
RETIRED_V1 = ["fever_or_abscess", "hiv_exposure", "sti_exposure", "age_50_plus"]
RETIRED_V2 = ["within_72h", "age_45_plus", "under_18", "pregnancy_warning", "no_prep"]
RETIRED = RETIRED_V1 + RETIRED_V2


class SpecRule:
    """One row of the rules table."""

    def __init__(self, code, all_of, any_of, level, sources):
        self.code, self.level, self.sources = code, level, sources
        self.all_of, self.any_of = frozenset(all_of), frozenset(any_of)
        self.all_of_order, self.any_of_order = list(all_of), list(any_of)

    @property
    def needs(self) -> frozenset[str]:
        return self.all_of | self.any_of

    def answers(self) -> list[str]:
        """The fewest answers that match it: its all_of and its first any_of."""
        return [*self.all_of_order, *self.any_of_order[:1]]

    def __iter__(self):
        # Unpacks as (all_of, level, any_of): code written for version 2's (all_of, level,
        # setting) keeps its first two names.
        return iter((set(self.all_of), self.level, set(self.any_of)))


class Spec:
    """The specification's tables, and its matching rule read straight from the text."""

    levels = SPEC_LEVELS
    pages = SPEC_PAGES
    choices = SPEC_CHOICES
    codes = [code for code, _page, _choice in SPEC_FINDINGS]
    page_of = {code: page for code, page, _choice in SPEC_FINDINGS}
    choice_of = {code: choice for code, _page, choice in SPEC_FINDINGS}
    ticks = [code for code, _page, choice in SPEC_FINDINGS if choice is None]
    rule_codes = [row[0] for row in SPEC_RULES]
    rules = {row[0]: SpecRule(*row) for row in SPEC_RULES}
    context = SPEC_CONTEXT
    advice = SPEC_ADVICE
    private = SPEC_PRIVATE
    pep_rules = PEP_RULES
    publishers = SPEC_PUBLISHERS
    retired = RETIRED
    retired_v1 = RETIRED_V1
    retired_v2 = RETIRED_V2

    def codes_on(self, page: str) -> list[str]:
        """A page's tick boxes, in order (its single choice's options are separate)."""
        return [code for code in self.ticks if self.page_of[code] == page]

    def findings_on(self, page: str) -> list[str]:
        return [code for code in self.codes if self.page_of[code] == page]

    def options(self, choice: str) -> list[str]:
        return self.choices[choice][1]

    def rules_at(self, level: str) -> list[str]:
        return [code for code in self.rule_codes if self.rules[code].level == level]

    def rank(self, level: str) -> int:
        return self.levels.index(level)

    def as_read(self, findings) -> set[str]:
        """The answers as the rules read them: a single choice with no answer is not sure."""
        given = set(findings)
        for _page, options, not_sure in self.choices.values():
            if given.isdisjoint(options):
                given.add(not_sure)
        return given

    def matching(self, findings) -> list[str]:
        """The rules that match, most urgent first, then in the table's order."""
        answers = self.as_read(findings)
        found = [
            code
            for code in self.rule_codes
            if self.rules[code].all_of <= answers
            and (not self.rules[code].any_of or answers & self.rules[code].any_of)
        ]
        return sorted(found, key=lambda code: self.rank(self.rules[code].level))

    def level(self, findings) -> str:
        matching = self.matching(findings)
        return self.rules[matching[0]].level if matching else "self_care"

    def assess(self, findings) -> tuple[str, list[str]]:
        """The oracle: (level, matching rule codes in order)."""
        return self.level(findings), self.matching(findings)

    def valid(self, findings) -> bool:
        """At most one option of each single choice."""
        given = set(findings)
        return all(len(given & set(options)) <= 1 for _p, options, _n in self.choices.values())


@pytest.fixture(scope="session")
def spec():
    return Spec()


@pytest.fixture(params=[row[0] for row in SPEC_RULES])
def spec_rule(request):
    """Each rule code of the specification in turn."""
    return request.param


@pytest.fixture
def rules(db):
    """The published rule set in English, as people get it."""
    from triage.rules import published_rule_set

    return published_rule_set("en")


@pytest.fixture
def rules_es(db):
    from triage.rules import published_rule_set

    return published_rule_set("es")


@pytest.fixture
def make_staff(db):
    """A staff user in the named groups (the groups the data migration creates)."""
    from django.contrib.auth.models import Group, User

    counter = iter(range(10_000))

    def make(*groups: str) -> User:
        user = User.objects.create_user(
            username=f"staff{next(counter)}", password="pw-for-tests-only", is_staff=True
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        return User.objects.get(pk=user.pk)  # a fresh object: no cached permissions

    return make
