"""Read-only JSON for published guides: what an app or the offline client may show."""

from rest_framework import generics, serializers

from core.http import absolute_url

from .models import Guide


class SourceOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.URLField()


class GuideOutputSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="published_title")
    summary = serializers.CharField(source="published_summary")
    html = serializers.CharField(source="published_html")
    sources = SourceOutputSerializer(source="published_sources", many=True)
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
