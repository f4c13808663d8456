from django.db import models


class PageVersion(models.Model):
    """The Last-Modified date of each version of the public pages, kept in the database because
    it is the one thing every app server and worker shares. HTTP dates count whole seconds, so
    two versions made within one second would otherwise share a date, and a cache revalidating
    with If-Modified-Since alone would keep the older page. Each new version takes a date later
    than every earlier one (the unique date enforces it across servers)."""

    version = models.CharField(max_length=64, primary_key=True)
    last_modified = models.BigIntegerField(unique=True, help_text="Seconds since the epoch.")

    def __str__(self):
        return f"{self.version} ({self.last_modified})"
