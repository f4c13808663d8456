"""Health guides. Each guide keeps a working copy that editors change and a published snapshot
that the public sees, so an edit waits for a clinical reviewer before it reaches anyone."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .rendering import render_markdown
from .signs import sign_levels, unknown_sign_levels

REVIEW_DATES_OUT_OF_ORDER = _("The next review must be after the last review.")

# A guide's language: settings.LANGUAGES' codes. English is the original every translation of a
# guide shares its translation key with.
ENGLISH, SPANISH = "en-us", "es"
LANGUAGE_CHOICES = [(ENGLISH, _("English")), (SPANISH, _("Spanish"))]


class RandomUUID(Func):
    """A new random 128-bit key made by the database (SQLite or PostgreSQL 13+): the database
    default of a translation key, so an older migration's models can still add guides."""

    output_field = models.UUIDField()

    def as_sql(self, compiler, connection, **extra_context):
        return "gen_random_uuid()", []

    def as_sqlite(self, compiler, connection, **extra_context):
        return "lower(hex(randomblob(16)))", []


def active_language() -> str:
    """The language of the page being served (core.languages activates it from the address),
    as one of LANGUAGE_CHOICES' codes."""
    return SPANISH if (translation.get_language() or "").startswith("es") else ENGLISH


# When a translation was last brought up to date with its English guide, as the database reads
# it (Guide.up_to_date_as_of in Python): a translation never brought up to date counts from its
# creation. It is out of date when its English guide was published after this.
UP_TO_DATE_AS_OF = Coalesce("brought_up_to_date_at", "created_at")


def default_next_review_due():
    from .services import next_review_date

    return next_review_date(timezone.localdate())


class GuideQuerySet(models.QuerySet):
    def published(self, language: str | None = ENGLISH):
        """Published guides in one language: English unless told otherwise, so callers from
        before the guides had languages keep meaning English. `language=None`: every language."""
        published = self.filter(published_at__isnull=False)
        return published if language is None else published.in_language(language)

    def in_language(self, language: str):
        return self.filter(language=language)

    def translations_of(self, slugs, *, original_language: str = ENGLISH):
        """The guides (of this queryset) that share a translation key with the guides of
        `original_language` at these slugs: e.g. the Spanish versions of English guides."""
        return self.filter(
            translation_key__in=Guide.objects.in_language(original_language)
            .filter(slug__in=list(slugs))
            .values("translation_key")
        )

    def with_original_published_at(self):
        """Annotates `original_published_at`: when the English original of each guide was last
        published (None for an English guide, or a translation without a published original)."""
        originals = Guide.objects.filter(
            translation_key=models.OuterRef("translation_key"), language=ENGLISH
        ).exclude(language=models.OuterRef("language"))
        return self.annotate(
            original_published_at=models.Subquery(originals.values("published_at")[:1])
        )

    def out_of_date_translations(self):
        """Translations whose original was published after the translation was last brought up
        to date with it (issue 20, failure 7: a save alone no longer clears the flag)."""
        return (
            self.exclude(language=ENGLISH)
            .with_original_published_at()
            .filter(original_published_at__gt=UP_TO_DATE_AS_OF)
        )

    def review_overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_within(self, days: int, today=None):
        today = today or timezone.localdate()
        return self.filter(
            next_review_due__gte=today,
            next_review_due__lte=today + timezone.timedelta(days=days),
        )

    def needs_review(self, days: int, today=None):
        """Overdue, or due within the next `days` days."""
        today = today or timezone.localdate()
        return self.filter(next_review_due__lte=today + timezone.timedelta(days=days))


class GuideVersion(models.Model):
    """Fields of a guide's history records only: the sources as they stood in that version
    (title, publisher, url, order, accessed_on), filled by guides.versions."""

    # Null only in rows written before this field existed (an older migration's models).
    sources = models.JSONField(default=list, null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Guide(models.Model):
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=LANGUAGE_CHOICES,
        default=ENGLISH,
        db_default=ENGLISH,
        help_text=_(
            "The language the guide is written in. English guides are at /guides/, Spanish "
            "ones at /es/guides/. Fixed once the guide is saved."
        ),
    )
    # Shared by an English guide and its translations (Wagtail's way): each is a guide of its
    # own, with its own draft, published text, review record and history.
    translation_key = models.UUIDField(default=uuid.uuid4, db_default=RandomUUID(), db_index=True)
    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("Short and calm. It shows in the browser tab, so avoid graphic words."),
    )
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        help_text=_(
            "The last part of the page's address, e.g. what-to-do-now. Filled from the title. "
            "Unique among the guides in the same language."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("One plain sentence. Shown in the list of guides and to search engines."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Write in Markdown: ## Section heading, ### Sub-heading, a blank line between "
            "paragraphs, - for bullet lists, 1. for numbered steps, **bold**, *italic*, "
            "[link text](https://example.org). A care card: a line "
            '!!! urgent "Get help today if:" followed by bullet lines indented by 4 spaces; '
            "the kinds are emergency, urgent and non-urgent. Other HTML is removed."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Guides are listed from the lowest number up.")
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "When a clinician last checked this guide. Empty until a clinical reviewer marks it "
            "reviewed. The public page shows the date that was published with the guide."
        ),
    )
    next_review_due = models.DateField(
        _("next review due"),
        default=default_next_review_due,
        help_text=_(
            "When it must be checked again. Must be after the last review. "
            "The public page shows the date that was published with the guide."
        ),
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=120,
        blank=True,
        help_text=_(
            "Name and role of the clinician who checked it, e.g. Dr A. Rivera, GP. "
            "Empty until a clinical reviewer marks the guide reviewed; needed to publish."
        ),
    )

    # The published snapshot: what the public pages and the API show.
    published_title = models.CharField(max_length=120, blank=True, editable=False)
    published_summary = models.CharField(max_length=200, blank=True, editable=False)
    published_html = models.TextField(blank=True, editable=False)
    published_sources = models.JSONField(default=list, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The review record as it was when published: the public sees these, never the working ones.
    published_last_reviewed = models.DateField(null=True, blank=True, editable=False)
    published_next_review_due = models.DateField(null=True, blank=True, editable=False)
    # Database defaults too, so an older migration's models can still add rows.
    published_reviewed_by = models.CharField(
        max_length=120, blank=True, editable=False, default="", db_default=""
    )

    # Optimistic concurrency: every save adds one; a form opened at an older number is refused.
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)
    ready_for_review = models.BooleanField(
        _("ready for review"),
        default=False,
        db_default=False,
        help_text=_(
            "Tick when the draft is finished and a clinical reviewer can check it. It shows "
            "on the admin home page under “Waiting for review”. Publishing clears it."
        ),
    )

    needs_language_review = models.BooleanField(
        _("needs review by a clinician who reads its language"),
        default=False,
        db_default=False,
        editable=False,
        help_text=_(
            "Set on the Spanish launch guides: published, but not yet checked by a "
            "Spanish-speaking clinician. Cleared when a clinical reviewer marks the guide "
            "reviewed or publishes changed words."
        ),
    )

    # Set only by a translator's save that states it brings the translation up to date with the
    # English guide; "out of date" is measured from it, never from any save (issue 20).
    brought_up_to_date_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Each version also keeps its sources (GuideVersion.sources), so a version is whole.
    history = HistoricalRecords(bases=[GuideVersion])
    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        permissions = [
            ("publish_guide", _("Can publish and unpublish guides")),
            ("review_guide", _("Can mark guides as reviewed")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="guide_slug_unique_per_language",
                violation_error_message=_(
                    "Another guide in this language already has this web address."
                ),
            ),
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="guide_one_translation_per_language",
                violation_error_message=_("This guide already has a version in that language."),
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("last_reviewed")),
                name="guide_next_review_after_last_review",
                violation_error_message=REVIEW_DATES_OUT_OF_ORDER,
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Browsers post text areas with CRLF line ends; keep one form so history shows real edits.
        self.body = self.body.replace("\r\n", "\n")
        # Rendered once per change, not per request: pages serve the stored, sanitised HTML.
        self.body_html = render_markdown(self.body, self.language)
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # /guides/<slug>/ in English, /es/guides/<slug>/ in Spanish, whatever page asks.
        with translation.override(self.language):
            return reverse("guides:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        url = reverse("guide-preview", kwargs={"slug": self.slug})
        return url if self.language == settings.LANGUAGE_CODE else f"{url}?lang={self.language}"

    def translations(self):
        """The other languages' guides that share this guide's translation key."""
        return Guide.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    @property
    def up_to_date_as_of(self):
        """UP_TO_DATE_AS_OF of this guide: when it was last brought up to date with its English
        guide, or created if never."""
        return self.brought_up_to_date_at or self.created_at

    @property
    def original(self):
        """The English guide this one translates (None for an English guide, or when it is gone)."""
        if self.language == ENGLISH:
            return None
        return self.translations().filter(language=ENGLISH).first()

    def clean(self):
        super().clean()
        # The database constraint's rule, attached to the field so the form shows it there.
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError({"next_review_due": REVIEW_DATES_OUT_OF_ORDER})
        unknown = unknown_sign_levels(self.body)
        if unknown:
            raise ValidationError(
                {
                    "body": _(
                        "“!!! signs %(levels)s” names no level of the symptom check with warning "
                        "signs. Use one of: %(known)s."
                    )
                    % {"levels": ", ".join(unknown), "known": ", ".join(sign_levels())}
                }
            )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Source(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The page or document's title.")
    )
    publisher = models.CharField(
        _("publisher"), max_length=120, help_text=_("Who published it, e.g. NHS or Mayo Clinic.")
    )
    url = models.URLField(
        _("web address"),
        max_length=500,
        validators=[
            URLValidator(
                schemes=["https"],
                message=_("Enter the full, secure address of the page, starting https://"),
            )
        ],
        help_text=_("The full address, starting https://"),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Sources are listed from the lowest number up.")
    )
    accessed_on = models.DateField(
        _("accessed on"),
        null=True,
        blank=True,
        help_text=_(
            "When someone last opened the page and checked that it still says what the guide "
            "says. Flagged after 12 months."
        ),
    )

    language = models.CharField(
        _("language of the page"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default=ENGLISH,
        db_default=ENGLISH,  # rows written by earlier migrations' models, which know no language
        help_text=_("A guide in another language marks the link: «(en inglés)»."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class SuggestedRevision(models.Model):
    """A new text for a guide, left beside it for an editor to take or dismiss.

    A content update from the AnalCare team (a data migration) never overwrites a guide that an
    editor or reviewer has changed: it leaves its text here instead. Taking it puts the text in
    the guide's working copy like any edit (recorded in the history); the public page changes
    only when a clinical reviewer publishes."""

    PENDING, TAKEN, DISMISSED = "pending", "taken", "dismissed"
    STATUSES = [
        (PENDING, _("Waiting for an editor")),
        (TAKEN, _("Taken into the working copy")),
        (DISMISSED, _("Dismissed")),
    ]

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="suggested_revisions", verbose_name=_("guide")
    )
    reason = models.CharField(_("why"), max_length=100)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    body = models.TextField(_("body"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    created_at = models.DateTimeField(_("suggested on"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggested revision")

    def __str__(self):
        return f"{self.guide}: {self.reason}"
