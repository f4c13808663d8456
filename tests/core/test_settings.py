"""Production settings refuse to start without their secrets, and name what is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FULL_ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "care.example.org",
    "DATABASE_URL": "sqlite:////tmp/analcare-settings-test.sqlite3",
    "SITE_ORIGIN": "https://care.example.org",
}


def import_prod_settings(env: dict) -> subprocess.CompletedProcess:
    clean_env = {
        key: value for key, value in os.environ.items() if key not in FULL_ENV and key != "CI"
    }
    return subprocess.run(
        [sys.executable, "-c", "import analcare.settings.prod"],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(FULL_ENV))
def test_production_settings_name_each_missing_variable(missing):
    env = {key: value for key, value in FULL_ENV.items() if key != missing}
    result = import_prod_settings(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_settings_load_when_everything_is_set():
    result = import_prod_settings(FULL_ENV)
    assert result.returncode == 0, result.stderr
