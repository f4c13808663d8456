"""Under production's static storage the worker saves hashed names, and every module that a page
loads by import is one of the hashed files it saved (otherwise offline pages would lose their
JavaScript)."""

import json
import posixpath
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.storage import StaticFilesStorage

pytestmark = pytest.mark.django_db

HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


class UncompressedStorage(StaticFilesStorage):
    """Production's storage without its brotli/gzip step, which takes long and changes no name."""

    def compress_files(self, paths):
        return iter(())


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": f"{__name__}.UncompressedStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def worker_config(client) -> dict:
    script = client.get(reverse("serviceworker")).content.decode()
    return json.loads(re.search(r"^const CONFIG = (\{.*\});$", script, re.M).group(1))


def test_worker_saves_the_hashed_name_of_every_static_file(client, collected):
    saved = worker_config(client)["static"]

    assert saved
    for url in saved:
        assert HASHED.search(url), url
        assert (collected / url.removeprefix("/static/")).is_file(), url


def test_every_module_import_points_at_a_hashed_file_the_worker_saved(client, collected):
    saved = set(worker_config(client)["static"])
    modules = [url for url in saved if url.endswith(".mjs")]

    imports = []
    for url in modules:
        source = (collected / url.removeprefix("/static/")).read_text()
        folder = url.rsplit("/", 1)[0]
        for target in re.findall(
            r"""import\(\s*["']([^"']+)["']\s*\)|from\s*["']([^"']+)["']""", source
        ):
            relative = next(part for part in target if part)
            imports.append(posixpath.normpath(posixpath.join(folder, relative)))
    assert imports, "main.mjs loads its enhancements by import()"
    for url in imports:
        assert url in saved, url
