"""The launch rules of version 2 of the clinical specification (shared/triage-spec.md): four
levels, five pages of single-fact findings, the rules that combine them, and help services for
the United States. Migration 0005 loads them into a fresh database and moves a version 1
database onto them; it never overwrites what an editor wrote (see that migration).

The wording is the project's own, plain (grade 6 or lower); each finding's meaning and each
rule's findings, level, setting and sources are the specification's."""

PAGES = [
    {
        "code": "emergency",
        "order": 1,
        "question": "Since the sex, have you had any of these? Choose them even if they stopped.",
    },
    {"code": "about_the_sex", "order": 2, "question": "About the sex: do any of these apply?"},
    {"code": "about_you", "order": 3, "question": "About you: do any of these apply?"},
    {"code": "today", "order": 4, "question": "Do you have any of these?"},
    {"code": "soon", "order": 5, "question": "And do any of these apply to you?"},
]

LEVELS = [
    {
        "code": "emergency",
        "order": 1,
        "kind": "emergency",
        "title": "Get emergency help now",
        "advice": (
            "Call {emergency_number} now, or have someone take you to an emergency room. "
            "Do not drive yourself. If you are in danger now, call {emergency_number}.\n"
            "Do not eat or drink until a doctor has seen you. Do not pull out an object or "
            "use an enema.\n"
            "Tell the staff if you take blood thinners, are or might be pregnant, have HIV, or "
            "used drugs such as poppers, G, meth or erection pills.\n"
            "If there was no condom, it broke, you are not sure, or you shared needles, ask "
            "for PEP to prevent HIV: best within 24 hours, no later than 72.\n"
            "If the sex was without your consent, tell the staff. They can give you care, "
            "emergency contraception, a forensic exam (a check that collects evidence) and "
            "support. Say if you were choked, or think you were drugged."
        ),
        "signs_heading": "Call {emergency_number} now if you have:",
        "safety_net": (
            "If you cannot call, ask anyone near you to call {emergency_number} for you."
        ),
        "guides": ["when-to-see-a-doctor"],
    },
    {
        "code": "urgent",
        "order": 2,
        "kind": "urgent",
        "title": "Get medical help today",
        "advice": (
            "Get medical help today: go to an urgent care center, see a same-day doctor, or "
            "visit a sexual health clinic that can see you today.\n"
            "If none of these can see you today, go to an emergency room.\n"
            "Show this page to the nurse or doctor, or read it out."
        ),
        "signs_heading": "Get medical help today if you get:",
        "safety_net": "If you get worse while you wait, call {emergency_number}.",
        "guides": ["when-to-see-a-doctor", "sti-protection"],
    },
    {
        "code": "soon",
        "order": 3,
        "kind": "non-urgent",
        "title": "See a doctor in the next few days",
        "advice": (
            "Make an appointment with a doctor or a sexual health clinic in the next few days.\n"
            "Until then, wash the outside of your bottom gently with warm water. Put nothing "
            "inside.\n"
            "Eat fiber and drink water to keep your poop soft.\n"
            "Take a break from anal sex until you have healed and seen a doctor."
        ),
        "signs_heading": "See a doctor or sexual health clinic in the next few days if you get:",
        "safety_net": (
            "If it gets worse, or you are worried, do not wait: get help today from a doctor, "
            "a sexual health clinic or an urgent care center."
        ),
        "guides": ["when-to-see-a-doctor", "sti-protection", "treatment"],
    },
    {
        "code": "self_care",
        "order": 4,
        "kind": "advice",
        "title": "You can care for yourself at home",
        "advice": (
            "Wash the outside of your bottom gently with warm water, and pat it dry. Put "
            "nothing inside.\n"
            "A warm bath for 10 to 15 minutes can ease soreness.\n"
            "Eat fiber and drink plenty of water, so your poop stays soft.\n"
            "Take a break from anal sex until you have healed.\n"
            "Next time, stop if it hurts, and use plenty of lubricant and a condom."
        ),
        "signs_heading": "",
        "safety_net": "If you are worried at any time, see a doctor or a sexual health clinic.",
        "guides": ["what-to-do-now", "treatment", "prevention"],
    },
]

FINDINGS = [
    # Page 1: emergency signs.
    {
        "code": "heavy_bleeding",
        "page": "emergency",
        "order": 1,
        "question": "A lot of blood, or bleeding that will not stop",
        "hint": (
            "For example: the toilet water turned bright red (not just pink), you passed "
            "clots, or blood soaked through your underwear or a pad."
        ),
        "text": "a lot of blood, or bleeding that will not stop",
    },
    {
        "code": "shock_signs",
        "page": "emergency",
        "order": 2,
        "question": (
            "You passed out, or now you feel faint or dizzy when you stand up, or confused"
        ),
        "hint": "Or your skin is cold, clammy and pale.",
        "text": "passing out, or feeling faint or confused",
    },
    {
        "code": "severe_abdominal_pain",
        "page": "emergency",
        "order": 3,
        "question": "Very bad belly pain, or a belly that is hard, or swollen and sore to touch",
        "hint": "Or belly pain with a fever. This can mean a tear in the bowel.",
        "text": "very bad belly pain, or a hard, swollen belly",
    },
    {
        "code": "object_stuck",
        "page": "emergency",
        "order": 4,
        "question": "A toy or object is stuck inside, or part of one broke off inside",
        "hint": "Or you are not sure all of it came out. Do not try to pull it out.",
        "text": "a toy or object stuck inside",
    },
    {
        "code": "spreading_infection",
        "page": "emergency",
        "order": 5,
        "question": "Redness or swelling that spreads fast around your bottom, genitals or groin",
        "hint": (
            "Your bottom means your anus. Or skin there is turning dark, or feels crackly "
            "when you press it."
        ),
        "text": "redness or swelling that spreads fast",
    },
    # Page 2: about the sex.
    {
        "code": "non_consensual",
        "page": "about_the_sex",
        "order": 1,
        "question": "It happened without your consent, or you are not sure you agreed",
        "hint": "It is not your fault. You can get care and support at any time.",
        "text": "sex without consent, or not sure I agreed",
    },
    {
        "code": "condomless",
        "page": "about_the_sex",
        "order": 2,
        "question": "No condom was used, or it broke or came off, or you are not sure",
        "hint": "For example, it was taken off, or you were drunk or high.",
        "text": "no condom, or it broke or came off, or not sure",
    },
    {
        "code": "partner_risk",
        "page": "about_the_sex",
        "order": 3,
        "question": (
            "The partner is new or casual, you do not know if they have HIV, or they have HIV "
            "and you are not sure it is undetectable"
        ),
        "hint": (
            "Undetectable means HIV medicine keeps the virus so low that a test cannot find "
            "it. Then HIV does not pass on through sex."
        ),
        "text": "a new or casual partner, or one who may have HIV that is not undetectable",
    },
    {
        "code": "no_prep",
        "page": "about_the_sex",
        "order": 4,
        "question": "You do not take PrEP, you missed doses, or you are not sure",
        "hint": (
            "PrEP is a medicine, pills or shots, that stops you from getting HIV. Choose this "
            "too if you started PrEP less than 7 days ago."
        ),
        "text": "no PrEP, missed doses, or not sure",
    },
    {
        "code": "within_72h",
        "page": "about_the_sex",
        "order": 5,
        "question": (
            "The sex or the needle sharing was less than 3 days (72 hours) ago, or you are not "
            "sure when"
        ),
        "hint": "",
        "text": "less than 3 days ago, or not sure when",
    },
    {
        "code": "shared_needles",
        "page": "about_the_sex",
        "order": 6,
        "question": "You shared needles or other things used to inject drugs",
        "hint": "For example, during chemsex.",
        "text": "shared needles or other things to inject drugs",
    },
    {
        "code": "fist_or_object",
        "page": "about_the_sex",
        "order": 7,
        "question": "A fist or hand, or a large toy or object, went inside",
        "hint": "",
        "text": "a fist or hand, or a large toy or object, inside",
    },
    # Page 3: about you.
    {
        "code": "blood_thinners",
        "page": "about_you",
        "order": 1,
        "question": (
            "You take a medicine that thins your blood, or you bleed easily because of an illness"
        ),
        "hint": (
            "Pills like warfarin (Coumadin, Jantoven), apixaban (Eliquis) or rivaroxaban "
            "(Xarelto). Or dabigatran (Pradaxa) or edoxaban (Savaysa). Or clopidogrel (Plavix), "
            "prasugrel (Effient) or ticagrelor (Brilinta). Or shots of heparin, enoxaparin "
            "(Lovenox), dalteparin (Fragmin) or fondaparinux (Arixtra). Or an illness like "
            "hemophilia, von Willebrand disease, low platelets or cirrhosis of the liver. A "
            "low dose of aspirin each day does not count on its own. But tell the doctor you "
            "take it."
        ),
        "text": "a medicine that thins the blood, or an illness that makes me bleed easily",
    },
    {
        "code": "weak_immune_system",
        "page": "about_you",
        "order": 2,
        "question": "Your immune system is weak",
        "hint": (
            "For example: you have cancer treatment, or take medicine after a transplant. Or "
            "you take steroid pills like prednisone each day. Or you take a biologic medicine, "
            "for example for Crohn's disease or arthritis. Or you have no spleen. Or you have "
            "HIV that is not treated, or a low CD4 count."
        ),
        "text": "a weak immune system",
    },
    {
        "code": "recent_procedure",
        "page": "about_you",
        "order": 3,
        "question": "You had a procedure on your anus, bowel or prostate in the last 6 weeks",
        "hint": (
            "For example: hemorrhoid banding or surgery, fistula surgery, or a polyp taken "
            "out. Or a prostate biopsy, or radiation to the pelvis (the hips and belly)."
        ),
        "text": "a procedure on my bottom, bowel or prostate in the last 6 weeks",
    },
    {
        "code": "pregnant",
        "page": "about_you",
        "order": 4,
        "question": "You are pregnant, or you might be",
        "hint": "",
        "text": "pregnant, or might be",
    },
    {
        "code": "pregnancy_signs",
        "page": "about_you",
        "order": 5,
        "question": (
            "You have cramps, you bleed or leak fluid from the vagina, or the baby moves less "
            "than usual"
        ),
        "hint": "Choose this only if you are pregnant or might be.",
        "text": "cramps, bleeding from the vagina, leaking fluid, or the baby moving less",
    },
    {
        "code": "age_45_plus",
        "page": "about_you",
        "order": 6,
        "question": "You are 45 or older",
        "hint": "",
        "text": "45 or older",
    },
    {
        "code": "under_18",
        "page": "about_you",
        "order": 7,
        "question": "You are under 18",
        "hint": "",
        "text": "under 18",
        "advice": (
            "You can get care as a young person. Staff may have to report abuse, so they may "
            "not be able to keep everything private. The rules on whether you can agree to "
            "PEP yourself differ by state: ask the clinic."
        ),
    },
    # Page 4: signs that need care today.
    {
        "code": "dark_stool",
        "page": "today",
        "order": 1,
        "question": "Poop that is black, sticky and like tar, or maroon (dark red)",
        "hint": "",
        "text": "black, tar-like or maroon poop",
    },
    {
        "code": "bloody_diarrhea",
        "page": "today",
        "order": 2,
        "question": "Diarrhea with blood in it",
        "hint": "",
        "text": "diarrhea with blood in it",
    },
    {
        "code": "fever",
        "page": "today",
        "order": 3,
        "question": "A fever, or you feel hot and shivery",
        "hint": "A fever is 100.4°F (38°C) or higher. If you have not checked, go by how you feel.",
        "text": "a fever, or feeling hot and shivery",
    },
    {
        "code": "belly_pain",
        "page": "today",
        "order": 4,
        "question": (
            "Belly pain since the sex that has not gone away or is getting worse, or you keep "
            "throwing up"
        ),
        "hint": "",
        "text": "belly pain that has not gone away, or throwing up again and again",
    },
    {
        "code": "abscess",
        "page": "today",
        "order": 5,
        "question": "A painful lump near your bottom that is getting bigger or redder, or throbs",
        "hint": "",
        "text": "a painful lump near my bottom that is growing or throbs",
    },
    {
        "code": "severe_anal_pain",
        "page": "today",
        "order": 6,
        "question": (
            "Pain in or around your bottom so bad that you cannot sit, or it is too painful to poop"
        ),
        "hint": "",
        "text": "pain in my bottom so bad I cannot sit or poop",
    },
    {
        "code": "leaking_poop",
        "page": "today",
        "order": 7,
        "question": "You still cannot hold in poop or gas, hours after the sex",
        "hint": "",
        "text": "not able to hold in poop or gas, hours after the sex",
    },
    {
        "code": "prolapse",
        "page": "today",
        "order": 8,
        "question": "A new bulge from your bottom since the sex that will not go back in",
        "hint": "Skin tags you already had do not count.",
        "text": "a new bulge from my bottom that does not go back in",
    },
    {
        "code": "cannot_pee",
        "page": "today",
        "order": 9,
        "question": "You cannot pee, or only a little with a lot of effort",
        "hint": "",
        "text": "not able to pee, or only a little with effort",
    },
    # Page 5: signs to see a doctor about soon.
    {
        "code": "painful_bleeding",
        "page": "soon",
        "order": 1,
        "question": (
            "Pain in or around your bottom that is still there the day after, or pain when you poop"
        ),
        "hint": "Any amount of pain counts. Soreness that went away within a few hours does not.",
        "text": "pain in my bottom the day after, or pain when I poop",
    },
    {
        "code": "bleeding_persists",
        "page": "soon",
        "order": 2,
        "question": (
            "The bleeding has lasted more than 2 days, keeps coming back, or started days "
            "after the sex"
        ),
        "hint": "",
        "text": "bleeding for more than 2 days, coming back, or starting days later",
    },
    {
        "code": "bleeding_without_sex",
        "page": "soon",
        "order": 3,
        "question": "You also bleed from your bottom at times when you have not had sex",
        "hint": "",
        "text": "bleeding from my bottom at other times too, not only after sex",
    },
    {
        "code": "sti_symptoms",
        "page": "soon",
        "order": 4,
        "question": (
            "Discharge, sores, blisters, warts or itching in or around your bottom, or you "
            "always feel you need to poop"
        ),
        "hint": "",
        "text": "discharge, sores, blisters, warts, itching, or always needing to poop",
    },
    {
        "code": "bowel_changes",
        "page": "soon",
        "order": 5,
        "question": (
            "For 3 weeks or more, your poop is softer, thinner or more often than usual, you "
            "lose weight, or you feel very tired"
        ),
        "hint": "Weight loss counts only if you were not trying to lose weight.",
        "text": "for 3 weeks or more, changes in my poop, weight loss, or feeling very tired",
    },
    {
        "code": "lump_or_piles",
        "page": "soon",
        "order": 6,
        "question": (
            "A lump at the opening of your bottom, or hemorrhoids (piles) that keep coming back"
        ),
        "hint": "Hemorrhoids are swollen veins in or around the bottom.",
        "text": "a lump at my bottom, or hemorrhoids that keep coming back",
    },
    {
        "code": "no_better_7_days",
        "page": "soon",
        "order": 7,
        "question": "It is no better after a week or more",
        "hint": "",
        "text": "no better after a week or more",
    },
    {
        "code": "still_worried",
        "page": "soon",
        "order": 8,
        "question": "Something else about your health since the sex worries you",
        "hint": "This can be the bleeding itself, if it worries you.",
        "text": "something else about my health that worries me",
    },
]

MAYO_RECTAL_BLEEDING = "Mayo Clinic: Rectal bleeding: when to see a doctor"
NHS_RECTAL_BLEEDING = "NHS: Bleeding from the bottom (rectal bleeding)"
MERCK_FOREIGN_BODIES = "Merck Manual: Rectal foreign bodies"
ASCRS_ABSCESS = "ASCRS: Clinical practice guideline for anorectal abscess, fistula-in-ano (2022)"
FISTING_REVIEWS = "Published reviews of rectal perforation and injury after fisting"
RAINN_EXAM = "RAINN: What is a sexual assault forensic exam?"
EVAWI = "EVAWI: Forensic exams after sexual assault"
CDC_PEP = "CDC: Clinical guidance for HIV post-exposure prophylaxis (MMWR 2025)"
CDC_DOXYPEP = "CDC: Guidelines for doxycycline post-exposure prophylaxis (doxyPEP), 2024"
CDC_STI = "CDC: Sexually Transmitted Infections Treatment Guidelines, 2021"

RULES = [
    # Emergency
    {
        "code": "heavy_bleeding",
        "findings": ["heavy_bleeding"],
        "level": "emergency",
        "text": "A lot of blood, or bleeding that will not stop, needs care now.",
        "sources": f"{MAYO_RECTAL_BLEEDING}\n{NHS_RECTAL_BLEEDING}",
    },
    {
        "code": "shock_signs",
        "findings": ["shock_signs"],
        "level": "emergency",
        "text": "Passing out, or feeling faint, dizzy or cold and clammy, can mean you have "
        "lost too much blood.",
        "sources": MAYO_RECTAL_BLEEDING,
    },
    {
        "code": "severe_abdominal_pain",
        "findings": ["severe_abdominal_pain"],
        "level": "emergency",
        "text": "Very bad belly pain, or a hard or swollen belly, can mean a tear through the "
        "bowel.",
        "sources": f"{MERCK_FOREIGN_BODIES} (perforation)",
    },
    {
        "code": "object_stuck",
        "findings": ["object_stuck"],
        "level": "emergency",
        "text": "An object stuck inside needs a doctor to take it out safely. Do not pull on it "
        "or use an enema.",
        "sources": MERCK_FOREIGN_BODIES,
    },
    {
        "code": "spreading_infection",
        "findings": ["spreading_infection"],
        "level": "emergency",
        "text": "Redness or swelling that spreads fast can be a serious infection that needs "
        "surgery now.",
        "sources": f"{ASCRS_ABSCESS}\nReviews of Fournier's gangrene",
    },
    {
        "code": "fever_weak_immunity",
        "findings": ["fever", "weak_immune_system"],
        "level": "emergency",
        "text": "A fever when your body's defenses are weak can get dangerous in hours.",
        "sources": "IDSA: Guideline on fever and neutropenia in people with cancer\n"
        "NHS: Neutropenic sepsis",
    },
    {
        "code": "fist_belly_pain",
        "findings": ["fist_or_object", "belly_pain"],
        "level": "emergency",
        "text": "Belly pain after a fist or a large object went inside can be a tear through "
        "the bowel, even if the pain is not very bad.",
        "sources": f"{MERCK_FOREIGN_BODIES}\n{FISTING_REVIEWS}",
    },
    {
        "code": "fist_fever",
        "findings": ["fist_or_object", "fever"],
        "level": "emergency",
        "text": "A fever after a fist or a large object went inside can be a tear through the "
        "bowel.",
        "sources": f"{MERCK_FOREIGN_BODIES}\n{FISTING_REVIEWS}",
    },
    {
        "code": "trapped_prolapse",
        "findings": ["prolapse", "severe_anal_pain"],
        "level": "emergency",
        "text": "A bulge that will not go back in and hurts badly can lose its blood supply.",
        "sources": "ASCRS: Rectal prolapse",
    },
    {
        "code": "pregnancy_warning",
        "findings": ["pregnant", "pregnancy_signs"],
        "level": "emergency",
        "text": "These signs in pregnancy need care now: call your hospital's labor and "
        "delivery unit or {emergency_number}.",
        "sources": "ACOG: Bleeding during pregnancy",
    },
    # Urgent: today
    {
        "code": "non_consensual",
        "findings": ["non_consensual"],
        "level": "urgent",
        "setting": "any",
        "text": "After sex without consent you can get care at any time. A forensic exam (a "
        "check that collects evidence) is best within 72 hours, and often possible up to 5 "
        "days, depending on the state. If you can, do not wash, poop or change clothes first, "
        "but you can still get care and an exam if you have. Ask about emergency "
        "contraception if it applies. Tell the staff if you were choked or think you were "
        "drugged, and ask for a urine test. Reporting to the police is your choice.",
        "sources": f"{RAINN_EXAM}\n{EVAWI}\n{CDC_PEP}",
    },
    {
        "code": "non_consensual_recent",
        "findings": ["non_consensual", "within_72h"],
        "level": "urgent",
        "setting": "er",
        "text": "Go to an emergency room today. PEP to stop HIV and the exam only work in the "
        "first few days.",
        "sources": f"{RAINN_EXAM}\n{EVAWI}\n{CDC_PEP}",
    },
    {
        "code": "hiv_pep",
        "findings": ["condomless", "partner_risk", "no_prep", "within_72h"],
        "level": "urgent",
        "setting": "any",
        "text": "PEP is medicine that can stop HIV after sex. Go as soon as you can to a "
        "sexual health clinic, urgent care or an emergency room. At night or on a weekend, go "
        "to an emergency room. PEP works best in the first 24 hours. It must start within 72 "
        "hours. Did you have syphilis, gonorrhea or chlamydia in the last year? Then ask "
        "about doxyPEP too.",
        "sources": f"{CDC_PEP}\n{CDC_DOXYPEP}",
    },
    {
        "code": "hiv_pep_needles",
        "findings": ["shared_needles", "within_72h"],
        "level": "urgent",
        "setting": "any",
        "text": "PEP can stop HIV after sharing needles too. Go as soon as you can: it must "
        "start within 72 hours.",
        "sources": CDC_PEP,
    },
    {
        "code": "dark_stool",
        "findings": ["dark_stool"],
        "level": "urgent",
        "setting": "er",
        "text": "Black or maroon poop can mean bleeding higher up in the gut.",
        "sources": f"{NHS_RECTAL_BLEEDING}\nACG: Clinical guideline on lower GI bleeding",
    },
    {
        "code": "bloody_diarrhea",
        "findings": ["bloody_diarrhea"],
        "level": "urgent",
        "setting": "any",
        "text": "Diarrhea with blood can mean an infection, or swelling inside the gut.",
        "sources": NHS_RECTAL_BLEEDING,
    },
    {
        "code": "blood_thinners",
        "findings": ["blood_thinners"],
        "level": "urgent",
        "setting": "any",
        "text": "Bleeding while you take a blood thinner, or have a bleeding illness, needs a "
        "check today. Do not stop your medicine on your own.",
        "sources": "NHS: Anticoagulant medicines: side effects",
    },
    {
        "code": "fever",
        "findings": ["fever"],
        "level": "urgent",
        "setting": "any",
        "text": "A fever after anal sex can mean an infection or a tear.",
        "sources": "NHS: Anal abscess",
    },
    {
        "code": "fever_abscess",
        "findings": ["fever", "abscess"],
        "level": "urgent",
        "setting": "er",
        "text": "A painful lump with a fever can be an abscess that needs draining without delay.",
        "sources": ASCRS_ABSCESS,
    },
    {
        "code": "fever_anal_pain",
        "findings": ["fever", "severe_anal_pain"],
        "level": "urgent",
        "setting": "er",
        "text": "Very bad pain in your bottom with a fever can be a deep abscess.",
        "sources": ASCRS_ABSCESS,
    },
    {
        "code": "belly_pain",
        "findings": ["belly_pain"],
        "level": "urgent",
        "setting": "any",
        "text": "Belly pain that lasts, or throwing up again and again, needs a check today.",
        "sources": "Mayo Clinic: Abdominal pain: when to see a doctor",
    },
    {
        "code": "abscess",
        "findings": ["abscess"],
        "level": "urgent",
        "setting": "any",
        "text": "A painful lump that grows can be an abscess that needs draining.",
        "sources": f"NHS: Anal fistula\n{ASCRS_ABSCESS}",
    },
    {
        "code": "severe_anal_pain",
        "findings": ["severe_anal_pain"],
        "level": "urgent",
        "setting": "any",
        "text": "Pain so bad that you cannot sit or poop needs a check today.",
        "sources": MAYO_RECTAL_BLEEDING,
    },
    {
        "code": "leaking_poop",
        "findings": ["leaking_poop"],
        "level": "urgent",
        "setting": "er",
        "text": "Not being able to hold in poop or gas can mean an injury to the muscle that "
        "holds poop in.",
        "sources": f"ASCRS: Fecal incontinence\n{FISTING_REVIEWS}",
    },
    {
        "code": "prolapse",
        "findings": ["prolapse"],
        "level": "urgent",
        "setting": "er",
        "text": "A bulge that stays out needs a check today.",
        "sources": "ASCRS: Rectal prolapse\nASCRS: Hemorrhoids",
    },
    {
        "code": "cannot_pee",
        "findings": ["cannot_pee"],
        "level": "urgent",
        "setting": "er",
        "text": "Not being able to pee needs a check, and often a thin tube (a catheter) to "
        "drain the bladder.",
        "sources": "NHS: Urinary retention",
    },
    {
        "code": "recent_procedure",
        "findings": ["recent_procedure"],
        "level": "urgent",
        "setting": "any",
        "text": "Bleeding after a recent procedure: call the team that did it, or get care today.",
        "sources": "ASCRS: Hemorrhoids (care after banding)",
    },
    # Soon: the next few days
    {
        "code": "sti_hiv_test",
        "findings": ["condomless", "partner_risk"],
        "level": "soon",
        "text": "Tests for HIV and other STIs are due; the guides say when to test. PEP only "
        "works if it starts within 72 hours. If you take PrEP, keep taking it and tell your "
        "PrEP provider.",
        "sources": f"{CDC_STI}\n{CDC_PEP}",
    },
    {
        "code": "needles_test",
        "findings": ["shared_needles"],
        "level": "soon",
        "text": "After sharing needles, get tested for HIV and for hepatitis B and C.",
        "sources": "CDC: HIV and people who inject drugs",
    },
    {
        "code": "painful_bleeding",
        "findings": ["painful_bleeding"],
        "level": "soon",
        "text": "Pain that lasts, or pain when you poop, can be a small tear (a fissure). "
        "Bleeding with pain should be checked by a doctor.",
        "sources": "Source article: Bleeding after anal sex\nASCRS: Anal fissure",
    },
    {
        "code": "bleeding_persists",
        "findings": ["bleeding_persists"],
        "level": "soon",
        "text": "Bleeding that lasts or keeps coming back needs a check.",
        "sources": MAYO_RECTAL_BLEEDING,
    },
    {
        "code": "bleeding_without_sex",
        "findings": ["bleeding_without_sex"],
        "level": "soon",
        "text": "Bleeding at other times than after sex needs a check, at any age.",
        "sources": "ACG: Clinical guideline: management of benign anorectal disorders (2021)\n"
        f"{MAYO_RECTAL_BLEEDING}",
    },
    {
        "code": "age_45_plus",
        "findings": ["age_45_plus"],
        "level": "soon",
        "text": "From age 45, bleeding from the bottom needs a doctor's check. Ask about a "
        "colonoscopy: home stool tests are not for people who bleed.",
        "sources": "USPSTF: Colorectal cancer screening (2021)\nACG: Colorectal cancer screening",
    },
    {
        "code": "sti_symptoms",
        "findings": ["sti_symptoms"],
        "level": "soon",
        "text": "These can be signs of an STI. See a doctor as soon as you can.",
        "sources": f"{CDC_STI}: Proctitis",
    },
    {
        "code": "bowel_changes",
        "findings": ["bowel_changes"],
        "level": "soon",
        "text": "Changes that last 3 weeks or more need a check.",
        "sources": f"{NHS_RECTAL_BLEEDING}\nACG: Colorectal cancer screening",
    },
    {
        "code": "lump_or_piles",
        "findings": ["lump_or_piles"],
        "level": "soon",
        "text": "Hemorrhoids or a small tear can be treated.",
        "sources": "ASCRS: Hemorrhoids\nNHS: Piles (haemorrhoids)",
    },
    {
        "code": "no_better_7_days",
        "findings": ["no_better_7_days"],
        "level": "soon",
        "text": "If it is no better after a week, it needs a check.",
        "sources": "ASCRS: Anal fissure",
    },
    {
        "code": "pregnant",
        "findings": ["pregnant"],
        "level": "soon",
        "text": "Tell your prenatal care provider. PEP is safe in pregnancy; doxyPEP is not "
        "used in pregnancy.",
        "sources": f"ACOG: Hemorrhoids during pregnancy\n{CDC_PEP}",
    },
    {
        "code": "still_worried",
        "findings": ["still_worried"],
        "level": "soon",
        "text": "A worry that is not on this list still deserves a doctor's view.",
        "sources": "NHS 111: safety-netting practice",
    },
]

# United States defaults. A deployment edits or replaces them in admin. The clinician-only
# PEPline is left out on purpose: it is not a number for the public.
SERVICES = [
    {
        "name": "Emergency services",
        "kind": "emergency",
        "phone": "{emergency_number}",
        "website": "",
        "opening_hours": "24 hours, every day",
        "notes": (
            "For an ambulance. Or go straight to the nearest emergency room. If you cannot "
            "speak, some areas take a text message to {emergency_number}; where they do not, "
            "you get a reply saying so, and need to call or ask someone to call."
        ),
        "order": 1,
        "levels": ["emergency"],
        "rules": [],
        "findings": [],
    },
    {
        "name": "Urgent care center",
        "kind": "urgent_care",
        "phone": "",
        "website": "",
        "opening_hours": "Many are open evenings and weekends",
        "notes": (
            "You can walk in without an appointment. If none is open, go to an emergency room."
        ),
        "order": 2,
        "levels": ["urgent"],
        "rules": [],
        "findings": [],
    },
    {
        "name": "PEP to prevent HIV",
        "kind": "pep",
        "phone": "",
        "website": "https://www.cdc.gov/hiv/prevention/pep.html",
        "opening_hours": "Start within 72 hours; best within 24",
        "notes": (
            "Ask for PEP by name at an emergency room, an urgent care center, a sexual health "
            "clinic or your doctor. It is a month of pills, and it is most likely to work the "
            "sooner you start."
        ),
        "order": 3,
        "levels": ["emergency"],
        "rules": ["hiv_pep", "hiv_pep_needles", "non_consensual"],
        "findings": [],
    },
    {
        "name": "RAINN National Sexual Assault Hotline",
        "kind": "sexual_assault",
        "phone": "800-656-4673",
        "website": "https://rainn.org/",
        "opening_hours": "24 hours, every day",
        "notes": (
            "Free and confidential. Connects you to a local sexual assault service, who can "
            "tell you about medical care, a forensic exam and your choices. You can also chat "
            "online through their website."
        ),
        "order": 4,
        "levels": ["emergency"],
        "rules": ["non_consensual"],
        "findings": [],
    },
    {
        "name": "CDC-INFO: HIV and STI testing",
        "kind": "sexual_health",
        "phone": "1-800-232-4636",
        "website": "https://gettested.cdc.gov/",
        "opening_hours": "",
        "notes": (
            "Find free or low-cost, confidential testing for HIV and other STIs by ZIP code, "
            "or call CDC-INFO to ask."
        ),
        "order": 5,
        "levels": [],
        "rules": ["sti_hiv_test", "needles_test", "sti_symptoms", "hiv_pep", "non_consensual"],
        "findings": [],
    },
    {
        "name": "Childhelp National Child Abuse Hotline",
        "kind": "youth",
        "phone": "1-800-422-4453",
        "website": "https://www.childhelphotline.org/",
        "opening_hours": "24 hours, every day",
        "notes": "Call or text to talk with a counselor, free and confidential.",
        "order": 6,
        "levels": [],
        "rules": [],
        "findings": ["under_18"],
    },
    {
        "name": "The Trevor Project",
        "kind": "youth",
        "phone": "1-866-488-7386",
        "website": "https://www.thetrevorproject.org/",
        "opening_hours": "24 hours, every day",
        "notes": "Support for LGBTQ+ young people, by phone, text or chat.",
        "order": 7,
        "levels": [],
        "rules": [],
        "findings": ["under_18"],
    },
]


def load_seed_rules(models, *, number) -> None:
    """Add the launch pages, levels, findings, rules and services that are missing; never
    change existing ones. `models` maps model names to model classes (the migration's
    historical models); `number` replaces {emergency_number} in service phone numbers."""
    page_model, level_model, guide_model = models["Page"], models["Level"], models["Guide"]
    finding_model, rule_model = models["Finding"], models["Rule"]

    pages = {page.code: page for page in page_model.objects.all()}
    for seed in PAGES:
        if seed["code"] not in pages:
            pages[seed["code"]] = page_model.objects.create(**seed)

    levels = {level.code: level for level in level_model.objects.all()}
    for seed in LEVELS:
        if seed["code"] in levels:
            continue
        fields = {key: value for key, value in seed.items() if key != "guides"}
        level = level_model.objects.create(**fields)
        level.guides.set(guide_model.objects.filter(slug__in=seed["guides"]))
        levels[level.code] = level

    findings = {finding.code: finding for finding in finding_model.objects.all()}
    for seed in FINDINGS:
        if seed["code"] not in findings:
            fields = {key: value for key, value in seed.items() if key != "page"}
            findings[seed["code"]] = finding_model.objects.create(
                page=pages[seed["page"]], **fields
            )

    rules = {rule.code: rule for rule in rule_model.objects.all()}
    for order, seed in enumerate(RULES, start=1):
        if seed["code"] in rules:
            continue
        rule = rule_model.objects.create(
            code=seed["code"],
            level=levels[seed["level"]],
            setting=seed.get("setting", "any"),
            text=seed["text"],
            sources=seed["sources"],
            order=order,
        )
        rule.findings.set(findings[code] for code in seed["findings"])
        rules[rule.code] = rule

    if not models["HelpService"].objects.exists():
        add_seed_services(
            models, SERVICES, levels=levels, rules=rules, findings=findings, number=number
        )


def add_seed_services(models, seeds, *, levels, rules, findings, number) -> None:
    """Create the services given, linked to the levels, rules and findings they name."""
    service_model = models["HelpService"]
    for seed in seeds:
        fields = {k: v for k, v in seed.items() if k not in {"levels", "rules", "findings"}}
        fields["phone"] = fields["phone"].replace("{emergency_number}", number)
        service = service_model.objects.create(**fields)
        service.levels.set(levels[code] for code in seed["levels"])
        service.rules.set(rules[code] for code in seed["rules"])
        service.findings.set(findings[code] for code in seed["findings"])
