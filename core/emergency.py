"""The emergency signs the home page shows first: the triage's emergency findings, in short."""

from django.utils.translation import gettext_lazy as _

EMERGENCY_SIGNS = [
    _("bleeding will not stop, or there is a lot of blood or large clots"),
    _("you feel faint, dizzy or confused, or your heart is racing"),
    _("you have severe belly pain or swelling, or belly pain with a fever"),
    _("a toy or object is stuck inside (do not try to pull it out)"),
]
