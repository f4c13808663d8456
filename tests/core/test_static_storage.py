"""collectstatic for production: hashed names (also inside ES module imports), and brotli and
gzip copies next to each file."""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings

MAIN = """const enhancements = {
  "quick-exit": () => import("./quick-exit.mjs"),
};
import { start } from "./lib/start.mjs";
export { stop } from "./lib/start.mjs";
start(enhancements);
"""


@pytest.fixture
def collected(tmp_path):
    source, root = tmp_path / "source", tmp_path / "root"
    (source / "js" / "lib").mkdir(parents=True)
    (source / "js" / "main.mjs").write_text(MAIN)
    (source / "js" / "quick-exit.mjs").write_text("export function start() {}\n")
    (source / "js" / "lib" / "start.mjs").write_text(
        "export function start() {}\nexport function stop() {}\n"
    )
    (source / "site.css").write_text("body { margin: 0; }\n" * 40)
    with override_settings(
        STATICFILES_DIRS=[source],
        STATIC_ROOT=root,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    return root, manifest


def test_module_imports_point_at_hashed_files(collected):
    root, manifest = collected
    main = (root / manifest["js/main.mjs"]).read_text()

    quick_exit = manifest["js/quick-exit.mjs"].removeprefix("js/")
    start = manifest["js/lib/start.mjs"].removeprefix("js/")
    assert f'import("./{quick_exit}")' in main
    assert f'from "./{start}";' in main
    assert "start.mjs" not in main.replace(start, "")
    assert "quick-exit.mjs" not in main.replace(quick_exit, "")


def test_every_text_file_has_brotli_and_gzip_copies(collected):
    root, manifest = collected

    for hashed in (manifest["site.css"], manifest["js/main.mjs"]):
        assert (root / f"{hashed}.br").is_file()
        assert (root / f"{hashed}.gz").is_file()
