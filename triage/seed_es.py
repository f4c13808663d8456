"""Spanish (es-US) wording of the symptom check's launch rules in triage/seed.py, for issue 11.

Data only: the same codes (and, for help services, the same English names as keys) as
triage/seed.py, with the words a Spanish reader sees. Levels, pages, rule logic, findings per
rule, settings and sources stay in triage/seed.py and are not repeated here. An engineer wires
this into the models later; until then nothing imports it but tests/test_spanish_content.py.

Style: "usted" throughout, neutral Latin American Spanish, plain words (grade 6), gender-neutral
where Spanish allows it. Each finding's "question" is one fact ("o" may join parts, "y" only where
the English has "and" inside one fact); "text" is the short lower-case phrase used in "Lo que
debe decirle a la enfermera o al médico" and in warning-sign lists. Level "advice" keeps the
English line structure: one step per line, same number of lines. {emergency_number} stays
exactly where the English has it. Any change of meaning needs a Spanish-speaking clinician."""

PAGES = {
    "emergency": {
        "question": "Desde el sexo, ¿ha tenido algo de esto? Márquelo aunque ya se le haya pasado.",
    },
    "about_the_sex": {"question": "Sobre el sexo: ¿alguna de estas cosas es cierta?"},
    "about_you": {"question": "Sobre usted: ¿alguna de estas cosas es cierta?"},
    "today": {"question": "¿Tiene algo de esto?"},
    "soon": {"question": "¿Y alguna de estas cosas es cierta para usted?"},
}

LEVELS = {
    "emergency": {
        "title": "Busque ayuda de emergencia ahora",
        "advice": (
            "Llame al {emergency_number} ahora, o pida que alguien le lleve a una sala de "
            "emergencias. No maneje. Si está en peligro ahora, llame al {emergency_number}.\n"
            "No coma ni beba nada hasta que le vea un médico. No saque ningún objeto ni use "
            "un enema.\n"
            "Avise al personal si toma medicinas que adelgazan la sangre, si está o podría estar "
            "embarazada, si tiene VIH, o si usó drogas como poppers, G, metanfetamina (cristal) "
            "o pastillas para la erección.\n"
            "Si no hubo condón, si se rompió, si no lo sabe con certeza, o si compartió agujas, "
            "pida la PEP (medicina después de una exposición al VIH): mejor en las primeras 24 "
            "horas, a más tardar en las primeras 72.\n"
            "Si el sexo fue sin su consentimiento, avise al personal. Le pueden dar atención "
            "médica, anticoncepción de emergencia, un examen forense (un examen que recoge "
            "pruebas) y apoyo. Diga si alguien le apretó el cuello, o si cree que le dieron "
            "drogas sin que usted supiera."
        ),
        "signs_heading": "Llame al {emergency_number} ahora si tiene:",
        "safety_net": (
            "Si no puede llamar, pida a cualquier persona cerca de usted que llame al "
            "{emergency_number}."
        ),
    },
    "urgent": {
        "title": "Busque atención médica hoy",
        "advice": (
            "Busque atención médica hoy: vaya a un centro de atención de urgencia (urgent care), "
            "vea a un médico que le atienda el mismo día, o vaya a una clínica de salud sexual "
            "que le pueda atender hoy.\n"
            "Si ninguno de estos lugares le puede atender hoy, vaya a una sala de emergencias.\n"
            "Muestre esta página a la enfermera o al médico, o léala en voz alta."
        ),
        "signs_heading": "Busque atención médica hoy si tiene:",
        "safety_net": "Si se siente peor mientras espera, llame al {emergency_number}.",
    },
    "soon": {
        "title": "Vea a un médico en los próximos días",
        "advice": (
            "Haga una cita con un médico o en una clínica de salud sexual para los próximos "
            "días.\n"
            "Mientras tanto, lave la parte de afuera del ano con suavidad, con agua tibia. No "
            "meta nada.\n"
            "Coma fibra y tome agua para que sus heces (popó) se mantengan blandas.\n"
            "No tenga sexo anal hasta que haya sanado y haya ido al médico."
        ),
        "signs_heading": (
            "Vea a un médico o vaya a una clínica de salud sexual en los próximos días si tiene:"
        ),
        "safety_net": (
            "Si empeora, o algo le preocupa, no espere: busque ayuda hoy con un médico, en una "
            "clínica de salud sexual o en un centro de atención de urgencia."
        ),
    },
    "self_care": {
        "title": "Puede cuidarse en casa",
        "advice": (
            "Lave la parte de afuera del ano (el trasero) con suavidad, con agua tibia, y "
            "séquela con toques suaves. No meta nada.\n"
            "Un baño tibio de 10 a 15 minutos puede aliviar el dolor.\n"
            "Coma fibra y tome bastante agua, para que sus heces (popó) se mantengan blandas.\n"
            "No tenga sexo anal hasta que haya sanado.\n"
            "La próxima vez, pare si duele, y use bastante lubricante y un condón."
        ),
        "signs_heading": "",
        "safety_net": (
            "Si algo le preocupa en cualquier momento, vea a un médico o vaya a una clínica de "
            "salud sexual."
        ),
    },
}

FINDINGS = {
    # Page 1: emergency signs.
    "heavy_bleeding": {
        "question": "Mucha sangre, o un sangrado que no para",
        "hint": (
            "Por ejemplo: el agua del inodoro se puso roja (no solo rosada), le salieron "
            "coágulos, o la sangre traspasó la ropa interior o una toalla sanitaria."
        ),
        "text": "mucha sangre, o un sangrado que no para",
        "advice": "",
    },
    "shock_signs": {
        "question": (
            "Se desmayó, o ahora siente que se va a desmayar o se marea al ponerse de pie, o "
            "siente confusión"
        ),
        "hint": "O tiene la piel fría, húmeda y pálida.",
        "text": "desmayo, o sentir que me voy a desmayar, o confusión",
        "advice": "",
    },
    "severe_abdominal_pain": {
        "question": (
            "Dolor de barriga muy fuerte, o la barriga dura, o hinchada y adolorida al tocarla"
        ),
        "hint": "O dolor de barriga con fiebre. Esto puede ser un desgarro en el intestino.",
        "text": "dolor de barriga muy fuerte, o la barriga dura o hinchada",
        "advice": "",
    },
    "object_stuck": {
        "question": (
            "Un juguete u objeto está atorado dentro, o un pedazo se quedó dentro al romperse"
        ),
        "hint": "O no sabe con certeza si salió completo. No trate de sacarlo.",
        "text": "un juguete u objeto atorado dentro",
        "advice": "",
    },
    "spreading_infection": {
        "question": (
            "Enrojecimiento o hinchazón que se extiende rápido alrededor del ano, los genitales "
            "o la ingle"
        ),
        "hint": (
            "El ano es la abertura del trasero. O la piel de esa zona se está poniendo oscura, "
            "o cruje al apretarla."
        ),
        "text": "enrojecimiento o hinchazón que se extiende rápido",
        "advice": "",
    },
    # Page 2: about the sex.
    "non_consensual": {
        "question": "Pasó sin su consentimiento, o no sabe con certeza si usted aceptó",
        "hint": "No es su culpa. Puede recibir atención médica y apoyo en cualquier momento.",
        "text": "sexo sin mi consentimiento, o no sé con certeza si acepté",
        "advice": "",
    },
    "condomless": {
        "question": "No se usó condón, o se rompió o se salió, o no lo sabe con certeza",
        "hint": "Por ejemplo, alguien se lo quitó, o usted había tomado alcohol o usado drogas.",
        "text": "sin condón, o se rompió o se salió, o no lo sé con certeza",
        "advice": "",
    },
    "partner_risk": {
        "question": (
            "La pareja es nueva u ocasional, usted no sabe si tiene VIH, o tiene VIH y usted no "
            "sabe con certeza si es indetectable"
        ),
        "hint": (
            "Indetectable quiere decir que la medicina para el VIH mantiene el virus tan bajo "
            "que una prueba no lo puede encontrar. Así el VIH no se pasa por el sexo."
        ),
        "text": "una pareja nueva u ocasional, o que quizás tiene VIH sin ser indetectable",
        "advice": "",
    },
    "no_prep": {
        "question": "No toma PrEP, se saltó dosis, o no lo sabe con certeza",
        "hint": (
            "La PrEP es una medicina para prevenir el VIH. Viene en pastillas o en inyecciones. "
            "Marque esto también si empezó la PrEP hace menos de 7 días."
        ),
        "text": "sin PrEP, dosis que me salté, o no lo sé con certeza",
        "advice": "",
    },
    "within_72h": {
        "question": (
            "El sexo o el compartir agujas fue hace menos de 3 días (72 horas), o no sabe con "
            "certeza cuándo"
        ),
        "hint": "",
        "text": "hace menos de 3 días, o no sé con certeza cuándo",
        "advice": "",
    },
    "shared_needles": {
        "question": "Compartió agujas u otras cosas para inyectarse drogas",
        "hint": "Por ejemplo, durante el chemsex (sexo con drogas).",
        "text": "compartí agujas u otras cosas para inyectarme drogas",
        "advice": "",
    },
    "fist_or_object": {
        "question": "Entró un puño o una mano, o un juguete u objeto grande",
        "hint": "",
        "text": "un puño o una mano, o un juguete u objeto grande, dentro",
        "advice": "",
    },
    # Page 3: about you.
    "blood_thinners": {
        "question": (
            "Toma una medicina que adelgaza la sangre, o sangra con facilidad por una enfermedad"
        ),
        "hint": (
            "Pastillas como warfarina (Coumadin, Jantoven), apixabán (Eliquis) o rivaroxabán "
            "(Xarelto). O dabigatrán (Pradaxa) o edoxabán (Savaysa). O clopidogrel (Plavix), "
            "prasugrel (Effient) o ticagrelor (Brilinta). O inyecciones de heparina, "
            "enoxaparina (Lovenox), dalteparina (Fragmin) o fondaparinux (Arixtra). O una "
            "enfermedad como la hemofilia, la enfermedad de von Willebrand, las plaquetas bajas "
            "o la cirrosis del hígado. Una dosis baja de aspirina al día no cuenta por sí sola. "
            "Pero dígale al médico que la toma."
        ),
        "text": "una medicina que adelgaza la sangre, o una enfermedad que me hace sangrar fácil",
        "advice": "",
    },
    "weak_immune_system": {
        "question": "Sus defensas (el sistema inmunitario) están débiles",
        "hint": (
            "Por ejemplo: recibe tratamiento contra el cáncer, o toma medicina después de un "
            "trasplante. O toma pastillas de esteroides como la prednisona todos los días. O "
            "toma una medicina biológica, por ejemplo para la enfermedad de Crohn o la "
            "artritis. O no tiene bazo. O tiene VIH sin tratamiento, o un conteo bajo de CD4."
        ),
        "text": "defensas débiles (sistema inmunitario débil)",
        "advice": "",
    },
    "recent_procedure": {
        "question": (
            "Le hicieron un procedimiento en el ano, el intestino o la próstata en las últimas "
            "6 semanas"
        ),
        "hint": (
            "Por ejemplo: ligadura o cirugía de hemorroides, cirugía de una fístula, o le "
            "quitaron un pólipo. O una biopsia de la próstata, o radiación en la pelvis (las "
            "caderas y la barriga)."
        ),
        "text": "un procedimiento en el ano, el intestino o la próstata en las últimas 6 semanas",
        "advice": "",
    },
    "pregnant": {
        "question": "Está embarazada, o podría estarlo",
        "hint": "",
        "text": "embarazada, o podría estarlo",
        "advice": "",
    },
    "pregnancy_signs": {
        "question": (
            "Tiene cólicos, sangra o le sale líquido por la vagina, o el bebé se mueve menos de "
            "lo normal"
        ),
        "hint": "Marque esto solo si está embarazada o podría estarlo.",
        "text": "cólicos, sangrado por la vagina, salida de líquido, o el bebé se mueve menos",
        "advice": "",
    },
    "age_45_plus": {
        "question": "Tiene 45 años o más",
        "hint": "",
        "text": "45 años o más",
        "advice": "",
    },
    "under_18": {
        "question": "Tiene menos de 18 años",
        "hint": "",
        "text": "menos de 18 años",
        "advice": (
            "Las personas jóvenes también pueden recibir atención médica. Es posible que el "
            "personal tenga que denunciar un abuso, así que quizás no pueda mantener todo en "
            "privado. Las reglas sobre si usted puede aceptar la PEP por su cuenta cambian según "
            "el estado: pregunte en la clínica."
        ),
    },
    # Page 4: signs that need care today.
    "dark_stool": {
        "question": (
            "Heces (popó) negras, pegajosas y parecidas al alquitrán, o de color vino (rojo oscuro)"
        ),
        "hint": "",
        "text": "heces negras, como alquitrán, o de color vino",
        "advice": "",
    },
    "bloody_diarrhea": {
        "question": "Diarrea con sangre",
        "hint": "",
        "text": "diarrea con sangre",
        "advice": "",
    },
    "fever": {
        "question": "Fiebre, o siente calor y escalofríos",
        "hint": (
            "Fiebre es 100.4 °F (38 °C) o más. Si no se tomó la temperatura, guíese por cómo se "
            "siente."
        ),
        "text": "fiebre, o calor y escalofríos",
        "advice": "",
    },
    "belly_pain": {
        "question": (
            "Dolor de barriga desde el sexo que no se ha quitado o que empeora, o no para de "
            "vomitar"
        ),
        "hint": "",
        "text": "dolor de barriga que no se quita, o vómitos que no paran",
        "advice": "",
    },
    "abscess": {
        "question": "Un bulto doloroso cerca del ano que crece o se pone más rojo, o que late",
        "hint": "",
        "text": "un bulto doloroso cerca del ano que crece o late",
        "advice": "",
    },
    "severe_anal_pain": {
        "question": (
            "Dolor en el ano o alrededor tan fuerte que no puede sentarse, o le duele demasiado "
            "para evacuar (hacer popó)"
        ),
        "hint": "",
        "text": "dolor en el ano tan fuerte que no puedo sentarme ni evacuar",
        "advice": "",
    },
    "leaking_poop": {
        "question": "Todavía no puede aguantar las heces o los gases, horas después del sexo",
        "hint": "",
        "text": "no puedo aguantar las heces o los gases, horas después del sexo",
        "advice": "",
    },
    "prolapse": {
        "question": "Un bulto nuevo que sale del ano desde el sexo, que no vuelve a entrar",
        "hint": "Los pliegues de piel (colgajos) que ya tenía no cuentan.",
        "text": "un bulto nuevo que sale del ano, que no vuelve a entrar",
        "advice": "",
    },
    "cannot_pee": {
        "question": "No puede orinar (hacer pipí), o solo sale un poco con mucho esfuerzo",
        "hint": "",
        "text": "no puedo orinar, o solo sale un poco con esfuerzo",
        "advice": "",
    },
    # Page 5: signs to see a doctor about soon.
    "painful_bleeding": {
        "question": "Dolor en el ano o alrededor que sigue al día siguiente, o dolor al evacuar",
        "hint": "Cualquier dolor cuenta. Una molestia que se quitó en pocas horas no cuenta.",
        "text": "dolor en el ano al día siguiente, o dolor al evacuar",
        "advice": "",
    },
    "bleeding_persists": {
        "question": (
            "El sangrado ha durado más de 2 días, vuelve a aparecer, o empezó días después del sexo"
        ),
        "hint": "",
        "text": "sangrado por más de 2 días, que vuelve, o que empezó días después",
        "advice": "",
    },
    "bleeding_without_sex": {
        "question": "También sangra por el ano en momentos en que no ha tenido sexo",
        "hint": "",
        "text": "sangrado por el ano también en otros momentos, no solo después del sexo",
        "advice": "",
    },
    "sti_symptoms": {
        "question": (
            "Secreción, llagas, ampollas, verrugas o picazón en el ano o alrededor, o siempre "
            "siente ganas de evacuar"
        ),
        "hint": "",
        "text": "secreción, llagas, ampollas, verrugas, picazón, o ganas de evacuar todo el tiempo",
        "advice": "",
    },
    "bowel_changes": {
        "question": (
            "Desde hace 3 semanas o más, sus heces son más blandas, más delgadas o más "
            "frecuentes que de costumbre, baja de peso, o siente mucho cansancio"
        ),
        "hint": "La pérdida de peso cuenta solo si no estaba tratando de bajar de peso.",
        "text": "desde hace 3 semanas o más, cambios en mis heces, pérdida de peso, o mucho "
        "cansancio",
        "advice": "",
    },
    "lump_or_piles": {
        "question": (
            "Un bulto en la entrada del ano, o hemorroides (almorranas) que vuelven a salir"
        ),
        "hint": "Las hemorroides son venas hinchadas dentro o alrededor del ano.",
        "text": "un bulto en el ano, o hemorroides que vuelven a salir",
        "advice": "",
    },
    "no_better_7_days": {
        "question": "No mejora después de una semana o más",
        "hint": "",
        "text": "sin mejoría después de una semana o más",
        "advice": "",
    },
    "still_worried": {
        "question": "Algo más sobre su salud le preocupa desde el sexo",
        "hint": "Puede ser el sangrado mismo, si le preocupa.",
        "text": "algo más sobre mi salud que me preocupa",
        "advice": "",
    },
}

RULES = {
    # Emergency
    "heavy_bleeding": {
        "text": "Mucha sangre, o un sangrado que no para, necesita atención ahora.",
    },
    "shock_signs": {
        "text": "Desmayarse, o sentir que se va a desmayar, mareo, o la piel fría y húmeda, "
        "puede querer decir que ha perdido demasiada sangre.",
    },
    "severe_abdominal_pain": {
        "text": "Un dolor de barriga muy fuerte, o la barriga dura o hinchada, puede ser un "
        "desgarro que atraviesa el intestino.",
    },
    "object_stuck": {
        "text": "Un objeto atorado dentro necesita que un médico lo saque de forma segura. No "
        "tire de él ni use un enema.",
    },
    "spreading_infection": {
        "text": "Un enrojecimiento o una hinchazón que se extiende rápido puede ser una "
        "infección grave que necesita cirugía ahora.",
    },
    "fever_weak_immunity": {
        "text": "La fiebre cuando sus defensas están débiles puede volverse peligrosa en "
        "cuestión de horas.",
    },
    "fist_belly_pain": {
        "text": "El dolor de barriga después de que entró un puño o un objeto grande puede ser "
        "un desgarro que atraviesa el intestino, aunque el dolor no sea muy fuerte.",
    },
    "fist_fever": {
        "text": "La fiebre después de que entró un puño o un objeto grande puede ser un "
        "desgarro que atraviesa el intestino.",
    },
    "trapped_prolapse": {
        "text": "Un bulto que no vuelve a entrar y duele mucho puede quedarse sin sangre.",
    },
    "pregnancy_warning": {
        "text": "Estas señales durante el embarazo necesitan atención ahora: llame a la unidad "
        "de parto (labor and delivery) de su hospital o al {emergency_number}.",
    },
    # Urgent: today
    "non_consensual": {
        "text": "Después de un sexo sin consentimiento, puede recibir atención médica en "
        "cualquier momento. Un examen forense (un examen que recoge pruebas) es mejor en las "
        "primeras 72 horas, y muchas veces se puede hasta 5 días después, según el estado. Si "
        "puede, no se lave, no evacue ni se cambie de ropa antes; pero si ya lo hizo, igual "
        "puede recibir atención y hacerse el examen. Pregunte por la anticoncepción de "
        "emergencia si es su caso. Avise al personal si alguien le apretó el cuello o si cree "
        "que le dieron drogas sin que usted supiera, y pida una prueba de orina. Denunciar a la "
        "policía es su decisión.",
    },
    "non_consensual_recent": {
        "text": "Vaya hoy a una sala de emergencias. La PEP para prevenir el VIH y el examen "
        "solo funcionan en los primeros días.",
    },
    "hiv_pep": {
        "text": "La PEP (medicina después de una exposición al VIH) puede evitar el VIH después "
        "del sexo. Vaya lo antes posible a una clínica de salud sexual, a un centro de atención "
        "de urgencia o a una sala de emergencias. De noche o en fin de semana, vaya a una sala "
        "de emergencias. La PEP funciona mejor en las primeras 24 horas. Debe empezar en las "
        "primeras 72 horas. ¿Tuvo sífilis, gonorrea o clamidia en el último año? Entonces "
        "pregunte también por la doxiPEP.",
    },
    "hiv_pep_needles": {
        "text": "La PEP también puede evitar el VIH después de compartir agujas. Vaya lo antes "
        "posible: debe empezar en las primeras 72 horas.",
    },
    "dark_stool": {
        "text": "Las heces negras o de color vino pueden querer decir que hay sangrado más "
        "arriba en el intestino.",
    },
    "bloody_diarrhea": {
        "text": "La diarrea con sangre puede querer decir una infección, o hinchazón dentro del "
        "intestino.",
    },
    "blood_thinners": {
        "text": "Sangrar mientras toma una medicina que adelgaza la sangre, o si tiene una "
        "enfermedad que le hace sangrar, necesita una revisión hoy. No deje de tomar su "
        "medicina por su cuenta.",
    },
    "fever": {
        "text": "La fiebre después del sexo anal puede querer decir una infección o un desgarro.",
    },
    "fever_abscess": {
        "text": "Un bulto doloroso con fiebre puede ser un absceso (una bolsa de pus) que hay "
        "que drenar sin demora.",
    },
    "fever_anal_pain": {
        "text": "Un dolor muy fuerte en el ano con fiebre puede ser un absceso profundo.",
    },
    "belly_pain": {
        "text": "Un dolor de barriga que no se quita, o vómitos que no paran, necesitan una "
        "revisión hoy.",
    },
    "abscess": {
        "text": "Un bulto doloroso que crece puede ser un absceso (una bolsa de pus) que hay "
        "que drenar.",
    },
    "severe_anal_pain": {
        "text": "Un dolor tan fuerte que no puede sentarse ni evacuar necesita una revisión hoy.",
    },
    "leaking_poop": {
        "text": "No poder aguantar las heces o los gases puede querer decir una lesión del "
        "músculo que aguanta las heces.",
    },
    "prolapse": {
        "text": "Un bulto que se queda afuera necesita una revisión hoy.",
    },
    "cannot_pee": {
        "text": "No poder orinar necesita una revisión, y muchas veces un tubo delgado (una "
        "sonda) para vaciar la vejiga.",
    },
    "recent_procedure": {
        "text": "Sangrado después de un procedimiento reciente: llame al equipo que se lo hizo, "
        "o busque atención hoy.",
    },
    # Soon: the next few days
    "sti_hiv_test": {
        "text": "Le toca hacerse pruebas de VIH y de otras infecciones de transmisión sexual "
        "(ITS); las guías dicen cuándo hacérselas. La PEP solo funciona si empieza en las "
        "primeras 72 horas. Si toma PrEP, siga tomándola y avísele a quien se la receta.",
    },
    "needles_test": {
        "text": "Después de compartir agujas, hágase pruebas de VIH y de hepatitis B y C.",
    },
    "painful_bleeding": {
        "text": "Un dolor que no se quita, o el dolor al evacuar, puede ser una pequeña herida "
        "(una fisura). Un médico debe revisar un sangrado con dolor.",
    },
    "bleeding_persists": {
        "text": "Un sangrado que dura o que vuelve a aparecer necesita una revisión.",
    },
    "bleeding_without_sex": {
        "text": "Un sangrado en otros momentos, no solo después del sexo, necesita una "
        "revisión, a cualquier edad.",
    },
    "age_45_plus": {
        "text": "A partir de los 45 años, un médico debe revisar el sangrado por el ano. "
        "Pregunte por una colonoscopia: las pruebas de heces que se hacen en casa no son para "
        "personas que sangran.",
    },
    "sti_symptoms": {
        "text": "Esto puede ser señal de una infección de transmisión sexual (ITS). Vea a un "
        "médico lo antes posible.",
    },
    "bowel_changes": {
        "text": "Los cambios que duran 3 semanas o más necesitan una revisión.",
    },
    "lump_or_piles": {
        "text": "Las hemorroides o una pequeña herida se pueden tratar.",
    },
    "no_better_7_days": {
        "text": "Si no mejora después de una semana, necesita una revisión.",
    },
    "pregnant": {
        "text": "Avísele a quien le atiende en su embarazo (control prenatal). La PEP es segura "
        "en el embarazo; la doxiPEP no se usa en el embarazo.",
    },
    "still_worried": {
        "text": "Una preocupación que no está en esta lista también merece la opinión de un "
        "médico.",
    },
}

# Keyed by the English name in triage/seed.py SERVICES; phone and website stay as they are.
SERVICES = {
    "Emergency services": {
        "name": "Servicios de emergencia",
        "opening_hours": "24 horas, todos los días",
        "notes": (
            "Para pedir una ambulancia. O vaya directamente a la sala de emergencias más "
            "cercana. Si no puede hablar, en algunas zonas puede mandar un mensaje de texto al "
            "{emergency_number}; donde no se puede, le llega una respuesta que lo dice, y tiene "
            "que llamar o pedir a alguien que llame."
        ),
    },
    "Urgent care center": {
        "name": "Centro de atención de urgencia (urgent care)",
        "opening_hours": "Muchos abren en la noche y los fines de semana",
        "notes": (
            "Puede llegar sin cita. Si no hay ninguno abierto, vaya a una sala de emergencias."
        ),
    },
    "PEP to prevent HIV": {
        "name": "PEP para prevenir el VIH",
        "opening_hours": "Empiece en las primeras 72 horas; mejor en las primeras 24",
        "notes": (
            "Pida la PEP por su nombre en una sala de emergencias, un centro de atención de "
            "urgencia, una clínica de salud sexual o con su médico. Son pastillas por un mes, y "
            "funcionan mejor cuanto antes empiece."
        ),
    },
    "RAINN National Sexual Assault Hotline": {
        "name": "RAINN: Línea Nacional de Ayuda contra la Agresión Sexual",
        "opening_hours": "24 horas, todos los días",
        "notes": (
            "Gratis y confidencial. Le comunica con un servicio local de ayuda por agresión "
            "sexual, que le puede informar sobre la atención médica, el examen forense (un "
            "examen que recoge pruebas) y sus opciones. También puede chatear en línea en su "
            "sitio web."
        ),
    },
    "CDC-INFO: HIV and STI testing": {
        "name": "CDC-INFO: pruebas de VIH y de ITS",
        "opening_hours": "",
        "notes": (
            "Encuentre pruebas de VIH y de otras infecciones de transmisión sexual (ITS), "
            "gratis o de bajo costo y confidenciales, por código postal (ZIP code). O llame a "
            "CDC-INFO para preguntar."
        ),
    },
    "Childhelp National Child Abuse Hotline": {
        "name": "Childhelp: Línea Nacional de Ayuda contra el Abuso Infantil",
        "opening_hours": "24 horas, todos los días",
        "notes": "Llame o mande un mensaje de texto para recibir orientación, gratis y "
        "confidencial.",
    },
    "The Trevor Project": {
        "name": "The Trevor Project",
        "opening_hours": "24 horas, todos los días",
        "notes": "Apoyo para jóvenes LGBTQ+, por teléfono, mensaje de texto o chat.",
    },
}
