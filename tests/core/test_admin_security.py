"""A safe admin: sign-in lockout, cookies only for staff, idle sessions, the first account."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password, **request):
    return client.post(LOGIN, {"username": username, "password": password}, **request)


def test_sign_in_locks_after_five_failures_for_that_username_and_address(client, make_staff_user):
    user = make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor-one", "wrong").status_code == 200
    locked = sign_in(client, "editor-one", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    assert "signing in with this username from your connection is paused" in locked.content.decode()
    # Even the right password is refused during the cool-off...
    assert sign_in(client, "editor-one", make_staff_user.password).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but only for that username from that address: a colleague can still sign in.
    make_staff_user("editor-two")
    response = sign_in(client, "editor-two", make_staff_user.password)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) != user.pk


ADDRESS_A, ADDRESS_B, PROXY = "203.0.113.1", "203.0.113.2", "10.0.0.5"


def test_failures_from_one_address_do_not_lock_the_username_from_another(client, make_staff_user):
    make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor-one", "wrong", REMOTE_ADDR=ADDRESS_A)
    right = make_staff_user.password
    locked = sign_in(client, "editor-one", right, REMOTE_ADDR=ADDRESS_A)
    assert locked.status_code == 429
    assert "this username from your connection is paused" in locked.content.decode()
    assert sign_in(client, "editor-one", right, REMOTE_ADDR=ADDRESS_B).status_code == 302


def test_behind_a_proxy_the_address_comes_from_x_forwarded_for_and_cannot_be_forged(
    client, make_staff_user, settings
):
    settings.NUM_PROXIES = 1
    make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor-one", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_A)
    right = make_staff_user.password
    # A leftmost entry is the client's own writing: it cannot make A look like B.
    forged = f"{ADDRESS_B}, {ADDRESS_A}"
    response = sign_in(client, "editor-one", right, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    assert response["Retry-After"]
    # Everyone else behind the same proxy still signs in.
    response = sign_in(
        client, "editor-one", right, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_B
    )
    assert response.status_code == 302


def test_an_address_failing_across_many_usernames_is_locked_for_all_of_them(
    client, make_staff_user, settings
):
    make_staff_user("editor-one")
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess-{number}", "wrong", REMOTE_ADDR=ADDRESS_A)
    right = make_staff_user.password
    locked = sign_in(client, "editor-one", right, REMOTE_ADDR=ADDRESS_A)
    assert locked.status_code == 429
    assert "every sign-in from your connection is paused" in locked.content.decode()
    assert sign_in(client, "editor-one", right, REMOTE_ADDR=ADDRESS_B).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "address"),
    [
        (0, PROXY, ADDRESS_A, PROXY),  # no proxy: the header is never read
        (1, PROXY, ADDRESS_A, ADDRESS_A),
        (1, PROXY, f"{ADDRESS_B}, {ADDRESS_A}", ADDRESS_A),
        (2, PROXY, f"{ADDRESS_B}, {ADDRESS_A}, 10.0.0.4", ADDRESS_A),
        (2, PROXY, ADDRESS_A, PROXY),  # shorter than the chain: it skipped a proxy
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "", PROXY),
    ],
)
def test_client_address(rf, settings, proxies, remote, forwarded, address):
    from core.lockout import client_address

    settings.NUM_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_a_sign_in_with_an_unsafe_next_lands_on_the_admin_index(client, make_staff_user, unsafe):
    make_staff_user("ada")
    response = client.post(
        "/admin/login/", {"username": "ada", "password": make_staff_user.password, "next": unsafe}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_admin_pages_are_marked_noindex(client, db):
    assert client.get("/admin/login/")["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_an_over_long_username_is_a_form_error_not_a_database_error(client, db, length):
    """axes records a failed name in a 255-character column: on PostgreSQL a longer one was a
    500. The form now refuses it before authentication."""
    from axes.models import AccessAttempt

    response = sign_in(client, "u" * length, "wrong")
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_username_of_the_longest_allowed_length_is_still_checked(client, db):
    from axes.models import AccessAttempt

    response = sign_in(client, "u" * 150, "wrong")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert AccessAttempt.objects.filter(username="u" * 150).exists()


def test_a_lockout_says_when_to_retry_and_tries_during_it_do_not_restart_it(
    client, make_staff_user
):
    from axes.models import AccessAttempt

    make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor-one", "wrong")
    locked_at = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        locked = sign_in(client, "editor-one", "wrong")
        assert locked.status_code == 429
        assert 0 < int(locked["Retry-After"]) <= settings.AXES_COOLOFF_TIME.total_seconds()
    assert AccessAttempt.objects.get().attempt_time == locked_at
    # The cool-off counts from the lockout: once it has passed, the right password works.
    AccessAttempt.objects.update(attempt_time=locked_at - settings.AXES_COOLOFF_TIME)
    assert sign_in(client, "editor-one", make_staff_user.password).status_code == 302


def test_retry_after_and_the_page_give_the_time_left_not_the_whole_cool_off(
    client, make_staff_user
):
    from axes.models import AccessAttempt

    make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor-one", "wrong")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10, seconds=30))
    locked = sign_in(client, "editor-one", "wrong")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) in {269, 270}  # 4.5 minutes left, rounded up
    assert "Please wait 5 minutes" in locked.content.decode()
    # The last second of the lockout still says to wait a second, never zero.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14, seconds=59))
    locked = sign_in(client, "editor-one", "wrong")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "1"
    assert "Please wait 1 minute," in locked.content.decode()


def test_an_address_lockout_lasts_until_the_cool_off_after_its_newest_failure(
    client, make_staff_user, settings
):
    from axes.models import AccessAttempt

    make_staff_user("editor-one")
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess-{number}", "wrong", REMOTE_ADDR=ADDRESS_A)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    AccessAttempt.objects.filter(username="guess-0").update(
        attempt_time=timezone.now() - timedelta(minutes=5)
    )
    locked = sign_in(client, "editor-one", make_staff_user.password, REMOTE_ADDR=ADDRESS_A)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) in {599, 600}


def test_lockout_ends_after_the_cool_off(client, make_staff_user):
    from axes.models import AccessAttempt

    make_staff_user("editor-one")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor-one", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "editor-one", make_staff_user.password).status_code == 302


@pytest.mark.parametrize("path", ["/", "/guides/", "/about/", "/api/v1/guides/", "/robots.txt"])
def test_public_pages_set_no_cookie_for_visitors_or_signed_in_staff(
    client, make_guide, make_staff_user, path
):
    make_guide()
    assert client.get(path).cookies == {}
    client.force_login(make_staff_user("staff"))
    assert client.get(path).cookies == {}


def test_guide_page_and_preview_404_set_no_cookie_for_visitors(client, make_guide):
    guide = make_guide()
    assert client.get(f"/guides/{guide.slug}/").cookies == {}
    assert client.get(f"/preview/guides/{guide.slug}/").cookies == {}


def session_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_admin_requests_renew_the_idle_timeout_and_public_pages_do_not(client, make_staff_user):
    client.force_login(make_staff_user("staff"))
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=1)

    Session.objects.filter(session_key=key).update(expire_date=soon)
    client.get("/guides/")
    assert session_expiry(client) == soon

    response = client.get("/admin/")
    assert response.status_code == 200
    idle = timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES)
    assert session_expiry(client) > timezone.now() + idle - timedelta(minutes=1)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == idle.total_seconds()


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/admin/login/"), ("post", "/admin/"), ("get", "/admin/"), ("post", "/admin/x/")],
)
def test_a_made_up_session_cookie_earns_no_session_and_no_cookie(db, method, path):
    """Issue 19: anonymous requests to admin addresses with an invented session cookie each
    created a session row and got a session cookie back."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = "z" * 32
    before = Session.objects.count()
    response = getattr(client, method)(path, {"username": "nobody", "password": "wrong"})
    assert response.status_code in (200, 302, 403, 404)
    assert Session.objects.count() == before
    # At most the invented cookie is deleted; no session value is ever sent back.
    sent = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert sent is None or sent.value == ""


def test_an_idle_staff_session_ends(client, make_staff_user):
    client.force_login(make_staff_user("staff"))
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# create_admin_from_env ------------------------------------------------------------------------

ADMIN_ENV = {
    "ADMIN_USERNAME": "first-admin",
    "ADMIN_EMAIL": "admin@example.org",
    "ADMIN_PASSWORD": "plum-kettle-orbit-93",
}


@pytest.fixture
def admin_env(monkeypatch):
    for name, value in ADMIN_ENV.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def run_command():
    output = StringIO()
    call_command("create_admin_from_env", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_create_admin_from_env_creates_a_superuser_who_can_sign_in(admin_env, client):
    assert "Created" in run_command()
    user = get_user_model().objects.get(username="first-admin")
    assert user.is_superuser
    assert user.is_staff
    assert user.email == "admin@example.org"
    assert sign_in(client, "first-admin", ADMIN_ENV["ADMIN_PASSWORD"]).status_code == 302


@pytest.mark.django_db
def test_create_admin_from_env_is_idempotent_and_never_resets_the_password(admin_env):
    run_command()
    admin_env.setenv("ADMIN_PASSWORD", "a-different-passphrase-77")
    assert "already exists" in run_command()
    user = get_user_model().objects.get(username="first-admin")
    assert user.check_password(ADMIN_ENV["ADMIN_PASSWORD"])
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_create_admin_from_env_names_the_missing_variables(admin_env):
    admin_env.delenv("ADMIN_EMAIL")
    admin_env.setenv("ADMIN_PASSWORD", " ")
    with pytest.raises(CommandError, match="ADMIN_EMAIL, ADMIN_PASSWORD"):
        run_command()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_create_admin_from_env_refuses_a_weak_password(admin_env):
    admin_env.setenv("ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match="too weak"):
        run_command()
    assert not get_user_model().objects.exists()


def test_admin_pages_send_a_same_origin_referrer_so_browsers_can_post_their_forms(client, db):
    # Under no-referrer, browsers post forms with "Origin: null" and the CSRF check refuses them.
    assert client.get("/admin/login/")["Referrer-Policy"] == "same-origin"
    assert client.get("/guides/")["Referrer-Policy"] == "no-referrer"
