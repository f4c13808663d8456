"""The published rule set: one immutable snapshot of the levels, findings and help services,
read from the database in a few queries. The form, the API and the offline client (through
GET /api/v1/triage/) all work from this snapshot, and its version is a hash of everything in
it, so any edit to a rule or its wording gives a new version."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch

from core.memo import Remembered
from guides.models import Guide

from .models import (
    EMERGENCY_NUMBER_PLACEHOLDER,
    SELF_CARE,
    Finding,
    HelpService,
    Level,
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
    question: str
    guides: tuple[GuideLink, ...]


@dataclass(frozen=True)
class FindingRule:
    code: str
    level: str
    group: str
    order: int
    question: str
    hint: str
    text: str
    sources: tuple[str, ...]


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
    findings: tuple[str, ...]


@dataclass(frozen=True)
class SafetySection:
    level: LevelRule
    signs: tuple[FindingRule, ...]


@dataclass(frozen=True)
class RuleSet:
    levels: tuple[LevelRule, ...]  # most urgent first
    findings: tuple[FindingRule, ...]  # the specification's order
    services: tuple[ServiceRule, ...]
    emergency_number: str
    default_level: str = SELF_CARE

    @cached_property
    def level_by_code(self) -> dict[str, LevelRule]:
        return {level.code: level for level in self.levels}

    @cached_property
    def finding_by_code(self) -> dict[str, FindingRule]:
        return {finding.code: finding for finding in self.findings}

    @cached_property
    def rank(self) -> dict[str, int]:
        """Position of each level, 0 the most urgent."""
        return {level.code: index for index, level in enumerate(self.levels)}

    def finding_sort_key(self, finding: FindingRule) -> tuple:
        return (self.rank[finding.level], self.rank[finding.group], finding.order, finding.code)

    @cached_property
    def groups(self) -> tuple[LevelRule, ...]:
        """The pages of questions, in the order they are asked: most urgent signs first."""
        asked = {finding.group for finding in self.findings}
        return tuple(level for level in self.levels if level.code in asked)

    def questions(self, group: str) -> tuple[FindingRule, ...]:
        return tuple(
            sorted(
                (finding for finding in self.findings if finding.group == group),
                key=lambda finding: (finding.order, finding.code),
            )
        )

    def next_group(self, group: str) -> LevelRule | None:
        codes = [level.code for level in self.groups]
        index = codes.index(group) + 1
        return self.groups[index] if index < len(codes) else None

    @property
    def most_urgent(self) -> str:
        return self.levels[0].code

    def safety_sections(self, level: str) -> tuple[SafetySection, ...]:
        """The safety net of a result: the signs of every more urgent level, with what to do."""
        sections = []
        for more_urgent in self.levels[: self.rank[level]]:
            signs = tuple(f for f in self.findings if f.level == more_urgent.code)
            if signs:
                sections.append(SafetySection(level=more_urgent, signs=signs))
        return tuple(sections)

    def services_for(self, level: str, findings: Iterable[str]) -> tuple[ServiceRule, ...]:
        """Services that fit a result: shown on its level, or for one of the answers given."""
        reported = set(findings)
        return tuple(
            service
            for service in self.services
            if level in service.levels or reported.intersection(service.findings)
        )

    def sources_for(self, findings: Iterable[str]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for code in findings:
            for source in self.finding_by_code[code].sources:
                seen.setdefault(source, None)
        return tuple(seen)

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
                    "question": level.question,
                    "guides": [{"title": g.title, "url": g.url} for g in level.guides],
                }
                for level in self.levels
            ],
            "findings": [
                {
                    "code": finding.code,
                    "level": finding.level,
                    "group": finding.group,
                    "order": finding.order,
                    "question": finding.question,
                    "hint": finding.hint,
                    "text": finding.text,
                    "sources": list(finding.sources),
                }
                for finding in self.findings
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
    level_order = {}
    level_rules = []
    for level in levels:
        level_order[level.code] = level.order
        level_rules.append(
            LevelRule(
                code=level.code,
                order=level.order,
                kind=level.kind,
                title=filled(level.title),
                advice=tuple(filled(line) for line in lines(level.advice)),
                signs_heading=filled(level.signs_heading),
                safety_net=tuple(filled(line) for line in lines(level.safety_net)),
                question=filled(level.question),
                guides=tuple(
                    GuideLink(title=guide.published_title, url=guide.get_absolute_url())
                    for guide in level.guides.all()
                ),
            )
        )
    finding_rules = tuple(
        FindingRule(
            code=finding.code,
            level=finding.level.code,
            group=finding.group.code,
            order=finding.order,
            question=filled(finding.question),
            hint=filled(finding.hint),
            text=filled(finding.text),
            sources=tuple(lines(finding.sources)),
        )
        for finding in Finding.objects.in_order()
    )
    finding_position = {finding.code: index for index, finding in enumerate(finding_rules)}
    services = HelpService.objects.prefetch_related("levels", "findings")
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
                sorted((lvl.code for lvl in service.levels.all()), key=level_order.__getitem__)
            ),
            findings=tuple(
                sorted((f.code for f in service.findings.all()), key=finding_position.__getitem__)
            ),
        )
        for service in services
    )
    return RuleSet(
        levels=tuple(level_rules),
        findings=finding_rules,
        services=service_rules,
        emergency_number=number,
    )


_published = Remembered(load_rule_set)


def published_rule_set() -> RuleSet:
    """The rule set every answer is given from. Reading it costs six queries and about ten
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
