"""Read-only JSON for published guides: what an app or the offline client may show."""

from rest_framework import generics, serializers

from core.http import absolute_url
from core.placeholders import fill_placeholders

from .models import Guide


class SourceOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.URLField()


class FilledText(serializers.CharField):
    """Text with its placeholders ({emergency_number}) filled, as on the guide's page."""

    def __init__(self, *, html=False, **kwargs):
        self.html = html
        super().__init__(**kwargs)

    def to_representation(self, value):
        return fill_placeholders(super().to_representation(value), html=self.html)


class GuideOutputSerializer(serializers.ModelSerializer):
    title = FilledText(source="published_title")
    summary = FilledText(source="published_summary")
    html = FilledText(source="published_html", html=True)
    sources = SourceOutputSerializer(source="published_sources", many=True)
    # The review record published with the guide, never the one a reviewer is editing.
    last_reviewed = serializers.DateField(source="published_last_reviewed")
    next_review_due = serializers.DateField(source="published_next_review_due")
    reviewed_by = serializers.CharField(source="published_reviewed_by")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Guide
        fields = [
            "slug",
            "title",
            "summary",
            "html",
            "last_reviewed",
            "next_review_due",
            "reviewed_by",
            "sources",
            "url",
        ]

    def get_url(self, guide: Guide) -> str:
        return absolute_url(guide.get_absolute_url())


class GuideListApi(generics.ListAPIView):
    queryset = Guide.objects.published()
    serializer_class = GuideOutputSerializer


class GuideDetailApi(generics.RetrieveAPIView):
    queryset = Guide.objects.published()
    serializer_class = GuideOutputSerializer
    lookup_field = "slug"
