from rest_framework.renderers import JSONRenderer


class SharedJSONRenderer(JSONRenderer):
    """Public API answers are cached once and shared with everyone, so a client's
    `Accept: application/json; indent=8` must not shape what the next visitor gets."""

    def get_indent(self, accepted_media_type, renderer_context):
        return None
