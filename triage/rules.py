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
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.memo import Remembered
from guides.models import Guide

from .models import (
    EMERGENCY_NUMBER_PLACEHOLDER,
    SELF_CARE,
    Finding,
    HelpService,
    Level,
    Page,
    Rule,
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


def fill(text: str, *, emergency_number: str) -> str:
    return text.replace(EMERGENCY_NUMBER_PLACEHOLDER, emergency_number)


def load_rule_set() -> RuleSet:
    number = settings.EMERGENCY_NUMBER

    def filled(text: str) -> str:
        return fill(text, emergency_number=number)

    levels = Level.objects.in_order().prefetch_related(
        Prefetch("guides", queryset=Guide.objects.published().order_by("order", "title"))
    )
    level_rules = tuple(
        LevelRule(
            code=level.code,
            order=level.order,
            kind=level.kind,
            title=filled(level.title),
            advice=tuple(filled(line) for line in lines(level.advice)),
            signs_heading=filled(level.signs_heading),
            safety_net=tuple(filled(line) for line in lines(level.safety_net)),
            guides=tuple(
                GuideLink(title=guide.published_title, url=guide.get_absolute_url())
                for guide in level.guides.all()
            ),
        )
        for level in levels
    )
    page_rules = tuple(
        PageRule(code=page.code, order=page.order, question=filled(page.question))
        for page in Page.objects.in_order()
    )
    finding_rules = tuple(
        FindingRule(
            code=finding.code,
            group=finding.page.code,
            order=finding.order,
            question=filled(finding.question),
            hint=filled(finding.hint),
            text=filled(finding.text),
            advice=filled(finding.advice),
        )
        for finding in Finding.objects.in_order()
    )
    finding_position = {finding.code: index for index, finding in enumerate(finding_rules)}

    def in_finding_order(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(codes, key=finding_position.__getitem__))

    triage_rules = tuple(
        TriageRule(
            code=rule.code,
            level=rule.level.code,
            setting=rule.setting,
            all_of=in_finding_order(f.code for f in rule.findings.all()),
            text=filled(rule.text),
            sources=tuple(lines(rule.sources)),
            order=rule.order,
        )
        for rule in Rule.objects.in_order()
    )
    level_position = {level.code: index for index, level in enumerate(level_rules)}
    rule_position = {rule.code: index for index, rule in enumerate(triage_rules)}
    services = HelpService.objects.prefetch_related("levels", "rules", "findings")
    service_rules = tuple(
        ServiceRule(
            name=service.name,
            kind=service.kind,
            kind_label=str(service.get_kind_display()),
            phone=service.phone,
            tel=tel_href(service.phone),
            website=service.website,
            opening_hours=service.opening_hours,
            notes=filled(service.notes),
            levels=tuple(
                sorted((lvl.code for lvl in service.levels.all()), key=level_position.__getitem__)
            ),
            rules=tuple(
                sorted((r.code for r in service.rules.all()), key=rule_position.__getitem__)
            ),
            findings=in_finding_order(f.code for f in service.findings.all()),
        )
        for service in services
    )
    return RuleSet(
        levels=level_rules,
        pages=page_rules,
        findings=finding_rules,
        rules=triage_rules,
        services=service_rules,
        emergency_number=number,
    )


_published = Remembered(load_rule_set)


def published_rule_set() -> RuleSet:
    """The rule set every answer is given from. Reading it costs eight queries and about ten
    milliseconds, so each process reads it at most once per PAGE_VERSION_TTL (as it does the
    site version); a save in this process forgets it at once (core.caching), and another
    server's save is seen within the TTL, when the site version is read again."""
    return _published.get()


def forget_published_rule_set() -> None:
    _published.forget()


def rule_set_version() -> str:
    """The version of the rules as they stand in the database now; core.versioning folds it into
    the site version. Reading it also refreshes the remembered rule set, so the pages and the
    answers given from it never drift apart by more than one TTL."""
    return _published.refresh().version
