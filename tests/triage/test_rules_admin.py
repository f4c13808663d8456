"""Who may change the triage rules, and how: wording for editors; clinical changes (adding or
removing a finding or a rule, changing a rule's level, setting or findings, or moving a finding
to another page) only with the clinical permission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triage import services
from triage.engine import assess
from triage.models import Finding, HelpService, Level, Page, Rule

pytestmark = pytest.mark.django_db


def test_the_migrations_create_editor_and_clinical_reviewer_roles():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reviewer = set(
        Group.objects.get(name="Clinical reviewer").permissions.values_list("codename", flat=True)
    )
    assert {"change_finding", "change_rule", "change_page", "change_level"} <= editor
    assert {"change_helpservice", "view_rule"} <= editor
    assert not {"change_finding_level", "add_finding", "add_rule", "delete_rule"} & editor
    assert {"change_finding_level", "add_rule", "delete_rule", "add_finding"} <= reviewer


def test_an_editor_can_change_the_wording_of_a_finding_and_a_rule(make_staff):
    editor = make_staff("Editor")
    finding = Finding.objects.get(code="bowel_changes")
    finding.question = "Changes that last 3 weeks or more"
    services.save_finding(finding=finding, user=editor)
    assert Finding.objects.get(code="bowel_changes").question == finding.question
    rule = Rule.objects.get(code="bowel_changes")
    rule.text = "Changes that last need a doctor's check."
    rule.sources += "\nNHS: Bowel cancer"
    services.save_rule(rule=rule, findings=list(rule.findings.all()), user=editor)
    assert Rule.objects.get(code="bowel_changes").text == rule.text
    assert Rule.history.filter(code="bowel_changes").count() == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda rule: setattr(rule, "level", Level.objects.get(code="soon")),
        lambda rule: setattr(rule, "setting", "any"),
    ],
    ids=["level", "setting"],
)
def test_an_editor_cannot_change_what_a_rule_leads_to(make_staff, change):
    rule = Rule.objects.get(code="dark_stool")
    change(rule)
    with pytest.raises(PermissionDenied):
        services.save_rule(rule=rule, findings=None, user=make_staff("Editor"))
    stored = Rule.objects.get(code="dark_stool")
    assert (stored.level.code, stored.setting) == ("urgent", "er")


def test_an_editor_cannot_change_what_a_rule_needs(make_staff):
    rule = Rule.objects.get(code="fist_fever")
    with pytest.raises(PermissionDenied):
        services.save_rule(
            rule=rule, findings=[Finding.objects.get(code="fever")], user=make_staff("Editor")
        )
    assert assess(["fever"]).level == "urgent"


def test_an_editor_cannot_move_a_finding_to_another_page(make_staff):
    finding = Finding.objects.get(code="object_stuck")
    finding.page = Page.objects.get(code="soon")
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=finding, user=make_staff("Editor"))


def test_an_editor_cannot_add_or_remove_a_finding_or_a_rule(make_staff):
    editor = make_staff("Editor")
    new = Finding(code="new_sign", question="Q", text="t", page=Page.objects.get(code="soon"))
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=new, user=editor)
    with pytest.raises(PermissionDenied):
        services.delete_finding(finding=Finding.objects.get(code="age_45_plus"), user=editor)
    with pytest.raises(PermissionDenied):
        services.delete_rule(rule=Rule.objects.get(code="age_45_plus"), user=editor)
    new_rule = Rule(code="new_rule", level=Level.objects.get(code="soon"), text="t", sources="s")
    with pytest.raises(PermissionDenied):
        services.save_rule(rule=new_rule, findings=[], user=editor)
    assert Rule.objects.filter(code="age_45_plus").exists()


def test_a_clinical_reviewer_can_add_a_rule_and_it_is_used_and_recorded(make_staff, publish_rules):
    reviewer = make_staff("Clinical reviewer")
    rule = Rule(
        code="bowel_changes_45",
        level=Level.objects.get(code="urgent"),
        text="Lasting changes from 45 need a check today.",
        sources="Example: a clinical review",
        order=99,
    )
    findings = list(Finding.objects.filter(code__in=["bowel_changes", "age_45_plus"]))
    services.save_rule(rule=rule, findings=findings, user=reviewer)
    publish_rules()
    assert assess(["bowel_changes", "age_45_plus"]).level == "urgent"
    assert assess(["bowel_changes"]).level == "soon"
    recorded = Rule.history.filter(code="bowel_changes_45").first()
    assert recorded.history_user == reviewer


def test_a_rule_needs_a_finding_and_a_source_and_cannot_lead_to_self_care(make_staff):
    reviewer = make_staff("Clinical reviewer")
    rule = Rule.objects.get(code="still_worried")
    with pytest.raises(ValidationError):
        services.save_rule(rule=rule, findings=[], user=reviewer)
    rule.sources = "  \n "
    rule.level = Level.objects.get(code="self_care")
    with pytest.raises(ValidationError) as raised:
        services.save_rule(rule=rule, findings=None, user=reviewer)
    assert {"sources", "level"} <= set(raised.value.message_dict)
    rule = Rule.objects.get(code="still_worried")
    rule.setting = "er"
    with pytest.raises(ValidationError) as raised:
        services.save_rule(rule=rule, findings=None, user=reviewer)
    assert "setting" in raised.value.message_dict


def test_deleting_a_finding_removes_the_rules_that_need_it(make_staff):
    services.delete_finding(
        finding=Finding.objects.get(code="pregnancy_signs"), user=make_staff("Clinical reviewer")
    )
    assert not Rule.objects.filter(code="pregnancy_warning").exists()
    assert assess(["pregnant"]).level == "soon"


def test_codes_cannot_change_once_set():
    for instance in (Finding.objects.get(code="dark_stool"), Rule.objects.get(code="fever")):
        instance.code = "something_else"
        with pytest.raises(ValidationError) as raised:
            instance.full_clean()
        assert "code" in raised.value.message_dict


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


def test_us_help_services_are_seeded_for_the_rules_that_need_them():
    by_name = {service.name: service for service in HelpService.objects.all()}
    assert by_name["Emergency services"].phone == "911"
    rainn = by_name["RAINN National Sexual Assault Hotline"]
    assert (rainn.phone, rainn.website) == ("800-656-4673", "https://rainn.org/")
    pep = by_name["PEP to prevent HIV"]
    assert {r.code for r in pep.rules.all()} == {"hiv_pep", "hiv_pep_needles", "non_consensual"}
    assert [level.code for level in pep.levels.all()] == ["emergency"]
    testing = by_name["CDC-INFO: HIV and STI testing"]
    assert (testing.phone, testing.website) == ("1-800-232-4636", "https://gettested.cdc.gov/")
    assert {"sti_hiv_test", "needles_test"} <= {r.code for r in testing.rules.all()}
    youth = HelpService.objects.filter(findings__code="under_18")
    assert {service.phone for service in youth} == {"1-800-422-4453", "1-866-488-7386"}
    # The clinician-only PEPline is not a number for the public.
    assert not HelpService.objects.filter(notes__contains="888-448-4911").exists()


# The admin, through the Django test client, as each role sees it.


def admin_url(name, *args):
    from django.urls import reverse

    return reverse(f"admin:triage_{name}", args=args)


def test_admin_shows_an_editor_clinical_fields_read_only_and_no_add_button(client, make_staff):
    client.force_login(make_staff("Editor"))
    finding = Finding.objects.get(code="heavy_bleeding")
    page = client.get(admin_url("finding_change", finding.pk)).content.decode()
    assert 'name="question"' in page
    assert 'name="page"' not in page
    assert client.get(admin_url("finding_add")).status_code == 403
    assert client.post(admin_url("finding_delete", finding.pk), {"post": "yes"}).status_code == 403
    rule = Rule.objects.get(code="hiv_pep")
    page = client.get(admin_url("rule_change", rule.pk)).content.decode()
    assert 'name="text"' in page
    assert 'name="level"' not in page
    assert 'name="findings"' not in page
    assert "CDC: Clinical guidance for HIV post-exposure prophylaxis" in page  # its sources
    assert client.get(admin_url("rule_add")).status_code == 403


def test_admin_lets_an_editor_save_a_rules_wording_without_touching_its_level(client, make_staff):
    client.force_login(make_staff("Editor"))
    rule = Rule.objects.get(code="lump_or_piles")
    response = client.post(
        admin_url("rule_change", rule.pk),
        {
            "text": "Hemorrhoids or a small tear can be treated: see a doctor.",
            "sources": rule.sources,
            "order": rule.order,
            "level": Level.objects.get(code="emergency").pk,  # ignored: read-only
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.text.endswith("see a doctor.")
    assert rule.level.code == "soon"
    assert [f.code for f in rule.findings.all()] == ["lump_or_piles"]


def test_admin_lets_a_clinical_reviewer_change_what_a_rule_needs(client, make_staff, publish_rules):
    client.force_login(make_staff("Clinical reviewer"))
    rule = Rule.objects.get(code="no_better_7_days")
    findings = Finding.objects.filter(code__in=["no_better_7_days", "painful_bleeding"])
    response = client.post(
        admin_url("rule_change", rule.pk),
        {
            "level": Level.objects.get(code="urgent").pk,
            "setting": "any",
            "findings": [f.pk for f in findings],
            "text": rule.text,
            "sources": rule.sources,
            "order": rule.order,
        },
    )
    assert response.status_code == 302
    publish_rules()
    assert assess(["no_better_7_days", "painful_bleeding"]).level == "urgent"
    assert assess(["no_better_7_days"]).level == "self_care"
    empty = client.post(
        admin_url("rule_change", rule.pk),
        {"level": rule.level_id, "setting": "any", "text": "t", "sources": "s", "order": 1},
    )
    assert empty.status_code == 200  # the form asks for at least one answer
    assert 'class="errorlist' in empty.content.decode()
    assert assess(["no_better_7_days", "painful_bleeding"]).level == "urgent"


def test_admin_never_adds_or_deletes_a_level_or_a_page(client, admin_user):
    client.force_login(admin_user)
    assert client.get(admin_url("level_add")).status_code == 403
    assert client.get(admin_url("page_add")).status_code == 403
    level = Level.objects.get(code="soon")
    page = client.get(admin_url("level_change", level.pk)).content.decode()
    assert 'name="title"' in page
    assert 'name="order"' not in page


def test_content_version_changes_when_the_triage_rules_are_published(publish_rules):
    from core.versioning import content_version

    before = content_version()
    Rule.objects.filter(code="shock_signs").update(text="Feeling faint can mean blood loss.")
    assert content_version() == before
    publish_rules()
    assert content_version() != before


def test_admin_lists_and_history_pages_render_for_a_clinical_reviewer(client, make_staff):
    client.force_login(make_staff("Clinical reviewer"))
    finding = Finding.objects.get(code="fever")
    rule = Rule.objects.get(code="fever_weak_immunity")
    service = HelpService.objects.get(kind="pep")
    pages = [
        admin_url("finding_changelist"),
        admin_url("rule_changelist"),
        admin_url("page_changelist"),
        admin_url("level_changelist"),
        admin_url("helpservice_changelist"),
        admin_url("finding_history", finding.pk),
        admin_url("rule_history", rule.pk),
        admin_url("rule_change", rule.pk),
        admin_url("helpservice_change", service.pk),
        admin_url("page_change", Page.objects.get(code="today").pk),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
