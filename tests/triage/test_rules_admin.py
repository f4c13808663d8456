"""Who may change the triage rules, and how: wording for editors, clinical changes (adding or
removing a finding, or changing what it leads to) only with the clinical permission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triage import services
from triage.models import Finding, HelpService, Level

pytestmark = pytest.mark.django_db


def test_the_migration_creates_editor_and_clinical_reviewer_roles():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reviewer = set(
        Group.objects.get(name="Clinical reviewer").permissions.values_list("codename", flat=True)
    )
    assert {"change_finding", "change_level", "change_helpservice", "view_finding"} <= editor
    assert "change_finding_level" not in editor
    assert "add_finding" not in editor
    assert {"change_finding_level", "add_finding", "delete_finding"} <= reviewer


def test_an_editor_can_change_the_wording_of_a_finding(make_staff):
    editor = make_staff("Editor")
    finding = Finding.objects.get(code="bowel_changes")
    finding.question = "Changes that last 3 weeks or more"
    services.save_finding(finding=finding, user=editor)
    assert Finding.objects.get(code="bowel_changes").question == finding.question
    assert Finding.history.filter(code="bowel_changes").count() == 1


def test_an_editor_cannot_change_what_a_finding_leads_to(make_staff):
    editor = make_staff("Editor")
    finding = Finding.objects.get(code="heavy_bleeding")
    finding.level = Level.objects.get(code="soon")
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=finding, user=editor)
    assert Finding.objects.get(code="heavy_bleeding").level.code == "emergency"


def test_an_editor_cannot_move_a_finding_to_another_page(make_staff):
    finding = Finding.objects.get(code="object_stuck")
    finding.group = Level.objects.get(code="soon")
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=finding, user=make_staff("Editor"))


def test_an_editor_cannot_add_or_remove_a_finding(make_staff):
    editor = make_staff("Editor")
    soon = Level.objects.get(code="soon")
    new = Finding(code="new_sign", question="Q", text="t", group=soon, level=soon, sources="NHS")
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=new, user=editor)
    with pytest.raises(PermissionDenied):
        services.delete_finding(finding=Finding.objects.get(code="age_50_plus"), user=editor)
    assert Finding.objects.filter(code="age_50_plus").exists()


def test_a_clinical_reviewer_can_change_a_level_and_it_is_recorded(make_staff):
    from triage.engine import assess

    reviewer = make_staff("Clinical reviewer")
    finding = Finding.objects.get(code="age_50_plus")
    finding.level = Level.objects.get(code="urgent")
    services.save_finding(finding=finding, user=reviewer)
    assert assess(["age_50_plus"]).level == "urgent"
    assert Finding.history.filter(code="age_50_plus").first().level.code == "urgent"


def test_a_finding_code_cannot_change_once_set():
    finding = Finding.objects.get(code="dark_stool")
    finding.code = "black_poop"
    with pytest.raises(ValidationError) as raised:
        finding.full_clean()
    assert "code" in raised.value.message_dict


def test_a_finding_needs_a_source_and_cannot_lead_to_self_care(make_staff):
    reviewer = make_staff("Clinical reviewer")
    finding = Finding.objects.get(code="sti_exposure")
    finding.sources = "  \n "
    finding.level = Level.objects.get(code="self_care")
    with pytest.raises(ValidationError) as raised:
        services.save_finding(finding=finding, user=reviewer)
    assert {"sources", "level"} <= set(raised.value.message_dict)


def test_level_order_and_care_card_are_fixed():
    level = Level.objects.get(code="self_care")
    level.order = 0
    with pytest.raises(ValidationError):
        level.full_clean()


def test_help_service_phone_becomes_a_tel_link_and_is_checked():
    service = HelpService.objects.get(kind="sexual_assault")
    assert service.tel_href == "tel:8006564673"
    service.phone = "call us!"
    service.website = "http://insecure.example/"
    with pytest.raises(ValidationError) as raised:
        service.full_clean()
    assert {"phone", "website"} <= set(raised.value.message_dict)
    assert HelpService(phone="+44 20 7946 0000").tel_href == "tel:+442079460000"


def test_us_help_services_are_seeded():
    services_by_kind = {service.kind: service for service in HelpService.objects.all()}
    assert services_by_kind["emergency"].phone == "911"
    assert services_by_kind["sexual_assault"].phone == "800-656-4673"
    assert services_by_kind["sexual_assault"].website.startswith("https://rainn.org")
    assert services_by_kind["sexual_health"].website == "https://gettested.cdc.gov/"
    assert not HelpService.objects.filter(phone__contains="988").exists()


# The admin, through the Django test client, as each role sees it.


def admin_url(name, *args):
    from django.urls import reverse

    return reverse(f"admin:triage_{name}", args=args)


def test_admin_shows_an_editor_the_level_read_only_and_no_add_button(client, make_staff):
    client.force_login(make_staff("Editor"))
    finding = Finding.objects.get(code="heavy_bleeding")
    page = client.get(admin_url("finding_change", finding.pk)).content.decode()
    assert 'name="question"' in page
    assert 'name="level"' not in page
    assert 'name="group"' not in page
    assert client.get(admin_url("finding_add")).status_code == 403
    assert client.post(admin_url("finding_delete", finding.pk), {"post": "yes"}).status_code == 403


def test_admin_lets_an_editor_save_wording_without_touching_the_level(client, make_staff):
    client.force_login(make_staff("Editor"))
    finding = Finding.objects.get(code="lump_or_piles")
    response = client.post(
        admin_url("finding_change", finding.pk),
        {
            "question": "A lump at your bottom, or piles that keep coming back",
            "hint": finding.hint,
            "text": finding.text,
            "order": finding.order,
            "sources": finding.sources,
            "level": Level.objects.get(code="emergency").pk,  # ignored: read-only
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.question.startswith("A lump at your bottom")
    assert finding.level.code == "soon"


def test_admin_lets_a_clinical_reviewer_change_the_level(client, make_staff):
    client.force_login(make_staff("Clinical reviewer"))
    finding = Finding.objects.get(code="lump_or_piles")
    page = client.get(admin_url("finding_change", finding.pk)).content.decode()
    assert 'name="level"' in page
    assert client.get(admin_url("finding_add")).status_code == 200


def test_admin_never_adds_or_deletes_a_level(client, admin_user):
    client.force_login(admin_user)
    assert client.get(admin_url("level_add")).status_code == 403
    level = Level.objects.get(code="soon")
    page = client.get(admin_url("level_change", level.pk)).content.decode()
    assert 'name="title"' in page
    assert 'name="order"' not in page


def test_content_version_changes_when_the_triage_rules_change():
    from core.versioning import content_version

    before = content_version()
    Finding.objects.filter(code="shock_signs").update(hint="Feeling faint.")
    assert content_version() != before


def test_admin_lists_and_history_pages_render_for_a_clinical_reviewer(client, make_staff):
    client.force_login(make_staff("Clinical reviewer"))
    finding = Finding.objects.get(code="hiv_exposure")
    service = HelpService.objects.get(kind="pep")
    level = Level.objects.get(code="urgent")
    pages = [
        admin_url("finding_changelist"),
        admin_url("level_changelist"),
        admin_url("helpservice_changelist"),
        admin_url("finding_history", finding.pk),
        admin_url("helpservice_change", service.pk),
        admin_url("level_change", level.pk),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
