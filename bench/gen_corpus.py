#!/usr/bin/env python3
"""Generate a synthetic sinew site for benchmarks (format: docs/format.md).

    python3 bench/gen_corpus.py --entries 10000 --out /tmp/corpus-10k [--seed 1] [--force] [--languages es]

Writes OUT/site.yaml, OUT/content/_index.md and OUT/content/{stretches,causes,muscles}/<id>.md:
about 50% stretches (schema exercise; relations muscles, causes), 30% causes (schema condition;
relations muscles) and 20% muscles (schema anatomy). Every stretch names 2-4 muscles and 1-3 causes,
every cause 1-3 muscles, all existing ids. Bodies are 500-800 words with ## headings, paragraphs,
a bulleted list, a numbered list, a small table and 2-4 links ([[id]], [[id|text]],
[[muscles/id]], [text](@/muscles/<id>.md)). Words are drawn by Zipf rank from the sample site's content/
(its few thousand distinct words) mixed with a few hundred anatomy and exercise words, so a search
index sees realistic term counts.

With --languages es (a comma list of extra language codes; none by default), every entry and the home page
also get a translation beside them in each language (<id>.es.md, _index.es.md) giving only words: a
Spanish title and a slug (unique in its collection), summary, aliases, steps, cautions, symptoms, ...,
and a body of the same shape and word count as the original's (same headings, lists, table, links to the
same ids), its words drawn by Zipf rank from a Spanish word list in this file; site.yaml gets a
`languages:` block (Spanish collection titles, red flags, synonyms). Codes other than es get Spanish
words too (there is no other word list), from their own seed. Without the option the output is as before.

Deterministic: the same --entries, --seed and --languages give byte-identical files, whatever --jobs is.
Ids are unique across all collections, so a bare [[id]] is never ambiguous.
The first line of site.yaml records the parameters (bench/build.sh uses it to reuse a corpus).
"""

from __future__ import annotations

import argparse
import array
import itertools
import json
import operator
import os
import random
import pathlib
import re
import shutil
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = 1  # bump when the output changes, so cached corpora are regenerated

# ---------------------------------------------------------------------------------------------
# Vocabulary

MUSCLES = """
piriformis; gluteus maximus; gluteus medius; gluteus minimus; tensor fasciae latae; iliopsoas;
psoas major; psoas minor; iliacus; quadratus lumborum; erector spinae; multifidus; rotatores;
latissimus dorsi; trapezius; rhomboid major; rhomboid minor; levator scapulae; serratus anterior;
serratus posterior inferior; pectoralis major; pectoralis minor; subclavius; sternocleidomastoid;
scalenes; splenius capitis; splenius cervicis; suboccipitals; semispinalis capitis; longus colli;
deltoid; supraspinatus; infraspinatus; teres minor; teres major; subscapularis; biceps brachii;
brachialis; brachioradialis; triceps brachii; anconeus; pronator teres; supinator;
flexor carpi radialis; flexor carpi ulnaris; extensor carpi radialis longus; extensor carpi ulnaris;
flexor digitorum superficialis; extensor digitorum; rectus abdominis; external oblique;
internal oblique; transversus abdominis; diaphragm; intercostals; pelvic floor; levator ani;
coccygeus; obturator internus; obturator externus; gemellus superior; gemellus inferior;
quadratus femoris; adductor magnus; adductor longus; adductor brevis; gracilis; pectineus;
sartorius; rectus femoris; vastus lateralis; vastus medialis; vastus intermedius; biceps femoris;
semitendinosus; semimembranosus; popliteus; gastrocnemius; soleus; plantaris; tibialis anterior;
tibialis posterior; peroneus longus; peroneus brevis; extensor hallucis longus;
flexor hallucis longus; flexor digitorum longus; abductor hallucis; plantar fascia; masseter;
temporalis; lateral pterygoid; medial pterygoid; digastric; platysma; occipitofrontalis;
coracobrachialis; palmaris longus; abductor pollicis longus; opponens pollicis; thoracolumbar fascia;
iliotibial band; hip rotators; hip flexors; hamstrings; quadriceps; calf complex; rotator cuff;
neck extensors; spinal stabilisers; deep neck flexors; lower trapezius; upper trapezius
"""

MUSCLE_QUALIFIERS = [
    "", "upper fibres", "lower fibres", "middle fibres", "deep layer", "superficial layer",
    "anterior part", "posterior part", "medial part", "lateral part", "long head", "short head",
    "tendon", "origin", "insertion", "left side", "right side", "belly", "attachment", "sheath",
    "trigger points", "fascia", "proximal end", "distal end",
]

LOCATIONS = [
    "deep in the buttock, behind the hip joint", "along the back of the thigh",
    "at the front of the hip, running down from the lower spine", "between the ribs and the pelvis",
    "across the top of the shoulder", "down the side of the neck", "under the shoulder blade",
    "along the inner thigh", "on the outside of the hip", "in the lower back, either side of the spine",
    "at the back of the lower leg", "on the front of the shin", "across the chest",
    "between the shoulder blades", "along the sole of the foot", "at the base of the skull",
    "around the front of the belly", "inside the pelvis", "on the outer edge of the calf",
    "over the side of the jaw",
]

ACTIONS = [
    "turns the thigh outward", "lifts the leg to the side", "extends the hip", "flexes the hip",
    "bends the knee", "straightens the knee", "points the foot", "lifts the front of the foot",
    "side-bends the trunk", "extends the spine", "rotates the trunk", "steadies the pelvis when you walk",
    "pulls the shoulder blade down and back", "lifts the shoulder blade", "rotates the arm inward",
    "rotates the arm outward", "raises the arm", "turns and tilts the head", "bends the elbow",
    "supports the arch of the foot", "helps you breathe in", "draws the belly in", "closes the jaw",
    "holds the head upright",
]

STRETCH_MODIFIERS = [
    "seated", "standing", "kneeling", "supine", "side-lying", "prone", "doorway", "wall", "chair",
    "towel", "strap", "foam roller", "ball", "cross-body", "figure-four", "pigeon", "lunge", "step",
    "half-kneeling", "four-point", "desk", "bed", "couch", "staggered", "single-leg", "assisted",
    "gentle", "dynamic", "banded", "isometric", "rocking", "reaching", "twisting", "sliding",
    "deep", "long-hold", "active", "contract-relax", "morning", "evening",
]

STRETCH_TARGETS = [
    "piriformis", "glute", "hip flexor", "hamstring", "calf", "quad", "adductor", "lower back",
    "upper back", "neck", "chest", "shoulder", "lat", "side body", "spine", "hip", "ankle", "foot",
    "shin", "wrist", "forearm", "jaw", "IT band", "outer hip", "inner thigh", "psoas", "QL",
    "trap", "rhomboid", "scalene", "rotator cuff", "pec minor", "soleus", "achilles", "sciatic nerve",
    "thoracic", "lumbar", "sacroiliac", "tailbone", "pelvic floor", "diaphragm", "biceps", "triceps",
    "plantar fascia", "TFL", "knee", "toe", "hip rotator", "back line", "front line",
]

KIND_NOUNS = {
    "stretch": ["stretch", "lengthener", "opener", "reach", "fold", "twist"],
    "strengthen": ["bridge", "hold", "raise", "squeeze", "press", "curl", "clam", "row", "plank"],
    "release": ["release", "roll", "glide", "massage", "pin and stretch", "rock"],
}

CAUSE_QUALIFIERS = [
    "", "chronic", "acute", "recurring", "postural", "desk-related", "sports-related", "overuse",
    "pregnancy-related", "age-related", "morning", "night-time", "driving-related", "post-surgical",
    "stress-related", "one-sided",
]

CAUSE_REGIONS = [
    "low back", "buttock", "hip", "groin", "hamstring", "knee", "calf", "heel", "arch", "neck",
    "shoulder", "upper back", "mid back", "jaw", "elbow", "wrist", "thigh", "shin", "ankle", "rib",
    "sacroiliac joint", "tailbone", "lumbar disc", "sciatic nerve", "piriformis", "IT band",
    "rotator cuff", "achilles", "plantar fascia", "hip flexor", "psoas", "QL", "pelvic", "thoracic",
    "cervical", "trapezius", "levator scapulae", "adductor", "glute medius", "sternocleidomastoid",
]

CAUSE_NOUNS = [
    "pain", "strain", "tightness", "stiffness", "syndrome", "tendinopathy", "irritation", "spasm",
    "dysfunction", "overload", "trigger points", "ache", "weakness", "imbalance", "impingement",
    "bursitis", "sprain", "cramp", "tension", "referral pattern",
]

ANATOMY_WORDS = """
muscle muscles tendon tendons ligament ligaments fascia joint joints hip hips pelvis pelvic spine
spinal lumbar thoracic cervical sacrum sacral sacroiliac coccyx tailbone vertebra vertebrae disc
discs nerve nerves sciatic femur femoral tibia tibial fibula patella knee knees ankle ankles heel
foot feet toes arch calf calves shin hamstring hamstrings quadriceps quads glute glutes buttock
buttocks groin thigh thighs adductor abductor rotator rotators flexor flexors extensor extensors
piriformis psoas iliacus iliopsoas gluteus medius minimus maximus shoulder shoulders scapula
blade clavicle collarbone rib ribs ribcage sternum chest pectoral neck jaw skull trapezius
rhomboid latissimus deltoid biceps triceps elbow forearm wrist hand fingers thumb abdomen
abdominal core oblique obliques diaphragm breathing breath posture postural alignment mobility
flexibility stability strength endurance range motion stretch stretching stretches strengthen
strengthening release tension tight tightness stiff stiffness sore soreness ache aching pain
painful tender tenderness inflammation swelling numbness tingling burning cramp cramping spasm
fatigue load loading overload overuse strain sprain injury injuries recovery rehabilitation
rehab therapy therapist massage practitioner client clients session sessions exercise exercises
repetition repetitions reps sets hold holding breathe exhale inhale gently slowly gradually
comfortable discomfort sensation stretchy mild moderate intense daily weekly routine habit
sitting standing walking running lifting bending twisting reaching kneeling lying seated supine
prone lateral medial anterior posterior superior inferior proximal distal deep superficial
origin insertion attachment contraction contract relax relaxing relaxed lengthen lengthening
shorten shortened activate activation engage engaged neutral brace bracing pelvis tilt tilting
rotation rotate flexion extension abduction adduction circumduction dorsiflexion plantarflexion
trigger referral referred radiating sciatica bursitis tendinopathy tendinitis fasciitis
impingement arthritis osteoarthritis degeneration hypermobility compensation imbalance weakness
foam roller strap towel wall chair mat ball step cushion pillow block
"""

HEADINGS = {
    "exercise": [
        "Why this helps", "What you should feel", "Before you start", "Common mistakes",
        "Making it part of your day", "How it fits with other exercises", "When to stop",
        "Breathing through it", "If it feels too easy", "Getting the position right",
        "What the research says", "Tips from the clinic", "Progress over the weeks",
    ],
    "condition": [
        "What it is", "Why it happens", "Who gets it", "How it feels", "What makes it worse",
        "What helps", "How long it lasts", "What a practitioner looks for", "Everyday changes",
        "When it is not this", "Looking after yourself", "Related problems",
    ],
    "anatomy": [
        "Where it is", "What it does", "Why it gets tight", "How it affects posture",
        "Finding it yourself", "Problems it can cause", "Looking after it", "How it works with its neighbours",
        "Nerves and blood supply", "Everyday movements that use it", "A closer look",
    ],
}

TABLE_HEADS = {
    "exercise": (["Week", "Hold", "Rounds"], ["Level", "Change", "Why"]),
    "condition": (["Sign", "Likely", "Less likely"], ["Activity", "Effect", "Try instead"]),
    "anatomy": (["Part", "Attaches to", "Notes"], ["Movement", "Role", "Felt where"]),
}

FREQUENCIES = ["daily", "twice a day", "3 times a week", "every other day", "morning and evening",
               "5 days a week", "after long sitting", "as needed"]
EQUIPMENT = ["chair", "wall", "strap", "mat", "foam-roller", "ball", "step"]
POSITIONS = ["standing", "seated", "lying-on-back", "lying-on-front", "side-lying", "kneeling",
             "hands-and-knees"]
POSITION_WORD = {"standing": "standing", "seated": "seated", "lying-on-back": "supine",
                 "lying-on-front": "prone", "side-lying": "side-lying", "kneeling": "kneeling",
                 "hands-and-knees": "four-point"}
REVIEWERS = ["Sam Rivera, LMT", "Dr. Alex Chen, PT", "Jo Okafor, RMT", "Priya Nair, DPT",
             "Morgan Lee, LMT"]

RED_FLAGS = [
    "Numbness in the groin or inner thighs, or new trouble controlling bladder or bowels",
    "Pain after a fall, car accident or other injury",
    "Fever, night sweats or weight loss you cannot explain",
    "Pain that wakes you at night and does not ease when you change position",
    "Weakness in a leg or foot that is getting worse",
]

SYNONYMS = [
    ["butt", "glutes", "buttocks", "bum"],
    ["sciatica", "sciatic nerve"],
    ["low back", "lower back", "lumbar"],
    ["hamstrings", "back of the thigh"],
    ["quads", "quadriceps", "front of the thigh"],
    ["calf", "calves", "gastrocnemius"],
    ["neck", "cervical"],
    ["QL", "quadratus lumborum"],
    ["TFL", "tensor fasciae latae"],
    ["stretch", "lengthen"],
]


# ---------------------------------------------------------------------------------------------
# Translations (--languages): Spanish words, and the fixed phrases above in Spanish. Every extra
# language gets these (only Spanish has a word list of its own); its own seed makes its text differ.

# General Spanish, roughly most frequent first (duplicates are dropped, the first place counts).
ES_COMMON = """
de la que el en y a los se del las un por con no una su para es al lo como más o pero sus le si
sin sobre este ya entre cuando todo esta ser son dos también hasta desde está mi porque qué solo hay
vez puede todos así nos ni parte tiene donde bien tiempo mismo ese ahora cada otro después te otros
aunque esa eso hace otra muy tu poco día mucho hacer siempre antes menos durante mientras tras hacia
algo nada tan veces lugar lado forma manera momento caso primero nuevo mejor mayor luego tus estos
estas esos esas aquí allí puedes notas sientes nota haz mantén respira vuelve repite empieza deja
intenta evita apoya lleva sube baja gira dobla estira relaja aprieta empuja acerca cruza coloca
sujeta levanta quédate ponte siéntate túmbate ayuda suele suelen pueden debe deben tienes tener va
van hacen da dar ver mira parece pasa queda sigue llega cambia usa trabaja descansa camina mueve
muévete conviene cuesta duele molesta mejora empeora alivia calma protege controla aumenta reduce
notar sentir mantener volver repetir empezar dejar intentar evitar apoyar llevar subir bajar girar
doblar relajar apretar empujar acercar cruzar colocar sujetar quedarse ayudar poder hacerlo moverse
descansar trabajar cambiar usar seguir llegar pasar mejorar aliviar bastante demasiado casi apenas
incluso además aún todavía entonces pronto juntos ambos ambas cualquier alguna algún algunos
algunas ninguna varios varias misma mismos toda todas cómo cuándo dónde quién cuál mal peor tarde
temprano normalmente realmente claramente simplemente finalmente persona personas gente trabajo
casa coche escritorio ordenador teléfono cama colchón suelo pared silla puerta escalera paso pasos
agua calor frío hielo ropa zapatos calzado deporte gimnasio carrera paseo viaje mesa sofá mochila
niños embarazo edad mujer hombre mente estrés sueño descanso peso ejemplo idea razón problema
problemas pregunta respuesta cambio cambios punto puntos zonas lados partes final principio mitad
centro borde frente dirección posición altura nivel grado ritmo presión apoyo control equilibrio
costumbre semana semanas mes meses minutos segundos hora horas noche mañana año años primera
segundo segunda último última nueva pequeño pequeña grande largo larga corto corta alto alta fácil
difícil sencillo sencilla normal habitual frecuente posible cierto propia general importante
necesario suficiente claro rápido rápida útil débil cómoda práctico básico físico típico único
próximo principal ligero ligera firme estable suelto suelta cansado cansada sano sana seguro segura
tranquilo tranquila constante lento lenta fuerte natural correcto correcta recto recta plano plana
yo él ella nosotros ellos ellas usted les me mí ti sí contigo uno unos unas nuestro nuestra quien
quienes cual pues sino tampoco quizá tal según contra ante mediante era fue sea están estaba estar
estás haya había ha han has he hemos tengo tienen tenía hizo podía podrás debes debería sabe saben
conoce dice dicen creo parecen siento quieres necesitas necesita ocurre ocurren aparece aparecen
termina terminar acaba consigue conseguir permite ayudan ayudará notarás sentirás volverás
acción actividad actividades aspecto atención base beneficio beneficios cabeza calidad cantidad
capacidad causa causas cirugía comienzo condición confianza consejo consejos cuidado cuidados daño
decisión diferencia dificultad duda efecto efectos energía espacio esfuerzo estado estudio estudios
experiencia factor factores familia fase función grupo historia información intensidad interés
límite límites lista médico médicos medida miedo modo motivo necesidad objetivo opción opciones
orden paciente pacientes pausa plan práctica prueba pruebas resultado resultados riesgo riesgos
salud señal señales síntoma síntomas situación solución sistema tarea técnica técnicas tipo tipos
tratamiento tratamientos uso valor valoración variedad ventaja versión vuelta activo activa
adecuado adecuada alguno anterior breve capaz cercano cercana completo completa concreto concreta
continuo continua cotidiano cotidiana delicado delicada distinto distinta doble duro dura efectivo
efectiva eficaz entero entera especial específico específica evidente exacto exacta excesivo
excesiva extraño fijo fija flexible grave igual individual inicial intermedio libre máximo mínimo
necesaria nervioso nerviosa nuevos nuevas ordinario pesado pesada positivo preciso precisa previo
previa progresivo propio prolongado prolongada raro real reciente regular repetido repetida sensible
serio seria similar simple sólido sólida total abre abrir aguanta aguantar ajusta ajustar alarga
alcanza añade añadir aprende aprender busca buscar calienta calentar colócate comprueba comprobar
comienza comenzar continúa continuar cuenta contar cuida cuidar decide depende dependen descubre
elige elegir encuentra encontrar entiende entender espera esperar estírate explica explicar extiende
fíjate flexiona funciona funcionar guarda imagina inclina indica lleva llevas mete observa olvida
piensa pensar pierde pon poner practica practicar prepara preparar presiona prueba probar quiere
recuerda recordar recupera resulta revisa sal salir separa sirve sostén sostener suelta soltar
tienden toca tocar toma tomar vale vigila aproximadamente aparte abajo adelante alrededor arriba
atrás cerca debajo delante dentro detrás encima fuera lejos muchas muchos nunca quizás tanto tanta
tantos cuanto ahí
"""

# Anatomy, exercise and pain words (like ANATOMY_WORDS; their order is shuffled with a fixed seed).
ES_DOMAIN = """
músculo músculos tendón tendones ligamento ligamentos fascia articulación articulaciones cadera
caderas pelvis pélvico pélvica columna vertebral lumbar lumbares dorsal torácica cervical cervicales
sacro sacroilíaca cóccix coxis vértebra vértebras disco discos nervio nervios ciático ciática fémur
tibia peroné rótula rodilla rodillas tobillo tobillos talón pie pies dedos arco pantorrilla
pantorrillas gemelo gemelos sóleo espinilla isquiotibiales cuádriceps glúteo glúteos nalga nalgas
ingle muslo muslos aductor aductores abductor abductores rotador rotadores flexor flexores extensor
extensores piriforme psoas ilíaco iliopsoas medio menor hombro hombros escápula omóplato omóplatos
clavícula costilla costillas esternón pecho pectoral cuello mandíbula cráneo nuca trapecio romboides
deltoides bíceps tríceps codo antebrazo muñeca dedo pulgar abdomen abdominal abdominales oblicuo
oblicuos diafragma respiración respirar postura posturas alineación movilidad flexibilidad
estabilidad fuerza resistencia amplitud movimiento movimientos estiramiento estiramientos estirar
fortalecer fortalecimiento liberación tensión tensiones tenso tensa tensos rigidez rígido rígida
dolor dolores doloroso dolorosa molestia molestias agujetas sensibilidad inflamación hinchazón
adormecimiento hormigueo ardor calambre calambres espasmo espasmos fatiga carga sobrecarga sobreuso
distensión esguince lesión lesiones recuperación rehabilitación fisioterapia fisioterapeuta terapia
terapeuta masaje masajes consulta profesional ejercicio ejercicios repetición repeticiones serie
series inspira espira exhala inhala suavemente despacio gradualmente progresivamente cómodo
incomodidad sensación leve moderado moderada intenso intensa diario diaria semanal rutina hábito
sentado sentada caminar correr levantar alcanzar arrodillado arrodillada tumbado tumbada lateral
medial anterior posterior superior inferior proximal distal profundo profunda superficial origen
inserción contracción contraer relajación relajado alargar alargamiento acortado acortamiento
activar activación neutra neutro rotación extensión flexión abducción aducción dorsiflexión gatillo
irradiado irradiada referido bursitis tendinopatía tendinitis fascitis pinzamiento artrosis artritis
degeneración hipermovilidad compensación desequilibrio debilidad rodillo cinta toalla colchoneta
pelota escalón cojín almohada bloque banda elástica goma crónico crónica agudo aguda
"""

ES_MUSCLES = {
    "piriformis": "piriforme", "gluteus maximus": "glúteo mayor", "gluteus medius": "glúteo medio",
    "gluteus minimus": "glúteo menor", "tensor fasciae latae": "tensor de la fascia lata",
    "iliopsoas": "iliopsoas", "psoas major": "psoas mayor", "psoas minor": "psoas menor",
    "iliacus": "ilíaco", "quadratus lumborum": "cuadrado lumbar", "erector spinae": "erector de la columna",
    "multifidus": "multífido", "rotatores": "rotadores", "latissimus dorsi": "dorsal ancho",
    "trapezius": "trapecio", "rhomboid major": "romboides mayor", "rhomboid minor": "romboides menor",
    "levator scapulae": "elevador de la escápula", "serratus anterior": "serrato anterior",
    "serratus posterior inferior": "serrato posterior inferior", "pectoralis major": "pectoral mayor",
    "pectoralis minor": "pectoral menor", "subclavius": "subclavio",
    "sternocleidomastoid": "esternocleidomastoideo", "scalenes": "escalenos",
    "splenius capitis": "esplenio de la cabeza", "splenius cervicis": "esplenio del cuello",
    "suboccipitals": "suboccipitales", "semispinalis capitis": "semiespinoso de la cabeza",
    "longus colli": "largo del cuello", "deltoid": "deltoides", "supraspinatus": "supraespinoso",
    "infraspinatus": "infraespinoso", "teres minor": "redondo menor", "teres major": "redondo mayor",
    "subscapularis": "subescapular", "biceps brachii": "bíceps braquial", "brachialis": "braquial",
    "brachioradialis": "braquiorradial", "triceps brachii": "tríceps braquial", "anconeus": "ancóneo",
    "pronator teres": "pronador redondo", "supinator": "supinador",
    "flexor carpi radialis": "flexor radial del carpo", "flexor carpi ulnaris": "flexor cubital del carpo",
    "extensor carpi radialis longus": "extensor radial largo del carpo",
    "extensor carpi ulnaris": "extensor cubital del carpo",
    "flexor digitorum superficialis": "flexor superficial de los dedos",
    "extensor digitorum": "extensor de los dedos", "rectus abdominis": "recto del abdomen",
    "external oblique": "oblicuo externo", "internal oblique": "oblicuo interno",
    "transversus abdominis": "transverso del abdomen", "diaphragm": "diafragma",
    "intercostals": "intercostales", "pelvic floor": "suelo pélvico", "levator ani": "elevador del ano",
    "coccygeus": "coccígeo", "obturator internus": "obturador interno",
    "obturator externus": "obturador externo", "gemellus superior": "gémino superior",
    "gemellus inferior": "gémino inferior", "quadratus femoris": "cuadrado femoral",
    "adductor magnus": "aductor mayor", "adductor longus": "aductor largo",
    "adductor brevis": "aductor corto", "gracilis": "grácil", "pectineus": "pectíneo",
    "sartorius": "sartorio", "rectus femoris": "recto femoral", "vastus lateralis": "vasto lateral",
    "vastus medialis": "vasto medial", "vastus intermedius": "vasto intermedio",
    "biceps femoris": "bíceps femoral", "semitendinosus": "semitendinoso",
    "semimembranosus": "semimembranoso", "popliteus": "poplíteo", "gastrocnemius": "gastrocnemio",
    "soleus": "sóleo", "plantaris": "plantar delgado", "tibialis anterior": "tibial anterior",
    "tibialis posterior": "tibial posterior", "peroneus longus": "peroneo largo",
    "peroneus brevis": "peroneo corto", "extensor hallucis longus": "extensor largo del dedo gordo",
    "flexor hallucis longus": "flexor largo del dedo gordo",
    "flexor digitorum longus": "flexor largo de los dedos", "abductor hallucis": "abductor del dedo gordo",
    "plantar fascia": "fascia plantar", "masseter": "masetero", "temporalis": "temporal",
    "lateral pterygoid": "pterigoideo lateral", "medial pterygoid": "pterigoideo medial",
    "digastric": "digástrico", "platysma": "platisma", "occipitofrontalis": "occipitofrontal",
    "coracobrachialis": "coracobraquial", "palmaris longus": "palmar largo",
    "abductor pollicis longus": "abductor largo del pulgar", "opponens pollicis": "oponente del pulgar",
    "thoracolumbar fascia": "fascia toracolumbar", "iliotibial band": "cintilla iliotibial",
    "hip rotators": "rotadores de la cadera", "hip flexors": "flexores de la cadera",
    "hamstrings": "isquiotibiales", "quadriceps": "cuádriceps", "calf complex": "tríceps sural",
    "rotator cuff": "manguito rotador", "neck extensors": "extensores del cuello",
    "spinal stabilisers": "estabilizadores de la columna", "deep neck flexors": "flexores profundos del cuello",
    "lower trapezius": "trapecio inferior", "upper trapezius": "trapecio superior",
}

ES_MUSCLE_QUALIFIERS = {
    "": "", "upper fibres": "fibras superiores", "lower fibres": "fibras inferiores",
    "middle fibres": "fibras medias", "deep layer": "capa profunda", "superficial layer": "capa superficial",
    "anterior part": "porción anterior", "posterior part": "porción posterior",
    "medial part": "porción medial", "lateral part": "porción lateral", "long head": "cabeza larga",
    "short head": "cabeza corta", "tendon": "tendón", "origin": "origen", "insertion": "inserción",
    "left side": "lado izquierdo", "right side": "lado derecho", "belly": "vientre muscular",
    "attachment": "anclaje", "sheath": "vaina", "trigger points": "puntos gatillo", "fascia": "fascia",
    "proximal end": "extremo proximal", "distal end": "extremo distal",
}

# Adjectives are given in the masculine singular and made to agree (see es_agree); phrases stay as they are.
ES_STRETCH_MODIFIERS = {
    "seated": "sentado", "standing": "de pie", "kneeling": "de rodillas", "supine": "boca arriba",
    "side-lying": "de lado", "prone": "boca abajo", "doorway": "en el marco de la puerta",
    "wall": "en la pared", "chair": "en silla", "towel": "con toalla", "strap": "con cinta",
    "foam roller": "con rodillo de espuma", "ball": "con pelota", "cross-body": "cruzado",
    "figure-four": "en figura de cuatro", "pigeon": "de paloma", "lunge": "en zancada",
    "step": "en escalón", "half-kneeling": "con una rodilla en el suelo", "four-point": "en cuadrupedia",
    "desk": "de escritorio", "bed": "en la cama", "couch": "en el sofá", "staggered": "escalonado",
    "single-leg": "a una pierna", "assisted": "asistido", "gentle": "suave", "dynamic": "dinámico",
    "banded": "con banda elástica", "isometric": "isométrico", "rocking": "con balanceo",
    "reaching": "con alcance", "twisting": "con giro", "sliding": "deslizante", "deep": "profundo",
    "long-hold": "sostenido", "active": "activo", "contract-relax": "de contracción y relajación",
    "morning": "matutino", "evening": "nocturno",
}

ES_STRETCH_TARGETS = {
    "piriformis": "del piriforme", "glute": "de glúteo", "hip flexor": "del flexor de cadera",
    "hamstring": "de isquiotibiales", "calf": "de gemelos", "quad": "de cuádriceps",
    "adductor": "de aductores", "lower back": "de la zona lumbar", "upper back": "de la espalda alta",
    "neck": "de cuello", "chest": "de pecho", "shoulder": "de hombro", "lat": "de dorsal",
    "side body": "del costado", "spine": "de columna", "hip": "de cadera", "ankle": "de tobillo",
    "foot": "de pie", "shin": "de espinilla", "wrist": "de muñeca", "forearm": "de antebrazo",
    "jaw": "de mandíbula", "IT band": "de la cintilla iliotibial", "outer hip": "de la cadera externa",
    "inner thigh": "de la cara interna del muslo", "psoas": "del psoas", "QL": "del cuadrado lumbar",
    "trap": "de trapecio", "rhomboid": "de romboides", "scalene": "de escalenos",
    "rotator cuff": "del manguito rotador", "pec minor": "del pectoral menor", "soleus": "del sóleo",
    "achilles": "del tendón de Aquiles", "sciatic nerve": "del nervio ciático",
    "thoracic": "de la zona dorsal", "lumbar": "de la región lumbar",
    "sacroiliac": "de la articulación sacroilíaca", "tailbone": "del coxis",
    "pelvic floor": "del suelo pélvico", "diaphragm": "del diafragma", "biceps": "de bíceps",
    "triceps": "de tríceps", "plantar fascia": "de la fascia plantar", "TFL": "del TFL",
    "knee": "de rodilla", "toe": "de los dedos del pie", "hip rotator": "de rotadores de cadera",
    "back line": "de la cadena posterior", "front line": "de la cadena anterior",
}

ES_KIND_NOUNS = {  # (noun, gender: m, f, mp, fp)
    "stretch": ("estiramiento", "m"), "lengthener": ("alargamiento", "m"), "opener": ("apertura", "f"),
    "reach": ("alcance", "m"), "fold": ("pliegue", "m"), "twist": ("torsión", "f"),
    "bridge": ("puente", "m"), "hold": ("sostén", "m"), "raise": ("elevación", "f"),
    "squeeze": ("apretón", "m"), "press": ("empuje", "m"), "curl": ("curl", "m"), "clam": ("almeja", "f"),
    "row": ("remo", "m"), "plank": ("plancha", "f"), "release": ("liberación", "f"),
    "roll": ("rodamiento", "m"), "glide": ("deslizamiento", "m"), "massage": ("masaje", "m"),
    "pin and stretch": ("fijar y estirar", "m"), "rock": ("balanceo", "m"),
}

ES_CAUSE_QUALIFIERS = {
    "": "", "chronic": "crónico", "acute": "agudo", "recurring": "recurrente", "postural": "postural",
    "desk-related": "por trabajo de escritorio", "sports-related": "deportivo", "overuse": "por sobreuso",
    "pregnancy-related": "del embarazo", "age-related": "por la edad", "morning": "matutino",
    "night-time": "nocturno", "driving-related": "al conducir", "post-surgical": "posquirúrgico",
    "stress-related": "por estrés", "one-sided": "unilateral",
}

ES_CAUSE_REGIONS = {
    "low back": "lumbar", "buttock": "de nalga", "hip": "de cadera", "groin": "inguinal",
    "hamstring": "de isquiotibiales", "knee": "de rodilla", "calf": "de gemelo", "heel": "de talón",
    "arch": "del arco del pie", "neck": "de cuello", "shoulder": "de hombro",
    "upper back": "de la espalda alta", "mid back": "dorsal", "jaw": "mandibular", "elbow": "de codo",
    "wrist": "de muñeca", "thigh": "de muslo", "shin": "de espinilla", "ankle": "de tobillo",
    "rib": "costal", "sacroiliac joint": "de la articulación sacroilíaca", "tailbone": "de coxis",
    "lumbar disc": "de disco lumbar", "sciatic nerve": "del nervio ciático", "piriformis": "del piriforme",
    "IT band": "de la cintilla iliotibial", "rotator cuff": "del manguito rotador",
    "achilles": "del tendón de Aquiles", "plantar fascia": "de la fascia plantar",
    "hip flexor": "del flexor de cadera", "psoas": "del psoas", "QL": "del cuadrado lumbar",
    "pelvic": "pélvico", "thoracic": "torácico", "cervical": "cervical", "trapezius": "del trapecio",
    "levator scapulae": "del elevador de la escápula", "adductor": "de aductores",
    "glute medius": "del glúteo medio", "sternocleidomastoid": "del esternocleidomastoideo",
}

ES_CAUSE_NOUNS = {
    "pain": ("dolor", "m"), "strain": ("distensión", "f"), "tightness": ("acortamiento", "m"),
    "stiffness": ("rigidez", "f"), "syndrome": ("síndrome", "m"), "tendinopathy": ("tendinopatía", "f"),
    "irritation": ("irritación", "f"), "spasm": ("espasmo", "m"), "dysfunction": ("disfunción", "f"),
    "overload": ("sobrecarga", "f"), "trigger points": ("puntos gatillo", "mp"), "ache": ("molestia", "f"),
    "weakness": ("debilidad", "f"), "imbalance": ("desequilibrio", "m"), "impingement": ("pinzamiento", "m"),
    "bursitis": ("bursitis", "f"), "sprain": ("esguince", "m"), "cramp": ("calambre", "m"),
    "tension": ("tensión", "f"), "referral pattern": ("patrón de dolor referido", "m"),
}

ES_LOCATIONS = dict(zip(LOCATIONS, [
    "en lo profundo de la nalga, detrás de la articulación de la cadera",
    "a lo largo de la parte de atrás del muslo",
    "en la parte delantera de la cadera, bajando desde la zona lumbar", "entre las costillas y la pelvis",
    "sobre la parte alta del hombro", "a lo largo del lateral del cuello", "debajo del omóplato",
    "a lo largo de la cara interna del muslo", "en la parte externa de la cadera",
    "en la zona lumbar, a ambos lados de la columna", "en la parte de atrás de la pierna",
    "en la parte delantera de la espinilla", "a lo ancho del pecho", "entre los omóplatos",
    "a lo largo de la planta del pie", "en la base del cráneo",
    "alrededor de la parte delantera del abdomen", "dentro de la pelvis",
    "en el borde externo de la pantorrilla", "sobre el lateral de la mandíbula",
]))

ES_ACTIONS = dict(zip(ACTIONS, [
    "gira el muslo hacia fuera", "separa la pierna hacia un lado", "extiende la cadera",
    "flexiona la cadera", "dobla la rodilla", "estira la rodilla", "apunta el pie hacia abajo",
    "levanta la parte delantera del pie", "inclina el tronco hacia un lado", "extiende la columna",
    "gira el tronco", "estabiliza la pelvis al caminar", "lleva el omóplato hacia abajo y hacia atrás",
    "eleva el omóplato", "gira el brazo hacia dentro", "gira el brazo hacia fuera", "levanta el brazo",
    "gira e inclina la cabeza", "dobla el codo", "sostiene el arco del pie", "ayuda a tomar aire",
    "mete el abdomen", "cierra la mandíbula", "mantiene la cabeza erguida",
]))

ES_FREQUENCIES = dict(zip(FREQUENCIES, [
    "a diario", "dos veces al día", "3 veces por semana", "un día sí y otro no",
    "por la mañana y por la noche", "5 días por semana", "después de estar mucho rato sentado",
    "cuando lo necesites",
]))

ES_HEADINGS = {
    # exercise
    "Why this helps": "Por qué ayuda", "What you should feel": "Qué deberías notar",
    "Before you start": "Antes de empezar", "Common mistakes": "Errores frecuentes",
    "Making it part of your day": "Cómo incluirlo en tu día",
    "How it fits with other exercises": "Cómo encaja con otros ejercicios", "When to stop": "Cuándo parar",
    "Breathing through it": "Cómo respirar mientras lo haces", "If it feels too easy": "Si te resulta demasiado fácil",
    "Getting the position right": "Cómo colocarte bien", "What the research says": "Qué dice la investigación",
    "Tips from the clinic": "Consejos de la consulta", "Progress over the weeks": "Progresos semana a semana",
    # condition
    "What it is": "Qué es", "Why it happens": "Por qué ocurre", "Who gets it": "A quién le pasa",
    "How it feels": "Qué se siente", "What makes it worse": "Qué lo empeora", "What helps": "Qué ayuda",
    "How long it lasts": "Cuánto dura", "What a practitioner looks for": "Qué busca un profesional",
    "Everyday changes": "Cambios en el día a día", "When it is not this": "Cuando no se trata de esto",
    "Looking after yourself": "Cómo cuidarte", "Related problems": "Problemas relacionados",
    # anatomy
    "Where it is": "Dónde está", "What it does": "Qué hace", "Why it gets tight": "Por qué se tensa",
    "How it affects posture": "Cómo afecta a la postura", "Finding it yourself": "Cómo encontrarlo por tu cuenta",
    "Problems it can cause": "Problemas que puede causar", "Looking after it": "Cómo cuidarlo",
    "How it works with its neighbours": "Cómo trabaja con los músculos vecinos",
    "Nerves and blood supply": "Nervios e irrigación", "Everyday movements that use it": "Movimientos cotidianos que lo usan",
    "A closer look": "Más de cerca",
}

ES_TABLE_HEADS = {
    "Week": "Semana", "Hold": "Mantener", "Rounds": "Rondas", "Level": "Nivel", "Change": "Cambio",
    "Why": "Por qué", "Sign": "Señal", "Likely": "Probable", "Less likely": "Menos probable",
    "Activity": "Actividad", "Effect": "Efecto", "Try instead": "Prueba en su lugar", "Part": "Parte",
    "Attaches to": "Se une a", "Notes": "Notas", "Movement": "Movimiento", "Role": "Función",
    "Felt where": "Dónde se nota",
}

ES_RED_FLAGS = [
    "Pérdida de sensibilidad en la ingle o en la cara interna de los muslos, o problemas nuevos para controlar la vejiga o el intestino",
    "Dolor después de una caída, un accidente de tráfico u otra lesión",
    "Fiebre, sudores nocturnos o una pérdida de peso que no puedes explicar",
    "Dolor que te despierta por la noche y no se alivia al cambiar de postura",
    "Debilidad en una pierna o en un pie que va a peor",
]

ES_SYNONYMS = [
    ["nalgas", "glúteos", "trasero", "culo"],
    ["ciática", "nervio ciático", "dolor ciático"],
    ["zona lumbar", "parte baja de la espalda", "lumbago", "lumbalgia"],
    ["isquiotibiales", "isquios", "parte de atrás del muslo"],
    ["cuádriceps", "parte delantera del muslo"],
    ["gemelos", "pantorrilla", "gastrocnemio"],
    ["cuello", "cervicales"],
    ["cuadrado lumbar", "QL"],
    ["TFL", "tensor de la fascia lata"],
    ["estirar", "alargar"],
]

ES_COLLECTIONS = {"stretches": ("Estiramientos", "estiramiento"), "causes": ("Causas", "causa"),
                  "muscles": ("Músculos", "músculo")}

# Words left out of the other names (aliases) made from a Spanish title.
ES_STOPWORDS = {"de", "del", "la", "el", "los", "las", "en", "con", "a", "al", "y", "e", "o", "u", "por", "un", "una"}
ES_ALIAS_NOUNS = ["dolor", "ejercicio", "músculo", "molestia", "liberación", "zona"]


def load_words(path: str) -> list[str]:
    """The vocabulary, most frequent first: every word of the sample site's own Markdown (our own writing,
    so the corpus carries no third-party text), ranked by how often it occurs there."""
    counts: dict[str, int] = {}
    for md in sorted(pathlib.Path(path).rglob("*.md")):
        for w in re.findall(r"[a-z]+(?:'[a-z]+)?", md.read_text(encoding="utf-8").lower()):
            if len(w) > 1 or w in ("a", "i"):
                counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def slug(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return re.sub(r"-+", "-", s)


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def ys(s: str) -> str:
    """A YAML scalar for a text value: plain when unambiguous, else double-quoted (JSON)."""
    if _PLAIN.match(s) and s.lower() not in _YAML_WORDS and not s.endswith((" ", ":")):
        return s
    return json.dumps(s, ensure_ascii=False)


def ylist(items: list[str]) -> str:
    if not items:
        return " []"
    return "".join("\n  - " + ys(x) for x in items)


def yflow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


# ---------------------------------------------------------------------------------------------
# Site plan: ids, titles, relations (made in the parent process, passed to the writers)


def unique_names(rng: random.Random, n: int, combos, used_ids: set[str]) -> list[tuple[str, str]]:
    """n (id, title) pairs from a generator of candidate titles; ids unique across used_ids."""
    out = []
    seen_titles = set()
    for title in combos:
        if len(out) == n:
            break
        ident = slug(title)
        if not ident or ident in used_ids or title.lower() in seen_titles:
            continue
        used_ids.add(ident)
        seen_titles.add(title.lower())
        out.append((ident, title))
    k = 2
    base = list(out) or [("entry", "Entry")]
    while len(out) < n:  # ran out of combinations: numbered variants
        for bid, btitle in base:
            if len(out) == n:
                break
            ident = f"{bid}-{k}"
            if ident in used_ids:
                continue
            used_ids.add(ident)
            out.append((ident, f"{btitle} ({k})"))
        k += 1
    return out


def shuffled_product(rng: random.Random, *lists):
    combos = list(itertools.product(*lists))
    rng.shuffle(combos)
    return combos


def make_plan(n: int, seed: int) -> dict:
    rng = random.Random(f"sinew-corpus-plan:{seed}")
    n_str = round(n * 0.5)
    n_cau = round(n * 0.3)
    n_mus = n - n_str - n_cau
    used: set[str] = set()

    muscle_bases = [m.strip() for m in MUSCLES.replace("\n", " ").split(";") if m.strip()]

    def muscle_titles():
        for q, m in shuffled_product(rng, MUSCLE_QUALIFIERS, muscle_bases):
            t = m if not q else f"{m} ({q})"
            yield t[0].upper() + t[1:]

    # Plain base names first, so small corpora get the real muscles.
    def muscle_titles_plain_first():
        bases = muscle_bases[:]
        rng.shuffle(bases)
        for m in bases:
            yield m[0].upper() + m[1:]
        yield from muscle_titles()

    muscles = unique_names(rng, n_mus, muscle_titles_plain_first(), used)

    def cause_titles():
        for q, r, c in shuffled_product(rng, CAUSE_QUALIFIERS, CAUSE_REGIONS, CAUSE_NOUNS):
            t = " ".join(x for x in (q, r, c) if x)
            yield t[0].upper() + t[1:]

    causes = unique_names(rng, n_cau, cause_titles(), used)

    kinds = ["stretch", "strengthen", "release"]
    kind_of: dict[str, str] = {}

    def stretch_titles():
        for m, t, kind in shuffled_product(rng, STRETCH_MODIFIERS, STRETCH_TARGETS, kinds):
            noun = KIND_NOUNS[kind][(len(m) + len(t)) % len(KIND_NOUNS[kind])]
            s = f"{m} {t} {noun}"
            s = s[0].upper() + s[1:]
            kind_of.setdefault(s, kind)
            yield s

    stretches = unique_names(rng, n_str, stretch_titles(), used)

    mus_ids = [i for i, _ in muscles]
    cau_ids = [i for i, _ in causes]
    plan = {"stretches": [], "causes": [], "muscles": []}
    for ident, title in stretches:
        plan["stretches"].append({
            "id": ident, "title": title, "kind": kind_of.get(re.sub(r" \(\d+\)$", "", title), "stretch"),
            "muscles": rng.sample(mus_ids, min(len(mus_ids), rng.randint(2, 4))),
            "causes": rng.sample(cau_ids, min(len(cau_ids), rng.randint(1, 3))),
        })
    for ident, title in causes:
        plan["causes"].append({
            "id": ident, "title": title,
            "muscles": rng.sample(mus_ids, min(len(mus_ids), rng.randint(1, 3))),
        })
    for ident, title in muscles:
        plan["muscles"].append({"id": ident, "title": title})
    return plan


# ---------------------------------------------------------------------------------------------
# Text


class Text:
    """Sentence and paragraph maker over a Zipf-weighted vocabulary.

    Words are drawn in batches (one random.choices call per 512 words) for speed: about 75%
    general English by Zipf rank, 20% anatomy and exercise words, 5% the entry's own terms.
    """

    BATCH = 512

    def __init__(self, words: list[str], domain: str = ANATOMY_WORDS, zipf_s: float = 1.07):
        anatomy = sorted(set(domain.split()))
        random.Random(7).shuffle(anatomy)  # fixed order: which domain words are common
        self.vocab = words + anatomy
        g = [1.0 / r ** zipf_s for r in range(1, len(words) + 1)]  # s = 1.07, close to English
        a = [1.0 / r ** 0.6 for r in range(1, len(anatomy) + 1)]
        gs, as_ = sum(g), sum(a)
        weights = [x * 0.75 / gs for x in g] + [x * 0.20 / as_ for x in a]
        # A table with each word repeated in proportion to its weight: uniform picks from it are
        # Zipf picks, and much faster than bisecting cumulative weights.
        size = 1 << 16
        counts = [max(1, round(wt / 0.95 * size)) for wt in weights]
        counts[0] += size - sum(counts)  # exactly 2**16 entries: the most common word absorbs rounding
        table = []
        for word, c in zip(self.vocab, counts):
            table.extend([word] * c)
        self.table = table
        self.rng = None
        self.extra: list[str] = []
        self.pool: list[str] = []
        self.pos = 0

    def start(self, rng: random.Random, extra: list[str]) -> None:
        """Begin an entry: its random source and its own terms."""
        self.rng = rng
        self.extra = extra
        self.pool = []
        self.pos = 0

    def _refill(self) -> None:
        rng, n = self.rng, self.BATCH
        # n uniform 16-bit indices into the 2**16-entry table, from one randbytes call
        idx = array.array("H", rng.randbytes(2 * n))
        if sys.byteorder == "big":
            idx.byteswap()
        pool = list(operator.itemgetter(*idx)(self.table))
        if self.extra:
            ex, m = self.extra, len(self.extra)
            for i in rng.sample(range(n), n // 20):
                pool[i] = ex[i % m]
        self.pool = pool
        self.pos = 0

    def words(self, k: int) -> list[str]:
        if self.pos + k > len(self.pool):
            self._refill()
        w = self.pool[self.pos:self.pos + k]
        self.pos += k
        return w

    def many_words(self, k: int) -> list[str]:
        """k words, however many (words() gives at most a batch)."""
        out: list[str] = []
        while k > 0:
            take = min(k, self.BATCH // 2)
            out += self.words(take)
            k -= take
        return out

    def sentence(self, lo=7, hi=20) -> str:
        r = self.rng.random
        w = self.words(lo + int(r() * (hi - lo + 1)))
        if len(w) > 9 and r() < 0.4:
            w[3 + int(r() * (len(w) - 6))] += ","
        s = " ".join(w)
        return s[0].upper() + s[1:] + ("?" if r() < 0.04 else ".")

    def phrase(self, lo=3, hi=9) -> str:
        s = " ".join(self.words(self.rng.randint(lo, hi)))
        return s[0].upper() + s[1:]

    def paragraph(self, n_sent=None) -> list[str]:
        return [self.sentence() for _ in range(n_sent or self.rng.randint(2, 5))]


def count_words(parts: list[str]) -> int:
    return sum(p.count(" ") + 1 for p in parts)


# ---------------------------------------------------------------------------------------------
# Entries


def link_md(rng: random.Random, target: tuple[str, str, str], style: int) -> str:
    coll, ident, title = target
    if style == 0:
        return f"[[{ident}]]"
    if style == 1:
        return f"[[{ident}|the {title.lower()}]]"
    if style == 2:
        return f"[[{coll}/{ident}]]"
    return f"[{title.lower()}](@/{coll}/{ident}.md)"


def body(rng: random.Random, text: Text, schema: str, extra: list[str], links: list[str]) -> str:
    target = rng.randint(500, 800)  # words, counting headings, lists, table cells and links
    heads = rng.sample(HEADINGS[schema], 5)
    out: list[str] = []
    n = 0
    pending_links = links[:]
    links_counted = False

    def heading(h):
        nonlocal n
        out.append(f"## {h}")
        n += h.count(" ") + 1

    def para(sents=None):
        nonlocal n
        if sents is None:
            sents = text.paragraph()
        if pending_links and rng.random() < 0.6:
            i = rng.randrange(len(sents))
            words = sents[i][:-1].split(" ")
            j = rng.randint(1, len(words))
            link = pending_links.pop()
            words.insert(j, link)
            sents[i] = " ".join(words) + sents[i][-1]
            if links_counted:
                n -= link.count(" ") + 1
        n += count_words(sents)
        out.append(" ".join(sents))

    para(text.paragraph(rng.randint(2, 3)))
    # 1: bullets
    heading(heads[0])
    para()
    items = [text.phrase() for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.5:
        items[0] = f"**{items[0]}**"
    out.append("\n".join(f"- {x}" for x in items))
    n += count_words(items)
    # 2: numbered list
    heading(heads[1])
    para()
    items = [text.sentence(5, 12) for _ in range(rng.randint(3, 6))]
    out.append("\n".join(f"{i}. {x}" for i, x in enumerate(items, 1)))
    n += count_words(items)
    # 3: table
    heading(heads[2])
    para(text.paragraph(rng.randint(1, 2)))
    head = TABLE_HEADS[schema][rng.randrange(2)]
    rows = []
    for r in range(rng.randint(3, 5)):
        cells = [str(r + 1) if head[0] in ("Week", "Level") else text.phrase(1, 3)]
        cells += [text.phrase(1, 4) for _ in head[1:]]
        rows.append("| " + " | ".join(cells) + " |")
        n += count_words(cells)
    out.append("\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + rows))
    # 4, 5: paragraphs, a sentence at a time, until the word target
    heading(heads[3])
    n += sum(link.count(" ") + 1 for link in pending_links)  # links still to place
    links_counted = True
    cur: list[str] = []
    per = rng.randint(2, 5)
    paras = 0
    while n < target - 10 or paras == 0:
        sent = text.sentence()
        cur.append(sent)
        n += sent.count(" ") + 1
        if len(cur) == per:
            n -= count_words(cur)  # para() counts them again
            para(cur)
            cur, per = [], rng.randint(2, 5)
            paras += 1
            if paras == 2 and n < target - 150:
                heading(heads[4])
    if cur:
        n -= count_words(cur)
        para(cur)
    if pending_links:  # any left over go in a closing line
        out.append("See also " + ", ".join(pending_links) + ".")
    return "\n\n".join(out) + "\n"


def pick_date(rng: random.Random) -> str:
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return f"2026-{m:02d}-{d:02d}"


def aliases_for(rng: random.Random, title: str) -> list[str]:
    words = re.sub(r"[()]", "", title.lower()).split()
    out = []
    if len(words) >= 2:
        out.append(" ".join(words[-2:]))
    if len(words) >= 3 and rng.random() < 0.6:
        out.append(" ".join(words[:2]))
    if rng.random() < 0.5:
        out.append(words[0] + " " + rng.choice(["pain", "exercise", "muscle", "ache", "release", "area"]))
    seen, res = set(), []
    for a in out:
        if a not in seen and a != title.lower():
            seen.add(a)
            res.append(a)
    return res[: rng.randint(1, 3)]


def render_entry(job, words: dict | None = None) -> tuple[str, str]:
    """(relative path, file text) for one entry. Runs in worker processes. With `words`, also puts there
    the entry's text fields and body, for its translations (render_translation)."""
    coll, idx, entry, seed, targets_all, targets_muscles = job
    text = _TEXT
    rng = random.Random(f"sinew-corpus:{seed}:{coll}:{idx}")
    title = entry["title"]
    extra = [w for w in re.sub(r"[()]", "", title.lower()).split() if len(w) > 2]
    for m in entry.get("muscles", []):
        extra.extend(m.split("-"))
    text.start(rng, extra)

    # Links: 2-4, at least one [[id]] and one @/muscles/ link.
    k = rng.randint(2, 4)
    picks = []
    for _ in range(k):
        t = targets_all[rng.randrange(len(targets_all))]
        if t[1] == entry["id"]:
            t = targets_all[(targets_all.index(t) + 1) % len(targets_all)]
        picks.append(t)
    m = targets_muscles[rng.randrange(len(targets_muscles))]
    if m[1] == entry["id"]:
        m = targets_muscles[(targets_muscles.index(m) + 1) % len(targets_muscles)]
    picks[-1] = m
    styles = [0] + [rng.choice([0, 0, 1, 2]) for _ in range(k - 2)] + [3]
    links = [link_md(rng, t, s) for t, s in zip(picks, styles)]
    rng.shuffle(links)

    fm = [f"title: {ys(title)}"]
    summary = " ".join(text.paragraph(rng.randint(1, 2)))
    fm.append(f"summary: {ys(summary)}")
    fm.append("aliases:" + ylist(aliases_for(rng, title)))
    reviewed = pick_date(rng)
    fm.append(f"reviewed: {reviewed}")
    if words is not None:
        words.update(summary=summary, reviewed=reviewed)
    if rng.random() < 0.7:
        fm.append(f"reviewed_by: {ys(rng.choice(REVIEWERS))}")
    if rng.random() < 0.2:
        upd = pick_date(rng)
        fm.append(f"updated: {max(upd, reviewed)}")

    if coll == "stretches":
        schema = "exercise"
        kind = entry["kind"]
        position = rng.choice(POSITIONS)
        fm.append(f"kind: {kind}")
        fm.append(f"difficulty: {rng.choice(['beginner', 'beginner', 'intermediate', 'advanced'])}")
        fm.append(f"position: {position}")
        eq = rng.sample(EQUIPMENT, rng.choice([0, 0, 1, 1, 2]))
        fm.append("equipment:" + (" []" if not eq else ylist(eq)))
        if kind == "strengthen":
            fm.append(f"hold_seconds: {rng.choice([5, 10, 15])}")
            fm.append(f"reps: {rng.choice([8, 10, 12, 15])}")
        else:
            fm.append(f"hold_seconds: {rng.choice([20, 30, 45, 60, 90])}")
            fm.append(f"reps: {rng.choice([1, 2, 3, 5])}")
        fm.append(f"sets: {rng.choice([1, 2, 3])}")
        fm.append(f"sides: {rng.choice(['each', 'each', 'both'])}")
        frequency = rng.choice(FREQUENCIES)
        fm.append(f"frequency: {ys(frequency)}")
        steps = [text.sentence(6, 14) for _ in range(rng.randint(3, 6))]
        if rng.random() < 0.5:
            i = rng.randrange(len(steps))
            w = steps[i].split(" ")
            j = rng.randrange(len(w))
            w[j] = f"**{w[j].rstrip('.,?')}**" + ("" if w[j][-1].isalpha() else w[j][-1])
            steps[i] = " ".join(w)
        fm.append("steps:" + ylist(steps))
        modifications = [text.sentence(5, 12) for _ in range(rng.randint(1, 3))]
        fm.append("modifications:" + ylist(modifications))
        cautions = [text.sentence(5, 12) for _ in range(rng.randint(1, 3))]
        fm.append("cautions:" + ylist(cautions))
        if words is not None:
            words.update(frequency=frequency, steps=steps, modifications=modifications, cautions=cautions)
        fm.append(f"muscles: {yflow(entry['muscles'])}")
        fm.append(f"causes: {yflow(entry['causes'])}")
    elif coll == "causes":
        schema = "condition"
        symptoms = [text.phrase(3, 8) for _ in range(rng.randint(2, 5))]
        fm.append("symptoms:" + ylist(symptoms))
        if words is not None:
            words["symptoms"] = symptoms
        fm.append(f"muscles: {yflow(entry['muscles'])}")
    else:
        schema = "anatomy"
        location = rng.choice(LOCATIONS)
        fm.append(f"location: {ys(location)}")
        actions = rng.sample(ACTIONS, rng.randint(1, 3))
        fm.append("actions:" + ylist(actions))
        if words is not None:
            words.update(location=location, actions=actions)
    if coll != "muscles" and rng.random() < 0.05:
        red_flags = [text.sentence(6, 12)]
        fm.append("red_flags:" + ylist(red_flags))
        if words is not None:
            words["red_flags"] = red_flags

    text_body = body(rng, text, schema, extra, links)
    if words is not None:
        words["body"] = text_body
    doc = "---\n" + "\n".join(fm) + "\n---\n\n" + text_body
    return f"content/{coll}/{entry['id']}.md", doc


# ---------------------------------------------------------------------------------------------
# Translations (--languages): for each entry <id>.md an <id>.<code>.md with its words only (title,
# slug, summary, aliases, steps, cautions, ..., body), in Spanish-looking text; facts stay in the
# original. Each English word of a text field or of the body becomes one word drawn (by Zipf rank,
# as Text does) from the Spanish vocabulary, so lengths, Markdown and links match the original's.


def es_agree(word: str, gender: str) -> str:
    """A Spanish adjective given in the masculine singular, agreeing with a noun of gender m, f, mp or fp;
    a phrase ("de pie", "por estrés") stays as it is."""
    if not word or " " in word:
        return word
    if gender in ("f", "fp") and word.endswith("o"):
        word = word[:-1] + "a"
    if gender in ("mp", "fp"):
        word += "s" if word[-1] in "aeiou" else "es"
    return word


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def es_slug(s: str) -> str:
    """An address from a Spanish title: accents folded, lowercase, words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return slug(folded.replace("'", ""))


def spanish_titles() -> dict[str, dict[str, str]]:
    """For each collection, English title -> Spanish title, for every title make_plan can make (before
    a " (k)" suffix)."""
    muscle_bases = [m.strip() for m in MUSCLES.replace("\n", " ").split(";") if m.strip()]
    muscles: dict[str, str] = {}
    for q, m in itertools.product(MUSCLE_QUALIFIERS, muscle_bases):
        en = m if not q else f"{m} ({q})"
        es = ES_MUSCLES[m] if not q else f"{ES_MUSCLES[m]} ({ES_MUSCLE_QUALIFIERS[q]})"
        muscles.setdefault(_cap(en), _cap(es))
    causes: dict[str, str] = {}
    for q, r, c in itertools.product(CAUSE_QUALIFIERS, CAUSE_REGIONS, CAUSE_NOUNS):
        noun, gender = ES_CAUSE_NOUNS[c]
        en = " ".join(x for x in (q, r, c) if x)
        es = " ".join(x for x in (noun, es_agree(ES_CAUSE_REGIONS[r], gender),
                                  es_agree(ES_CAUSE_QUALIFIERS[q], gender)) if x)
        causes.setdefault(_cap(en), _cap(es))
    stretches: dict[str, str] = {}
    for m, t, kind in itertools.product(STRETCH_MODIFIERS, STRETCH_TARGETS, ["stretch", "strengthen", "release"]):
        noun = KIND_NOUNS[kind][(len(m) + len(t)) % len(KIND_NOUNS[kind])]  # as make_plan picks it
        es_noun, gender = ES_KIND_NOUNS[noun]
        es = f"{es_noun} {ES_STRETCH_TARGETS[t]} {es_agree(ES_STRETCH_MODIFIERS[m], gender)}"
        stretches.setdefault(_cap(f"{m} {t} {noun}"), _cap(es))
    return {"stretches": stretches, "causes": causes, "muscles": muscles}


def translate_plan(plan: dict) -> dict[str, tuple[str, str]]:
    """id -> (Spanish title, slug) for every entry. Slugs are unique within a collection and never another
    entry's id there."""
    table = spanish_titles()
    names: dict[str, tuple[str, str]] = {}
    for coll, entries in plan.items():
        ids = {e["id"] for e in entries}
        used: set[str] = set()
        for e in entries:
            m = re.match(r"^(.*) \((\d+)\)$", e["title"])
            base, k = (m.group(1), m.group(2)) if m else (e["title"], None)
            title = table[coll].get(base, base) + (f" ({k})" if k else "")
            stem = es_slug(title) or e["id"]
            cand, i = stem, 2
            while cand in used or (cand in ids and cand != e["id"]):
                cand, i = f"{stem}-{i}", i + 1
            used.add(cand)
            names[e["id"]] = (title, cand)
    return names


def es_aliases(rng: random.Random, title: str) -> list[str]:
    words = [w for w in re.sub(r"[()]", "", title.lower()).split() if w not in ES_STOPWORDS]
    out = []
    if len(words) >= 2:
        out.append(" ".join(words[-2:]))
    if len(words) >= 3 and rng.random() < 0.6:
        out.append(" ".join(words[:2]))
    if rng.random() < 0.5:
        out.append(words[0] + " " + rng.choice(ES_ALIAS_NOUNS))
    seen, res = set(), []
    for a in out:
        if a not in seen and a != title.lower():
            seen.add(a)
            res.append(a)
    return res[: rng.randint(1, 3)]


# A link ([[id]], [[id|text]], [text](@/coll/id.md)) or an English word.
_TOKENS = re.compile(r"(\[\[[^\]]*\]\]|\[[^\]]*\]\(@/[^)]*\)|[A-Za-z][A-Za-z0-9'-]*)")
_AT_LINK = re.compile(r"^\[[^\]]*\]\(@/(?:[^)]*/)?([^/)]+)\.md\)$")


def translate_link(link: str) -> str:
    """A link with its text in the translation's language; the target stays the original's id."""
    if link.startswith("[["):
        if "|" not in link:
            return link  # [[id]], [[coll/id]]: the target's title shows
        ident = link[2:link.index("|")]
        name = _NAMES.get(ident.rsplit("/", 1)[-1])
        return f"[[{ident}|{name[0].lower()}]]" if name else link
    m = _AT_LINK.match(link)
    name = _NAMES.get(m.group(1)) if m else None
    return "[" + name[0].lower() + link[link.index("]"):] if name else link


def translate_text(text: Text, s: str) -> str:
    """s with each English word replaced by a drawn Spanish one (capitalised where it was) and link texts
    translated; punctuation, numbers and Markdown stay."""
    parts = _TOKENS.split(s)
    ws = text.many_words(sum(1 for p in parts[1::2] if p[0] != "["))
    k = 0
    for i in range(1, len(parts), 2):
        p = parts[i]
        if p[0] == "[":
            parts[i] = translate_link(p)
        else:
            w = ws[k]
            k += 1
            parts[i] = w[0].upper() + w[1:] if p[0].isupper() else w
    return "".join(parts)


def translate_body(text: Text, src: str) -> str:
    lines = src.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.startswith("## "):
            out.append("## " + ES_HEADINGS.get(line[3:], line[3:]))
        elif line.startswith("|---"):
            out.append(line)
        elif line.startswith("| ") and i + 1 < len(lines) and lines[i + 1].startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.append("| " + " | ".join(ES_TABLE_HEADS.get(c, c) for c in cells) + " |")
        elif line.startswith("See also "):
            out.append("Ver también " + translate_text(text, line[len("See also "):]))
        else:
            out.append(translate_text(text, line))
    return "\n".join(out)


def render_translation(job, orig: dict, code: str) -> tuple[str, str]:
    """(relative path, file text) of one entry's translation into `code`, from the words render_entry
    recorded in `orig`."""
    coll, idx, entry, seed, _, _ = job
    rng = random.Random(f"sinew-corpus:{seed}:{coll}:{idx}:{code}")
    title, address = _NAMES[entry["id"]]
    extra = [w for w in re.sub(r"[()]", "", title.lower()).split() if len(w) > 2 and w not in ES_STOPWORDS]
    for m in entry.get("muscles", []):
        extra.extend(w for w in _NAMES[m][0].lower().split() if len(w) > 2 and w not in ES_STOPWORDS)
    text = _TEXT_ES
    text.start(rng, extra)

    def tr_list(items: list[str]) -> str:
        return ylist([translate_text(text, x) for x in items])

    fm = [f"title: {ys(title)}", f"slug: {address}", f"summary: {ys(translate_text(text, orig['summary']))}",
          "aliases:" + ylist(es_aliases(rng, title))]
    if rng.random() < 0.25:
        fm.append(f"updated: {max(pick_date(rng), orig['reviewed'])}")
    if coll == "stretches":
        fm.append(f"frequency: {ys(ES_FREQUENCIES[orig['frequency']])}")
        fm.append("steps:" + tr_list(orig["steps"]))
        fm.append("modifications:" + tr_list(orig["modifications"]))
        fm.append("cautions:" + tr_list(orig["cautions"]))
    elif coll == "causes":
        fm.append("symptoms:" + tr_list(orig["symptoms"]))
    else:
        fm.append(f"location: {ys(ES_LOCATIONS[orig['location']])}")
        fm.append("actions:" + ylist([ES_ACTIONS[a] for a in orig["actions"]]))
    if "red_flags" in orig:
        fm.append("red_flags:" + tr_list(orig["red_flags"]))
    doc = "---\n" + "\n".join(fm) + "\n---\n\n" + translate_body(text, orig["body"])
    return f"content/{coll}/{entry['id']}.{code}.md", doc


_TEXT: Text | None = None
_TEXT_ES: Text | None = None
_NAMES: dict[str, tuple[str, str]] = {}  # id -> (Spanish title, slug), with --languages
_LANGS: list[str] = []  # the extra language codes


def es_vocabulary() -> list[str]:
    domain = set(ES_DOMAIN.split())
    return [w for w in dict.fromkeys(ES_COMMON.split()) if w not in domain]


def _init_worker(words: list[str], names: dict | None = None, langs: list[str] | None = None) -> None:
    global _TEXT, _TEXT_ES, _NAMES, _LANGS
    _TEXT = Text(words)
    if langs:
        # A flatter curve than English's over this shorter list: "de" about 8% of words, the ten most
        # frequent about 25%, words about 4.9 letters long, as in Spanish prose.
        _TEXT_ES = Text(es_vocabulary(), ES_DOMAIN, zipf_s=0.9)
        _NAMES = names
        _LANGS = langs


def _write_chunk(args) -> int:
    out, jobs = args
    n = 0
    for j in jobs:
        orig = {} if _LANGS else None
        files = [render_entry(j, orig)]
        files += [render_translation(j, orig, code) for code in _LANGS]
        for rel, doc in files:
            data = doc.encode("utf-8")
            n += len(data)
            with open(os.path.join(out, rel), "wb") as f:
                f.write(data)
    return n


# ---------------------------------------------------------------------------------------------
# Site files


def site_yaml(n: int, seed: int, base_url: str, languages: list[str] | None = None) -> str:
    syn = "\n".join("  - [" + ", ".join(ys(w) for w in g) + "]" for g in SYNONYMS)
    flags = "\n".join("  - " + ys(f) for f in RED_FLAGS)
    stamp = f" --languages {','.join(languages)}" if languages else ""
    return f"""# generated by bench/gen_corpus.py v{VERSION} --entries {n} --seed {seed} --base-url {base_url}{stamp}
title: Loose Ends Massage (benchmark corpus)
base_url: {base_url}
language: en
description: Plain-language guides to low back and glute pain, generated for benchmarks.
theme: default
review_interval_days: 365
paper: a4
practitioner:
  name: Sam Rivera
  credentials: LMT, BSc Kinesiology
  email: sam@example.org
  phone: "+1 555 0100"
  address: 12 Elm Street, Springfield
  booking_url: https://example.org/book
disclaimer: >-
  This site is for education only and is not a diagnosis or a substitute for care from a
  qualified professional who has examined you.
red_flags:
{flags}
synonyms:
{syn}
collections:
  stretches:
    title: Stretches
    singular: stretch
    schema: exercise
    relations:
      muscles: muscles
      causes: causes
  causes:
    title: Causes
    singular: cause
    schema: condition
    relations:
      muscles: muscles
  muscles:
    title: Muscles
    singular: muscle
    schema: anatomy
""" + (languages_yaml(languages) if languages else "")


def languages_yaml(languages: list[str]) -> str:
    """site.yaml's `languages:` block: English (the default) and each extra language in Spanish words."""
    lines = ["languages:", "  en: {}"]
    for code in languages:
        lines += [
            f"  {code}:",
            "    title: " + ys("Loose Ends Massage (corpus de pruebas)"),
            "    description: " + ys("Guías con palabras sencillas sobre el dolor lumbar y de glúteos, "
                                     "generadas para pruebas de rendimiento."),
            "    disclaimer: >-",
            "      Esta web es solo informativa: no es un diagnóstico ni sustituye la atención de un",
            "      profesional cualificado que te haya examinado.",
            "    red_flags:",
        ]
        lines += ["      - " + ys(f) for f in ES_RED_FLAGS]
        lines.append("    synonyms:")
        lines += ["      - [" + ", ".join(ys(w) for w in g) + "]" for g in ES_SYNONYMS]
        lines.append("    collections:")
        lines += [f"      {c}: {{ title: {ys(t)}, singular: {ys(one)} }}" for c, (t, one) in ES_COLLECTIONS.items()]
    return "\n".join(lines) + "\n"


def home_md_translated(plan: dict, names: dict[str, tuple[str, str]]) -> str:
    """content/_index.<code>.md: the home page's words in Spanish, with the same links."""
    s = plan["stretches"][:3]
    m = plan["muscles"][:2]
    lines = [
        "---",
        "title: Loose Ends Massage",
        "summary: " + ys("Guías con palabras sencillas sobre el dolor lumbar y de glúteos, con estiramientos "
                         "que puedes hacer en casa."),
        "---",
        "",
        "Te damos la bienvenida. Estas páginas explican con palabras sencillas las molestias más frecuentes y",
        "muestran ejercicios suaves que puedes hacer en casa entre una sesión y la siguiente.",
        "",
        "## Por dónde empezar",
        "",
    ]
    lines += [f"- [[{e['id']}]]" for e in s]
    lines += ["", "## Conoce tus músculos", ""]
    lines += [f"- [{names[e['id']][0].lower()}](@/muscles/{e['id']}.md)" for e in m]
    return "\n".join(lines) + "\n"


def home_md(plan: dict) -> str:
    s = plan["stretches"][:3]
    m = plan["muscles"][:2]
    lines = [
        "---",
        "title: Loose Ends Massage",
        "summary: Plain-language guides to low back and glute pain, with stretches you can do at home.",
        "---",
        "",
        "Welcome. These pages explain common aches in plain language and show gentle exercises you",
        "can do at home between sessions.",
        "",
        "## Where to start",
        "",
    ]
    lines += [f"- [[{e['id']}]]" for e in s]
    lines += ["", "## Know your muscles", ""]
    lines += [f"- [{e['title'].lower()}](@/muscles/{e['id']}.md)" for e in m]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic sinew site for benchmarks.")
    ap.add_argument("--entries", type=int, required=True, help="number of entries (>= 20)")
    ap.add_argument("--out", required=True, help="site folder to create")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base-url", default="https://example.org/")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (output is the same for any value)")
    ap.add_argument("--force", action="store_true", help="replace OUT if it exists")
    ap.add_argument("--words", default=os.path.join(HERE, "..", "content"), help="folder of Markdown to take words from")
    ap.add_argument("--languages", default="",
                    help="extra language codes, comma-separated (e.g. es): a translation of every entry and page "
                         "in each, in Spanish words, and a `languages:` block in site.yaml")
    a = ap.parse_args(argv)
    if a.entries < 20:
        ap.error("--entries must be at least 20")
    langs = [c.strip() for c in a.languages.split(",") if c.strip()]
    for code in langs:
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", code):
            ap.error(f"--languages: `{code}` is not a language code such as es")
        if code == "en":
            ap.error("--languages: en is the default language; list only the extra ones")
    if len(set(langs)) != len(langs):
        ap.error("--languages: a code is listed twice")
    t0 = time.perf_counter()

    if os.path.exists(a.out) and os.listdir(a.out):
        if not a.force:
            print(f"gen_corpus: {a.out} exists and is not empty (use --force)", file=sys.stderr)
            return 1
        for name in ("content", "public", "site.yaml"):
            p = os.path.join(a.out, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
            elif os.path.exists(p):
                os.remove(p)

    words = load_words(a.words)
    plan = make_plan(a.entries, a.seed)
    for coll in plan:
        os.makedirs(os.path.join(a.out, "content", coll), exist_ok=True)
    with open(os.path.join(a.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(site_yaml(a.entries, a.seed, a.base_url, langs))
    with open(os.path.join(a.out, "content", "_index.md"), "w", encoding="utf-8") as f:
        f.write(home_md(plan))
    names = translate_plan(plan) if langs else None
    for code in langs:
        with open(os.path.join(a.out, "content", f"_index.{code}.md"), "w", encoding="utf-8") as f:
            f.write(home_md_translated(plan, names))

    targets_all = [(c, e["id"], e["title"]) for c in plan for e in plan[c]]
    targets_all.sort(key=lambda t: t[1])
    targets_muscles = [t for t in targets_all if t[0] == "muscles"]
    jobs = [(c, i, e, a.seed, targets_all, targets_muscles)
            for c in plan for i, e in enumerate(plan[c])]

    # Workers render and write their own files; targets lists are big, so jobs go in chunks
    # (pickle sends a list shared by a chunk's jobs once).
    chunk = 250
    chunks = [(a.out, jobs[i:i + chunk]) for i in range(0, len(jobs), chunk)]
    if a.jobs <= 1 or len(jobs) < 2000:
        _init_worker(words, names, langs)
        n_bytes = sum(_write_chunk(c) for c in chunks)
    else:
        with ProcessPoolExecutor(a.jobs, initializer=_init_worker, initargs=(words, names, langs)) as ex:
            n_bytes = sum(ex.map(_write_chunk, chunks))

    dt = time.perf_counter() - t0
    counts = ", ".join(f"{len(plan[c])} {c}" for c in plan)
    translated = f" + {len(jobs) * len(langs)} translations ({','.join(langs)})" if langs else ""
    print(f"gen_corpus: {len(jobs)} entries ({counts}){translated} in {a.out}: "
          f"{n_bytes / 1e6:.1f} MB of Markdown, {dt:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
