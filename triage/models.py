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
URGENT = "urgent"
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
    "Page": ("question",),
    "Finding": ("question", "hint", "text", "advice"),
    "Rule": ("text",),
    "HelpService": ("name", "opening_hours", "notes"),
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
    """A level of care, most urgent first. The four levels and their order are the
    specification's; editors change their wording only."""

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

    history = HistoricalRecords()
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

    question_es = in_spanish(question)

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


class FindingQuerySet(models.QuerySet):
    def in_order(self):
        """The specification's order: page by page, then each page's own order."""
        return self.select_related("page").order_by("page__order", "order", "code")


class Finding(models.Model):
    """One fact a person can tick: never two facts joined by "and" (spec principle 1). What it
    leads to is decided by the rules that name it."""

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
        max_length=600,
        blank=True,
        help_text=_("Smaller text under the answer that explains it, with examples."),
    )
    text = models.CharField(
        _("short form"),
        max_length=200,
        help_text=_(
            "A short lower-case phrase for “What to tell the nurse or doctor” and the warning "
            "signs on other results, e.g. “a lot of blood, or bleeding that would not stop”."
        ),
    )
    advice = models.TextField(
        _("advice when ticked"),
        blank=True,
        help_text=_(
            "Optional. Shown on every result when this is ticked, whatever the level "
            "(for example, care for young people)."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Answers are listed from the lowest number up.")
    )

    question_es = in_spanish(question)
    hint_es = in_spanish(hint)
    text_es = in_spanish(text)
    advice_es = in_spanish(advice)

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


class Setting(models.TextChoices):
    ANY = "any", _("Any place that gives care today")
    ER = "er", _("An emergency room (urgent care cannot help)")


class RuleQuerySet(models.QuerySet):
    def in_order(self):
        """Most urgent level first, then the specification's order."""
        return (
            self.select_related("level")
            .prefetch_related("findings")
            .order_by("level__order", "order", "code")
        )


class Rule(models.Model):
    """A rule matches when every one of its findings was ticked; the result is the most urgent
    level among the matching rules. Rules only combine with AND, so ticking more never lowers
    a level (spec principle 3)."""

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
    setting = models.CharField(
        _("where"),
        max_length=10,
        choices=Setting.choices,
        default=Setting.ANY,
        help_text=_(
            "For rules that lead to “today”: an emergency room where urgent care cannot help "
            "(scans, surgery, a forensic exam). A clinical change."
        ),
    )
    findings = models.ManyToManyField(
        Finding,
        related_name="rules",
        verbose_name=_("all of these answers"),
        help_text=_("The rule matches when every one of these was ticked. A clinical change."),
    )
    text = models.TextField(
        _("reason"),
        help_text=_(
            "Shown under “Why this result” when the rule matches: what it can mean and what "
            "to do. Write {emergency_number} where the emergency number belongs."
        ),
    )
    sources = models.TextField(
        _("sources"),
        help_text=_("Where the rule comes from: one source per line, publisher and title."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Reasons of one level are listed from the lowest up.")
    )

    text_es = in_spanish(text)

    history = HistoricalRecords(m2m_fields=[findings])
    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["level__order", "order", "code"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self):
        return self.code

    def clean(self):
        check_code_unchanged(self)
        problems = {}
        if self.level_id and self.level.code == SELF_CARE:
            problems["level"] = errors.RULE_CANNOT_LEAD_TO_SELF_CARE
        elif self.level_id and self.setting == Setting.ER and self.level.code != URGENT:
            problems["setting"] = errors.ER_ONLY_FOR_URGENT
        if not lines(self.sources):
            problems["sources"] = errors.RULE_NEEDS_A_SOURCE
        if problems:
            raise ValidationError(problems)


class ServiceKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT_CARE = "urgent_care", _("Urgent care")
    SEXUAL_HEALTH = "sexual_health", _("Sexual health clinic")
    PEP = "pep", _("PEP (medicine to prevent HIV)")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault support")
    YOUTH = "youth", _("Support for young people")


class HelpService(models.Model):
    """Where to get help. Seeded for the United States; a deployment replaces them here."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("Digits as people dial them, e.g. 800-656-4673 or +1 800 656 4673."),
    )
    website = models.URLField(
        _("website"), max_length=300, blank=True, help_text=_("The full address, https://…")
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=120, blank=True, help_text=_("e.g. 24 hours, every day")
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
        help_text=_("Shown on every result of these levels."),
    )
    rules = models.ManyToManyField(
        Rule,
        verbose_name=_("also shown when these rules match"),
        blank=True,
        related_name="services",
        help_text=_("Also shown on any result where one of these rules matched."),
    )
    findings = models.ManyToManyField(
        Finding,
        verbose_name=_("also shown for answers"),
        blank=True,
        related_name="services",
        help_text=_("Also shown on any result where the person ticked one of these answers."),
    )

    name_es = in_spanish(name)
    opening_hours_es = in_spanish(opening_hours)
    notes_es = in_spanish(notes)

    history = HistoricalRecords()

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
        if self.website and not self.website.lower().startswith("https://"):
            problems["website"] = errors.WEBSITE_NEEDS_HTTPS
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
