import pytest

pytestmark = pytest.mark.browser


def test_home_renders(site, page):
    page.goto(site + "/")
    assert page.locator("h1").inner_text()
    assert page.console.errors == []
