"""The emergency signs the home page shows first: the triage's emergency findings, in short."""

from django.utils.translation import gettext_lazy as _

EMERGENCY_SIGNS = [
    _("heavy bleeding, bleeding that will not stop, or large clots"),
    _("feeling faint, dizzy or confused, or a racing heart"),
    _("severe belly pain or swelling, or belly pain with a fever"),
    _("a toy or object stuck inside (do not pull it out)"),
]
