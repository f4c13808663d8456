"""The symptom check's rules: levels of care, the findings (answers) that lead to them, and the
services a person can turn to. Wording is editable in admin; codes never change, and a change
to what a finding leads to is a clinical change with its own permission (see services.py)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import errors

# Codes the engine, the API contract and the offline client rely on (docs/triage.md).
EMERGENCY = "emergency"
ER_TODAY = "er_today"
URGENT = "urgent"
SOON = "soon"
SELF_CARE = "self_care"

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ().\-]{1,29}$")


class CareCardKind(models.TextChoices):
    EMERGENCY = "emergency", _("Immediate action (red and black)")
    URGENT = "urgent", _("Urgent (red)")
    NON_URGENT = "non-urgent", _("Non-urgent (blue)")
    ADVICE = "advice", _("Advice (self-care)")


def lines(text: str) -> list[str]:
    """An editor's multi-line text as a list: one item per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# The wording each model has in Spanish too (issue 11); codes, levels, rules and links are shared,
# so a clinical change is made once for both languages.
LANGUAGES = ("en", "es")
TRANSLATED_FIELDS = {
    "Level": ("title", "advice", "signs_heading", "safety_net"),
    "Page": ("question", "unreached"),
    "Choice": ("question",),
    "Finding": ("question", "hint", "said", "tell_staff"),
    "Rule": ("text", "watch_for"),
    "HelpService": ("name", "text_to", "opening_hours", "languages", "notes"),
}


def in_spanish(field: models.Field) -> models.Field:
    """The same kind of field for its Spanish wording: optional, so an English change can be
    saved before its translation, and never a clinical field."""
    _name, _path, args, kwargs = field.deconstruct()
    kwargs.update(
        blank=True,
        default="",
        verbose_name=f"{field.verbose_name} (español)",
        help_text=_("Spanish (es-US) wording, addressing the reader as “usted”."),
    )
    return type(field)(*args, **kwargs)


def code_field(*, max_length: int, help_text) -> models.SlugField:
    """The code integrations rely on: unique, and never changed once set (check_code_unchanged)."""
    return models.SlugField(_("code"), max_length=max_length, unique=True, help_text=help_text)


def check_code_unchanged(instance: models.Model) -> None:
    """A code that integrations rely on can be set once, when the row is created."""
    if instance.pk is None:
        return
    stored = type(instance).objects.filter(pk=instance.pk).values_list("code", flat=True).first()
    if stored is not None and stored != instance.code:
        raise ValidationError({"code": errors.CODE_IS_FIXED})


class LevelQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order")


class Level(models.Model):
    """A level of care, most urgent first. The five levels and their order are the
    specification's (the level names the place: `er_today` is an emergency room, never urgent
    care); editors change their wording only."""

    code = code_field(max_length=30, help_text=_("Fixed. The API and the offline app use it."))
    order = models.PositiveSmallIntegerField(
        _("urgency order"),
        unique=True,
        help_text=_("Fixed. 1 is the most urgent level."),
    )
    kind = models.CharField(
        _("care card"),
        max_length=20,
        choices=CareCardKind.choices,
        help_text=_("Fixed. The colour and the words a screen reader hears before the heading."),
    )
    title = models.CharField(
        _("result heading"),
        max_length=80,
        help_text=_(
            "The heading of the result page, one short call to action, e.g. "
            "“Get medical help today”. Keep it short: on the emergency result it must fit "
            "on a small phone screen below the call button."
        ),
    )
    advice = models.TextField(
        _("what to do now"),
        help_text=_(
            "One step per line, at most five lines. Shown in the result's care card. "
            "Write {emergency_number} where the emergency number belongs."
        ),
    )
    signs_heading = models.CharField(
        _("heading for its warning signs"),
        max_length=120,
        blank=True,
        help_text=_(
            "Introduces this level's signs on less urgent results, e.g. "
            "“Call {emergency_number} now if:”. Not needed for self-care."
        ),
    )
    safety_net = models.TextField(
        _("safety net"),
        blank=True,
        help_text=_(
            "One line each: what else means “get more help”. Shown under the warning signs of "
            "the more urgent levels, which are added automatically."
        ),
    )
    guides = models.ManyToManyField(
        "guides.Guide",
        verbose_name=_("guides to read"),
        blank=True,
        related_name="triage_levels",
        help_text=_("Linked from the result. Only published guides are shown."),
    )

    title_es = in_spanish(title)
    advice_es = in_spanish(advice)
    signs_heading_es = in_spanish(signs_heading)
    safety_net_es = in_spanish(safety_net)

    # The guides it links are part of each version, so a restore can put them back.
    history = HistoricalRecords(m2m_fields=[guides])
    objects = LevelQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("level of care")
        verbose_name_plural = _("levels of care")

    def __str__(self):
        return self.title

    def clean(self):
        check_code_unchanged(self)
        if self.pk is not None:
            stored = Level.objects.filter(pk=self.pk).values("order", "kind").first()
            if stored and (stored["order"] != self.order or stored["kind"] != self.kind):
                raise ValidationError(errors.LEVEL_ORDER_IS_FIXED)
        if len(lines(self.advice)) > 5:
            raise ValidationError({"advice": errors.TOO_MANY_ADVICE_LINES})


class PageQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order")


class Page(models.Model):
    """A page of questions. The pages and their order are the specification's; which page a
    finding sits on is a clinical change, the question's words are editorial."""

    code = code_field(max_length=30, help_text=_("Fixed. The API and the offline app use it."))
    order = models.PositiveSmallIntegerField(
        _("order"), unique=True, help_text=_("Pages are asked from the lowest number up.")
    )
    question = models.CharField(
        _("question"),
        max_length=200,
        help_text=_("The heading of the page, e.g. “About you”. Plain and short."),
    )

    unreached = models.TextField(
        _("also tell the staff, if never reached"),
        blank=True,
        help_text=_(
            "One short line each. Shown under “Also tell the staff” on an emergency result "
            "when the check ended before this page, so the staff still hear what it asks."
        ),
    )

    question_es = in_spanish(question)
    unreached_es = in_spanish(unreached)

    history = HistoricalRecords()
    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("page of questions")
        verbose_name_plural = _("pages of questions")

    def __str__(self):
        return self.question

    def clean(self):
        check_code_unchanged(self)


class Choice(models.Model):
    """A single choice (radio buttons) on a page: when the sex was, or the person's age. A
    missing answer counts as its not-sure option, so skipping it never lowers a level."""

    code = code_field(max_length=30, help_text=_("Fixed. The API and the offline app use it."))
    page = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="choices",
        verbose_name=_("asked on"),
        help_text=_("The page it is asked on. A clinical change."),
    )
    question = models.CharField(_("question"), max_length=200)
    not_sure = models.SlugField(
        _("counts a missing answer as"),
        max_length=40,
        help_text=_("The code of its not-sure option. A clinical change."),
    )

    question_es = in_spanish(question)

    history = HistoricalRecords()

    class Meta:
        ordering = ["page__order", "code"]
        verbose_name = _("single choice")
        verbose_name_plural = _("single choices")

    def __str__(self):
        return self.question

    def clean(self):
        check_code_unchanged(self)
        if self.pk and not self.options.filter(code=self.not_sure).exists():
            raise ValidationError({"not_sure": errors.NOT_SURE_MUST_BE_AN_OPTION})


class FindingQuerySet(models.QuerySet):
    def in_order(self):
        """The specification's order: page by page, then each page's own order."""
        return self.select_related("page").order_by("page__order", "order", "code")


class Finding(models.Model):
    """One answer a person can give: a tick, or an option of a single choice. A tick is one
    fact, never two joined by "and" (spec principle 1). What it leads to is decided by the rules
    that name it."""

    code = code_field(
        max_length=40,
        help_text=_("Set once, never changed: the API and the offline app use it."),
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("asked on"),
        help_text=_("The page it is asked on. A clinical change."),
    )
    choice = models.ForeignKey(
        Choice,
        on_delete=models.PROTECT,
        related_name="options",
        null=True,
        blank=True,
        verbose_name=_("option of"),
        help_text=_("Blank for a tick box; else the single choice it answers. A clinical change."),
    )
    question = models.CharField(
        _("answer text"),
        max_length=200,
        help_text=_(
            "The words next to the tick box: one fact, plain and short. “Or” is fine, "
            "“and” is not. The meaning must not change."
        ),
    )
    hint = models.CharField(
        _("hint"),
        max_length=800,
        blank=True,
        help_text=_("Smaller text under the answer that explains it, with examples."),
    )
    said = models.CharField(
        _("what the person says"),
        max_length=300,
        default="",
        help_text=_(
            "First person, for “What to tell the nurse or doctor”, exact as the answer is: "
            "e.g. “I was choked during the sex.”"
        ),
    )
    tell_staff = models.CharField(
        _("also tell the staff"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional. A short line under “Also tell the staff” on emergency and emergency-room "
            "results when this was answered, e.g. “The name of your blood thinner.”"
        ),
    )
    private = models.BooleanField(
        _("can be hidden"),
        default=False,
        help_text=_("The person can hide its line before showing the nurse script to anyone."),
    )
    develops = models.CharField(
        _("can still develop"),
        max_length=40,
        blank=True,
        help_text=_(
            "For the safety net (“If things change”): “always” for a sign a person can still "
            "get; an answer's code for a sign that can follow only that answer (or when its page "
            "was never reached); blank for history (age, timing, what happened). A clinical "
            "change."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Answers are listed from the lowest number up.")
    )
    earlier_wording = models.JSONField(
        _("earlier wording"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("An editor's wording from version 2 of the check, kept for a reviewer."),
    )

    question_es = in_spanish(question)
    hint_es = in_spanish(hint)
    said_es = in_spanish(said)
    tell_staff_es = in_spanish(tell_staff)

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["page__order", "order", "code"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        permissions = [("change_finding_level", _("Can make clinical changes to triage rules"))]

    def __str__(self):
        return f"{self.code}: {self.question}"

    def clean(self):
        check_code_unchanged(self)
        if self.choice_id and self.page_id and self.choice.page_id != self.page_id:
            raise ValidationError({"choice": errors.OPTION_ON_ITS_CHOICES_PAGE})


class Source(models.Model):
    """A publication that a rule cites: one row per document, so a reviewer sees every rule
    that cites it and a stale one is flagged once."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    publisher = models.CharField(_("publisher"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=400, help_text=_("https://…"))
    checked_on = models.DateField(
        _("checked on"), help_text=_("When someone last opened it and checked what it says.")
    )
    confirmed = models.BooleanField(
        _("confirmed by a clinician"),
        default=False,
        help_text=_("Ticked once a clinician has confirmed it supports the rules that cite it."),
    )
    note = models.TextField(
        _("note for the reviewer"),
        blank=True,
        help_text=_("What still needs checking, e.g. an address that is the closest real page."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def clean(self):
        if self.url and not self.url.lower().startswith("https://"):
            raise ValidationError({"url": errors.WEBSITE_NEEDS_HTTPS})


class RuleQuerySet(models.QuerySet):
    def in_order(self):
        """Most urgent level first, then the specification's order."""
        return (
            self.select_related("level")
            .prefetch_related("all_of", "any_of", "sources")
            .order_by("level__order", "order", "code")
        )


class Rule(models.Model):
    """A rule matches when every one of its `all_of` answers was given and, if it has `any_of`,
    at least one of those; the result is the most urgent level among the matching rules. Rules
    only combine answers this way, so answering more never lowers a level (spec principle 3)."""

    code = code_field(
        max_length=40,
        help_text=_("Set once, never changed: the API and the offline app use it."),
    )
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        related_name="rules",
        verbose_name=_("leads to"),
        help_text=_("The level of care. A clinical change."),
    )
    all_of = models.ManyToManyField(
        Finding,
        related_name="rules",
        blank=True,
        verbose_name=_("all of these answers"),
        help_text=_("The rule needs every one of these. A clinical change."),
    )
    any_of = models.ManyToManyField(
        Finding,
        related_name="rules_any",
        blank=True,
        verbose_name=_("and at least one of these"),
        help_text=_("Optional: the rule also needs one of these. A clinical change."),
    )
    text = models.TextField(
        _("reason"),
        help_text=_(
            "Shown under “What you told us” when the rule matches: why, and what to ask for. "
            "Never name a place (urgent care, a clinic): the result's cards say where. Write "
            "{emergency_number} where the emergency number belongs."
        ),
    )
    watch_for = models.CharField(
        _("watch for"),
        max_length=300,
        blank=True,
        help_text=_(
            "A short phrase for the safety net on less urgent results, completing “… if you "
            "get:”, e.g. “a fever”. Blank for a rule whose answers are all history (age, "
            "timing, what happened): it is never shown there."
        ),
    )
    watch_for_order = models.PositiveSmallIntegerField(
        _("watch-for order"), default=0, help_text=_("Order inside its safety-net group.")
    )
    sources = models.ManyToManyField(
        Source,
        related_name="rules",
        verbose_name=_("sources"),
        help_text=_("Where the rule comes from. At least one."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Reasons of one level are listed from the lowest up.")
    )
    earlier_wording = models.JSONField(
        _("earlier wording"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("An editor's wording from version 2 of the check, kept for a reviewer."),
    )

    text_es = in_spanish(text)
    watch_for_es = in_spanish(watch_for)

    history = HistoricalRecords(m2m_fields=[all_of, any_of, sources])
    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["level__order", "order", "code"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self):
        return self.code

    def clean(self):
        check_code_unchanged(self)


class ServiceKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency number")
    ER = "er", _("Emergency room")
    URGENT_CARE = "urgent_care", _("Urgent care")
    SEXUAL_HEALTH = "sexual_health", _("Sexual health clinic or doctor")
    PEP = "pep", _("Where to get PEP (medicine to prevent HIV)")
    PEP_LINE = "pep_line", _("Advice line for the doctor or nurse")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault support")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence support")
    YOUTH = "youth", _("Support for young people")
    TRAFFICKING = "trafficking", _("Trafficking support")
    CRISIS = "crisis", _("Crisis line")
    INFO = "info", _("Health information line")


class HelpService(models.Model):
    """Where to get help. Seeded for the United States; a deployment replaces them here. A
    service is shown on results of its levels; one that names rules or answers is shown there
    only when one of them matched or was given (a hotline brought by a reason)."""

    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("Fixed. How the launch content and migrations know this service."),
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("Digits as people dial them, e.g. 800-656-4673 or +1 800 656 4673."),
    )
    text_to = models.CharField(
        _("texting"), max_length=120, blank=True, help_text=_("e.g. Text START to 88788")
    )
    website = models.URLField(
        _("website"), max_length=300, blank=True, help_text=_("The full address, https://…")
    )
    website_es = models.URLField(
        _("website in Spanish"),
        max_length=300,
        blank=True,
        help_text=_(
            "Its Spanish page, if it has one. Without it, Spanish pages link the website above "
            "and mark it “(en inglés)”."
        ),
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=160, blank=True, help_text=_("e.g. 24 hours, every day")
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Which languages it answers in, e.g. English and Spanish."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("One or two plain sentences: what they help with.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    levels = models.ManyToManyField(
        Level,
        verbose_name=_("shown on results"),
        blank=True,
        related_name="services",
        help_text=_("Shown on results of these levels."),
    )
    rules = models.ManyToManyField(
        Rule,
        verbose_name=_("only when these rules match"),
        blank=True,
        related_name="services",
        help_text=_(
            "Optional. If rules or answers are chosen, the service is shown on those levels "
            "only when one of these rules matched or one of the answers was given."
        ),
    )
    findings = models.ManyToManyField(
        Finding,
        verbose_name=_("or these answers"),
        blank=True,
        related_name="services",
        help_text=_("Optional: see “only when these rules match”."),
    )

    name_es = in_spanish(name)
    text_to_es = in_spanish(text_to)
    opening_hours_es = in_spanish(opening_hours)
    languages_es = in_spanish(languages)
    notes_es = in_spanish(notes)

    history = HistoricalRecords(m2m_fields=[levels, rules, findings])

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("help service")
        verbose_name_plural = _("help services")

    def __str__(self):
        return self.name

    def clean(self):
        problems = {}
        if self.phone and not PHONE_PATTERN.match(self.phone):
            problems["phone"] = errors.PHONE_FORMAT
        for field in ("website", "website_es"):
            value = getattr(self, field)
            if value and not value.lower().startswith("https://"):
                problems[field] = errors.WEBSITE_NEEDS_HTTPS
        if not self.phone and not self.website and not self.notes.strip():
            problems["notes"] = errors.SERVICE_NEEDS_A_WAY_TO_REACH_IT
        if problems:
            raise ValidationError(problems)

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone)


def tel_href(phone: str) -> str:
    """A tel: link for a phone number as people write it: digits, and a leading + if any."""
    if not phone:
        return ""
    digits = re.sub(r"[^0-9]", "", phone)
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


class PublicationQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-published_at", "-pk")


class Publication(models.Model):
    """One published version of the whole rule set, exactly as the public gets it: the check,
    its API and the phone's engine are built from the newest one alone, so an editor's change
    reaches nobody until a clinical reviewer publishes it. The list is the rule set's history."""

    version = models.CharField(_("version"), max_length=16)
    payload = models.JSONField(_("the rules as published"))
    published_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication of the symptom check")
        verbose_name_plural = _("publications of the symptom check")
        permissions = [("publish_rules", _("Can publish the symptom check"))]

    def __str__(self):
        return f"{self.version} ({self.published_at:%Y-%m-%d %H:%M})"


class ReviewRequest(models.Model):
    """An editor's "ready for review" on the symptom check's unpublished changes; publishing
    clears it."""

    requested_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("request for review")

    def __str__(self):
        return f"{self.requested_by} ({self.requested_at:%Y-%m-%d %H:%M})"
