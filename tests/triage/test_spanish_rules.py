"""The Spanish rule set is the English one in other words: the same codes, pages, choices, rules,
levels and links in every published version, so a clinical change is made once; and its words
are easy Spanish (INFLESZ), one fact per tick, addressing the reader as usted, with the ER named
«sala de emergencias» and never «urgencias»."""

import random
import re

import pytest

from triage.engine import evaluate
from triage.models import TRANSLATED_FIELDS, Finding, Publication
from triage.rules import build_rule_set, published_rule_set

pytestmark = pytest.mark.django_db

PLACEHOLDER_NUMBER = "911"
# INFLESZ (Szigriszt-Pazos): 65 and up is "bastante fácil", the band for a general audience.
EASY_SPANISH = 65


def inflesz(text: str) -> float:
    metrics = pytest.importorskip("textstat.backend.metrics")
    pytest.importorskip("pyphen")
    # Called with the language directly, so textstat's global language (US English, used by
    # guides/readability.py) is never changed.
    return metrics.szigriszt_pazos(text, "es")


def as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def joined(parts) -> str:
    return " ".join(as_sentence(part) for part in parts if part.strip())


def structure(rule_set) -> dict:
    """Everything but the words."""
    return {
        "levels": [(level.code, level.order, level.kind) for level in rule_set.levels],
        "pages": [(page.code, page.order) for page in rule_set.pages],
        "choices": [(c.code, c.group, c.not_sure) for c in rule_set.choices],
        "findings": [
            (f.code, f.group, f.choice, f.order, f.private, f.develops) for f in rule_set.findings
        ],
        "rules": [
            (r.code, r.level, r.all_of, r.any_of, r.watch_for_order, r.sources, r.order)
            for r in rule_set.rules
        ],
        "services": [
            (s.key, s.kind, s.phone, s.tel, s.levels, s.rules, s.findings)
            for s in rule_set.services
        ],
    }


def test_every_published_version_has_one_structure_in_both_languages(publish_rules):
    Finding.objects.filter(code="fever").update(question="Hot?", question_es="¿Calor?")
    publish_rules()
    assert Publication.objects.count() >= 2
    for publication in Publication.objects.all():
        english = build_rule_set(publication.payload, "en")
        spanish = build_rule_set(publication.payload, "es")
        assert structure(spanish) == structure(english), publication


def word_pairs(english, spanish):
    """(what, English, Spanish) for every translated text of the published rule sets."""

    def zipped(a, b):
        return zip(a, b, strict=True)

    for e, s in zipped(english.levels, spanish.levels):
        yield f"level {e.code} title", e.title, s.title
        yield from ((f"level {e.code} advice", x, y) for x, y in zipped(e.advice, s.advice))
        yield f"level {e.code} signs_heading", e.signs_heading, s.signs_heading
    for e, s in zipped(english.pages, spanish.pages):
        yield f"page {e.code}", e.question, s.question
        yield from ((f"page {e.code} unreached", x, y) for x, y in zipped(e.unreached, s.unreached))
    for e, s in zipped(english.choices, spanish.choices):
        yield f"choice {e.code}", e.question, s.question
    for e, s in zipped(english.findings, spanish.findings):
        for field in ("question", "hint", "said", "tell_staff"):
            yield f"finding {e.code} {field}", getattr(e, field), getattr(s, field)
    for e, s in zipped(english.rules, spanish.rules):
        yield f"rule {e.code} text", e.text, s.text
        yield f"rule {e.code} watch_for", e.watch_for, s.watch_for
    for e, s in zipped(english.services, spanish.services):
        for field in ("name", "notes", "opening_hours", "languages", "text_to"):
            yield f"service {e.key} {field}", getattr(e, field), getattr(s, field)


def test_the_published_spanish_check_has_its_own_words_for_everything():
    english, spanish = published_rule_set("en"), published_rule_set("es")
    # Names and numbers that are the same in both languages.
    same = {"The Trevor Project", "Planned Parenthood", "Text 988"}
    untranslated = [
        what
        for what, en, es in word_pairs(english, spanish)
        if en.strip() and en == es and en not in same and not re.fullmatch(r"[\d\W]+", en)
    ]
    assert untranslated == []
    assert "911" in " ".join(spanish.level_by_code["emergency"].advice)


def test_both_languages_give_the_same_levels_and_reasons(spec):
    english, spanish = published_rule_set("en"), published_rule_set("es")
    rng = random.Random(20261202)  # noqa: S311 - a repeatable sample of test inputs
    for _ in range(800):
        findings = rng.sample(spec.ticks, rng.randint(0, 10))
        for choice in spec.choices:
            if rng.random() < 0.75:
                findings.append(rng.choice(spec.options(choice)))
        a, b = evaluate(english, findings), evaluate(spanish, findings)
        assert (a.level, a.codes) == (b.level, b.codes)


def test_a_blank_spanish_word_falls_back_to_english_not_to_nothing(publish_rules):
    Finding.objects.filter(code="fever").update(hint_es="")
    publish_rules()
    spanish = published_rule_set("es").finding_by_code["fever"]
    assert spanish.hint == published_rule_set("en").finding_by_code["fever"].hint


def test_every_translated_field_is_in_the_admin():
    from django.contrib import admin

    from triage import models

    for name, fields in TRANSLATED_FIELDS.items():
        model_admin = admin.site._registry[getattr(models, name)]
        shown = str(model_admin.fieldsets or model_admin.fields)
        assert all(f"{field}_es" in shown for field in fields), name


def test_a_spanish_result_links_the_spanish_guides():
    english = published_rule_set("en").level_by_code["soon"].guides
    spanish = published_rule_set("es").level_by_code["soon"].guides
    assert len(spanish) == len(english) > 0
    assert all(link.url.startswith("/es/guides/") for link in spanish)
    assert all(not link.url.startswith("/es/") for link in english)


# Easy Spanish


def test_every_spanish_page_of_questions_reads_as_easy_spanish(rules_es):
    scores = {}
    for page in rules_es.pages:
        parts = [page.question]
        for finding in rules_es.questions(page.code):
            parts += [finding.question, finding.hint]
        for choice in rules_es.choices_on(page.code):
            parts += [choice.question, *(o.question for o in rules_es.options(choice.code))]
        scores[page.code] = inflesz(joined(parts))
    assert {code: s for code, s in scores.items() if s < EASY_SPANISH} == {}


def test_every_spanish_result_reads_as_easy_spanish(rules_es):
    scores = {}
    for level in rules_es.levels:
        parts = [level.title, *level.advice, *level.safety_net]
        parts += [rule.text for rule in rules_es.rules if rule.level == level.code]
        scores[level.code] = inflesz(joined(parts))
    assert {code: s for code, s in scores.items() if s < EASY_SPANISH} == {}


def test_the_spanish_help_cards_read_as_easy_spanish(rules_es):
    parts = [part for s in rules_es.services for part in (s.name, s.notes)]
    assert inflesz(joined(parts)) >= EASY_SPANISH


# One fact per tick, in Spanish too


# Parts of one fact that «y» may join; none are needed in version 3's labels.
ONE_FACT_ES: dict[str, str] = {}


def test_no_spanish_label_asks_two_facts_joined_by_y(rules_es):
    found = []
    for finding in rules_es.findings:
        label = finding.question
        if finding.code in ONE_FACT_ES:
            label = label.replace(ONE_FACT_ES[finding.code], "")
        if re.search(r"\b[yYeE]\b", label):
            found.append((finding.code, finding.question))
    assert found == []


def test_spanish_labels_keep_the_english_doubt_words(rules, rules_es):
    # "or you are not sure" must survive: it is what lets a person who does not know tick it.
    for finding in rules.findings:
        if "not sure" in finding.question:
            spanish = rules_es.finding_by_code[finding.code].question
            assert "con certeza" in spanish, finding.code


def test_the_spanish_partner_answer_is_about_any_partner_not_the_reader(rules_es):
    label = rules_es.finding_by_code["partner_risk"].question
    assert re.search(r"\b(alguna|cualquier) pareja\b", label, re.I)
    # «no sabe si tiene VIH» alone reads as "you do not know if you have HIV".
    for doubt in re.finditer(r"no sabe si ([^,]*)", label):
        assert re.search(r"\b(esa persona|la pareja|su pareja|esa pareja)\b", doubt[1]), doubt[0]
    assert "indetectable" in rules_es.finding_by_code["partner_risk"].hint.lower()


# Words


def test_the_spanish_blood_thinner_answer_keeps_the_us_brand_names(rules_es):
    hint = rules_es.finding_by_code["blood_thinners"].hint
    brands = ["Coumadin", "Jantoven", "Eliquis", "Xarelto", "Pradaxa", "Savaysa", "Lovenox"]
    brands += ["Fragmin", "Arixtra", "Plavix", "Effient", "Brilinta"]
    assert [brand for brand in brands if brand not in hint] == []
    assert "aspirina" in hint


def test_the_spanish_wording_keeps_the_glosses(rules_es):
    findings = rules_es.finding_by_code
    assert "100.4 °F (38 °C)" in findings["fever"].hint
    assert findings["partner_risk"].hint.count("Indetectable quiere decir") == 1
    assert "La PrEP es una medicina" in findings["on_prep"].hint
    assert "Diarrea quiere decir" in findings["bloody_diarrhea"].hint
    assert "Secreción quiere decir" in findings["sti_symptoms"].hint
    assert "La ingle es" in findings["spreading_infection"].hint
    prompts = " ".join(rules_es.page_by_code["about_the_sex"].unreached)
    assert "PEP (medicina que puede evitar el VIH" in prompts
    assert re.search(r"examen médico-legal \(|examen forense \(", prompts)


def spanish_texts(rule_set):
    """(what, text) for every Spanish text of the check that the person reads as "you"."""
    for what, _en, es in word_pairs(published_rule_set("en"), rule_set):
        if " said" in what:
            continue  # first person: what the reader says
        yield what, es


def test_the_spanish_wording_addresses_the_reader_as_usted(rules_es):
    # Tú forms that would slip in from a casual translation.
    informal = re.compile(
        r"\b(tú|tienes|puedes|eres|estás|llama|ve|tu|tus|te|quieres|sabes|necesitas)\b",
        re.IGNORECASE,
    )
    found = [(what, m[0]) for what, text in spanish_texts(rules_es) if (m := informal.search(text))]
    assert found == []


def test_no_spanish_text_uses_urgencias(rules_es):
    found = [
        what for what, text in spanish_texts(rules_es) if re.search(r"\burgencias?\b", text, re.I)
    ]
    assert found == []


def test_the_er_is_called_sala_de_emergencias(rules_es):
    for level in ("emergency", "er_today"):
        card = " ".join(
            [rules_es.level_by_code[level].title, *rules_es.level_by_code[level].advice]
        )
        assert "sala de emergencias" in card.lower(), level
    for key in ("emergency-room", "er-at-night"):
        service = next(s for s in rules_es.services if s.key == key)
        assert "sala de emergencias" in f"{service.name} {service.notes}".lower(), key
    urgent = " ".join(rules_es.level_by_code["urgent"].advice)
    assert "sala de emergencias" in urgent


def test_urgent_care_is_named_as_such_with_a_gloss_and_an_er_result_says_not_to_go(rules_es):
    urgent = " ".join(rules_es.level_by_code["urgent"].advice)
    assert re.search(r"urgent care \([^)]+\)", urgent)
    er_today = " ".join(rules_es.level_by_code["er_today"].advice)
    assert "no a una clínica de urgent care" in er_today
