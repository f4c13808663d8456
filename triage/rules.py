"""The published rule set: one immutable snapshot of the levels, pages, findings, rules and help
services, read from the database in a few queries. The form, the API and the offline client (through
GET /api/v1/triage/) all work from this snapshot, and its version is a hash of everything in
it, so any edit to a rule or its wording gives a new version."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core.memo import Remembered
from core.placeholders import fill_placeholders
from guides.models import active_language
from guides.services import published_versions

from .models import (
    LANGUAGES,
    SELF_CARE,
    TRANSLATED_FIELDS,
    Finding,
    HelpService,
    Level,
    Page,
    Rule,
    ServiceKind,
    lines,
    tel_href,
)


@dataclass(frozen=True)
class GuideLink:
    title: str
    url: str


@dataclass(frozen=True)
class LevelRule:
    code: str
    order: int
    kind: str
    title: str
    advice: tuple[str, ...]
    signs_heading: str
    safety_net: tuple[str, ...]
    guides: tuple[GuideLink, ...]


@dataclass(frozen=True)
class PageRule:
    code: str
    order: int
    question: str


@dataclass(frozen=True)
class FindingRule:
    code: str
    group: str  # the page it is asked on
    order: int
    question: str
    hint: str
    text: str
    advice: str


@dataclass(frozen=True)
class TriageRule:
    code: str
    level: str
    setting: str
    all_of: tuple[str, ...]
    text: str
    sources: tuple[str, ...]
    order: int


@dataclass(frozen=True)
class ServiceRule:
    name: str
    kind: str
    kind_label: str
    phone: str
    tel: str
    website: str
    opening_hours: str
    notes: str
    levels: tuple[str, ...]
    rules: tuple[str, ...]
    findings: tuple[str, ...]


@dataclass(frozen=True)
class SafetySection:
    level: LevelRule
    signs: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    levels: tuple[LevelRule, ...]  # most urgent first
    pages: tuple[PageRule, ...]  # in the order they are asked
    findings: tuple[FindingRule, ...]  # page by page, in the specification's order
    rules: tuple[TriageRule, ...]  # most urgent first, then the specification's order
    services: tuple[ServiceRule, ...]
    emergency_number: str
    default_level: str = SELF_CARE

    @cached_property
    def level_by_code(self) -> dict[str, LevelRule]:
        return {level.code: level for level in self.levels}

    @cached_property
    def page_by_code(self) -> dict[str, PageRule]:
        return {page.code: page for page in self.pages}

    @cached_property
    def finding_by_code(self) -> dict[str, FindingRule]:
        return {finding.code: finding for finding in self.findings}

    @cached_property
    def rule_by_code(self) -> dict[str, TriageRule]:
        return {rule.code: rule for rule in self.rules}

    @cached_property
    def rank(self) -> dict[str, int]:
        """Position of each level, 0 the most urgent."""
        return {level.code: index for index, level in enumerate(self.levels)}

    @property
    def most_urgent(self) -> str:
        return self.levels[0].code

    def questions(self, page: str) -> tuple[FindingRule, ...]:
        return tuple(finding for finding in self.findings if finding.group == page)

    def page_number(self, page: str) -> int:
        return [p.code for p in self.pages].index(page) + 1

    def next_page(self, page: str) -> PageRule | None:
        number = self.page_number(page)
        return self.pages[number] if number < len(self.pages) else None

    def previous_page(self, page: str) -> PageRule | None:
        number = self.page_number(page)
        return self.pages[number - 2] if number > 1 else None

    def sign(self, rule: TriageRule) -> str:
        """A rule as a warning sign: its findings' short forms."""
        return _(", together with ").join(self.finding_by_code[code].text for code in rule.all_of)

    def signs(self, level: str, *, single_only: bool = False) -> tuple[str, ...]:
        """The signs that lead to a level, in short form. A rule that needs more than another
        rule of the same or a more urgent level adds no sign a person could notice. With
        single_only, only the rules that need one finding: the signs anyone can spot alone."""
        return tuple(
            self.sign(rule)
            for rule in self.rules
            if rule.level == level
            and not self.implied(rule)
            and (len(rule.all_of) == 1 or not single_only)
        )

    def safety_sections(self, level: str) -> tuple[SafetySection, ...]:
        """The safety net of a result: the signs of every more urgent level, with what to do."""
        sections = []
        for more_urgent in self.levels[: self.rank[level]]:
            signs = self.signs(more_urgent.code)
            if signs:
                sections.append(SafetySection(level=more_urgent, signs=signs))
        return tuple(sections)

    def implied(self, rule: TriageRule) -> bool:
        """Whether another rule of the same or a more urgent level needs only part of this one's
        findings: then this rule adds no sign of its own to a safety net."""
        needs = set(rule.all_of)
        return any(
            set(other.all_of) < needs and self.rank[other.level] <= self.rank[rule.level]
            for other in self.rules
        )

    def services_for(
        self, level: str, rules: Iterable[str], findings: Iterable[str]
    ) -> tuple[ServiceRule, ...]:
        """Services that fit a result: shown on its level, for a rule that matched, or for an
        answer given."""
        matched, ticked = set(rules), set(findings)
        return tuple(
            service
            for service in self.services
            if level in service.levels
            or matched.intersection(service.rules)
            or ticked.intersection(service.findings)
        )

    def sources_for(self, rules: Iterable[str]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for code in rules:
            for source in self.rule_by_code[code].sources:
                seen.setdefault(source, None)
        return tuple(seen)

    def in_page_order(self, findings: Iterable[str]) -> tuple[FindingRule, ...]:
        """The findings given, in the order they were asked: for "What to tell the nurse"."""
        given = set(findings)
        return tuple(finding for finding in self.findings if finding.code in given)

    def as_payload(self) -> dict:
        """Plain JSON data: what GET /api/v1/triage/ publishes, without the version."""
        return {
            "default_level": self.default_level,
            "emergency_number": self.emergency_number,
            "levels": [
                {
                    "code": level.code,
                    "order": level.order,
                    "kind": level.kind,
                    "title": level.title,
                    "advice": list(level.advice),
                    "signs_heading": level.signs_heading,
                    "safety_net": list(level.safety_net),
                    "guides": [{"title": g.title, "url": g.url} for g in level.guides],
                }
                for level in self.levels
            ],
            "groups": [
                {"code": page.code, "order": page.order, "question": page.question}
                for page in self.pages
            ],
            "findings": [
                {
                    "code": finding.code,
                    "group": finding.group,
                    "order": finding.order,
                    "question": finding.question,
                    "hint": finding.hint,
                    "text": finding.text,
                    "advice": finding.advice,
                }
                for finding in self.findings
            ],
            "rules": [
                {
                    "code": rule.code,
                    "level": rule.level,
                    "setting": rule.setting,
                    "all_of": list(rule.all_of),
                    "text": rule.text,
                    "sources": list(rule.sources),
                    "order": rule.order,
                }
                for rule in self.rules
            ],
            "services": [
                {
                    "name": service.name,
                    "kind": service.kind,
                    "kind_label": service.kind_label,
                    "phone": service.phone,
                    "tel": service.tel,
                    "website": service.website,
                    "opening_hours": service.opening_hours,
                    "notes": service.notes,
                    "levels": list(service.levels),
                    "rules": list(service.rules),
                    "findings": list(service.findings),
                }
                for service in self.services
            ],
        }

    @cached_property
    def version(self) -> str:
        """Changes whenever anything a person could see or be told changes."""
        canonical = json.dumps(self.as_payload(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def with_spanish(instance, model_name: str, item: dict) -> dict:
    """An item of the payload with the Spanish wording of its translated fields beside it (blank
    for a migration's model from before Spanish existed)."""
    for field in TRANSLATED_FIELDS[model_name]:
        item[f"{field}_es"] = getattr(instance, f"{field}_es", "")
    return item


def working_payload(models: dict | None = None) -> dict:
    """The rules as they stand in the database (the working copy editors change), as plain
    data: placeholders unfilled, guides by slug. A publication keeps exactly this, so what the
    public sees is rebuilt from it alone. `models` lets a migration pass its own models."""
    if models is None:
        models = {"Level": Level, "Page": Page, "Finding": Finding, "Rule": Rule}
        models["HelpService"] = HelpService
    level_model, page_model = models["Level"], models["Page"]
    finding_model, rule_model = models["Finding"], models["Rule"]
    findings = list(
        finding_model.objects.select_related("page").order_by("page__order", "order", "code")
    )
    position = {finding.pk: index for index, finding in enumerate(findings)}

    def in_finding_order(related) -> list[str]:
        return [f.code for f in sorted(related.all(), key=lambda f: position[f.pk])]

    levels = list(level_model.objects.order_by("order").prefetch_related("guides"))
    rules = list(
        rule_model.objects.order_by("level__order", "order", "code")
        .select_related("level")
        .prefetch_related("findings")
    )
    level_position = {level.pk: index for index, level in enumerate(levels)}
    rule_position = {rule.pk: index for index, rule in enumerate(rules)}
    services = models["HelpService"].objects.order_by("order", "name")
    return {
        "levels": [
            with_spanish(
                level,
                "Level",
                {
                    "code": level.code,
                    "order": level.order,
                    "kind": level.kind,
                    "title": level.title,
                    "advice": level.advice,
                    "signs_heading": level.signs_heading,
                    "safety_net": level.safety_net,
                    "guides": sorted(guide.slug for guide in level.guides.all()),
                },
            )
            for level in levels
        ],
        "pages": [
            with_spanish(
                page, "Page", {"code": page.code, "order": page.order, "question": page.question}
            )
            for page in page_model.objects.order_by("order")
        ],
        "findings": [
            with_spanish(
                finding,
                "Finding",
                {
                    "code": finding.code,
                    "group": finding.page.code,
                    "order": finding.order,
                    "question": finding.question,
                    "hint": finding.hint,
                    "text": finding.text,
                    "advice": finding.advice,
                },
            )
            for finding in findings
        ],
        "rules": [
            with_spanish(
                rule,
                "Rule",
                {
                    "code": rule.code,
                    "level": rule.level.code,
                    "setting": rule.setting,
                    "all_of": in_finding_order(rule.findings),
                    "text": rule.text,
                    "sources": rule.sources,
                    "order": rule.order,
                },
            )
            for rule in rules
        ],
        "services": [
            with_spanish(
                service,
                "HelpService",
                {
                    "id": service.pk,
                    "name": service.name,
                    "kind": service.kind,
                    "phone": service.phone,
                    "website": service.website,
                    "opening_hours": service.opening_hours,
                    "notes": service.notes,
                    "order": service.order,
                    "levels": [
                        lvl.code
                        for lvl in sorted(
                            service.levels.all(), key=lambda lv: level_position[lv.pk]
                        )
                    ],
                    "rules": [
                        r.code
                        for r in sorted(service.rules.all(), key=lambda r: rule_position[r.pk])
                    ],
                    "findings": in_finding_order(service.findings),
                },
            )
            for service in services.prefetch_related("levels", "rules", "findings")
        ],
    }


def build_rule_set(payload: dict, language: str = "en") -> RuleSet:
    """The rule set people are given from a payload (see working_payload), in one language:
    placeholders filled with this deployment's emergency number, and links to the guides that
    are published now. Spanish words missing from the payload fall back to English, so no one
    gets a blank answer."""
    with translation.override(language):
        return build_in_active_language(payload, spanish=language == "es")


def build_in_active_language(payload: dict, *, spanish: bool) -> RuleSet:
    def words(item: dict, field: str) -> str:
        return fill_placeholders((spanish and item.get(f"{field}_es")) or item[field])

    slugs = {slug for level in payload["levels"] for slug in level["guides"]}
    # Levels name their guides by English slug; a Spanish result links each one's Spanish version.
    versions = published_versions(slugs, active_language())
    guides = sorted(versions.items(), key=lambda item: (item[1].order, item[1].title))
    kind_labels = dict(ServiceKind.choices)
    return RuleSet(
        levels=tuple(
            LevelRule(
                code=level["code"],
                order=level["order"],
                kind=level["kind"],
                title=words(level, "title"),
                advice=tuple(lines(words(level, "advice"))),
                signs_heading=words(level, "signs_heading"),
                safety_net=tuple(lines(words(level, "safety_net"))),
                guides=tuple(
                    GuideLink(title=guide.published_title, url=guide.get_absolute_url())
                    for slug, guide in guides
                    if slug in level["guides"]
                ),
            )
            for level in payload["levels"]
        ),
        pages=tuple(
            PageRule(code=page["code"], order=page["order"], question=words(page, "question"))
            for page in payload["pages"]
        ),
        findings=tuple(
            FindingRule(
                code=finding["code"],
                group=finding["group"],
                order=finding["order"],
                question=words(finding, "question"),
                hint=words(finding, "hint"),
                text=words(finding, "text"),
                advice=words(finding, "advice"),
            )
            for finding in payload["findings"]
        ),
        rules=tuple(
            TriageRule(
                code=rule["code"],
                level=rule["level"],
                setting=rule["setting"],
                all_of=tuple(rule["all_of"]),
                text=words(rule, "text"),
                sources=tuple(lines(rule["sources"])),
                order=rule["order"],
            )
            for rule in payload["rules"]
        ),
        services=tuple(
            ServiceRule(
                name=words(service, "name"),
                kind=service["kind"],
                kind_label=str(kind_labels.get(service["kind"], service["kind"])),
                phone=service["phone"],
                tel=tel_href(service["phone"]),
                website=service["website"],
                opening_hours=words(service, "opening_hours"),
                notes=words(service, "notes"),
                levels=tuple(service["levels"]),
                rules=tuple(service["rules"]),
                findings=tuple(service["findings"]),
            )
            for service in payload["services"]
        ),
        emergency_number=settings.EMERGENCY_NUMBER,
    )


def load_rule_set(language: str = "en") -> RuleSet:
    """The working copy as people would see it: what staff preview before publishing."""
    return build_rule_set(working_payload(), language)


def published_payload() -> dict:
    """What a clinical reviewer last published; before anything was, the working copy (a
    database filled outside the migrations, as some tests do)."""
    from .models import Publication

    latest = Publication.objects.latest_first().values_list("payload", flat=True).first()
    return latest if latest is not None else working_payload()


def checked_language(language: str | None) -> str:
    """The language asked for, or the active one, as one of the rule set's languages."""
    code = (language or translation.get_language() or "en").split("-")[0]
    return code if code in LANGUAGES else "en"


_published = {
    language: Remembered(lambda language=language: build_rule_set(published_payload(), language))
    for language in LANGUAGES
}


def published_rule_set(language: str | None = None) -> RuleSet:
    """The rule set every answer is given from: the last publication, never an editor's
    unpublished change, in the language asked for (the page's, by default). Each process reads
    it at most once per PAGE_VERSION_TTL (as it does the site version); a publish in this
    process forgets it at once (core.caching), and another server's publish is seen within the
    TTL, when the site version is read again."""
    return _published[checked_language(language)].get()


def forget_published_rule_set() -> None:
    for remembered in _published.values():
        remembered.forget()


def rule_set_version() -> str:
    """The version of the published rules in every language; core.versioning folds it into the
    site version. Reading it also refreshes the remembered rule sets, so the pages and the
    answers given from them never drift apart by more than one TTL."""
    return "-".join(remembered.refresh().version for remembered in _published.values())
