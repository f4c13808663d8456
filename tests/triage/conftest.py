"""Version 2 of the clinical specification (shared/triage-spec.md), its tables written out here so
that tests check the code against the specification, not against itself."""

import pytest

SPEC_LEVELS = ["emergency", "urgent", "soon", "self_care"]

# The pages in the order they are asked.
SPEC_PAGES = ["emergency", "about_the_sex", "about_you", "today", "soon"]

# (code, page) in the specification's order.
SPEC_FINDINGS = [
    ("heavy_bleeding", "emergency"),
    ("shock_signs", "emergency"),
    ("severe_abdominal_pain", "emergency"),
    ("object_stuck", "emergency"),
    ("spreading_infection", "emergency"),
    ("non_consensual", "about_the_sex"),
    ("condomless", "about_the_sex"),
    ("partner_risk", "about_the_sex"),
    ("no_prep", "about_the_sex"),
    ("within_72h", "about_the_sex"),
    ("shared_needles", "about_the_sex"),
    ("fist_or_object", "about_the_sex"),
    ("blood_thinners", "about_you"),
    ("weak_immune_system", "about_you"),
    ("recent_procedure", "about_you"),
    ("pregnant", "about_you"),
    ("pregnancy_signs", "about_you"),
    ("age_45_plus", "about_you"),
    ("under_18", "about_you"),
    ("dark_stool", "today"),
    ("bloody_diarrhea", "today"),
    ("fever", "today"),
    ("belly_pain", "today"),
    ("abscess", "today"),
    ("severe_anal_pain", "today"),
    ("leaking_poop", "today"),
    ("prolapse", "today"),
    ("cannot_pee", "today"),
    ("painful_bleeding", "soon"),
    ("bleeding_persists", "soon"),
    ("bleeding_without_sex", "soon"),
    ("sti_symptoms", "soon"),
    ("bowel_changes", "soon"),
    ("lump_or_piles", "soon"),
    ("no_better_7_days", "soon"),
    ("still_worried", "soon"),
]

# (code, all of, level, setting, sources as the specification names them), in its order.
SPEC_RULES = [
    (
        "heavy_bleeding",
        ["heavy_bleeding"],
        "emergency",
        None,
        'Mayo Clinic "Rectal bleeding: when to see a doctor"; NHS "Bleeding from the bottom"',
    ),
    ("shock_signs", ["shock_signs"], "emergency", None, 'Mayo Clinic "Rectal bleeding"'),
    (
        "severe_abdominal_pain",
        ["severe_abdominal_pain"],
        "emergency",
        None,
        'Merck Manual "Rectal foreign bodies" (perforation)',
    ),
    ("object_stuck", ["object_stuck"], "emergency", None, 'Merck Manual "Rectal foreign bodies"'),
    (
        "spreading_infection",
        ["spreading_infection"],
        "emergency",
        None,
        'ASCRS "Anorectal abscess" guideline 2022; Fournier\'s gangrene reviews',
    ),
    (
        "fever_weak_immunity",
        ["fever", "weak_immune_system"],
        "emergency",
        None,
        'IDSA febrile neutropenia guideline; NHS "Neutropenic sepsis"',
    ),
    (
        "fist_belly_pain",
        ["fist_or_object", "belly_pain"],
        "emergency",
        None,
        'Merck Manual "Rectal foreign bodies"; reviews of rectal perforation after fisting',
    ),
    ("fist_fever", ["fist_or_object", "fever"], "emergency", None, "as above"),
    (
        "trapped_prolapse",
        ["prolapse", "severe_anal_pain"],
        "emergency",
        None,
        'ASCRS "Rectal prolapse"',
    ),
    (
        "pregnancy_warning",
        ["pregnant", "pregnancy_signs"],
        "emergency",
        None,
        'ACOG patient guidance "Bleeding during pregnancy"',
    ),
    (
        "non_consensual",
        ["non_consensual"],
        "urgent",
        "any",
        'RAINN "What is a sexual assault forensic exam"; EVAWI; CDC PEP 2025',
    ),
    ("non_consensual_recent", ["non_consensual", "within_72h"], "urgent", "er", "as above"),
    (
        "hiv_pep",
        ["condomless", "partner_risk", "no_prep", "within_72h"],
        "urgent",
        "any",
        'CDC "Clinical Guidance for HIV PEP" (MMWR 2025); CDC doxy-PEP guidelines 2024',
    ),
    ("hiv_pep_needles", ["shared_needles", "within_72h"], "urgent", "any", "CDC PEP 2025"),
    (
        "dark_stool",
        ["dark_stool"],
        "urgent",
        "er",
        'NHS "Bleeding from the bottom"; ACG GI bleeding guideline',
    ),
    ("bloody_diarrhea", ["bloody_diarrhea"], "urgent", "any", 'NHS "Bleeding from the bottom"'),
    (
        "blood_thinners",
        ["blood_thinners"],
        "urgent",
        "any",
        'NHS "Anticoagulant medicines: side effects"',
    ),
    ("fever", ["fever"], "urgent", "any", 'NHS "Anal abscess"'),
    (
        "fever_abscess",
        ["fever", "abscess"],
        "urgent",
        "er",
        'ASCRS "Anorectal abscess" guideline 2022',
    ),
    ("fever_anal_pain", ["fever", "severe_anal_pain"], "urgent", "er", "ASCRS 2022"),
    (
        "belly_pain",
        ["belly_pain"],
        "urgent",
        "any",
        'Mayo Clinic "Abdominal pain: when to see a doctor"',
    ),
    ("abscess", ["abscess"], "urgent", "any", 'NHS "Anal fistula"; ASCRS 2022'),
    ("severe_anal_pain", ["severe_anal_pain"], "urgent", "any", 'Mayo Clinic "Rectal bleeding"'),
    (
        "leaking_poop",
        ["leaking_poop"],
        "urgent",
        "er",
        'ASCRS "Fecal incontinence"; reviews of anorectal injury after fisting',
    ),
    ("prolapse", ["prolapse"], "urgent", "er", 'ASCRS "Rectal prolapse"; ASCRS "Hemorrhoids"'),
    ("cannot_pee", ["cannot_pee"], "urgent", "er", 'NHS "Urinary retention"'),
    (
        "recent_procedure",
        ["recent_procedure"],
        "urgent",
        "any",
        'ASCRS "Hemorrhoid banding" aftercare',
    ),
    (
        "sti_hiv_test",
        ["condomless", "partner_risk"],
        "soon",
        None,
        "CDC STI Treatment Guidelines 2021; CDC PEP 2025",
    ),
    ("needles_test", ["shared_needles"], "soon", None, 'CDC "HIV and people who inject drugs"'),
    (
        "painful_bleeding",
        ["painful_bleeding"],
        "soon",
        None,
        'source article; ASCRS "Anal fissure"',
    ),
    ("bleeding_persists", ["bleeding_persists"], "soon", None, 'Mayo Clinic "Rectal bleeding"'),
    (
        "bleeding_without_sex",
        ["bleeding_without_sex"],
        "soon",
        None,
        'ACG "Management of benign anorectal disorders" 2021; Mayo Clinic',
    ),
    ("age_45_plus", ["age_45_plus"], "soon", None, "USPSTF colorectal cancer screening 2021; ACG"),
    (
        "sti_symptoms",
        ["sti_symptoms"],
        "soon",
        None,
        'CDC STI Treatment Guidelines 2021 "Proctitis"',
    ),
    ("bowel_changes", ["bowel_changes"], "soon", None, 'NHS "Bleeding from the bottom"; ACG'),
    ("lump_or_piles", ["lump_or_piles"], "soon", None, 'ASCRS "Hemorrhoids"; NHS "Piles"'),
    ("no_better_7_days", ["no_better_7_days"], "soon", None, 'ASCRS "Anal fissure"'),
    ("pregnant", ["pregnant"], "soon", None, 'ACOG "Hemorrhoids during pregnancy"; CDC PEP 2025'),
    ("still_worried", ["still_worried"], "soon", None, "NHS 111 safety-netting practice"),
]

# Publishers the specification's source column names; each must be cited by the seeded rule.
PUBLISHERS = [
    "Mayo Clinic",
    "NHS",
    "Merck Manual",
    "ASCRS",
    "IDSA",
    "ACOG",
    "RAINN",
    "EVAWI",
    "CDC",
    "USPSTF",
    "ACG",
    "Fournier",
]
RETIRED = ["fever_or_abscess", "hiv_exposure", "sti_exposure", "age_50_plus"]


class Spec:
    levels = SPEC_LEVELS
    pages = SPEC_PAGES
    codes = [code for code, _ in SPEC_FINDINGS]
    page_of = dict(SPEC_FINDINGS)
    rule_codes = [rule[0] for rule in SPEC_RULES]
    rules = {code: (set(all_of), level, setting) for code, all_of, level, setting, _ in SPEC_RULES}
    retired = RETIRED

    def codes_on(self, page: str) -> list[str]:
        return [code for code in self.codes if self.page_of[code] == page]

    def rules_at(self, level: str) -> list[str]:
        return [code for code in self.rule_codes if self.rules[code][1] == level]

    def publishers(self, rule: str) -> list[str]:
        """The publishers the specification names for a rule ("as above": the rule before)."""
        index = self.rule_codes.index(rule)
        while SPEC_RULES[index][4] == "as above":
            index -= 1
        return [name for name in PUBLISHERS if name in SPEC_RULES[index][4]]

    def assess(self, findings) -> tuple[str, str, list[str]]:
        """The oracle, from the specification's table: (level, setting, matching rule codes)."""
        ticked = set(findings)
        matching = [code for code in self.rule_codes if self.rules[code][0] <= ticked]
        matching.sort(key=lambda code: self.levels.index(self.rules[code][1]))
        level = self.rules[matching[0]][1] if matching else "self_care"
        er = any(self.rules[code][1:] == (level, "er") for code in matching)
        return level, "er" if er else "any", matching


@pytest.fixture(scope="session")
def spec():
    return Spec()


@pytest.fixture(params=[rule[0] for rule in SPEC_RULES])
def spec_rule(request):
    """Each rule code of the specification in turn."""
    return request.param


@pytest.fixture
def rules(db):
    from triage.rules import load_rule_set

    return load_rule_set()


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
