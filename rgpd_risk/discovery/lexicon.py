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
BOOLEAN_WORDS: Final[frozenset[str]] = frozenset(
    "true false yes no y n t oui non vrai faux ja nein si no vero falso 0 1".split()
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
