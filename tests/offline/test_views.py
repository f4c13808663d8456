"""The installable and offline layer, through real HTTP with Django's test client."""

import json
import re
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from guides.models import Guide
from guides.services import publish_guide

BASE_DIR = Path(settings.BASE_DIR)
# Words that must never show on a home screen, in a tab switcher or on the quick exit screen.
SENSITIVE = re.compile(
    r"\b(anal|anus|bottom|rectal|rectum|bleed\w*|blood\w*|sex\w*|sti|hemorrhoids?|std)\b", re.I
)

pytestmark = pytest.mark.django_db


def worker_config(client) -> dict:
    response = client.get(reverse("serviceworker"))
    match = re.search(r"^const CONFIG = (\{.*\});$", response.content.decode(), re.M)
    assert match, "the worker script declares its CONFIG on one line"
    return json.loads(match.group(1))


def worker_script(client) -> bytes:
    return client.get(reverse("serviceworker")).content


class TitleParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.in_title = tag == "title"

    def handle_endtag(self, tag):
        self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def page_title(response) -> str:
    parser = TitleParser()
    parser.feed(response.content.decode())
    return parser.title.strip()


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw RGBA rows of an 8-bit RGBA PNG written without row filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour_type) == (8, 6), "8-bit RGBA"
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + width * 4
    rows = [raw[i * stride : (i + 1) * stride] for i in range(height)]
    assert all(row[0] == 0 for row in rows), "rows are unfiltered"
    return width, height, [row[1:] for row in rows]


# The service worker


def test_service_worker_is_served_from_the_root_as_always_revalidated_javascript(client):
    response = client.get("/serviceworker.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "max-age=0" in response["Cache-Control"]
    assert response["Service-Worker-Allowed"] == "/"
    assert not response.cookies


def test_worker_saves_every_published_guide_and_the_triage_pages(client, make_guide):
    draft = make_guide(publish=False)
    pages = worker_config(client)["pages"]

    published = list(Guide.objects.published())
    assert published
    for guide in published:
        assert guide.get_absolute_url() in pages
    assert draft.get_absolute_url() not in pages
    for url in ["/", "/guides/", "/triage/", "/api/v1/triage/", "/offline/", "/exit/", "/privacy/"]:
        assert url in pages


def test_every_page_the_worker_saves_is_a_storable_200(client):
    # The worker leaves out answers marked no-store, so a saved page must not be marked so.
    for url in worker_config(client)["pages"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_worker_saves_every_public_static_file_but_no_package_or_staff_asset(client):
    saved = set(worker_config(client)["static"])

    staff_only = {"/static/css/admin.css", "/static/js/admin-editing.mjs"}
    on_disk = {
        "/static/" + path.relative_to(BASE_DIR / "static").as_posix()
        for path in (BASE_DIR / "static").rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    assert on_disk
    assert on_disk - staff_only <= saved
    assert not saved & staff_only  # issue 19: no visitor's phone keeps the admin's files
    assert not [url for url in saved if url.startswith(("/static/admin/", "/static/rest_"))]


def test_worker_script_is_byte_for_byte_stable_while_nothing_changes(client):
    assert worker_script(client) == worker_script(client)


def test_publishing_a_guide_edit_changes_the_worker_script(client, make_guide):
    guide = make_guide()
    before = worker_config(client)["version"]

    guide.body = "## Heading\n\nA corrected sentence."
    guide.save()
    publish_guide(guide=guide, reviewer_name="Dr Rita Rivera")

    assert worker_config(client)["version"] != before


def test_a_new_or_edited_static_file_changes_the_worker_script(client, settings, tmp_path):
    # Static files change under a running server only in development, which has no page cache;
    # in production they change with a release, and so with every stored page's version.
    settings.PAGE_CACHE_ENABLED = False
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    module = tmp_path / "late-module.mjs"
    module.write_text("export const answer = 1;\n")
    first = worker_config(client)
    assert "/static/late-module.mjs" in first["static"]

    module.write_text("export const answer = 2; // edited\n")

    assert worker_config(client)["version"] != first["version"]


def test_worker_leaves_private_and_per_person_answers_out_of_its_caches(client):
    config = worker_config(client)

    assert settings.ADMIN_URL not in client.get("/serviceworker.js").content.decode()
    assert "/preview/" in config["networkOnlyPrefixes"]
    assert "/triage/result/" in config["networkOnlyPrefixes"]
    assert config["cacheableApi"] == [reverse("api:triage-rules")]
    assert config["cacheableApiPrefixes"] == [reverse("api:guide-list")]
    assert not [url for url in config["pages"] if url.startswith(("/admin", "/triage/result"))]


# The manifest and icons


def test_manifest_has_what_an_installable_app_needs(client):
    response = client.get(reverse("manifest"))
    manifest = response.json()

    assert response["Content-Type"] == "application/manifest+json"
    for key in ["id", "name", "short_name", "start_url", "scope", "display", "icons"]:
        assert manifest[key], key
    assert manifest["display"] == "standalone"
    assert manifest["name"] == settings.APP_NAME
    assert manifest["short_name"] == settings.APP_SHORT_NAME
    assert manifest["start_url"].startswith(manifest["scope"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"], re.I)
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"], re.I)
    for text in [manifest["name"], manifest["short_name"], manifest["description"]]:
        assert not SENSITIVE.search(text), text


def test_manifest_icons_are_real_pngs_of_the_stated_size_for_any_and_maskable(client):
    icons = client.get(reverse("manifest")).json()["icons"]

    offered = set()
    for icon in icons:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon["src"]
        width, height, _rows = read_png(Path(path).read_bytes())
        assert f"{width}x{height}" == icon["sizes"]
        assert icon["type"] == "image/png"
        offered |= {(icon["sizes"], purpose) for purpose in icon["purpose"].split()}
    for size in ["192x192", "512x512"]:
        assert (size, "any") in offered
        assert (size, "maskable") in offered


@pytest.mark.parametrize("name", ["maskable-192.png", "maskable-512.png"])
def test_maskable_icons_fill_the_square_and_keep_the_note_in_the_safe_zone(name):
    width, _height, rows = read_png((BASE_DIR / "static/icons" / name).read_bytes())
    centre, safe_radius = width / 2, width * 0.4

    for y, row in enumerate(rows):
        for x in range(width):
            red, green, blue, alpha = row[x * 4 : x * 4 + 4]
            assert alpha == 255, "a maskable icon has no transparent pixels"
            if (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 > safe_radius**2:
                assert (red, green, blue) == (0x1D, 0x4F, 0x6E), f"only background at {x},{y}"


def test_committed_icons_are_what_the_icon_script_draws(tmp_path):
    subprocess.run(  # noqa: S603
        [sys.executable, str(BASE_DIR / "scripts/make_icons.py"), "--out", str(tmp_path)],
        check=True,
    )

    drawn = sorted(tmp_path.iterdir())
    assert drawn
    for path in drawn:
        assert path.read_bytes() == (BASE_DIR / "static/icons" / path.name).read_bytes(), path.name


def test_pages_link_the_manifest_icons_and_a_static_worker_registration(client):
    html = client.get("/").content.decode()

    assert f'<link rel="manifest" href="{reverse("manifest")}">' in html
    assert 'rel="apple-touch-icon"' in html
    assert 'data-service-worker="/serviceworker.js"' in html
    # The one inline script is the hashed js-enabled snippet; registration is a static module.
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>(.*?)</script>", html, re.S)
    assert inline == [settings.JS_ENABLED_SNIPPET]


# The offline, exit and privacy pages


def test_offline_page_links_to_every_saved_page(client, make_guide):
    make_guide(title="A calm extra guide")
    html = client.get(reverse("offline")).content.decode()

    for guide in Guide.objects.published():
        assert f'href="{guide.get_absolute_url()}"' in html
    for name in ["home", "triage:start", "guides:list", "about", "privacy"]:
        assert f'href="{reverse(name)}"' in html


def test_exit_screen_is_neutral_and_moves_on_to_the_configured_destination(client, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    response = client.get(reverse("exit"))
    html = response.content.decode()

    assert page_title(response) == "New tab"
    assert 'data-exit-to="https://weather.example/"' in html
    assert settings.APP_NAME not in html
    assert "Exit this page" not in html
    assert 'rel="manifest"' not in html
    assert not SENSITIVE.search(re.sub(r"<[^>]+>", " ", html))


def test_quick_exit_is_a_plain_link_to_the_destination_on_every_page(client, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/"
    for url in ["/", "/guides/", "/triage/", "/about/", "/privacy/", "/offline/"]:
        html = client.get(url).content.decode()
        assert 'href="https://weather.example/" rel="noreferrer" data-quick-exit' in html, url
        assert f'data-exit-page="{reverse("exit")}"' in html


def test_privacy_page_is_linked_from_every_page_footer(client):
    for url in ["/", "/guides/", "/triage/", "/about/", "/offline/"]:
        assert f'href="{reverse("privacy")}"' in client.get(url).content.decode(), url


def test_privacy_page_explains_storage_removal_quick_exit_and_shared_phones(client):
    html = client.get(reverse("privacy")).content.decode()

    for heading_id in ["on-this-phone", "on-our-server", "remove-heading", "quick-exit"]:
        assert f'id="{heading_id}"' in html
    assert 'id="shared-phone"' in html
    assert "does not erase earlier history" in html
    # The removal button needs JavaScript, so it starts hidden; the settings route is always there.
    assert re.search(r"<button[^>]*data-forget-me hidden", html)
    assert "Site settings" in html


def test_page_titles_stay_neutral_for_a_lock_screen_or_tab_switcher(client):
    assert page_title(client.get("/")) == f"Home – {settings.APP_NAME}"
    urls = [reverse(name) for name in ["guides:list", "triage:start", "about", "privacy"]]
    urls += [reverse("offline"), reverse("exit"), reverse("get-help")]
    urls += [guide.get_absolute_url() for guide in Guide.objects.published()]
    for url in urls:
        title = page_title(client.get(url))
        assert title, url
        assert not SENSITIVE.search(title), title
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert not SENSITIVE.search(page_title(missing))
