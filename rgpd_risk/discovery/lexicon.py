"""Word lists used by the value detectors.

Two sources:

* hand-written lists below (gender words, titles, health vocabulary, street and company
  words, calendar words) in French, English, German, Spanish and Italian;
* dictionaries extracted from Faker's locale providers by ``python -m
  tools/train_discovery.py`` (first names, last names, cities, countries, job titles) and
  shipped as ``rgpd_risk/data/discovery_model_lexicon.json.gz``, so that Faker is only a
  development dependency.

All entries are lower case without accents (see :func:`fold`).
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

import polars as pl

DATA_DIR: Final[Path] = Path(__file__).resolve().parent.parent / "data"
LEXICON_FILE: Final[str] = "discovery_model_lexicon.json.gz"


def fold(text: str) -> str:
    """Lower-case and strip accents, as the lexicons are stored.

    Examples
    --------
    >>> fold("Hélène")
    'helene'
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("ß", "ss")


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`fold` for the common accented Latin letters."""
    out = expr.str.to_lowercase()
    for src, dst in (
        ("[àáâãäå]", "a"),
        ("[èéêë]", "e"),
        ("[ìíîï]", "i"),
        ("[òóôõö]", "o"),
        ("[ùúûü]", "u"),
        ("[ýÿ]", "y"),
        ("ç", "c"),
        ("ñ", "n"),
        ("ß", "ss"),
        ("[šś]", "s"),
        ("[čć]", "c"),
        ("[žź]", "z"),
        ("ř", "r"),
        ("ě", "e"),
        ("ů", "u"),
        ("ł", "l"),
        ("ø", "o"),
        ("æ", "ae"),
        ("œ", "oe"),
    ):
        out = out.str.replace_all(src, dst)
    return out


GENDER_WORDS: Final[frozenset[str]] = frozenset(
    "m f h w d x male female homme femme masculin feminin mann frau mannlich weiblich "
    "divers hombre mujer masculino femenino uomo donna maschio femmina maschile femminile "
    "man woman men women non-binary nonbinary binaire non-binaire other autre "
    "genderqueer agender bigender polygender genderfluid unknown inconnu "
    "mr mrs ms miss mme mlle monsieur madame".split()
)
#: Values that are titles rather than gender words (a title implies a gender; the
#: classifier sees them as a separate feature).
TITLE_WORDS: Final[frozenset[str]] = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. m. mme mme. mlle mlle. monsieur madame "
    "mademoiselle herr frau sr sr. sra sra. srta sig sig. sig.ra dott dott. rev rev. "
    "sir dame lord lady mx mx. master".split()
)

HEALTH_TERMS: Final[frozenset[str]] = frozenset(
    """diabetes diabete diabetique asthma asthme cancer tumeur tumor hypertension
    hypotension depression anxiety anxiete covid covid-19 grippe influenza flu allergy
    allergie allergic arthritis arthrite arthrose migraine epilepsy epilepsie obesity
    obesite alzheimer parkinson hiv vih sida aids hepatitis hepatite tuberculosis
    tuberculose pneumonia pneumonie bronchitis bronchite eczema psoriasis schizophrenia
    schizophrenie bipolar bipolaire autism autisme adhd tdah dementia demence stroke avc
    infarctus heart attack cardiac cardiaque insuffisance angina angine fracture sprain
    entorse pregnant enceinte grossesse pregnancy diabetes type 1 diabetes type 2
    cholesterol anemia anemie leukemia leucemie lymphoma lymphome melanoma melanome
    sclerose sclerosis osteoporosis osteoporose glaucoma glaucome cataract cataracte
    insomnia insomnie bulimia boulimie anorexia anorexie handicap disability
    paraplegia paraplegie deafness surdite blindness cecite hemophilia hemophilie
    thalassemia ulcer ulcere gastrite gastritis colitis colite crohn celiac coeliaque
    lupus gout goutte chlamydia syphilis herpes varicelle chickenpox measles rougeole
    mumps oreillons rubella rubeole malaria paludisme burnout burn-out
    zuckerkrankheit krebs asthma bluthochdruck grippe allergie depressionen
    diabetes cancer gripe alergia hipertension asma embarazo
    diabete cancro influenza allergia ipertensione asma gravidanza
    insulin insuline metformin metformine paracetamol ibuprofen ibuprofene aspirin
    aspirine amoxicillin amoxicilline ventolin doliprane levothyrox chemotherapy
    chimiotherapie radiotherapy radiotherapie dialysis dialyse vaccinated vaccine
    smoker smokers nonsmoker smoking fumeur fumeuse fumeurs nonfumeur tabagisme raucher raucherin
    nichtraucher fumador fumadora fumatore fumatrice premature preterm prematurity premie prematurite
    overweight obese underweight surpoids maigreur disabled handicape handicapee behindert discapacitado
    disabile
    negative positive a+ a- b+ b- ab+ ab- o+ o- 0+ 0- healthy""".split()
) - {"positive", "negative", "healthy", "type", "1", "2"}

STREET_WORDS: Final[tuple[str, ...]] = (
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "av",
    "boulevard",
    "blvd",
    "bd",
    "lane",
    "ln",
    "drive",
    "dr",
    "court",
    "ct",
    "place",
    "pl",
    "square",
    "sq",
    "way",
    "terrace",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "circle",
    "cir",
    "trail",
    "crescent",
    "close",
    "rue",
    "allee",
    "impasse",
    "chemin",
    "route",
    "quai",
    "cours",
    "passage",
    "square",
    "faubourg",
    "lieu-dit",
    "residence",
    "strasse",
    "str",
    "weg",
    "platz",
    "gasse",
    "allee",
    "ring",
    "damm",
    "calle",
    "avenida",
    "plaza",
    "paseo",
    "camino",
    "carrer",
    "via",
    "viale",
    "piazza",
    "corso",
    "vicolo",
    "largo",
    "box",
    "apt",
    "suite",
    "unit",
    "floor",
)
COMPANY_WORDS: Final[tuple[str, ...]] = (
    "inc",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "lp",
    "llp",
    "group",
    "sa",
    "sas",
    "sarl",
    "eurl",
    "sasu",
    "sci",
    "scop",
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "ev",
    "e.v",
    "spa",
    "s.p.a",
    "srl",
    "s.r.l",
    "snc",
    "sl",
    "s.l",
    "sociedad",
    "bv",
    "nv",
    "ab",
    "oy",
    "as",
    "university",
    "universite",
    "universitat",
    "universidad",
    "universita",
    "college",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "school",
    "ecole",
    "academy",
    "association",
    "foundation",
    "fondation",
    "stiftung",
    "bank",
    "banque",
    "hospital",
    "hopital",
    "clinic",
    "clinique",
    "agency",
    "agence",
    "commission",
    "council",
    "partners",
    "associes",
    "associates",
    "holding",
    "holdings",
    "industries",
    "solutions",
    "services",
    "systems",
    "technologies",
    "consulting",
    "international",
    "enterprises",
    "and sons",
    "& co",
    "cie",
    "freres",
    "fils",
)
CALENDAR_WORDS: Final[frozenset[str]] = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim
    montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miercoles
    jueves viernes sabado domingo lunedi martedi mercoledi giovedi venerdi sabato
    january february march april may june july august september october november december
    jan feb apr jun jul aug sep sept oct nov dec janvier fevrier mars avril mai juin juillet
    aout septembre octobre novembre decembre januar februar marz juni juli oktober dezember
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
    diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre""".split()
)
#: Large cities of the main markets (general knowledge), added to Faker's city lists,
#: which lack the French, British and US ones.
MAJOR_CITIES: Final[frozenset[str]] = frozenset(
    """paris marseille lyon toulouse nice nantes montpellier strasbourg bordeaux lille rennes
    reims toulon saint-etienne le havre grenoble dijon angers nimes villeurbanne clermont-ferrand
    le mans aix-en-provence brest tours amiens limoges annecy perpignan boulogne-billancourt
    metz besancon orleans rouen mulhouse caen nancy argenteuil montreuil saint-denis roubaix
    tourcoing avignon versailles poitiers pau la rochelle calais cannes antibes ajaccio bastia
    london birmingham manchester glasgow liverpool leeds sheffield edinburgh bristol cardiff
    belfast leicester coventry nottingham newcastle brighton oxford cambridge york aberdeen
    new york los angeles chicago houston phoenix philadelphia san antonio san diego dallas
    san jose austin jacksonville san francisco columbus seattle denver washington boston
    detroit nashville portland las vegas memphis baltimore milwaukee atlanta miami oakland
    minneapolis tulsa cleveland new orleans tampa honolulu pittsburgh cincinnati st. louis
    berlin hamburg munchen munich koln cologne frankfurt stuttgart dusseldorf dortmund essen
    leipzig bremen dresden hannover nurnberg duisburg bochum wuppertal bielefeld bonn
    madrid barcelona valencia sevilla zaragoza malaga murcia palma bilbao alicante cordoba
    valladolid vigo gijon granada roma rome milano milan napoli naples torino turin palermo
    genova bologna firenze florence bari catania venezia venice verona messina padova trieste
    brussels bruxelles antwerp anvers gent liege geneve geneva zurich bern lausanne basel
    amsterdam rotterdam den haag utrecht luxembourg lisboa lisbon porto dublin cork vienna
    wien prague praha warsaw warszawa krakow budapest bucharest copenhagen stockholm oslo
    helsinki athens montreal toronto vancouver ottawa quebec sydney melbourne tokyo beijing
    shanghai moscow""".split()
) - frozenset(
    "new york los angeles san francisco diego antonio jose las vegas orleans le havre "
    "mans la rochelle st. louis den haag".split()
) | frozenset(
    (
        "new york",
        "los angeles",
        "san francisco",
        "san diego",
        "san antonio",
        "san jose",
        "las vegas",
        "new orleans",
        "le havre",
        "le mans",
        "la rochelle",
        "saint-etienne",
        "st. louis",
        "den haag",
    )
)
#: Local parts of role mailboxes, the addresses of a function rather than of a person (RFC 2142,
#: "Mailbox names for common services, roles and functions", and their usual equivalents in
#: French, German, Spanish and Italian): "info@", "contact@", "protocollo@", "mairie@". A
#: mailbox whose local part has one of them as a word ("comune.almese.to"), or starts with one
#: of at least six letters ("comuneavigliana"), is an organisation's contact point.
ROLE_MAILBOX_WORDS: Final[frozenset[str]] = frozenset(
    """info infos information informations contact contacts contactus hello office admin administrator
    administration support help helpdesk service services sales marketing billing accounts accounting
    invoices invoice enquiries enquiry inquiries inquiry jobs careers recruiting recruitment hr press media
    abuse noc security postmaster hostmaster webmaster usenet news noreply donotreply team reception
    bookings booking reservations reservation orders customerservice feedback
    accueil secretariat direction commercial comptabilite facturation recrutement rh presse
    communication courrier standard mairie ville communaute prefecture
    kontakt buero buro verwaltung gemeinde rathaus poststelle anfrage anfragen vertrieb sekretariat
    contacto informacion administracion ventas secretaria oficina ayuntamiento atencion
    protocollo segreteria comune ufficio amministrazione informazioni contatti posta municipio
    biblioteca""".split()
)

BOOLEAN_WORDS: Final[frozenset[str]] = frozenset(
    "true false yes no y n t oui non vrai faux ja nein si no vero falso 0 1".split()
)


# --- issue 16: words of the special categories (Art. 9(1)), offences (Art. 10) and the
# other new classes, in French, English, German, Spanish and Italian (folded). A value
# lexicon is only one feature: the header and the rest of the column decide.
def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().replace("_", " ") for w in text.split(",") if w.strip())


RELIGION_WORDS: Final[frozenset[str]] = _words(
    """catholic, roman catholic, catholique, katholisch, katholik, catolico, catolica, cattolico, cattolica,
    christian, chretien, chretienne, christlich, christ, cristiano, cristiana, protestant, protestante,
    evangelisch, evangelical, evangelique, evangelico, orthodox, orthodoxe, ortodosso, ortodoxo, anglican,
    baptist, methodist, lutheran, lutherien, mormon, jehovah's witness, temoin de jehovah, muslim, musulman,
    musulmane, muslimisch, muslima, musulmana, islam, islamic, sunni, sunnite, shia, chiite, jewish, juif,
    juive, judisch, jude, judio, judia, ebreo, ebrea, ebraico, judaism, judaisme, hindu, hindou, hindouiste,
    hinduist, induista, buddhist, bouddhiste, buddhistisch, budista, buddista, sikh, jain, shinto, taoist,
    atheist, athee, atheistisch, atheiste, ateo, atea, agnostic, agnostique, agnostiker, agnostico, agnostica,
    no religion, sans religion, konfessionslos, sin religion, nessuna religione, christianity, christianisme,
    buddhism, hinduism, islam sunnite, pagan, spiritual"""
)
POLITICS_WORDS: Final[frozenset[str]] = _words(
    """democrat, democratic, democrate, republican, republicain, republicaine, libertarian, green, greens,
    green party, conservative, conservateur, conservatrice, liberal, liberale, labour, labor, socialist,
    socialiste, communist, communiste, far left, far right, extreme gauche, extreme droite, gauche, droite,
    centre gauche, centre droit, center left, center right, centre, left, right, ps, lr, rn, lfi, eelv,
    pcf, npa, modem, renaissance, en marche, reconquete, les republicains, rassemblement national,
    front national, la france insoumise, parti socialiste, parti communiste, europe ecologie, spd, cdu, csu,
    fdp, afd, die linke, grune, bundnis 90, psoe, pp, vox, podemos, ciudadanos, sumar, pd, fratelli d italia,
    lega, forza italia, m5s, movimento 5 stelle, tory, tories, ukip, snp, liberal democrat, lib dem, reform uk,
    sinistra, destra, izquierda, derecha, links, rechts"""
)
ETHNIC_WORDS: Final[frozenset[str]] = _words(
    """white, black, asian, hispanic, latino, latina, latinx, caucasian, african american, black or african
    american, american indian, american indian or alaska native, alaska native, native american, native
    hawaiian, pacific islander, native hawaiian or other pacific islander, two or more races, multiracial,
    mixed, mixed race, arab, arabe, blanc, blanche, noir, noire, asiatique, metis, metisse, maghrebin,
    maghrebine, roma, rom, tzigane, gitan, afro, afro-caribbean, weiss, schwarz, asiatisch, blanco, blanca,
    negro, negra, asiatico, asiatica, gitano, gitana, bianco, bianca, nero, nera, white british, white irish,
    black british, black african, black caribbean, indian, pakistani, bangladeshi, chinese, gypsy, traveller,
    other race, non-hispanic white, non-hispanic black, hispanic or latino, not hispanic or latino,
    indigenous, aboriginal, first nations, maori, inuit, kurde, kurdish, berbere, amazigh, white european"""
)
MARITAL_WORDS: Final[frozenset[str]] = _words(
    """single, married, divorced, widowed, widow, widower, separated, civil partnership, civil union,
    domestic partner, domestic partnership, never married, cohabiting, in a relationship, engaged,
    celibataire, marie, mariee, divorce, divorcee, veuf, veuve, pacse, pacsee, separe, separee, en couple,
    concubin, concubine, concubinage, union libre, ledig, verheiratet, geschieden, verwitwet, getrennt,
    getrennt lebend, eingetragene lebenspartnerschaft, soltero, soltera, casado, casada, divorciado,
    divorciada, viudo, viuda, separado, separada, pareja de hecho, celibe, nubile, sposato, sposata,
    coniugato, coniugata, divorziato, divorziata, vedovo, vedova, separato, separata, unione civile"""
)
ORIENTATION_WORDS: Final[frozenset[str]] = _words(
    """heterosexual, homosexual, gay, lesbian, bisexual, straight, asexual, pansexual, queer, questioning,
    heterosexuel, heterosexuelle, homosexuel, homosexuelle, lesbienne, bisexuel, bisexuelle, asexuel,
    asexuelle, pansexuel, heterosexuell, homosexuell, lesbisch, bisexuell, schwul, lesbiana, homosexual,
    bisexual, heterosexual, eterosessuale, omosessuale, lesbica, bisessuale, gay man, gay woman,
    gay or lesbian, lgbt, lgbtq, lgbtq+"""
)
OFFENCE_WORDS: Final[frozenset[str]] = _words(
    """theft, burglary, robbery, assault, aggravated assault, battery, fraud, drug possession, possession,
    drug trafficking, trafficking, homicide, murder, manslaughter, sexual assault, rape, dui, dwi,
    drunk driving, driving under the influence, vandalism, arson, shoplifting, larceny, petty theft,
    grand theft, embezzlement, forgery, identity theft, kidnapping, domestic violence, stalking, trespassing,
    disorderly conduct, money laundering, felony, misdemeanor, misdemeanour, speeding, convicted, acquitted,
    cambriolage, escroquerie, fraude, agression, meurtre, viol, recel, abus de confiance, violences,
    violences volontaires, outrage, conduite en etat d ivresse, trafic de stupefiants, usage de stupefiants,
    stupefiants, exces de vitesse, delit de fuite, condamne, condamnee, relaxe, non-lieu, vol, vol simple,
    vol aggrave, diebstahl, einbruch, einbruchdiebstahl, raub, betrug, korperverletzung, mord, totschlag,
    trunkenheit am steuer, sachbeschadigung, hurto, robo, estafa, agresion, asesinato, homicidio,
    lesiones, furto, rapina, truffa, frode, omicidio, aggressione, guida in stato di ebbrezza, spaccio"""
)
UNION_WORDS: Final[frozenset[str]] = _words(
    """cgt, cfdt, fo, force ouvriere, cfe-cgc, cfe cgc, cftc, unsa, sud, solidaires, fsu, snes, ver.di, verdi,
    ig metall, dgb, ig bce, gew, ccoo, ugt, cgil, cisl, uil, usb, afl-cio, seiu, teamsters, unite, unison,
    gmb, uaw, nea, aft, usw, rcn, non syndique, non syndiquee, syndique, syndiquee, union member,
    non-union, non union, nicht organisiert, gewerkschaftsmitglied, afiliado, no afiliado, iscritto,
    non iscritto"""
)
LANGUAGE_WORDS: Final[frozenset[str]] = _words(
    """english, french, german, spanish, italian, portuguese, dutch, arabic, chinese, mandarin, cantonese,
    japanese, korean, russian, polish, turkish, hindi, bengali, urdu, punjabi, tamil, vietnamese, thai,
    greek, swedish, norwegian, danish, finnish, czech, hungarian, romanian, hebrew, persian, farsi, swahili,
    ukrainian, tagalog, anglais, francais, allemand, espagnol, italien, portugais, neerlandais, arabe, chinois,
    japonais, coreen, russe, polonais, turc, grec, suedois, roumain, breton, basque, catalan, occitan, corse,
    alsacien, wolof, bambara, lingala, tamazight, creole, englisch, franzosisch, deutsch, spanisch,
    italienisch, portugiesisch, niederlandisch, arabisch, chinesisch, japanisch, russisch, polnisch,
    turkisch, ingles, frances, aleman, espanol, castellano, italiano, portugues, chino, japones, ruso,
    catalan, gallego, euskera, inglese, francese, tedesco, spagnolo, portoghese, arabo, cinese, giapponese,
    russo, sardo, friulano"""
)
NATIONALITY_WORDS: Final[frozenset[str]] = _words(
    """french, german, spanish, italian, british, english, scottish, welsh, irish, american, canadian, belgian,
    swiss, portuguese, dutch, austrian, swedish, danish, norwegian, finnish, polish, romanian, bulgarian,
    greek, turkish, russian, ukrainian, moroccan, algerian, tunisian, senegalese, malian, ivorian,
    cameroonian, chinese, japanese, indian, pakistani, brazilian, mexican, argentinian, colombian,
    australian, francais, francaise, allemand, allemande, espagnol, espagnole, italien, italienne,
    britannique, anglais, anglaise, americain, americaine, canadien, canadienne, belge, suisse, portugais,
    portugaise, neerlandais, neerlandaise, autrichien, autrichienne, suedois, suedoise, polonais, polonaise,
    roumain, roumaine, grec, grecque, turc, turque, russe, ukrainien, ukrainienne, marocain, marocaine,
    algerien, algerienne, tunisien, tunisienne, senegalais, senegalaise, malien, malienne, ivoirien,
    ivoirienne, camerounais, camerounaise, chinois, chinoise, japonais, japonaise, indien, indienne,
    bresilien, bresilienne, mexicain, mexicaine, etranger, etrangere, deutsch, deutsche, deutscher,
    franzosisch, franzose, franzosin, italienisch, spanisch, britisch, turkisch, osterreichisch,
    schweizerisch, polnisch, auslander, frances, francesa, aleman, alemana, espanol, espanola, italiano,
    italiana, britanico, britanica, estadounidense, marroqui, rumano, rumana, francese, tedesco, tedesca,
    spagnolo, spagnola, inglese, americano, americana, marocchino, marocchina, rumeno, rumena, albanese,
    eu citizen, non-eu, ue, hors ue, extra-ue, extracomunitario"""
)


@dataclass(frozen=True)
class Lexicon:
    """Dictionaries extracted from Faker (lower case, accents stripped)."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    cities: frozenset[str]
    countries: frozenset[str]
    jobs: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the shipped lexicon (empty lists if the artefact is missing).

    Examples
    --------
    >>> lex = load_lexicon()
    >>> "marie" in lex.first_names and "france" in lex.countries
    True
    """
    try:
        raw = (DATA_DIR / LEXICON_FILE).read_bytes()
    except FileNotFoundError:
        return Lexicon(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    return Lexicon(**{k: frozenset(v) for k, v in data.items()})
