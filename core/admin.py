from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class SignInForm(AdminAuthenticationForm):
    """Django's sign-in form sets the username's max_length after the field is built, so it is
    never enforced, and django-axes then records the whole name on a failed attempt: a name
    longer than its 255-character column was a database error (500) on PostgreSQL. Checking the
    length first keeps such a name from ever reaching authentication or the log of attempts."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


admin.site.login_form = SignInForm
# Words editors recognise, rather than "Django administration".
admin.site.site_header = _("AnalCare content admin")
admin.site.site_title = _("AnalCare admin")
admin.site.index_title = _("Content")
