"""Read-only JSON for published guides: what an app or the offline client may show.
`?lang=es` gives the Spanish guides (a Spanish guide by its Spanish slug); without it, English."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from core.api import LANG_PARAMETER
from core.http import absolute_url
from core.languages import API_LANGUAGES, UnknownLanguageError, api_language
from core.placeholders import fill_placeholders

from .models import Guide
from .services import shown_html


class SourceOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.URLField()


class FilledText(serializers.CharField):
    """Text with its placeholders ({emergency_number}) filled, as on the guide's page."""

    def to_representation(self, value):
        return fill_placeholders(super().to_representation(value))


class GuideOutputSerializer(serializers.ModelSerializer):
    title = FilledText(source="published_title")
    summary = FilledText(source="published_summary")
    html = serializers.SerializerMethodField()
    sources = SourceOutputSerializer(source="published_sources", many=True)
    # The review record published with the guide, never the one a reviewer is editing.
    last_reviewed = serializers.DateField(source="published_last_reviewed")
    next_review_due = serializers.DateField(source="published_next_review_due")
    reviewed_by = serializers.CharField(source="published_reviewed_by")
    url = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()

    class Meta:
        model = Guide
        fields = [
            "slug",
            "language",
            "title",
            "summary",
            "html",
            "last_reviewed",
            "next_review_due",
            "reviewed_by",
            "sources",
            "url",
        ]

    @extend_schema_field(serializers.CharField())
    def get_html(self, guide: Guide) -> str:
        """As on the guide's page: the check's warning-sign lists and placeholders filled."""
        return shown_html(guide.published_html, guide.language)

    def get_url(self, guide: Guide) -> str:
        return absolute_url(guide.get_absolute_url())

    def get_language(self, guide: Guide) -> str:
        """The guide's language as `?lang=` names it (en, es)."""
        return next(code for code, language in API_LANGUAGES.items() if language == guide.language)


class PublishedInLanguage:
    """Published guides in the language `?lang=` asks for (English without it); any other
    value is a 400 that names the languages offered."""

    serializer_class = GuideOutputSerializer

    def get_queryset(self):
        try:
            language = api_language(self.request.query_params.get("lang"))
        except UnknownLanguageError as error:
            raise serializers.ValidationError({"lang": [str(error)]}) from error
        return Guide.objects.published(language)


@extend_schema(parameters=[LANG_PARAMETER])
class GuideListApi(PublishedInLanguage, generics.ListAPIView):
    pass


@extend_schema(parameters=[LANG_PARAMETER])
class GuideDetailApi(PublishedInLanguage, generics.RetrieveAPIView):
    lookup_field = "slug"
