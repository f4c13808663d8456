from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Words editors recognise, rather than "Django administration".
admin.site.site_header = _("AnalCare content admin")
admin.site.site_title = _("AnalCare admin")
admin.site.index_title = _("Content")
