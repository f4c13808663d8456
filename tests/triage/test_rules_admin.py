"""Who may change the triage rules, and how: wording for editors; clinical changes (adding or
removing a finding or a rule, changing a rule's level or the answers it needs, or moving a
finding to another page or single choice, or changing whether it can still develop) only with
the clinical permission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triage import services
from triage.engine import assess
from triage.models import Choice, Finding, HelpService, Level, Page, Rule, Source

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


def test_the_roles_can_see_the_sources_and_word_the_single_choices():
    """Version 3's Source and Choice rows: a reviewer must open a rule's sources, and the
    questions of the single choices are wording like any other."""
    from django.contrib.auth.models import Group

    for name in ("Editor", "Clinical reviewer"):
        granted = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"view_source", "change_source", "view_choice", "change_choice"} <= granted, name


def test_an_editor_can_change_the_wording_of_a_finding_and_a_rule(make_staff):
    editor = make_staff("Editor")
    finding = Finding.objects.get(code="bowel_changes")
    finding.question = "Changes that last 3 weeks or more"
    services.save_finding(finding=finding, user=editor)
    assert Finding.objects.get(code="bowel_changes").question == finding.question
    finding.said = "For 3 weeks or more my poop has changed."
    services.save_finding(finding=finding, user=editor)
    rule = Rule.objects.get(code="bowel_changes")
    rule.text = "Changes that last need a doctor's check."
    rule.watch_for = "changes that last 3 weeks"
    services.save_rule(
        rule=rule, all_of=list(rule.all_of.all()), any_of=list(rule.any_of.all()), user=editor
    )
    stored = Rule.objects.get(code="bowel_changes")
    assert (stored.text, stored.watch_for) == (rule.text, rule.watch_for)
    # One record for the save, after the one of the launch wording as it stood (migration 0017).
    assert Rule.history.filter(code="bowel_changes").count() == 2
    assert Rule.history.filter(code="bowel_changes").first().history_user == editor


@pytest.mark.parametrize(
    "change",
    [
        "soon",
        "urgent",
        "emergency",
    ],
)
def test_an_editor_cannot_change_what_a_rule_leads_to(make_staff, change):
    rule = Rule.objects.get(code="dark_stool")
    rule.level = Level.objects.get(code=change)
    with pytest.raises(PermissionDenied):
        services.save_rule(rule=rule, user=make_staff("Editor"))
    assert Rule.objects.get(code="dark_stool").level.code == "er_today"


@pytest.mark.parametrize(
    ("code", "all_of", "any_of"),
    [
        ("fist_fever", ["fever"], None),
        ("deep_pain_danger", None, ["fever"]),
        ("age_45_plus", None, ["age_65_plus"]),
        ("fever", ["fever"], ["age_65_plus"]),
    ],
)
def test_an_editor_cannot_change_what_a_rule_needs(make_staff, code, all_of, any_of):
    rule = Rule.objects.get(code=code)
    before = (set(rule.all_of.all()), set(rule.any_of.all()))
    with pytest.raises(PermissionDenied):
        services.save_rule(
            rule=rule,
            all_of=None if all_of is None else Finding.objects.filter(code__in=all_of),
            any_of=None if any_of is None else Finding.objects.filter(code__in=any_of),
            user=make_staff("Editor"),
        )
    assert (set(rule.all_of.all()), set(rule.any_of.all())) == before
    assert assess(["fever"]).level == "urgent"
    assert assess(["age_45_to_64"]).level == "soon"


def test_an_editor_cannot_move_a_finding_to_another_page(make_staff):
    finding = Finding.objects.get(code="object_stuck")
    finding.page = Page.objects.get(code="soon")
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=finding, user=make_staff("Editor"))


@pytest.mark.parametrize(
    ("code", "field", "value"),
    [
        ("when_48h", "choice_id", None),
        ("fever", "develops", ""),
        ("strangulation_signs", "develops", "always"),
    ],
)
def test_an_editor_cannot_change_a_findings_choice_or_whether_it_can_develop(
    make_staff, code, field, value
):
    finding = Finding.objects.get(code=code)
    before = getattr(finding, field)
    setattr(finding, field, value)
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=finding, user=make_staff("Editor"))
    assert getattr(Finding.objects.get(code=code), field) == before


def test_a_clinical_reviewer_can_change_whether_a_finding_can_develop(make_staff):
    finding = Finding.objects.get(code="pregnancy_signs")
    finding.develops = "always"
    services.save_finding(finding=finding, user=make_staff("Clinical reviewer"))
    assert Finding.objects.get(code="pregnancy_signs").develops == "always"


def test_an_editor_cannot_add_or_remove_a_finding_or_a_rule(make_staff):
    editor = make_staff("Editor")
    new = Finding(code="new_sign", question="Q", said="s", page=Page.objects.get(code="soon"))
    with pytest.raises(PermissionDenied):
        services.save_finding(finding=new, user=editor)
    with pytest.raises(PermissionDenied):
        services.delete_finding(finding=Finding.objects.get(code="age_45_to_64"), user=editor)
    with pytest.raises(PermissionDenied):
        services.delete_rule(rule=Rule.objects.get(code="age_45_plus"), user=editor)
    new_rule = Rule(code="new_rule", level=Level.objects.get(code="soon"), text="t")
    with pytest.raises(PermissionDenied):
        services.save_rule(
            rule=new_rule, all_of=[Finding.objects.get(code="fever")], any_of=[], user=editor
        )
    assert Rule.objects.filter(code="age_45_plus").exists()
    assert Finding.objects.filter(code="age_45_to_64").exists()
    assert not Rule.objects.filter(code="new_rule").exists()


def test_a_clinical_reviewer_can_add_a_rule_and_it_is_used_and_recorded(make_staff, publish_rules):
    reviewer = make_staff("Clinical reviewer")
    rule = Rule(
        code="bowel_changes_45",
        level=Level.objects.get(code="urgent"),
        text="Lasting changes from 45 need a check today.",
        order=99,
    )
    services.save_rule(
        rule=rule,
        all_of=Finding.objects.filter(code="bowel_changes"),
        any_of=Finding.objects.filter(code__in=["age_45_to_64", "age_65_plus"]),
        user=reviewer,
    )
    rule.sources.set(Source.objects.filter(rules__code="bowel_changes"))
    assert assess(["bowel_changes", "age_65_plus"]).level == "soon"  # not published yet
    publish_rules()
    assert assess(["bowel_changes", "age_45_to_64"]).level == "urgent"
    assert assess(["bowel_changes", "age_65_plus"]).level == "urgent"
    assert assess(["bowel_changes"]).level == "soon"  # age unsaid: no match
    assert assess(["bowel_changes", "age_18_to_44"]).level == "soon"
    recorded = Rule.history.filter(code="bowel_changes_45").first()
    assert recorded.history_user == reviewer


def test_a_rule_needs_at_least_one_answer(make_staff):
    reviewer = make_staff("Clinical reviewer")
    rule = Rule.objects.get(code="still_worried")
    with pytest.raises(ValidationError) as raised:
        services.save_rule(rule=rule, all_of=[], any_of=[], user=reviewer)
    assert "all_of" in raised.value.message_dict
    assert [f.code for f in Rule.objects.get(code="still_worried").all_of.all()] == [
        "still_worried"
    ]


def test_a_rule_has_no_setting_and_an_advice_rule_stays_at_self_care(spec):
    assert "setting" not in {field.name for field in Rule._meta.get_fields()}
    for code in spec.advice:
        assert Rule.objects.get(code=code).level.code == "self_care"


def test_deleting_a_finding_removes_the_rules_that_need_it(make_staff):
    services.delete_finding(
        finding=Finding.objects.get(code="pregnancy_signs"), user=make_staff("Clinical reviewer")
    )
    assert not Rule.objects.filter(code="pregnancy_signs").exists()
    assert Rule.objects.filter(code="pregnant").exists()
    assert assess(["pregnant"]).level == "soon"


def test_deleting_one_option_of_a_rules_any_of_keeps_the_rule_with_the_rest(make_staff):
    services.delete_finding(
        finding=Finding.objects.get(code="age_65_plus"), user=make_staff("Clinical reviewer")
    )
    assert not Rule.objects.filter(code="older_fever").exists()  # it needed it (all of)
    rule = Rule.objects.get(code="age_45_plus")
    assert [f.code for f in rule.any_of.all()] == ["age_45_to_64"]


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


def where_shown(key: str) -> tuple[set[str], set[str], set[str]]:
    service = HelpService.objects.get(key=key)
    return (
        {level.code for level in service.levels.all()},
        {rule.code for rule in service.rules.all()},
        {finding.code for finding in service.findings.all()},
    )


EVERY_LEVEL = {"emergency", "er_today", "urgent", "soon", "self_care"}


def test_us_help_services_are_seeded_where_the_specification_asks_for_them(spec):
    assert HelpService.objects.get(key="emergency-number").phone == "911"
    assert where_shown("emergency-number") == ({"emergency"}, set(), set())
    assert where_shown("emergency-room") == ({"er_today"}, set(), set())
    assert where_shown("urgent-care") == ({"urgent"}, set(), set())  # never on er_today
    for key in ("find-a-clinic", "planned-parenthood", "cdc-info"):
        assert where_shown(key) == ({"soon", "self_care"}, set(), set()), key
    assert HelpService.objects.get(key="planned-parenthood").phone == "1-800-230-7526"
    assert HelpService.objects.get(key="cdc-info").phone == "800-232-4636"
    assert HelpService.objects.get(key="find-a-clinic").website == "https://gettested.cdc.gov/"
    assert where_shown("pep-at-the-er") == ({"emergency", "er_today"}, spec.pep_rules, set())
    assert where_shown("pep-today") == ({"urgent"}, spec.pep_rules, set())
    assert where_shown("pepline") == (EVERY_LEVEL, spec.pep_rules, set())
    assert HelpService.objects.get(key="pepline").phone == "888-448-4911"
    rainn = HelpService.objects.get(key="rainn")
    assert (rainn.phone, rainn.website) == ("800-656-4673", "https://rainn.org/")
    assert where_shown("rainn") == (EVERY_LEVEL, {"non_consensual", "non_consensual_recent"}, set())
    assert where_shown("domestic-violence-hotline") == (
        EVERY_LEVEL,
        {"strangled", "strangulation_signs"},
        set(),
    )
    assert where_shown("childhelp") == (
        EVERY_LEVEL,
        {"child", "child_recent", "older_partner", "older_partner_recent", "minor_traded"},
        set(),
    )
    assert where_shown("trevor-project") == (
        EVERY_LEVEL,
        set(),
        {"age_13_or_under", "age_14_to_17", "older_partner"},
    )
    assert where_shown("trafficking-hotline") == (
        EVERY_LEVEL,
        {"traded_sex", "minor_traded"},
        set(),
    )
    assert where_shown("crisis-988") == (EVERY_LEVEL, set(), set())
    assert HelpService.objects.get(key="crisis-988").phone == "988"


# The admin, through the Django test client, as each role sees it.


def admin_url(name, *args):
    from django.urls import reverse

    return reverse(f"admin:triage_{name}", args=args)


def test_admin_shows_an_editor_clinical_fields_read_only_and_no_add_button(client, make_staff):
    client.force_login(make_staff("Editor"))
    finding = Finding.objects.get(code="heavy_bleeding")
    page = client.get(admin_url("finding_change", finding.pk)).content.decode()
    for field in ("question", "hint", "said", "tell_staff", "private", "said_es"):
        assert f'name="{field}"' in page, field
    for field in ("page", "choice", "develops", "text", "advice"):
        assert f'name="{field}"' not in page, field
    assert client.get(admin_url("finding_add")).status_code == 403
    assert client.post(admin_url("finding_delete", finding.pk), {"post": "yes"}).status_code == 403
    rule = Rule.objects.get(code="hiv_pep")
    page = client.get(admin_url("rule_change", rule.pk)).content.decode()
    for field in ("text", "watch_for", "watch_for_order", "sources", "text_es"):
        assert f'name="{field}"' in page, field
    for field in ("level", "all_of", "any_of", "setting"):
        assert f'name="{field}"' not in page, field
    assert client.get(admin_url("rule_add")).status_code == 403


def test_admin_shows_a_clinical_reviewer_the_clinical_fields_to_change(client, make_staff):
    client.force_login(make_staff("Clinical reviewer"))
    finding = Finding.objects.get(code="pregnancy_signs")
    page = client.get(admin_url("finding_change", finding.pk)).content.decode()
    for field in ("page", "choice", "develops"):
        assert f'name="{field}"' in page, field
    rule = Rule.objects.get(code="hiv_pep")
    page = client.get(admin_url("rule_change", rule.pk)).content.decode()
    for field in ("level", "all_of", "any_of", "sources"):
        assert f'name="{field}"' in page, field
    assert 'name="setting"' not in page
    assert client.get(admin_url("rule_add")).status_code == 200


def test_admin_lets_an_editor_save_a_rules_wording_without_touching_its_level(client, make_staff):
    client.force_login(make_staff("Editor"))
    rule = Rule.objects.get(code="lump_or_piles")
    response = client.post(
        admin_url("rule_change", rule.pk), rule_form(rule, text="Piles can be treated.")
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.text == "Piles can be treated."
    assert rule.level.code == "soon"
    assert [f.code for f in rule.all_of.all()] == ["lump_or_piles"]
    assert not rule.any_of.exists()


def rule_form(rule, **changes) -> dict:
    """The rule's change form as submitted, with a clinical field an editor cannot change."""
    form = {
        "text": rule.text,
        "watch_for": rule.watch_for,
        "watch_for_order": rule.watch_for_order,
        "sources": [source.pk for source in rule.sources.all()],
        "order": rule.order,
        "text_es": rule.text_es,
        "watch_for_es": rule.watch_for_es,
        "level": Level.objects.get(code="emergency").pk,  # ignored without the permission
        "all_of": [Finding.objects.get(code="heavy_bleeding").pk],  # likewise
    }
    return {**form, **changes}


def test_admin_asks_every_rule_for_a_source(client, make_staff):
    client.force_login(make_staff("Editor"))
    rule = Rule.objects.get(code="lump_or_piles")
    response = client.post(admin_url("rule_change", rule.pk), rule_form(rule, sources=[]))
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Rule.objects.get(code="lump_or_piles").sources.exists()


def test_admin_lets_a_clinical_reviewer_change_what_a_rule_needs(client, make_staff, publish_rules):
    client.force_login(make_staff("Clinical reviewer"))
    rule = Rule.objects.get(code="no_better_7_days")
    findings = Finding.objects.filter(code__in=["no_better_7_days", "painful_bleeding"])
    response = client.post(
        admin_url("rule_change", rule.pk),
        rule_form(
            rule,
            level=Level.objects.get(code="urgent").pk,
            all_of=[f.pk for f in findings],
            any_of=[],
        ),
    )
    assert response.status_code == 302
    publish_rules()
    assert assess(["no_better_7_days", "painful_bleeding"]).level == "urgent"
    assert assess(["no_better_7_days"]).level == "self_care"
    empty = client.post(
        admin_url("rule_change", rule.pk),
        rule_form(rule, level=rule.level_id, all_of=[], any_of=[]),
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
    service = HelpService.objects.get(key="pep-today")
    pages = [
        admin_url("finding_changelist"),
        admin_url("rule_changelist"),
        admin_url("page_changelist"),
        admin_url("level_changelist"),
        admin_url("helpservice_changelist"),
        admin_url("choice_changelist"),
        admin_url("source_changelist"),
        admin_url("source_change", Source.objects.first().pk),
        admin_url("choice_change", Choice.objects.get(code="when").pk),
        admin_url("finding_history", finding.pk),
        admin_url("rule_history", rule.pk),
        admin_url("rule_change", rule.pk),
        admin_url("helpservice_change", service.pk),
        admin_url("page_change", Page.objects.get(code="today").pk),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_the_source_admin_lists_the_rules_citing_each_source(client, make_staff):
    client.force_login(make_staff("Editor"))
    source = Source.objects.filter(rules__code="non_consensual_recent").first()
    citing = set(source.rules.values_list("code", flat=True))
    page = client.get(admin_url("source_change", source.pk)).content.decode()
    for code in citing:
        assert code in page
    listing = client.get(admin_url("source_changelist")).content.decode()
    assert "non_consensual_recent" in listing


def test_single_choices_are_fixed_by_the_specification(client, admin_user):
    client.force_login(admin_user)
    choice = Choice.objects.get(code="age")
    assert client.get(admin_url("choice_add")).status_code == 403
    assert client.post(admin_url("choice_delete", choice.pk), {"post": "yes"}).status_code == 403
    page = client.get(admin_url("choice_change", choice.pk)).content.decode()
    assert 'name="question"' in page
    for field in ("code", "page", "not_sure"):
        assert f'name="{field}"' not in page, field
    assert Choice.objects.filter(code="age").exists()
