"""Patient stories through the symptom check (version 3 of shared/triage-spec.md), in a real
Chromium, with JavaScript and without; the same people tell them in Spanish in
test_triage_stories_es.py.

Each story is one person, in their own words. Its answers are what that person would tick reading
each page's labels literally, and only what the story says: a page the story says nothing about
gets "None of these"; pages 2 and 3 each get the one "when" and "age" option the story gives. The
expected level was worked out by hand from the specification's rule table (the rules that match
are noted beside each story), never with the app's engine, so an engine bug shows up here. The
pages are answered by their visible wording only.

An emergency story gives answers only up to the page where its emergency rule is complete: the
check must end there (even with that page's single choice unanswered), and every other result must
come after all five pages. Each result is then read as a person sees it: its level and heading,
its help cards by name, "Also tell the staff" on emergency and er_today results, the nurse-script
lines of the answers given, and no word that sends an emergency-room patient to urgent care."""

import re
from typing import NamedTuple

import pytest
from playwright.sync_api import expect

from .story_steps import (
    ENGLISH,
    TOTAL_PAGES,
    Words,
    after_continue,
    answer,
    answer_for,
    checkbox,
    continue_,
    er_today_line,
    expect_question,
    help_names,
    level_title,
    open_check,
    radio,
    result_of,
    section,
    service_name,
    told_list,
    unreached_lines,
    urgent_care_sentences,
    walk,
)

# django_db makes pytest-django create the test database even when only tests from this module
# run: `site` below is not its `live_server`, which would otherwise ask for it. Each test's own
# transaction is on this thread's connection, where nothing is written; the server's threads
# read what `site` committed. The browser starts before that transaction (see `tabs`): starting
# Playwright changes the context Django's connections are kept in.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


class L(NamedTuple):
    """Enough of one label's visible words to pick it out, in English and in Spanish."""

    en: str
    es: str


# Page 1: emergency signs
HEAVY = L("A lot of blood, or bleeding that will not stop", "Mucha sangre, o un sangrado que no")
PASSED_OUT = L("You passed out, or you feel dizzy", "Se desmayó, o siente mareo")
BAD_BELLY = L("Very bad belly pain", "Dolor de barriga muy fuerte")
STUCK = L("A toy or object is stuck inside", "Un juguete u objeto está atorado dentro")
SPREADING = L("Redness or swelling that spreads fast", "Enrojecimiento o hinchazón que se")
CHOKE_SIGNS = L("Signs of harm after someone choked you", "Señales de daño después de que")
DANGER = L("Trouble breathing, chest pain", "Problemas para respirar, dolor en el pecho")
# Page 2: about the sex
NO_CONSENT = L("without your consent", "sin su consentimiento")
CHOKED = L("Someone choked or strangled you", "Alguien le estranguló o le apretó el cuello")
NO_CONDOM = L("No condom was used", "No se usó condón")
PARTNER = L("Any partner was new or casual", "Alguna pareja era nueva u ocasional")
PREP = L("You take PrEP", "Usted toma PrEP")
NEEDLES = L("You shared needles", "Compartió agujas")
FIST = L("A fist, a large or long toy", "Entró un puño, un juguete grande")
HIGH = L("You were very drunk or high", "Tomó mucho alcohol")
TRADED = L("You had sex for money", "Tuvo sexo a cambio de dinero")
W48 = L("Less than 2 days ago", "Hace menos de 2 días")
W2_3 = L("2 to 3 days ago", "Hace 2 a 3 días")
W3_5 = L("3 to 5 days ago", "Hace 3 a 5 días")
WLATER = L("More than 5 days ago", "Hace más de 5 días")
WUNSURE = L("I am not sure", "No lo sé con certeza")
# Page 3: about you
THINNER = L("You take a blood thinner", "Toma una medicina que adelgaza la sangre")
WEAK = L("Your immune system is weak", "Sus defensas")
DIABETES = L("You have diabetes", "Tiene diabetes")
PROCEDURE = L("You had a procedure on your bottom", "Le hicieron un procedimiento")
PREGNANT = L("You are pregnant, or your period is late", "Está embarazada, o se le atrasó")
PREG_SIGNS = L("If you are pregnant or your period is late:", "Si está embarazada o se le atrasó")
OLDER = L("If you are under 18: the other person", "Si tiene menos de 18 años: la otra")
AGE_13 = L("13 or younger", "13 años o menos")
AGE_14_17 = L("14 to 17", "De 14 a 17 años")
AGE_18_44 = L("18 to 44", "De 18 a 44 años")
AGE_45_64 = L("45 to 64", "De 45 a 64 años")
AGE_65 = L("65 or older", "65 años o más")
AGE_UNSAID = L("I would rather not say", "Prefiero no decirlo")
# Page 4: today
STILL_BLEEDING = L("You are still bleeding now", "Todavía sangra ahora")
DEEP_PAIN = L("Deep pain inside", "Dolor profundo por dentro")
TAR = L("black tar", "negra que se pega")
BLOODY_DIARRHEA = L("Diarrhea with blood", "Diarrea con sangre")
FEVER = L("A fever, or you feel hot or shivery", "Fiebre, o siente calor o escalofríos")
BELLY = L("Belly pain since the sex", "Dolor de barriga desde el sexo")
LUMP = L("A painful lump near your bottom", "Un bulto doloroso cerca del ano")
CANNOT_SIT = L("so bad that you cannot sit", "tan fuerte que no puede sentarse")
CANNOT_HOLD = L("You still cannot hold in poop or gas", "Todavía no puede aguantar la popó")
BULGE = L("A bulge from your bottom", "Un bulto que sale del ano")
CANNOT_PEE = L("You cannot pee", "No puede orinar")
# Page 5: soon
PAIN_NEXT_DAY = L("still there the day after the sex", "que sigue al día siguiente del sexo")
BLEEDING_LASTS = L("The bleeding has lasted more than 2 days", "El sangrado ha durado más de 2")
BLEED_WITHOUT_SEX = L("You also bleed from your bottom", "También sangra por el ano")
STI = L("Discharge, sores", "Secreción, llagas")
THREE_WEEKS = L("For 3 weeks or more", "Desde hace 3 semanas o más")
PILES = L("hemorrhoids that keep coming back", "hemorroides que vuelven a salir")
NO_BETTER = L("It has not gotten better in a week", "No ha mejorado en una semana")
WORRIED = L("Something else about your health", "Algo más sobre su salud")

# Help cards a story's answers bring (services in triage/content/*.toml, by their key; the test
# reads their visible names). The level's own cards and 988 are added for every story.
PEP = "pep"  # "Where to get PEP" (at the ER) or "Where to get PEP today", and the PEPline
RAINN = "rainn"
DV_HOTLINE = "domestic-violence-hotline"
CHILDHELP = "childhelp"
TREVOR = "trevor-project"
TRAFFICKING = "trafficking-hotline"
LEVEL_CARDS = {
    "emergency": ["emergency-number"],
    "er_today": ["emergency-room"],
    "urgent": ["urgent-care", "sexual-health-clinic-today", "er-at-night"],
    "soon": ["find-a-clinic", "planned-parenthood", "cdc-info"],
    "self_care": ["find-a-clinic", "planned-parenthood", "cdc-info"],
}
# Words a reason must show, for the stories that need them.
FORENSIC = L("forensic exam", "examen médico después de una agresión sexual")
CONTRACEPTION = L("emergency contraception", "anticoncepción de emergencia")
ASK_HIV_PEP = L('"HIV PEP"', "«HIV PEP»")
KEEP_PREP = L("Keep taking PrEP", "Siga tomando la PrEP")
STROKE_LATER = L("A stroke can follow days later", "Días después puede venir un derrame")
BLOOD_TESTS = L("blood tests", "análisis de sangre")
HIDE_PAIN = L("Drugs and alcohol can hide pain", "pueden esconder el dolor")


class Story(NamedTuple):
    id: str
    who: str  # the person, in their own words (English)
    dicho: str  # the same person, in Spanish
    answers: tuple[L, ...]  # every tick and option they give; pages come from the labels
    level: str  # worked out by hand from the rule table
    ends_on: int  # the page the check must end on: 5, or the emergency rule's last page
    helps: tuple[str, ...] = ()  # help cards the answers bring, beyond the level's and 988
    shows: tuple[L, ...] = ()  # words the result must show


STORIES = [
    # --- Emergency signs on page 1: the check ends there ----------------------------------------
    Story(
        "toilet-red-big-clots",
        "An hour after sex the toilet water went bright red, and I passed clots bigger than a "
        "grape.",
        "Una hora después del sexo el agua del inodoro se puso roja, y me salieron coágulos más "
        "grandes que una uva.",
        (HEAVY,),
        "emergency",  # heavy_bleeding
        1,
    ),
    Story(
        "fainted-in-bathroom",
        "I fainted in the bathroom right after sex. I'm lying down now and feel okay.",
        "Me desmayé en el baño justo después del sexo. Ahora estoy acostado y me siento bien.",
        (PASSED_OUT,),
        "emergency",  # shock_signs (tick it even if it has stopped)
        1,
    ),
    Story(
        "choked-hoarse-voice",
        "My partner choked me during sex last night. Since then my voice is hoarse and it hurts "
        "to swallow.",
        "Anoche mi pareja me apretó el cuello durante el sexo. Desde entonces tengo la voz "
        "ronca y me duele tragar.",
        (CHOKE_SIGNS,),
        "emergency",  # strangulation_signs
        1,
        (DV_HOTLINE,),
    ),
    Story(
        "poppers-swallowed",
        "At a party I drank from a poppers bottle by mistake. Now I can't catch my breath and my "
        "lips look blue.",
        "En una fiesta tomé de una botella de poppers por error. Ahora me falta el aire y tengo "
        "los labios azules.",
        (DANGER,),
        "emergency",  # danger_signs
        1,
    ),
    Story(
        "face-droops-after-sex",
        "Since sex an hour ago, one side of my face droops and I can't get my words out.",
        "Desde el sexo hace una hora, tengo un lado de la cara caído y no me salen las palabras.",
        (DANGER,),
        "emergency",  # danger_signs (a stroke)
        1,
    ),
    Story(
        "plug-base-snapped",
        "The base of my butt plug snapped off an hour ago. Part of it is still inside.",
        "La base de mi plug anal se rompió hace una hora. Una parte sigue dentro.",
        (STUCK,),
        "emergency",  # object_stuck
        1,
    ),
    Story(
        "redness-spreading-fast",
        "I'm diabetic. Since this morning the skin around my anus has gone red and swollen, and "
        "it is spreading fast.",
        "Tengo diabetes. Desde esta mañana la piel alrededor del ano está roja e hinchada, y se "
        "extiende rápido.",
        (SPREADING,),
        "emergency",  # spreading_infection
        1,
    ),
    Story(
        "hard-belly-big-dildo",
        "After a really big dildo I have terrible belly pain, and my belly feels hard.",
        "Después de usar un consolador muy grande tengo un dolor de barriga terrible, y la "
        "barriga dura.",
        (BAD_BELLY,),
        "emergency",  # severe_abdominal_pain
        1,
    ),
    # --- Emergency from answers on later pages ------------------------------------------------
    Story(
        "pregnant-cramps-age-unanswered",
        "I'm pregnant. After anal sex with my husband this morning there is blood, and now I "
        "have cramps.",
        "Estoy embarazada. Después del sexo anal con mi esposo esta mañana hay sangre, y ahora "
        "tengo cólicos.",
        (W48, PREGNANT, PREG_SIGNS),  # no age given: the emergency answer ends the check
        "emergency",  # pregnancy_signs
        3,
    ),
    Story(
        "teen-17-pregnant-bleeding",
        "I'm 17 and my period is late. Since anal sex with my boyfriend yesterday I'm bleeding "
        "and I can't tell if it's from my vagina or my bottom.",
        "Tengo 17 años y se me atrasó el período. Desde el sexo anal con mi novio ayer estoy "
        "sangrando, y no sé si es de la vagina o del ano.",
        (W48, PREGNANT, PREG_SIGNS, AGE_14_17),
        "emergency",  # pregnancy_signs; teen
        3,
        (TREVOR,),
    ),
    Story(
        "fisted-belly-aches",
        "I'm 34. My partner fisted me last night. My belly has ached for hours and it's getting "
        "worse.",
        "Tengo 34 años. Mi pareja me metió el puño anoche. Me duele la barriga desde hace horas "
        "y va a peor.",
        (FIST, W48, AGE_18_44, BELLY),
        "emergency",  # fist_belly_pain; fist_or_object_recent, belly_pain
        4,
    ),
    Story(
        "big-dildo-fever-4-days",
        "Four days ago I used a very big dildo. I'm 40, and now I have a fever.",
        "Hace cuatro días usé un consolador muy grande. Tengo 40 años y ahora tengo fiebre.",
        (FIST, W3_5, AGE_18_44, FEVER),
        "emergency",  # fist_fever; fist_or_object_recent, fever
        4,
    ),
    Story(
        "fisting-hookup-fever-pep",
        "I'm 29. Last night a guy I'd just met fisted me and then fucked me without a condom. "
        "Today I'm hot and shivery.",
        "Tengo 29 años. Anoche un tipo que acababa de conocer me metió el puño y luego me cogió "
        "sin condón. Hoy tengo calor y escalofríos.",
        (FIST, NO_CONDOM, PARTNER, W48, AGE_18_44, FEVER),
        "emergency",  # fist_fever; fist_or_object_recent, hiv_pep (PEP at the ER), sti_hiv_test
        4,
        (PEP,),
        (ASK_HIV_PEP,),
    ),
    Story(
        "chemo-fever",
        "I'm 52 and on chemotherapy. After sex with my husband yesterday there was some blood, "
        "and tonight my temperature is 38.3.",
        "Tengo 52 años y recibo quimioterapia. Después del sexo con mi esposo ayer hubo algo de "
        "sangre, y esta noche tengo 38.3 de temperatura.",
        (W48, WEAK, AGE_45_64, FEVER),
        "emergency",  # fever_weak_immunity
        4,
    ),
    Story(
        "hiv-untreated-fever-age-unsaid",
        "I have HIV and stopped my meds last year. I'd rather not say my age. Sex was a week ago, "
        "and now I have a fever of 101.",
        "Tengo VIH y dejé mis medicinas el año pasado. Prefiero no decir mi edad. El sexo fue "
        "hace una semana, y ahora tengo fiebre de 101.",
        (WLATER, WEAK, AGE_UNSAID, FEVER),
        "emergency",  # fever_weak_immunity
        4,
    ),
    Story(
        "belly-pain-and-fever",
        "I'm 25. Since sex yesterday my belly has hurt for hours, and now I have a fever.",
        "Tengo 25 años. Desde el sexo ayer me duele la barriga desde hace horas, y ahora tengo "
        "fiebre.",
        (W48, AGE_18_44, BELLY, FEVER),
        "emergency",  # belly_pain_fever
        4,
    ),
    Story(
        "biopsy-deep-back-pain",
        "I'm 67 and had a prostate biopsy three weeks ago. Sex was four days ago, and since then "
        "a deep pain in my lower back keeps getting worse.",
        "Tengo 67 años y me hicieron una biopsia de próstata hace tres semanas. El sexo fue hace "
        "cuatro días, y desde entonces un dolor profundo en la parte baja de la espalda empeora.",
        (W3_5, PROCEDURE, AGE_65, DEEP_PAIN),
        "emergency",  # deep_pain_danger; deep_pain, recent_procedure, age_45_plus
        4,
    ),
    Story(
        "banding-then-shivery",
        "I'm 38. I had my hemorrhoids banded two weeks ago. We had sex last night, and now I "
        "feel hot and shivery.",
        "Tengo 38 años. Me ligaron las hemorroides hace dos semanas. Tuvimos sexo anoche, y "
        "ahora siento calor y escalofríos.",
        (W48, PROCEDURE, AGE_18_44, FEVER),
        "emergency",  # procedure_fever
        4,
    ),
    Story(
        "bulge-stuck-cannot-sit",
        "I'm 30. Something bulged out of my bottom after sex this morning and won't go back in, "
        "and it hurts so much I can't sit.",
        "Tengo 30 años. Después del sexo esta mañana algo me salió del ano y no vuelve a entrar, "
        "y me duele tanto que no puedo sentarme.",
        (W48, AGE_18_44, BULGE, CANNOT_SIT),
        "emergency",  # trapped_prolapse
        4,
    ),
    # --- Emergency room today -------------------------------------------------------------------
    Story(
        "drunk-party-last-night",
        "I'm 22. I was really drunk at a party last night and woke up bleeding from my bottom. I "
        "don't know who it was, if he used a condom, or if I said yes.",
        "Tengo 22 años. Anoche estaba muy borracho en una fiesta y desperté sangrando del ano. "
        "No sé quién fue, si usó condón, ni si dije que sí.",
        (NO_CONSENT, NO_CONDOM, PARTNER, HIGH, W48, AGE_18_44),
        "er_today",  # non_consensual_recent; hiv_pep, non_consensual, sti_hiv_test, high_or_drunk
        5,
        (PEP, RAINN),
        (FORENSIC, CONTRACEPTION, HIDE_PAIN),
    ),
    Story(
        "assault-four-days-ago",
        "I'm 35. Four days ago a man I know forced himself on me. I still haven't told anyone.",
        "Tengo 35 años. Hace cuatro días un hombre que conozco me forzó. Todavía no se lo he "
        "contado a nadie.",
        (NO_CONSENT, W3_5, AGE_18_44),
        "er_today",  # non_consensual_recent (a PEP rule); non_consensual
        5,
        (PEP, RAINN),
        (FORENSIC, CONTRACEPTION),
    ),
    Story(
        "drugged-not-sure-when",
        "I think I was drugged at a bar. I don't know what day it happened, and I'd rather not "
        "say how old I am. I didn't agree to it.",
        "Creo que me drogaron en un bar. No sé qué día pasó, y prefiero no decir mi edad. Yo no "
        "acepté.",
        (NO_CONSENT, WUNSURE, AGE_UNSAID),
        "er_today",  # non_consensual_recent (not sure when counts as recent)
        5,
        (PEP, RAINN),
        (FORENSIC, CONTRACEPTION),
    ),
    Story(
        "never-heard-of-prep-2-days",
        "I'm 27. Two and a half days ago I had sex with a guy from an app, no condom. What's "
        "PrEP? I've never heard of it.",
        "Tengo 27 años. Hace dos días y medio tuve sexo con un tipo de una app, sin condón. ¿Qué "
        "es la PrEP? Nunca he oído de eso.",
        (NO_CONDOM, PARTNER, W2_3, AGE_18_44),
        "er_today",  # hiv_pep_closing; sti_hiv_test
        5,
        (PEP,),
        (ASK_HIV_PEP,),
    ),
    Story(
        "condom-broke-not-sure-when",
        "The condom broke with a guy I'd just met. It was a few days ago but I'm not sure which "
        "day. I'm 31.",
        "El condón se rompió con un tipo que acababa de conocer. Fue hace unos días, pero no sé "
        "qué día. Tengo 31 años.",
        (NO_CONDOM, PARTNER, WUNSURE, AGE_18_44),
        "er_today",  # hiv_pep_closing (not sure when); sti_hiv_test
        5,
        (PEP,),
    ),
    Story(
        "prep-pills-2-3-days",
        "I'm 33 and take PrEP pills. Two and a half days ago I bottomed for a new guy without a "
        "condom.",
        "Tengo 33 años y tomo pastillas de PrEP. Hace dos días y medio fui pasivo con un tipo "
        "nuevo sin condón.",
        (NO_CONDOM, PARTNER, PREP, W2_3, AGE_18_44),
        "er_today",  # hiv_pep_closing (hiv_pep_on_prep is for under 48 hours); sti_hiv_test
        5,
        (PEP,),
    ),
    Story(
        "needles-2-3-days",
        "I'm 41. Two and a half days ago at a chemsex party I shared a needle to slam. We used "
        "condoms.",
        "Tengo 41 años. Hace dos días y medio en una fiesta de chemsex compartí una aguja para "
        "inyectarme. Usamos condón.",
        (NEEDLES, W2_3, AGE_18_44),
        "er_today",  # hiv_pep_needles_closing; needles_test
        5,
        (PEP,),
    ),
    Story(
        "choked-during-sex-no-signs",
        "I'm 26. My boyfriend squeezed my neck for a moment during sex last night. I liked it, "
        "and I feel fine now.",
        "Tengo 26 años. Anoche mi novio me apretó el cuello un momento durante el sexo. Me "
        "gustó, y ahora me siento bien.",
        (CHOKED, W48, AGE_18_44),
        "er_today",  # strangled
        5,
        (DV_HOTLINE,),
        (STROKE_LATER,),
    ),
    Story(
        "fisted-last-night-feels-fine",
        "I'm 44. My regular partner fisted me last night. There was a bit of blood, and I feel "
        "fine.",
        "Tengo 44 años. Mi pareja de siempre me metió el puño anoche. Hubo un poco de sangre, y "
        "me siento bien.",
        (FIST, W48, AGE_18_44),
        "er_today",  # fist_or_object_recent; fist_or_object
        5,
    ),
    Story(
        "still-bleeding-hours-later",
        "I'm 23. We had sex this morning and hours later I'm still bleeding, more than a few "
        "drops.",
        "Tengo 23 años. Tuvimos sexo esta mañana y horas después sigo sangrando, más que unas "
        "gotas.",
        (W48, AGE_18_44, STILL_BLEEDING),
        "er_today",  # still_bleeding
        5,
        (),
        (BLOOD_TESTS,),
    ),
    Story(
        "deep-pain-low-belly",
        "I'm 28. Since sex last night I have a deep pain low in my pelvis that has lasted all day.",
        "Tengo 28 años. Desde el sexo anoche tengo un dolor profundo en la pelvis que ha durado "
        "todo el día.",
        (W48, AGE_18_44, DEEP_PAIN),
        "er_today",  # deep_pain
        5,
    ),
    Story(
        "tar-black-poop-58",
        "I'm 58. Sex was a week ago. Since the weekend my poop has been black and sticky, like "
        "tar.",
        "Tengo 58 años. El sexo fue hace una semana. Desde el fin de semana mi popó es negra y "
        "pegajosa, como alquitrán.",
        (WLATER, AGE_45_64, TAR),
        "er_today",  # dark_stool; age_45_plus
        5,
    ),
    Story(
        "lump-diabetes",
        "I'm 55 with diabetes. Sex was over a week ago, and now there's a painful lump by my "
        "bottom that keeps getting bigger.",
        "Tengo 55 años y diabetes. El sexo fue hace más de una semana, y ahora tengo un bulto "
        "doloroso junto al ano que crece.",
        (WLATER, DIABETES, AGE_45_64, LUMP),
        "er_today",  # abscess, diabetes_infection; age_45_plus
        5,
    ),
    Story(
        "fever-at-70",
        "I'm 70. Two and a half days after sex with my wife I feel hot and shivery. Nothing else.",
        "Tengo 70 años. Dos días y medio después del sexo con mi esposa siento calor y "
        "escalofríos. Nada más.",
        (W2_3, AGE_65, FEVER),
        "er_today",  # older_fever; fever, age_45_plus
        5,
    ),
    Story(
        "eliquis-still-bleeding",
        "I'm 68 and take Eliquis. We had sex this morning, and hours later I'm still bleeding.",
        "Tengo 68 años y tomo Eliquis. Tuvimos sexo esta mañana, y horas después sigo sangrando.",
        (W48, THINNER, AGE_65, STILL_BLEEDING),
        "er_today",  # blood_thinners_bleeding, still_bleeding; blood_thinners, age_45_plus
        5,
        (),
        (BLOOD_TESTS,),
    ),
    Story(
        "warfarin-bleeding-comes-back",
        "I'm 60 and on warfarin. Since sex a week ago the bleeding keeps coming back.",
        "Tengo 60 años y tomo warfarina. Desde el sexo hace una semana el sangrado vuelve a "
        "aparecer.",
        (WLATER, THINNER, AGE_45_64, BLEEDING_LASTS),
        "er_today",  # blood_thinners_bleeding; blood_thinners, age_45_plus, bleeding_persists
        5,
    ),
    Story(
        "polyp-removed-bleeding-lasts",
        "I'm 50. A polyp was removed last month. Sex was four days ago and I've bled every day "
        "since.",
        "Tengo 50 años. Me quitaron un pólipo el mes pasado. El sexo fue hace cuatro días y he "
        "sangrado todos los días desde entonces.",
        (W3_5, PROCEDURE, AGE_45_64, BLEEDING_LASTS),
        "er_today",  # procedure_bleeding; recent_procedure, age_45_plus, bleeding_persists
        5,
    ),
    Story(
        "transplant-bloody-diarrhea",
        "I'm 39 and take medicines after a kidney transplant. Sex was a week ago; now I have "
        "diarrhea with blood.",
        "Tengo 39 años y tomo medicinas por un trasplante de riñón. El sexo fue hace una semana; "
        "ahora tengo diarrea con sangre.",
        (WLATER, WEAK, AGE_18_44, BLOODY_DIARRHEA),
        "er_today",  # weak_immunity_signs; bloody_diarrhea, weak_immune_system
        5,
    ),
    Story(
        "child-13-older-boy-yesterday",
        "I'm 13. Yesterday a 19-year-old I met online did it with me. I said yes, but now I'm "
        "scared and there's blood.",
        "Tengo 13 años. Ayer un chico de 19 años que conocí por internet lo hizo conmigo. Dije "
        "que sí, pero ahora tengo miedo y hay sangre.",
        (W48, OLDER, AGE_13),
        "er_today",  # child_recent, older_partner_recent (a PEP rule); child, older_partner
        5,
        (PEP, CHILDHELP, TREVOR),
    ),
    Story(
        "teen-15-coach-yesterday",
        "I'm 15. My coach and I had sex yesterday. He used a condom.",
        "Tengo 15 años. Mi entrenador y yo tuvimos sexo ayer. Él usó condón.",
        (W48, OLDER, AGE_14_17),
        "er_today",  # older_partner_recent; older_partner, teen
        5,
        (PEP, CHILDHELP, TREVOR),
    ),
    Story(
        "cannot-hold-gas",
        "I'm 32. Hours after sex last night I still can't hold in gas, and I've leaked some poop.",
        "Tengo 32 años. Horas después del sexo anoche todavía no puedo aguantar los gases, y se "
        "me ha salido algo de popó.",
        (W48, AGE_18_44, CANNOT_HOLD),
        "er_today",  # leaking_poop
        5,
    ),
    Story(
        "cannot-pee",
        "I'm 36. Since sex last night I can only pee a little, and only if I push hard.",
        "Tengo 36 años. Desde el sexo anoche solo puedo orinar un poco, y solo si hago mucha "
        "fuerza.",
        (W48, AGE_18_44, CANNOT_PEE),
        "er_today",  # cannot_pee
        5,
    ),
    Story(
        "bulge-stays-out",
        "I'm 47. Since sex yesterday a bulge from my bottom won't go back in. It doesn't hurt "
        "much.",
        "Tengo 47 años. Desde el sexo ayer un bulto que sale del ano no vuelve a entrar. No me "
        "duele mucho.",
        (W48, AGE_45_64, BULGE),
        "er_today",  # prolapse; age_45_plus
        5,
    ),
    Story(
        "fever-cannot-sit",
        "I'm 24. Sex was a week ago. Now I have a fever and it hurts so much I can't sit.",
        "Tengo 24 años. El sexo fue hace una semana. Ahora tengo fiebre y me duele tanto que no "
        "puedo sentarme.",
        (WLATER, AGE_18_44, FEVER, CANNOT_SIT, PAIN_NEXT_DAY),
        "er_today",  # fever_anal_pain; fever, severe_anal_pain, painful_bleeding
        5,
    ),
    Story(
        "belly-pain-lasting",
        "I'm 30. My belly has hurt for hours since sex this morning, and it hurts more when I "
        "cough.",
        "Tengo 30 años. Me duele la barriga desde hace horas, desde el sexo esta mañana, y me "
        "duele más al toser.",
        (W48, AGE_18_44, BELLY),
        "er_today",  # belly_pain
        5,
    ),
    # --- Medical help today -------------------------------------------------------------------
    Story(
        "never-heard-of-prep-last-night",
        "I'm 21. Last night the condom came off with a guy I met at a club. I don't know "
        "anything about PrEP.",
        "Tengo 21 años. Anoche se salió el condón con un tipo que conocí en un club. No sé nada "
        "de la PrEP.",
        (NO_CONDOM, PARTNER, W48, AGE_18_44),
        "urgent",  # hiv_pep; sti_hiv_test
        5,
        (PEP,),
        (ASK_HIV_PEP,),
    ),
    Story(
        "prep-shots-last-night",
        "I'm 30 and get PrEP shots. Last night I had sex without a condom with someone from "
        "Grindr.",
        "Tengo 30 años y me ponen inyecciones de PrEP. Anoche tuve sexo sin condón con alguien "
        "de Grindr.",
        (NO_CONDOM, PARTNER, PREP, W48, AGE_18_44),
        "urgent",  # hiv_pep_on_prep, hiv_pep; sti_hiv_test
        5,
        (PEP,),
        (KEEP_PREP,),
    ),
    Story(
        "needles-last-night",
        "I'm 37. Last night I shared a needle at a party. The sex was with a condom.",
        "Tengo 37 años. Anoche compartí una aguja en una fiesta. El sexo fue con condón.",
        (NEEDLES, W48, AGE_18_44),
        "urgent",  # hiv_pep_needles; needles_test
        5,
        (PEP,),
    ),
    Story(
        "assault-two-weeks-ago",
        "I'm 29. Two weeks ago my ex forced me. I still bleed a little every time I poop.",
        "Tengo 29 años. Hace dos semanas mi ex me forzó. Todavía sangro un poco cada vez que "
        "hago popó.",
        (NO_CONSENT, WLATER, AGE_18_44, BLEEDING_LASTS),
        "urgent",  # non_consensual (past 5 days: no non_consensual_recent); bleeding_persists
        5,
        (RAINN,),
    ),
    Story(
        "fisted-a-week-ago",
        "I'm 45. A week ago my partner fisted me. There was some blood after; I feel fine now.",
        "Tengo 45 años. Hace una semana mi pareja me metió el puño. Después hubo algo de sangre; "
        "ahora me siento bien.",
        (FIST, WLATER, AGE_45_64),
        "urgent",  # fist_or_object; age_45_plus
        5,
    ),
    Story(
        "bloody-diarrhea",
        "I'm 27. Sex with my boyfriend was a week ago. For two days I've had diarrhea with "
        "blood in it.",
        "Tengo 27 años. El sexo con mi novio fue hace una semana. Desde hace dos días tengo "
        "diarrea con sangre.",
        (WLATER, AGE_18_44, BLOODY_DIARRHEA),
        "urgent",  # bloody_diarrhea
        5,
    ),
    Story(
        "plavix-blood-once",
        "I'm 66 and take Plavix for my stent. I saw blood on the tissue once after sex with my "
        "wife last week.",
        "Tengo 66 años y tomo Plavix por mi stent. Vi sangre en el papel una vez después del "
        "sexo con mi esposa la semana pasada.",
        (WLATER, THINNER, AGE_65),
        "urgent",  # blood_thinners; age_45_plus
        5,
    ),
    Story(
        "crohns-biologic",
        "I'm 34 and take a biologic for Crohn's. A little blood after sex with my husband a week "
        "ago; no fever.",
        "Tengo 34 años y uso un medicamento biológico para la enfermedad de Crohn. Un poco de "
        "sangre después del sexo con mi esposo hace una semana; no tengo fiebre.",
        (WLATER, WEAK, AGE_18_44),
        "urgent",  # weak_immune_system
        5,
    ),
    Story(
        "fever-only",
        "I'm 26. Sex was two and a half days ago, and since yesterday I feel hot and shivery.",
        "Tengo 26 años. El sexo fue hace dos días y medio, y desde ayer siento calor y "
        "escalofríos.",
        (W2_3, AGE_18_44, FEVER),
        "urgent",  # fever
        5,
    ),
    Story(
        "vaginoplasty-spotting",
        "I'm a trans woman, 31. I had a vaginoplasty two months ago. A week ago I had anal sex "
        "with my partner and there was a little blood.",
        "Soy una mujer trans de 31 años. Me hicieron una vaginoplastia hace dos meses. Hace una "
        "semana tuve sexo anal con mi pareja y hubo un poco de sangre.",
        (WLATER, PROCEDURE, AGE_18_44),
        "urgent",  # recent_procedure
        5,
    ),
    Story(
        "cannot-sit-pain",
        "I'm 29. Since sex four days ago, it hurts so much to poop that I avoid going.",
        "Tengo 29 años. Desde el sexo hace cuatro días me duele tanto hacer popó que evito ir al "
        "baño.",
        (W3_5, AGE_18_44, CANNOT_SIT, PAIN_NEXT_DAY),
        "urgent",  # severe_anal_pain; painful_bleeding
        5,
    ),
    Story(
        "child-12-same-age",
        "I'm 12. A week ago my boyfriend, who is 12 too, and I tried it. There was blood.",
        "Tengo 12 años. Hace una semana mi novio, que también tiene 12, y yo lo intentamos. Hubo "
        "sangre.",
        (WLATER, AGE_13),
        "urgent",  # child
        5,
        (CHILDHELP, TREVOR),
    ),
    Story(
        "teen-16-older-partner-weeks-ago",
        "I'm 16. Three weeks ago I had sex with a 24-year-old guy. I've bled a bit on and off "
        "since.",
        "Tengo 16 años. Hace tres semanas tuve sexo con un hombre de 24 años. He sangrado un "
        "poco de vez en cuando desde entonces.",
        (WLATER, OLDER, AGE_14_17, BLEEDING_LASTS),
        "urgent",  # older_partner; teen, bleeding_persists
        5,
        (CHILDHELP, TREVOR),
    ),
    Story(
        "teen-17-traded-for-a-place",
        "I'm 17. A week ago I had sex with a guy so I could stay at his place. We used a condom.",
        "Tengo 17 años. Hace una semana tuve sexo con un tipo para poder quedarme en su casa. "
        "Usamos condón.",
        (TRADED, WLATER, AGE_14_17),
        "urgent",  # minor_traded; teen, traded_sex
        5,
        (CHILDHELP, TREVOR, TRAFFICKING),
    ),
    # --- See a doctor in the next few days ----------------------------------------------------
    Story(
        "condom-broke-4-days-ago",
        "I'm 24. Four days ago the condom broke with a guy from an app. A little blood after.",
        "Tengo 24 años. Hace cuatro días se rompió el condón con un tipo de una app. Un poco de "
        "sangre después.",
        (NO_CONDOM, PARTNER, W3_5, AGE_18_44),
        "soon",  # sti_hiv_test (past 72 hours: no PEP rule)
        5,
    ),
    Story(
        "age-50-mild-bleeding",
        "I'm 50. My husband and I had sex with a condom yesterday, and I saw a streak of blood "
        "on the paper. It stopped.",
        "Tengo 50 años. Mi esposo y yo tuvimos sexo con condón ayer, y vi una rayita de sangre "
        "en el papel. Ya paró.",
        (W48, AGE_45_64),
        "soon",  # age_45_plus
        5,
    ),
    Story(
        "baby-aspirin-52",
        "I'm 52 and take a baby aspirin every day, nothing else. A bit of blood after sex with "
        "my partner of 20 years last week.",
        "Tengo 52 años y tomo una aspirina de dosis baja todos los días, nada más. Un poco de "
        "sangre después del sexo con mi pareja de 20 años, la semana pasada.",
        (WLATER, AGE_45_64),
        "soon",  # low-dose aspirin alone does not count: age_45_plus
        5,
    ),
    Story(
        "teen-16-same-age-condom",
        "I'm 16. My boyfriend is 16 too; we used a condom this morning. A little blood, now "
        "stopped.",
        "Tengo 16 años. Mi novio también tiene 16; usamos condón esta mañana. Un poco de sangre, "
        "ya paró.",
        (W48, AGE_14_17),
        "soon",  # teen
        5,
        (TREVOR,),
    ),
    Story(
        "pregnant-no-signs",
        "I'm 28 and about 12 weeks pregnant. A little blood on the paper after anal sex with my "
        "husband a week ago. No cramps.",
        "Tengo 28 años y unas 12 semanas de embarazo. Un poco de sangre en el papel después del "
        "sexo anal con mi esposo hace una semana. Sin cólicos.",
        (WLATER, PREGNANT, AGE_18_44),
        "soon",  # pregnant
        5,
    ),
    Story(
        "fissure-stings",
        "I'm 33. Since sex four days ago it stings every time I poop, and the bleeding keeps "
        "coming back.",
        "Tengo 33 años. Desde el sexo hace cuatro días me arde cada vez que hago popó, y el "
        "sangrado vuelve a aparecer.",
        (W3_5, AGE_18_44, PAIN_NEXT_DAY, BLEEDING_LASTS),
        "soon",  # painful_bleeding, bleeding_persists
        5,
    ),
    Story(
        "piles-for-years",
        "I'm 40. I've had piles for years that keep coming back, and I sometimes bleed when I "
        "poop anyway. Sex was a week ago.",
        "Tengo 40 años. Tengo hemorroides desde hace años que vuelven a salir, y a veces sangro "
        "al hacer popó de todos modos. El sexo fue hace una semana.",
        (WLATER, AGE_18_44, BLEED_WITHOUT_SEX, PILES),
        "soon",  # bleeding_without_sex, lump_or_piles
        5,
    ),
    Story(
        "itching-discharge",
        "I'm 31. A week after sex with my boyfriend of two years I have itching and a discharge "
        "from my bottom.",
        "Tengo 31 años. Una semana después del sexo con mi novio de hace dos años tengo picazón "
        "y secreción en el ano.",
        (WLATER, AGE_18_44, STI),
        "soon",  # sti_symptoms
        5,
    ),
    Story(
        "tired-thin-poop-61",
        "I'm 61. For a month my poop has been thinner than usual and I feel very tired. Sex "
        "with my wife was a week ago.",
        "Tengo 61 años. Desde hace un mes mi popó es más delgada de lo normal y me siento muy "
        "cansado. El sexo con mi esposa fue hace una semana.",
        (WLATER, AGE_45_64, THREE_WEEKS),
        "soon",  # age_45_plus, bowel_changes
        5,
    ),
    Story(
        "still-worried",
        "I'm 35. A week ago there was a tiny bit of blood after sex. Nothing on your lists fits, "
        "but something else about my health has worried me since.",
        "Tengo 35 años. Hace una semana hubo un poquito de sangre después del sexo. Nada de sus "
        "listas me pasa, pero algo más sobre mi salud me preocupa desde entonces.",
        (WLATER, AGE_18_44, WORRIED),
        "soon",  # still_worried
        5,
    ),
    Story(
        "needles-two-weeks-ago",
        "I'm 42. Two weeks ago I shared needles at a party. Sex was with a condom.",
        "Tengo 42 años. Hace dos semanas compartí agujas en una fiesta. El sexo fue con condón.",
        (NEEDLES, WLATER, AGE_18_44),
        "soon",  # needles_test
        5,
    ),
    Story(
        "eight-days-no-better",
        "I'm 27. Eight days since my girlfriend pegged me. I'm still sore the day after and it's "
        "no better in a week.",
        "Tengo 27 años. Han pasado ocho días desde que mi novia me penetró con un arnés. Sigo "
        "adolorido y no he mejorado en una semana.",
        (WLATER, AGE_18_44, PAIN_NEXT_DAY, NO_BETTER),
        "soon",  # painful_bleeding, no_better_7_days
        5,
    ),
    # --- Care for yourself at home ------------------------------------------------------------
    Story(
        "pink-water-once",
        "I'm 25. This morning after sex the toilet water went a bit pink, no clots, and it "
        "stopped.",
        "Tengo 25 años. Esta mañana después del sexo el agua del inodoro se puso un poco rosada, "
        "sin coágulos, y ya paró.",
        (W48, AGE_18_44),
        "self_care",  # pink is not heavy bleeding
        5,
    ),
    Story(
        "small-clots",
        "I'm 30. Last night after sex there were two small clots, smaller than a pea. It stopped.",
        "Tengo 30 años. Anoche después del sexo salieron dos coágulos pequeños, más pequeños que "
        "un chícharo. Ya paró.",
        (W48, AGE_18_44),
        "self_care",  # clots smaller than a grape are not heavy bleeding
        5,
    ),
    Story(
        "lube-leaking",
        "I'm 28. Since sex last night lube keeps leaking out of my bottom, with a little blood "
        "on the paper.",
        "Tengo 28 años. Desde el sexo anoche me sigue saliendo lubricante del ano, con un poco "
        "de sangre en el papel.",
        (W48, AGE_18_44),
        "self_care",  # lube leaking is not leaking_poop
        5,
    ),
    Story(
        "cramps-pass-with-gas",
        "I'm 34. After sex this morning I get cramps, but they go away when I pass gas.",
        "Tengo 34 años. Después del sexo esta mañana me dan cólicos, pero se me quitan cuando "
        "echo gases.",
        (W48, AGE_18_44),
        "self_care",  # cramps that pass with gas are not belly pain
        5,
    ),
    Story(
        "fingers-only",
        "I'm 22. Last night my girlfriend used her fingers, just two. A bit of blood after.",
        "Tengo 22 años. Anoche mi novia usó los dedos, solo dos. Un poco de sangre después.",
        (W48, AGE_18_44),
        "self_care",  # fingers are not a fist
        5,
    ),
    Story(
        "rather-not-say-age",
        "I'd rather not say my age. Yesterday after sex there was a spot of blood; nothing else.",
        "Prefiero no decir mi edad. Ayer después del sexo hubo una manchita de sangre; nada más.",
        (W48, AGE_UNSAID),
        "self_care",  # age_unsaid is context
        5,
    ),
    Story(
        "not-sure-when",
        "I'm 37. I'm not sure when it was, sometime last week or the week before. Just a little "
        "blood on the paper once, with my husband.",
        "Tengo 37 años. No sé con certeza cuándo fue, la semana pasada o la anterior. Solo un "
        "poco de sangre en el papel una vez, con mi esposo.",
        (WUNSURE, AGE_18_44),
        "self_care",  # when_unsure with nothing else is context
        5,
    ),
    Story(
        "partner-undetectable",
        "I'm 39. My husband has HIV and is undetectable, so we don't use condoms. A little "
        "blood after sex last night.",
        "Tengo 39 años. Mi esposo tiene VIH y es indetectable, así que no usamos condón. Un poco "
        "de sangre después del sexo anoche.",
        (NO_CONDOM, W48, AGE_18_44),
        "self_care",  # no partner_risk: no PEP or test rule
        5,
    ),
    Story(
        "high-on-g-with-boyfriend",
        "I'm 29. I was very high on G during sex with my boyfriend last night, condom on. Some "
        "blood this morning, now stopped.",
        "Tengo 29 años. Anoche estaba muy drogado con G durante el sexo con mi novio, con "
        "condón. Algo de sangre esta mañana, ya paró.",
        (HIGH, W48, AGE_18_44),
        "self_care",  # high_or_drunk (advice only)
        5,
        (),
        (HIDE_PAIN,),
    ),
    Story(
        "adult-sex-work",
        "I'm 32 and do sex work for rent money. A week ago a client, condom on; a bit of blood "
        "after.",
        "Tengo 32 años y hago trabajo sexual para pagar la renta. Hace una semana con un "
        "cliente, con condón; un poco de sangre después.",
        (TRADED, WLATER, AGE_18_44),
        "self_care",  # traded_sex (advice only)
        5,
        (TRAFFICKING,),
    ),
    Story(
        "soreness-passed",
        "I'm 26. I was a bit sore after sex last night, but it passed within an hour.",
        "Tengo 26 años. Anoche quedé un poco adolorido después del sexo, pero se me pasó en una "
        "hora.",
        (W48, AGE_18_44),
        "self_care",  # soreness that passed within hours is not painful_bleeding
        5,
    ),
]

# `-k "not javascript"` runs the walks without JavaScript only.
MODES = [pytest.param(True, id="javascript"), pytest.param(False, id="no-script")]
LEVELS = ["emergency", "er_today", "urgent", "soon", "self_care"]
# Place words no level card, reason or help card may hold on these results (principle 5).
NOT_ON_ER = ["clinic", "same-day doctor", "call first", "next few days", "school nurse"]


def test_the_stories_are_well_formed():
    """A guard on the table itself: unique ids, every level, labels that fit one answer in both
    languages, one option per single choice, and emergency stories that stop at their last
    answered page."""
    assert len(STORIES) >= 60
    assert len({story.id for story in STORIES}) == len(STORIES)
    assert {story.level for story in STORIES} == set(LEVELS)
    for story in STORIES:
        for language in ("en", "es"):
            answers = [answer_for(getattr(one, language), language) for one in story.answers]
            pages = [one.page for one in answers]
            assert max(pages) == story.ends_on or story.ends_on == TOTAL_PAGES, story.id
            for page_number in (2, 3):
                options = [one for one in answers if one.radio and one.page == page_number]
                assert len(options) <= 1, story.id
                if story.ends_on > page_number:
                    assert options, f"{story.id}: page {page_number} needs an option"
        if story.ends_on < TOTAL_PAGES:
            assert story.level == "emergency", story.id


@pytest.fixture(scope="module")
def site(launch_content, django_db_blocker):
    """One live server, and one copy of the launch content, for every test in this module.

    The tests here only read: nothing they do writes to the database. The shared `site` fixture
    reloads the content and flushes the database around each test, which is most of a test's
    time here; one load for the module keeps the walks within a few minutes. The content loaded
    is what the migrations made, so the database is left as the other tests expect it (these
    tests are not transactional, so pytest-django runs them before the tests that flush). Taking
    the shared fixture's name keeps it out of this module: its flush after a test would empty the
    database the others here read."""
    from django.core import serializers
    from django.db import transaction
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        with transaction.atomic():
            for deserialised in serializers.deserialize("json", launch_content):
                deserialised.save()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(scope="module")
def browser_contexts(browser):
    """One browser context with JavaScript and one without, for the module: a story opens its
    own tab. (`browser` starts here, before any test's database transaction.)"""
    from .conftest import new_context

    contexts = {True: new_context(browser), False: new_context(browser, java_script_enabled=False)}
    yield contexts
    for context in contexts.values():
        context.close()


class Tab(NamedTuple):
    javascript: bool
    context: object
    page: object
    errors: list
    posts: list  # with JavaScript: every POST the tab made (answers must stay on the phone)


@pytest.fixture
def tab(request, site, browser_contexts):
    javascript = request.param
    context = browser_contexts[javascript]
    page = context.new_page()
    page.set_default_timeout(10_000)  # a label that is not there fails in seconds, not 30
    errors, posts = [], []
    if javascript:
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "request",
            lambda request: posts.append(request.url) if request.method == "POST" else None,
        )
    yield Tab(javascript, context, page, errors, posts)
    page.close()


def expected_help(story: Story, language: str) -> set[str]:
    keys = [*LEVEL_CARDS[story.level], "crisis-988"]
    for key in story.helps:
        if key == PEP:
            at_er = story.level in {"emergency", "er_today"}
            keys += ["pep-at-the-er" if at_er else "pep-today", "pepline"]
        else:
            keys.append(key)
    return {service_name(key, language) for key in keys}


def expected_staff(story: Story, language: str) -> list[str]:
    """The "Also tell the staff" lines: the answers' own, then the fixed prompts of the pages
    the check did not reach."""
    answers = [answer_for(getattr(one, language), language) for one in story.answers]
    lines = [one.tell_staff for one in answers if one.tell_staff]
    for page_number in range(story.ends_on + 1, TOTAL_PAGES + 1):
        lines += unreached_lines(page_number, language)
    return list(dict.fromkeys(lines))


def walk_story(page, site, story: Story, words: Words, *, javascript: bool) -> int:
    open_check(page, site, javascript=javascript, words=words)
    answers = [answer_for(getattr(one, words.language), words.language) for one in story.answers]
    return walk(page, answers, words)


def check_result(page, story: Story, words: Words, shown: int):
    """What the person sees on the result, against what the story and the specification say."""
    language = words.language
    result = result_of(page)
    expect(result).to_have_attribute("data-triage-level", story.level)
    expect(result.locator("h1")).to_have_text(level_title(story.level, language))
    if story.level == "emergency":
        assert shown == story.ends_on, "the check must end where the emergency rule is complete"
    else:
        assert shown == TOTAL_PAGES, "the check must ask all five pages"

    # Where to get help, by visible name: the level's cards, the story's, and 988.
    names = help_names(page, words)
    assert set(names) == expected_help(story, language), names
    if PEP in story.helps and story.level == "urgent":
        pep, urgent_care = (
            service_name("pep-today", language),
            service_name("urgent-care", language),
        )
        assert names.index(pep) < names.index(urgent_care), "PEP comes before urgent care"

    # What to tell the nurse or doctor: one line per answer given, in this page's language (and
    # on Spanish pages in English too); with JavaScript a "when" line may add its clock span.
    answers = [answer_for(getattr(one, language), language) for one in story.answers]
    lines = told_list(page, words)
    expect(lines).to_have_count(len(answers))
    said = lines.locator("[data-said]").all_inner_texts()
    for one in answers:
        assert sum(one.said in line for line in said) == 1, (one.said, said)
    if language != "en":
        in_english = lines.locator('[lang="en"]')
        expect(in_english).to_have_count(len(answers))
        english = in_english.all_inner_texts()
        for one in answers:
            assert sum(one.said_en in line for line in english) == 1, (one.said_en, english)

    # Also tell the staff, on emergency and er_today results only.
    staff = section(page, words.tell_staff)
    if story.level in {"emergency", "er_today"}:
        lines = expected_staff(story, language)
        if lines:
            expect(staff).to_be_visible()
            items = staff.get_by_role("listitem")
            expect(items).to_have_count(len(lines))
            assert sorted(items.all_inner_texts()) == sorted(lines)
    else:
        expect(staff).to_have_count(0)

    for words_shown in story.shows:
        expect(result).to_contain_text(getattr(words_shown, language))

    # The level names the place (principle 5).
    text = result.inner_text()
    if story.level in {"emergency", "er_today"}:
        for sentence in urgent_care_sentences(text):
            assert " not " in f" {sentence} " or " no " in f" {sentence} ", sentence
        if language == "en":
            parts = [result.locator(".care-card"), result.locator("[data-result-reasons]")]
            parts.append(section(page, words.help))
            for part in parts:
                said_there = " ".join(part.all_inner_texts()).lower()
                for word in NOT_ON_ER:
                    assert word not in said_there, f"{word!r} on an {story.level} result"
    if story.level == "er_today":
        # "Go to an emergency room today, not an urgent care center", as the level's card says.
        expect(result.locator(".care-card")).to_contain_text(er_today_line(language))
    if story.level == "urgent" and language == "en":
        for part in (".care-card", "[data-result-reasons]"):
            assert "next few days" not in " ".join(result.locator(part).all_inner_texts())
        assert "next few days" not in " ".join(section(page, words.help).all_inner_texts())
    if language == "es":
        assert re.search(r"\burgencias\b", text) is None, "use «sala de emergencias»"


def check_privacy(tab: Tab, site: str, path: str):
    assert tab.context.cookies() == []
    if tab.javascript:
        assert tab.posts == [], "answers must never leave the phone"
        assert tab.page.url == site + path
        assert tab.errors == []


@pytest.mark.parametrize("tab", MODES, indirect=True)
@pytest.mark.parametrize("story", STORIES, ids=[story.id for story in STORIES])
def test_story(site, story, tab):
    shown = walk_story(tab.page, site, story, ENGLISH, javascript=tab.javascript)
    check_result(tab.page, story, ENGLISH, shown)
    check_privacy(tab, site, ENGLISH.path)


# --- The flow around the stories ------------------------------------------------------------


@pytest.mark.parametrize("tab", MODES, indirect=True)
def test_page_2_asks_when_before_going_on(site, tab):
    """Pages 2 and 3 need their single choice (the spec's "the page asks for an answer"); the
    person picks one and goes on."""
    page = tab.page
    open_check(page, site, javascript=tab.javascript)
    answer(page, [])
    expect_question(page, 2)
    answer(page, [NO_CONDOM.en, PARTNER.en])
    assert after_continue(page, 2) == "error"
    expect_question(page, 2)
    expect(page.locator("main .triage-result")).to_have_count(0)
    radio(page, W48.en).check()
    continue_(page)
    expect_question(page, 3)
    check_privacy(tab, site, ENGLISH.path)


@pytest.mark.parametrize("tab", MODES, indirect=True)
def test_back_keeps_the_answers_of_the_page_before(site, tab):
    page = tab.page
    open_check(page, site, javascript=tab.javascript)
    answer(page, [])
    expect_question(page, 2)
    answer(page, [NO_CONDOM.en, PARTNER.en], choices=[W2_3.en])
    expect_question(page, 3)
    page.get_by_role("button", name="Back", exact=True).click()
    expect_question(page, 2)
    expect(checkbox(page, NO_CONDOM.en)).to_be_checked()
    expect(checkbox(page, PARTNER.en)).to_be_checked()
    expect(checkbox(page, PREP.en)).not_to_be_checked()
    expect(radio(page, W2_3.en)).to_be_checked()
    expect(radio(page, W48.en)).not_to_be_checked()
    continue_(page)
    expect_question(page, 3)
    answer(page, [], choices=[AGE_18_44.en])
    for number in (4, 5):
        expect_question(page, number)
        answer(page, [])
    # No condom with a new partner, 2 to 3 days ago: PEP at the emergency room today.
    expect(result_of(page)).to_have_attribute("data-triage-level", "er_today")
    check_privacy(tab, site, ENGLISH.path)


@pytest.mark.parametrize("tab", MODES, indirect=True)
def test_none_of_these_and_a_sign_is_an_error(site, tab):
    """On a page with no emergency answer, "None of these" and a tick together are an error,
    with and without JavaScript (with it, the script unticks the other; both set without events
    are refused)."""
    page = tab.page
    open_check(page, site, javascript=tab.javascript)
    for number, choices in ((1, []), (2, [W48.en]), (3, [AGE_18_44.en]), (4, [])):
        expect_question(page, number)
        answer(page, [], choices=choices)
    expect_question(page, 5)
    sign, none = checkbox(page, WORRIED.en), checkbox(page, ENGLISH.none)
    sign.check()
    if tab.javascript:
        none.check()
        expect(sign).not_to_be_checked()
        sign.check()
        expect(none).not_to_be_checked()
        none.evaluate("(element) => { element.checked = true; }")  # both, without events
    else:
        none.check()
    continue_(page)
    assert after_continue(page, 4) == "error"
    expect(page.get_by_role("alert")).to_contain_text(ENGLISH.none)
    expect_question(page, 5)
    expect(page.locator("main .triage-result")).to_have_count(0)
    none.uncheck()
    continue_(page)
    expect(result_of(page)).to_have_attribute("data-triage-level", "soon")
    check_privacy(tab, site, ENGLISH.path)


@pytest.mark.parametrize("tab", MODES, indirect=True)
def test_an_emergency_answer_ends_the_check_even_with_none_of_these(site, tab):
    """Principle 4: an emergency answer goes to the result at once, even with "None of these"
    also ticked on its page."""
    page = tab.page
    open_check(page, site, javascript=tab.javascript)
    checkbox(page, HEAVY.en).check()
    none = checkbox(page, ENGLISH.none)
    if tab.javascript:
        none.evaluate("(element) => { element.checked = true; }")  # as if both stayed ticked
    else:
        none.check()
    continue_(page)
    assert after_continue(page, 1) == "result"
    expect(result_of(page)).to_have_attribute("data-triage-level", "emergency")
    check_privacy(tab, site, ENGLISH.path)
