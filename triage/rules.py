"""The published rule set: one immutable snapshot of the levels, pages, single choices,
findings, rules, sources and help services, read from the database in a few queries. The form,
the API and the offline client (through GET /api/v1/triage/) all work from this snapshot, and
its version is a hash of everything in it, so any edit to a rule or its wording gives a new
version."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cached_property

from django.conf import settings
from django.utils import translation

from core.memo import Remembered
from core.placeholders import fill_placeholders
from guides.models import active_language
from guides.services import published_versions

from .models import (
    LANGUAGES,
    SELF_CARE,
    TRANSLATED_FIELDS,
    Choice,
    Finding,
    HelpService,
    Level,
    Page,
    Rule,
    ServiceKind,
    Source,
    lines,
    tel_href,
)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """ "Your immune system is weak" inside a sentence; "HIV ..." or "I am ..." stay as written."""
    first_word = text.split(" ", 1)[0].rstrip(",")
    keep = first_word == "I" or (len(first_word) > 1 and first_word.isupper())
    return text if keep else text[:1].lower() + text[1:]


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
    unreached: tuple[str, ...]  # "Also tell the staff" prompts when the check ended before it


@dataclass(frozen=True)
class ChoiceRule:
    code: str
    group: str  # the page it is asked on
    question: str
    not_sure: str  # the option a missing answer counts as


@dataclass(frozen=True)
class FindingRule:
    code: str
    group: str  # the page it is asked on
    choice: str | None  # the single choice it is an option of; None for a tick
    order: int
    question: str
    hint: str
    said: str  # first person, for the nurse script
    said_en: str  # the same in English, for a Spanish speaker's English-speaking nurse
    tell_staff: str
    private: bool  # its nurse-script line can be hidden
    develops: str  # see Finding.develops


@dataclass(frozen=True)
class SourceRef:
    publisher: str
    title: str
    url: str
    checked_on: str  # ISO date
    confirmed: bool


@dataclass(frozen=True)
class TriageRule:
    code: str
    level: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...]
    text: str
    watch_for: str
    watch_for_order: int
    sources: tuple[SourceRef, ...]
    order: int

    def matches(self, answers: set[str] | frozenset[str]) -> bool:
        """All of `all_of`, and one of `any_of` when it has any (spec, "Rules")."""
        return answers.issuperset(self.all_of) and (
            not self.any_of or not answers.isdisjoint(self.any_of)
        )

    @property
    def needs(self) -> frozenset[str]:
        return frozenset(self.all_of) | frozenset(self.any_of)


@dataclass(frozen=True)
class ServiceRule:
    key: str
    name: str
    kind: str
    kind_label: str
    phone: str
    tel: str
    text_to: str
    website: str
    website_in_other_language: bool  # an English-only site on a Spanish page: "(en inglés)"
    opening_hours: str
    languages: str
    notes: str
    levels: tuple[str, ...]
    rules: tuple[str, ...]
    findings: tuple[str, ...]

    def fits(self, level: str, matched: set[str], given: set[str]) -> bool:
        """Shown on its levels; one brought by reasons only when a reason brings it."""
        if level not in self.levels:
            return False
        if not self.rules and not self.findings:
            return True
        return not matched.isdisjoint(self.rules) or not given.isdisjoint(self.findings)


@dataclass(frozen=True)
class RuleSet:
    levels: tuple[LevelRule, ...]  # most urgent first
    pages: tuple[PageRule, ...]  # in the order they are asked
    choices: tuple[ChoiceRule, ...]  # page by page
    findings: tuple[FindingRule, ...]  # page by page, in the specification's order
    rules: tuple[TriageRule, ...]  # most urgent first, then the specification's order
    services: tuple[ServiceRule, ...]
    emergency_number: str
    default_level: str = SELF_CARE
    language: str = "en"  # of its words; what it composes itself is in this language too

    @cached_property
    def level_by_code(self) -> dict[str, LevelRule]:
        return {level.code: level for level in self.levels}

    @cached_property
    def page_by_code(self) -> dict[str, PageRule]:
        return {page.code: page for page in self.pages}

    @cached_property
    def choice_by_code(self) -> dict[str, ChoiceRule]:
        return {choice.code: choice for choice in self.choices}

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
        """The tick boxes of a page."""
        return tuple(f for f in self.findings if f.group == page and f.choice is None)

    def choices_on(self, page: str) -> tuple[ChoiceRule, ...]:
        return tuple(choice for choice in self.choices if choice.group == page)

    @cached_property
    def options_by_choice(self) -> dict[str, tuple[FindingRule, ...]]:
        """Each single choice's options, worked out once per rule set: every answer reads them."""
        return {
            choice.code: tuple(f for f in self.findings if f.choice == choice.code)
            for choice in self.choices
        }

    def options(self, choice: str) -> tuple[FindingRule, ...]:
        return self.options_by_choice.get(choice, ())

    def page_number(self, page: str) -> int:
        return [p.code for p in self.pages].index(page) + 1

    def next_page(self, page: str) -> PageRule | None:
        number = self.page_number(page)
        return self.pages[number] if number < len(self.pages) else None

    def previous_page(self, page: str) -> PageRule | None:
        number = self.page_number(page)
        return self.pages[number - 2] if number > 1 else None

    def pages_up_to(self, page: str | None) -> frozenset[str]:
        """The pages a person has seen when they answered `page` (all of them for None)."""
        if page is None:
            return frozenset(self.page_by_code)
        return frozenset(p.code for p in self.pages[: self.page_number(page)])

    def warning_signs(self, level: str) -> tuple[str, ...]:
        """The watch-for phrases of a level's rules that one sign alone completes: what anyone
        can spot without the check (the home page's emergency card)."""
        return tuple(
            rule.watch_for
            for rule in sorted(self.rules, key=lambda rule: (rule.watch_for_order, rule.order))
            if rule.level == level
            and rule.watch_for
            and not rule.any_of
            and len(rule.all_of) == 1
            and self.finding_by_code[rule.all_of[0]].develops == "always"
        )

    def sign_list(self, level: str) -> tuple[str, ...]:
        """Every warning sign of a level, for a guide's list (issue 17): each rule's watch-for
        phrase, with the answers about the person it also needs (a finding that never develops,
        such as a weak immune system) after "if", so a reader who skips the check is told the
        same level for the same signs. Rules about what happened (no watch-for) are not signs."""
        signs = []
        for rule in sorted(self.rules, key=lambda rule: (rule.watch_for_order, rule.order)):
            if rule.level != level or not rule.watch_for:
                continue
            context = [
                lower_first(self.finding_by_code[code].question)
                for code in rule.all_of
                if not self.finding_by_code[code].develops
            ]
            sign = upper_first(rule.watch_for)
            if context:
                with translation.override(self.language):
                    sign = translation.gettext("%(sign)s, if %(context)s") % {
                        "sign": sign,
                        "context": translation.gettext(" and ").join(context),
                    }
            signs.append(sign)
        return tuple(dict.fromkeys(signs))

    def in_page_order(self, findings: Iterable[str]) -> tuple[FindingRule, ...]:
        """The findings given, in the order they were asked."""
        given = set(findings)
        return tuple(finding for finding in self.findings if finding.code in given)

    def as_payload(self) -> dict:
        """Plain JSON data: what GET /api/v1/triage/ publishes, without the version."""
        return {
            "default_level": self.default_level,
            "emergency_number": self.emergency_number,
            "levels": [
                {
                    **asdict(level),
                    "advice": list(level.advice),
                    "safety_net": list(level.safety_net),
                }
                for level in self.levels
            ],
            "groups": [{**asdict(page), "unreached": list(page.unreached)} for page in self.pages],
            "choices": [asdict(choice) for choice in self.choices],
            "findings": [asdict(finding) for finding in self.findings],
            "rules": [
                {**asdict(rule), "all_of": list(rule.all_of), "any_of": list(rule.any_of)}
                for rule in self.rules
            ],
            "services": [
                {
                    **asdict(service),
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
    """An item of the payload with the Spanish wording of its translated fields beside it."""
    for field in TRANSLATED_FIELDS[model_name]:
        item[f"{field}_es"] = getattr(instance, f"{field}_es", "")
    return item


def working_payload(models: dict | None = None) -> dict:
    """The rules as they stand in the database (the working copy editors change), as plain
    data: placeholders unfilled, guides by slug, sources by key. A publication keeps exactly
    this, so what the public sees is rebuilt from it alone. `models` lets a migration pass its
    own models."""
    if models is None:
        models = {
            "Level": Level,
            "Page": Page,
            "Choice": Choice,
            "Finding": Finding,
            "Rule": Rule,
            "Source": Source,
            "HelpService": HelpService,
        }
    findings = list(
        models["Finding"]
        .objects.select_related("page", "choice")
        .order_by("page__order", "order", "code")
    )
    position = {finding.pk: index for index, finding in enumerate(findings)}

    def in_finding_order(related) -> list[str]:
        return [f.code for f in sorted(related.all(), key=lambda f: position[f.pk])]

    levels = list(models["Level"].objects.order_by("order").prefetch_related("guides"))
    rules = list(
        models["Rule"]
        .objects.order_by("level__order", "order", "code")
        .select_related("level")
        .prefetch_related("all_of", "any_of", "sources")
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
                page,
                "Page",
                {
                    "code": page.code,
                    "order": page.order,
                    "question": page.question,
                    "unreached": page.unreached,
                },
            )
            for page in models["Page"].objects.order_by("order")
        ],
        "choices": [
            with_spanish(
                choice,
                "Choice",
                {
                    "code": choice.code,
                    "group": choice.page.code,
                    "question": choice.question,
                    "not_sure": choice.not_sure,
                },
            )
            for choice in models["Choice"]
            .objects.select_related("page")
            .order_by("page__order", "code")
        ],
        "findings": [
            with_spanish(
                finding,
                "Finding",
                {
                    "code": finding.code,
                    "group": finding.page.code,
                    "choice": finding.choice.code if finding.choice_id else None,
                    "order": finding.order,
                    "question": finding.question,
                    "hint": finding.hint,
                    "said": finding.said,
                    "tell_staff": finding.tell_staff,
                    "private": finding.private,
                    "develops": finding.develops,
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
                    "all_of": in_finding_order(rule.all_of),
                    "any_of": in_finding_order(rule.any_of),
                    "text": rule.text,
                    "watch_for": rule.watch_for,
                    "watch_for_order": rule.watch_for_order,
                    "sources": sorted(source.key for source in rule.sources.all()),
                    "order": rule.order,
                },
            )
            for rule in rules
        ],
        "sources": [
            {
                "key": source.key,
                "publisher": source.publisher,
                "title": source.title,
                "url": source.url,
                "checked_on": source.checked_on.isoformat(),
                "confirmed": source.confirmed,
            }
            for source in models["Source"].objects.order_by("key")
        ],
        "services": [
            with_spanish(
                service,
                "HelpService",
                {
                    "key": service.key,
                    "name": service.name,
                    "kind": service.kind,
                    "phone": service.phone,
                    "text_to": service.text_to,
                    "website": service.website,
                    "website_es": service.website_es,
                    "opening_hours": service.opening_hours,
                    "languages": service.languages,
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
    sources = {
        source["key"]: SourceRef(
            publisher=source["publisher"],
            title=source["title"],
            url=source["url"],
            checked_on=source["checked_on"],
            confirmed=source["confirmed"],
        )
        for source in payload["sources"]
    }
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
            PageRule(
                code=page["code"],
                order=page["order"],
                question=words(page, "question"),
                unreached=tuple(lines(words(page, "unreached"))),
            )
            for page in payload["pages"]
        ),
        choices=tuple(
            ChoiceRule(
                code=choice["code"],
                group=choice["group"],
                question=words(choice, "question"),
                not_sure=choice["not_sure"],
            )
            for choice in payload["choices"]
        ),
        findings=tuple(
            FindingRule(
                code=finding["code"],
                group=finding["group"],
                choice=finding["choice"],
                order=finding["order"],
                question=words(finding, "question"),
                hint=words(finding, "hint"),
                said=words(finding, "said"),
                said_en=fill_placeholders(finding["said"]),
                tell_staff=words(finding, "tell_staff"),
                private=finding["private"],
                develops=finding["develops"],
            )
            for finding in payload["findings"]
        ),
        rules=tuple(
            TriageRule(
                code=rule["code"],
                level=rule["level"],
                all_of=tuple(rule["all_of"]),
                any_of=tuple(rule["any_of"]),
                text=words(rule, "text"),
                watch_for=words(rule, "watch_for"),
                watch_for_order=rule["watch_for_order"],
                sources=tuple(sources[key] for key in rule["sources"]),
                order=rule["order"],
            )
            for rule in payload["rules"]
        ),
        services=tuple(
            ServiceRule(
                key=service["key"],
                name=words(service, "name"),
                kind=service["kind"],
                kind_label=str(kind_labels.get(service["kind"], service["kind"])),
                phone=fill_placeholders(service["phone"]),
                tel=tel_href(fill_placeholders(service["phone"])),
                text_to=words(service, "text_to"),
                website=(spanish and service["website_es"]) or service["website"],
                website_in_other_language=bool(
                    spanish and service["website"] and not service["website_es"]
                ),
                opening_hours=words(service, "opening_hours"),
                languages=words(service, "languages"),
                notes=words(service, "notes"),
                levels=tuple(service["levels"]),
                rules=tuple(service["rules"]),
                findings=tuple(service["findings"]),
            )
            for service in payload["services"]
        ),
        emergency_number=settings.EMERGENCY_NUMBER,
        language="es" if spanish else "en",
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
    language: Remembered(
        lambda language=language: build_rule_set(published_payload(), language),
        shared=f"rule-set-{language}",  # for a worker that could not read it yet (issue 19)
    )
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
