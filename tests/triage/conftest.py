"""The clinical specification's table (/work/shared/triage-spec.md, docs/triage.md), written out
here by hand so that tests check the code against the specification, not against itself."""

import pytest

# Levels, most urgent first.
SPEC_LEVELS = ["emergency", "urgent", "soon", "self_care"]

# Every finding in the specification's order: (code, level, publishers its sources name).
SPEC_FINDINGS = [
    ("heavy_bleeding", "emergency", ["NHS", "Mayo Clinic"]),
    ("shock_signs", "emergency", ["Mayo Clinic"]),
    ("severe_abdominal_pain", "emergency", ["Mayo Clinic", "Micromedex", "Rosen & Barkin"]),
    ("object_stuck", "emergency", ["healthdirect", "Merck Manual"]),
    ("dark_stool", "urgent", ["NHS"]),
    ("blood_thinners", "urgent", ["NHS"]),
    ("fever_or_abscess", "urgent", ["NHS"]),
    ("severe_anal_pain", "urgent", ["Mayo Clinic"]),
    ("hiv_exposure", "urgent", ["BHIVA", "BASHH", "CDC"]),
    ("non_consensual", "urgent", ["NHS", "Rape Crisis"]),
    ("bleeding_persists", "soon", ["Mayo Clinic", "NHS"]),
    ("sti_symptoms", "soon", ["CDC", "NHS"]),
    ("sti_exposure", "soon", ["CDC", "NHS"]),
    ("bowel_changes", "soon", ["NHS", "NICE NG12"]),
    ("age_50_plus", "soon", ["NICE NG12"]),
    ("lump_or_piles", "soon", ["NHS"]),
]


class Spec:
    levels = SPEC_LEVELS
    findings = SPEC_FINDINGS
    codes = [code for code, _, _ in SPEC_FINDINGS]
    level_of = {code: level for code, level, _ in SPEC_FINDINGS}
    publishers = {code: publishers for code, _, publishers in SPEC_FINDINGS}

    def codes_at(self, level: str) -> list[str]:
        return [code for code in self.codes if self.level_of[code] == level]

    def assess(self, findings) -> tuple[str, list[str]]:
        """The oracle: the specification's rule applied by hand to a collection of codes."""
        reported = set(findings)
        if not reported:
            return "self_care", []
        level = min((self.level_of[code] for code in reported), key=self.levels.index)
        reasons = sorted(
            reported,
            key=lambda code: (self.levels.index(self.level_of[code]), self.codes.index(code)),
        )
        return level, reasons


@pytest.fixture(scope="session")
def spec():
    return Spec()


@pytest.fixture(params=[code for code, _, _ in SPEC_FINDINGS])
def spec_code(request):
    """Each finding code of the specification in turn."""
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
