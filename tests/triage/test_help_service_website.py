"""A help service's website must be secure, however its scheme is written."""

import pytest
from django.core.exceptions import ValidationError

from triage.models import HelpService


@pytest.mark.parametrize("website", ["https://rainn.org/", "HTTPS://rainn.org/", "Https://x.org/"])
def test_a_secure_website_is_accepted_in_any_case(website):
    HelpService(name="Help", kind="sexual_assault", website=website).clean()


@pytest.mark.parametrize("website", ["http://rainn.org/", "HTTP://rainn.org/", "ftp://x.org/"])
def test_an_insecure_website_is_refused_in_any_case(website):
    with pytest.raises(ValidationError) as raised:
        HelpService(name="Help", kind="sexual_assault", website=website).clean()
    assert "website" in raised.value.message_dict
