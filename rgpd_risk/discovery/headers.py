"""Header heuristics: what a column name says about its content (FR, EN, DE, ES, IT).

A header is normalised (camelCase split, accents stripped, lower case, punctuation to
spaces), then matched against keyword phrases per entity. The most specific phrase (the
longest) wins. Phrases marked weak ("name", "id", "title", "code", ...) are ambiguous on
their own and get a lower strength, so that the value detectors can overrule them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

# Each entry: entity -> phrases. A trailing "~" marks a weak phrase (strength 0.5).
_RULES: Final[dict[str, tuple[str, ...]]] = {
    "email": (
        "email",
        "e mail",
        "mail~",
        "courriel",
        "adresse mail",
        "adresse electronique",
        "correo",
        "correo electronico",
        "posta elettronica",
        "emailaddress",
        "mail address",
        "e mail adresse",
        "email adresse",
        "mail adresse",
        "indirizzo email",
        "direccion de correo",
    ),
    "phone": (
        "phone",
        "telephone",
        "tel",
        "tele",
        "mobile",
        "portable",
        "cell",
        "cellphone",
        "gsm",
        "fax",
        "telefon",
        "telefono",
        "handy",
        "cellulare",
        "movil",
        "phone number",
        "numero de telephone",
        "telefonnummer",
        "mobilnummer",
        "msisdn",
    ),
    "first_name": (
        "first name",
        "firstname",
        "given name",
        "givenname",
        "forename",
        "prenom",
        "prenoms",
        "fname",
        "vorname",
        "nombre~",
        "nome",
        "christian name",
        "first",
        "given",
    ),
    "last_name": (
        "last name",
        "lastname",
        "surname",
        "family name",
        "nom de famille",
        "nom",
        "lname",
        "nachname",
        "familienname",
        "apellido",
        "apellidos",
        "cognome",
        "maiden name",
        "maiden",
        "nom de jeune fille",
        "birth name",
        "nom d usage",
        "geburtsname",
        "last",
    ),
    "person_name": (
        "name~",
        "full name",
        "fullname",
        "nom complet",
        "contact name",
        "customer name",
        "client name",
        "patient name",
        "employee name",
        "holder name",
        "cardholder",
        "titulaire",
        "nom prenom",
        "prenom nom",
        "display name",
        "middle name",
        "middle initial",
        "initial",
        "initiale",
        "vollstandiger name",
        "nombre completo",
        "nome completo",
        "contact",
        "person",
        "personne",
        "patient",
        "customer~",
        "client~",
    ),
    "address": (
        "address",
        "adresse",
        "street",
        "rue",
        "addr",
        "address line",
        "voie",
        "strasse",
        "anschrift",
        "direccion",
        "calle",
        "indirizzo",
        "domicile",
        "street address",
        "residence",
        "wohnadresse",
        "adresse postale",
        "state~",
        "region~",
        "province~",
        "departement~",
        "bundesland~",
        "provincia~",
        "regione~",
        "county~",
        "canton~",
        "locale~",
    ),
    "postcode": (
        "zip",
        "zipcode",
        "zip code",
        "postal code",
        "postalcode",
        "postcode",
        "post code",
        "code postal",
        "codepostal",
        "cp~",
        "plz",
        "postleitzahl",
        "cap~",
        "codigo postal",
        "codice postale",
        "postal",
    ),
    "city": (
        "city",
        "ville",
        "town",
        "commune",
        "localite",
        "ort~",
        "stadt",
        "wohnort",
        "ciudad",
        "localidad",
        "municipio",
        "citta",
        "comune",
        "locality",
        "city name",
    ),
    "country": (
        "country",
        "pays",
        "land~",
        "staat~",
        "pais",
        "paese",
        "nazione",
        "nation",
        "country code",
        "countrycode",
        "countryfull",
    ),
    "date_of_birth": (
        "birth",
        "birthday",
        "birthdate",
        "dob",
        "date of birth",
        "birth date",
        "date de naissance",
        "naissance",
        "ddn",
        "geburtsdatum",
        "geburtstag",
        "fecha de nacimiento",
        "nacimiento",
        "data di nascita",
        "nascita",
        "born",
        "date naissance",
        "birth day",
    ),
    "national_id": (
        "ssn",
        "social security",
        "social security number",
        "nir",
        "secu",
        "securite sociale",
        "numero de securite sociale",
        # the NIR is the "numéro INSEE"; a "code INSEE" is most often a commune's (COG): weak alone
        "numero insee",
        "insee~",
        "national id",
        "nationalid",
        "sozialversicherungsnummer",
        "nino",
        "national insurance",
        "personnummer",
        "identity number",
    ),
    "iban": (
        "iban",
        "rib",
        "bank account",
        "compte bancaire",
        "kontonummer",
        "cuenta",
        "conto corrente",
        "account number~",
        "numero de compte",
        "bankverbindung",
    ),
    "credit_card": (
        "card number",
        "credit card",
        "creditcard",
        "cc number",
        "ccnumber",
        "cc",
        "carte bancaire",
        "numero de carte",
        "kreditkarte",
        "kartennummer",
        "tarjeta",
        "numero de tarjeta",
        "carta di credito",
        "pan~",
        "cvv",
        "cvc",
        "cvv2",
        "cryptogramme",
        "card",
        "carte~",
        "card no",
    ),
    "ip_address": (
        "ip",
        "ip address",
        "ipaddress",
        "ipv4",
        "ipv6",
        "adresse ip",
        "src ip",
        "srcip",
        "client ip",
        "remote addr",
        "remote address",
        "ip addr",
        "ipaddr",
        "source ip",
        "dest ip",
        "dst ip",
        "indirizzo ip",
        "direccion ip",
    ),
    "geolocation": (
        "latitude",
        "longitude",
        "lat",
        "lon",
        "lng",
        "long~",
        "geo",
        "geoloc",
        "geolocation",
        "coordinates",
        "coordonnees",
        "gps",
        "coord",
        "coords",
        "breitengrad",
        "langengrad",
        "latitud",
        "longitud",
        "position~",
        "location~",
        "lat lon",
        "latlong",
    ),
    "gender": (
        "gender",
        "sex",
        "sexe",
        "genre",
        "geschlecht",
        "sexo",
        "genero",
        "sesso",
        "genere",
        "civilite~",
        "salutation~",
        "anrede~",
    ),
    "health": (
        "smoker", "smoking", "smoke cigarettes", "cigarettes", "tobacco", "drink alcohol", "alcohol consumption",
        "alcohol use", "chronic", "chronic condition", "chronic disease", "disease", "disability", "fumeur", "tabac",
        "tabagisme", "consommation d alcool", "maladie", "maladie chronique", "chronique", "handicap", "raucher",
        "rauchen", "tabak", "alkoholkonsum", "chronisch", "krankheit", "behinderung", "fumador", "tabaco",
        "consumo de alcohol", "cronico", "enfermedad", "discapacidad", "fumatore", "tabacco", "consumo di alcol",
        "malattia", "disabilita",
        "health",
        "sante",
        "medical",
        "medicale",
        "diagnosis",
        "diagnostic",
        "pathology",
        "pathologie",
        "disease",
        "maladie",
        "allergy",
        "allergie",
        "allergies",
        "treatment",
        "traitement",
        "medication",
        "medicament",
        "blood type",
        "bloodtype",
        "groupe sanguin",
        "blood group",
        "blood",
        "weight",
        "poids",
        "height",
        "bmi",
        "imc",
        "disability",
        "handicap",
        "handicape",
        "pregnant",
        "enceinte",
        "glycemie",
        "blood pressure",
        "tension arterielle",
        "symptom",
        "symptome",
        "krankheit",
        "gesundheit",
        "diagnose",
        "blutgruppe",
        "gewicht",
        "korpergrosse",
        "salud",
        "enfermedad",
        "peso",
        "altura",
        "estatura",
        "salute",
        "malattia",
        "pregnancy",
        "grossesse",
        "vaccination",
        "vaccin",
        "condition~",
        "illness",
        "pounds~",
        "kilograms~",
        "kg~",
        "lbs~",
        "centimeters~",
        "cm~",
        "feet inches~",
        "medical record",
        "antecedents",
        "ordonnance",
        "prescription",
        # issue 16, real tables: conditions, clinical measures and survey items named by the
        # header (a yes/no or 0/1 answer about them is health data), FR / EN / DE / ES / IT
        "diabetes", "diabetic", "diabete", "diabetique", "diabetiker", "diabetico", "hypertension",
        "hypertonie", "bluthochdruck", "hipertension", "ipertensione", "asthma", "asthme", "asthmatique", "asma",
        "cancer", "krebs", "cancro", "tumor", "tumour", "tumeur", "tumore", "malignant", "benign", "biopsy",
        "biopsie", "biopsia", "lesion", "metastasis", "metastases", "carcinoma", "carcinome", "nuclei",
        "nucleoli", "chromatin", "chromatine", "mitoses", "mitosis", "cell size", "cell shape",
        "heart disease", "cardiopathie", "herzkrankheit", "cardiopatia", "chest pain", "douleur thoracique",
        "heart rate", "frequence cardiaque", "herzfrequenz", "frecuencia cardiaca", "frequenza cardiaca",
        "pulse rate", "resting pulse", "glucose", "glycemia", "blutzucker", "glucemia", "glicemia", "insulin",
        "insuline", "insulina", "obesity", "obese", "obesite", "adipositas", "obesidad", "obesita",
        "depression", "depressive", "anxiety", "anxiete", "ansiedad", "ansia", "hiv", "vih", "hiv status", "statut vih",
        "covid",
        "malade", "erkrankung", "enfermo", "malato", "diagnosi", "schwanger", "schwangerschaft", "embarazada",
        "embarazo", "incinta", "gravidanza", "gestation", "gestational", "premature", "preterm",
        "sleep", "hours sleep", "hours of sleep", "sleep hours", "sommeil", "heures de sommeil",
        "schlafdauer", "schlafstunden", "horas de sueno", "sueno", "ore di sonno", "sonno",
        "physically active", "physical activity", "activite physique", "korperliche aktivitat",
        "actividad fisica", "attivita fisica", "how tall",
        # care received and its outcome, FR / EN / DE / ES / IT
        "transplant", "transplantation", "greffe", "transplante", "trasplante", "trapianto", "organ donor",
        "surgery", "chirurgie", "operation chirurgicale", "cirugia", "chirurgia", "hospitalisation",
        "hospitalization", "hospitalised", "hospitalized", "krankenhausaufenthalt", "hospitalizacion", "ricovero",
        "doctor visits", "physician visits", "visites medicales", "arztbesuche", "visitas medicas", "visite mediche",
        "mental health", "sante mentale", "psychische gesundheit", "salud mental", "salute mentale",
        "cause of death", "cause du deces", "cause de deces", "todesursache", "causa de muerte", "causa di morte",
        "sick leave", "arret maladie", "arret de travail", "krankmeldung", "baja medica",
        "survival time",
        # inflected forms and the remaining everyday health words, FR / EN / DE / ES / IT
        "patologia", "patologie", "patologias", "pathologies", "cronica", "croniche", "cronici", "cronicas",
        "chroniques", "chronische", "injury", "injuries", "blessure", "blessures", "verletzung", "verletzungen",
        "lesione", "lesioni", "lesiones", "infortunio", "drug use", "substance use",
        "consommation de drogues", "drogenkonsum", "consumo de drogas", "uso di droghe",
    ),
    "job_title": (
        "job",
        "job title",
        "jobtitle",
        "title~",
        "occupation",
        "profession",
        "poste",
        "fonction",
        "metier",
        "emploi",
        "beruf",
        "berufsbezeichnung",
        "puesto",
        "cargo",
        "ocupacion",
        "professione",
        "mansione",
        "role~",
        "position title",
        "intitule de poste",
        "qualification~",
        # a person's employment and its status, EN / FR / DE / ES / IT (issue 16)
        "employment", "employment status", "self employed", "situation d emploi",
        "travailleur independant", "erwerbsstatus", "erwerbstatigkeit", "beschaftigungsstatus", "selbststandig",
        "situacion laboral", "situacion profesional", "trabajador autonomo", "situazione lavorativa",
        "condizione professionale", "settore lavorativo", "lavoratore autonomo",
    ),
    "company": (
        "company",
        "employer",
        "societe",
        "entreprise",
        "organisation",
        "organization",
        "raison sociale",
        "firma",
        "unternehmen",
        "arbeitgeber",
        "empresa",
        "azienda",
        "institution",
        "school",
        "university",
        "etablissement",
        "agency",
        "employeur",
        "company name",
        "business",
        "organisme",
        "universite",
        "ecole",
        "college",
        "accreditor",
        "accreditation",
    ),
    "url": (
        "url",
        "website",
        "site web",
        "site",
        "web",
        "homepage",
        "domain",
        "link",
        "lien",
        "uri",
        "webseite",
        "sitio web",
        "sito",
        "web site",
        "href",
        "domaine",
    ),
    "free_text": (
        "comment",
        "comments",
        "commentaire",
        "commentaires",
        "remarks",
        "remark",
        "notes",
        "note",
        "description",
        "message",
        "body",
        "text",
        "texte",
        "observations",
        "observation",
        "bemerkung",
        "kommentar",
        "comentario",
        "comentarios",
        "nota",
        "note libre",
        "commento",
        "feedback",
        "remarque",
        "remarques",
        "details~",
        "memo",
        "free text",
        "annotation",
        "motif",
    ),
    "identifier": (
        "id",
        "uuid",
        "guid",
        "user id",
        "customer id",
        "username",
        "login",
        "user name",
        "pseudo",
        "identifiant",
        "password",
        "mot de passe",
        "pwd",
        "passwort",
        "contrasena",
        "account~",
        "matricule",
        "employee number",
        "tracking",
        "number~",
        "client number",
        "numero client",
        "kundennummer",
        "ref~",
        "reference~",
        "handle",
        "cookie",
        "session",
        "token",
        "api key",
        "badge",
        "no~",
        "num~",
        "numero~",
        "code~",
        "key~",
        "uid",
        "customer number",
        "member id",
        "account id",
        # identifiers of people named after the person ("patient" alone is a name header)
        "patient id",
        "id patient",
        "patient number",
        "patient no",
        "numero patient",
        "numero de patient",
        "patientennummer",
        "patienten id",
        "id paziente",
        "codice paziente",
        "id paciente",
        "numero de paciente",
        "person id",
        "personen id",
        "contact id",
        "id contact",
        # numbers of members, staff and students, DE / FR / ES / IT
        "mitgliedsnummer", "mitgliedernummer", "mitarbeiternummer", "personalnummer", "matrikelnummer",
        "schulernummer", "versichertennummer", "numero adherent", "numero d adherent", "numero de membre",
        "numero de socio", "numero socio", "numero di matricola", "numero tessera", "numero di tessera",
        "pass",
        "pin",
    ),
    "date": (
        "date",
        "datetime",
        "timestamp",
        "created",
        "updated",
        "created at",
        "updated at",
        "modified",
        "registration",
        "time",
        "dttm",
        "dt",
        "fecha",
        "datum",
        "expiry",
        "expires",
        "expiration",
        "valid until",
        "inscription",
        "creation",
        "horodatage",
        "heure",
        "expire date",
        "expiry date",
        "day~",
        "data~",
        "last login",
        "date d expiration",
    ),
    # --- issue 16: special categories (Art. 9(1) GDPR), offences (Art. 10), other classes
    "racial_ethnic_origin": (
        "afam", "african american", "afro american", "afro americain", "afroamericano", "minority", "ethnic minority",
        "minorite", "minorite ethnique", "minderheit", "ethnische minderheit", "minoria", "minoria etnica",
        "minoranza", "minoranza etnica", "hispanic", "hispanique", "hispano", "ispanico", "latino", "eth~",
        "race", "ethnicity", "ethnic", "ethnic origin", "ethnic group", "ethnic background", "racial origin",
        "race ethnicity", "origine ethnique", "ethnie", "origine raciale", "appartenance ethnique",
        "ethnische herkunft", "ethnische zugehorigkeit", "rasse~", "etnia", "origen etnico", "raza",
        "grupo etnico", "origine etnica", "razza", "gruppo etnico", "hispanic origin", "hispanic latino",
    ),
    "political_opinion": (
        "political", "political party", "party affiliation", "political affiliation", "political opinion",
        "political opinions", "political views", "political orientation", "parti politique",
        "opinion politique", "opinions politiques", "appartenance politique", "orientation politique",
        "sensibilite politique", "partei", "parteizugehorigkeit", "politische orientierung",
        "politische meinung", "partido politico", "afiliacion politica", "ideologia politica",
        "partito politico", "orientamento politico", "opinione politica", "vote intention",
        "intention de vote", "voted for", "vote~", "party~", "parti~", "ideology", "ideologie",
    ),
    "religion": (
        "religion", "religious", "religious affiliation", "religious belief", "faith", "belief~",
        "beliefs~", "confession", "confession religieuse", "croyance", "croyances", "culte~",
        "religionszugehorigkeit", "konfession", "glaube", "religionsgemeinschaft", "creencia",
        "creencias", "confesion", "religione", "fede~", "credo", "denomination~",
        "philosophical beliefs", "convictions religieuses", "convictions philosophiques", "worldview",
    ),
    "trade_union": (
        "trade union", "union member", "union membership", "labor union", "labour union", "syndicat",
        "syndique", "appartenance syndicale", "adhesion syndicale", "affiliation syndicale",
        "organisation syndicale", "gewerkschaft", "gewerkschaftszugehorigkeit", "gewerkschaftsmitglied",
        "sindicato", "afiliacion sindical", "sindacato", "iscrizione sindacale", "union~", "unionized",
        "unionised",
    ),
    "genetic": (
        "genetic", "genetics", "genotype", "genome", "genomic", "dna", "adn", "gene~", "allele", "snp",
        "rsid", "genetique", "genetisch", "erbgut", "genetico", "genetica", "genotipo", "mutation~",
        "brca", "variant~", "haplogroup",
    ),
    "biometric": (
        "biometric", "biometrics", "fingerprint", "finger print", "empreinte", "empreinte digitale",
        "empreintes digitales", "face template", "facial template", "face encoding", "face embedding",
        "face id", "facial recognition", "iris", "iris scan", "retina", "voiceprint", "voice print",
        "biometrie", "biometrique", "fingerabdruck", "gesichtsbild", "huella", "huella dactilar",
        "impronta", "impronta digitale", "biometrico", "biometrisch", "palm vein", "minutiae",
    ),
    "sexual_orientation": (
        "extramarital", "infidelity", "cheated on", "infidelite", "untreue", "seitensprung", "infidelidad", "infedelta",
        "sexual orientation", "orientation sexuelle", "sexuality", "sexualite", "sexuelle orientierung",
        "sexualitat", "orientacion sexual", "orientamento sessuale", "sex life", "vie sexuelle",
        "sexual preference", "sexual partners", "lgbt", "lgbtq", "sexual identity", "identite sexuelle",
    ),
    "offence": (
        "criminal record", "criminal records", "criminal", "criminal history", "conviction", "convictions",
        "offence", "offense", "offences", "offenses", "crime~", "casier judiciaire", "condamnation",
        "condamnations", "infraction", "infractions", "delit", "antecedents judiciaires",
        "mention casier", "vorstrafe", "vorstrafen", "fuhrungszeugnis", "straftat", "strafregister",
        "antecedentes penales", "delito", "condena", "casellario giudiziale", "reato", "condanna",
        "condanne", "condanne penali",
        "arrest", "arrests", "arrested", "charge~", "charges~", "felony", "misdemeanor", "incarceration",
        "prison", "probation", "sentence~", "parole", "jail", "detention~", "court case", "penalty~",
    ),
    "age": (
        "age", "ages", "age years", "age group", "age range", "age band", "age bracket", "age class",
        "years old", "tranche d age", "classe d age", "age du", "age de", "alter~", "altersgruppe",
        "altersklasse", "lebensalter", "edad", "grupo de edad", "rango de edad", "eta~", "fascia di eta",
        "classe di eta", "age at", "current age", "patient age", "customer age",
    ),
    "marital_status": (
        "kids~", "young kids", "old kids", "single~",
        "marital status", "marital", "maritalstatus", "situation familiale", "situation de famille",
        "situation matrimoniale", "etat matrimonial", "familienstand", "estado civil", "stato civile",
        "civil status", "relationship status", "married", "marriage status", "family status",
        "etat civil~", "zivilstand", "number of children~", "nombre d enfants~", "children~", "enfants~",
        "kinder~", "hijos~", "figli~", "dependents~", "personnes a charge~",
    ),
    "nationality": (
        "citizen~", "immigrant", "immigrants", "migrant", "migration background", "foreign born", "foreigner",
        "immigre", "etranger", "migrationshintergrund", "auslander", "inmigrante", "extranjero", "immigrato",
        "straniero",
        "nationality", "nationalite", "citizenship", "citoyennete", "staatsangehorigkeit",
        "nationalitat", "staatsburgerschaft", "nacionalidad", "ciudadania", "nazionalita",
        "cittadinanza", "country of citizenship", "nationality code", "pays de nationalite",
    ),
    "language": (
        "language~", "langue~", "spoken language", "spoken languages", "languages spoken",
        "mother tongue", "langue maternelle", "native language", "first language", "preferred language",
        "langue parlee", "langues parlees", "langue preferee", "sprache~", "muttersprache",
        "gesprochene sprache", "idioma~", "lengua materna", "idioma materno", "lingua~", "lingua madre",
        "lingua parlata", "lang~", "language preference", "communication language",
    ),
    "device_id": (
        "imei", "mac", "mac address", "macaddress", "mac addr", "adresse mac", "device id", "deviceid",
        "device identifier", "device", "advertising id", "advertising identifier", "ad id", "adid",
        "idfa", "gaid", "aaid", "android id", "udid", "serial number~", "numero de serie~",
        "identifiant appareil", "identifiant publicitaire", "gerate id", "gerate kennung",
        "id dispositivo", "identificador de dispositivo", "push token", "hardware id", "imsi", "iccid",
    ),
    "licence_plate": (
        "license plate", "licence plate", "number plate", "plate number", "plate", "plates",
        "immatriculation", "plaque", "plaque d immatriculation", "numero d immatriculation~",
        "kennzeichen", "kfz kennzeichen", "nummernschild", "matricula", "targa", "vehicle registration",
        "registration plate", "vrm", "plate no", "license plate number",
    ),
    "id_document": (
        "passport", "passport number", "passport no", "passeport", "numero de passeport", "reisepass",
        "reisepassnummer", "pasaporte", "passaporto", "id card", "identity card", "id card number",
        "carte d identite", "carte nationale d identite", "cni", "personalausweis", "ausweisnummer",
        "ausweis", "dni", "nie", "documento de identidad", "documento identidad", "carta d identita",
        "carta identita", "driver license", "drivers license", "driving licence", "driver licence",
        "permis de conduire", "permis~", "fuhrerschein", "carnet de conducir", "patente~",
        "document number", "numero de document", "numero piece d identite", "piece d identite",
        "titre de sejour", "residence permit", "aufenthaltstitel", "id document", "identity document",
        "travel document",
    ),
    "tax_id": (
        "tax id", "taxid", "tax number", "tin", "tax identification number", "tax identifier",
        "numero fiscal", "numero d identification fiscale", "identifiant fiscal", "spi", "nif~",
        "steuer id", "steuernummer", "steueridentifikationsnummer", "steuer identifikationsnummer",
        "steuerid", "codice fiscale", "fiscal code", "codicefiscale", "numero de identificacion fiscal",
        "cuit", "taxpayer id", "taxpayer number", "contribuable",
    ),
    "siren_siret": ("siren", "siret", "tva", "vat", "vat number", "numero tva", "ust id", "partita iva", "cif"),
    "not_personal": (
        "price",
        "prix",
        "amount",
        "montant",
        "total",
        "quantity",
        "quantite",
        "qty",
        "count",
        "rate",
        "taux",
        "percent",
        "pourcentage",
        "reduction",
        "discount",
        "remise",
        "status",
        "statut",
        "type",
        "category",
        "categorie",
        "color",
        "colour",
        "couleur",
        "product",
        "produit",
        "sku",
        "month",
        "mois",
        "weekday",
        "day of week",
        "jour semaine",
        "year~",
        "annee~",
        "port",
        "protocol",
        "proto",
        "currency",
        "devise",
        "flag",
        "enabled",
        "active",
        "score",
        "level",
        "niveau",
        "version",
        "size",
        "brand",
        "marque",
        "card type",
        "cc type",
        "card brand",
        "user agent",
        "useragent",
        "browser",
        "salary~",
        "salaire~",
        "income~",
        "wage~",
        "wages~",
        "earnings~",
        # issue 16, real tables: pay in DE / ES / IT / FR, statistics, durations in years
        "gehalt~", "jahresgehalt~", "lohn~", "einkommen~", "sueldo~", "salario~", "ingresos~", "stipendio~",
        "reddito~", "retribuzione~", "revenu~", "remuneration~", "median", "mediane", "years since",
        "yrs since", "years of service", "yrs service", "seniority", "anciennete", "dienstjahre",
        "antiguedad", "anzianita", "tenure",
        # education: personal, but no class of the vocabulary (the labelling conventions)
        "education", "educational attainment", "diploma", "diplome", "bildung", "bildungsabschluss",
        "schulabschluss", "educacion", "estudios", "nivel de estudios", "istruzione", "titolo di studio",
        "preis",
        "betrag",
        "precio",
        "importe",
        "prezzo",
        "importo",
        "menge",
        "cantidad",
        "quantita",
        "host",
        "hostname",
        "server",
        "unit",
        "stock",
        "weight kg product",
        "rank",
        "index",
        "model",
        "modele",
        "affiliation",
        "rt",
    ),
}

#: Strength of a header match: strong phrases 1.0, weak ones 0.5.
STRONG: Final[float] = 1.0
WEAK: Final[float] = 0.5

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_header(header: str) -> str:
    """Normalise a column name: split camelCase, strip accents, lower case.

    Examples
    --------
    >>> normalise_header("DateDeNaissance")
    'date de naissance'
    >>> normalise_header("Téléphone_portable")
    'telephone portable'
    >>> normalise_header("cc_number2")
    'cc number 2'
    """
    text = _CAMEL.sub(" ", str(header))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ß", "ss")
    text = text.lower()
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def _compile() -> list[tuple[str, tuple[str, ...], str, float]]:
    rules = []
    for entity, phrases in _RULES.items():
        for phrase in phrases:
            weak = phrase.endswith("~")
            words = tuple(phrase.rstrip("~").split())
            rules.append((entity, words, "".join(words), WEAK if weak else STRONG))
    return rules


_COMPILED: Final = _compile()


@lru_cache(maxsize=4096)
def header_entity(header: str) -> tuple[str | None, float]:
    """Return the entity a header suggests and the strength of that hint.

    A strong phrase beats a weak one, then the longest matching phrase wins (so "date of
    birth" beats "date", "ip address" beats "address"). A phrase matches when its words appear consecutively among the
    header's words, or when a phrase of at least 5 letters appears inside the header
    written without spaces ("customerfirstname").

    Examples
    --------
    >>> header_entity("Date de naissance")
    ('date_of_birth', 1.0)
    >>> header_entity("EmailAddress")
    ('email', 1.0)
    >>> header_entity("name")
    ('person_name', 0.5)
    >>> header_entity("col_17")
    (None, 0.0)
    """
    norm = normalise_header(header)
    tokens = tuple(norm.split())
    compact = "".join(tokens)
    best: tuple[int, float, str] | None = None
    for entity, words, joined, strength in _COMPILED:
        n = len(words)
        hit = any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))
        if not hit and len(joined) >= 5 and joined in compact:
            hit = True
        if not hit and n > 1 and joined == compact:
            hit = True
        if hit:
            key = (strength, len(joined), entity)
            if best is None or key[:2] > best[:2]:
                best = key
    if len(tokens) > 1:
        head = _compound_override(tokens, best)
        if head is not None:
            return head
    elif tokens and (best is None or best[2] not in _NEVER_OVERRIDDEN):
        head = thing_override(tokens, best)  # "stationcode", "Produktnummer"
        if head is not None:
            return head
    if best is None:
        return None, 0.0
    return best[2], best[0]


#: Words that make a header a yes/no flag ("is_active", "has_consent", "est_actif").
_FLAG_WORDS: Final[frozenset[str]] = frozenset({"is", "has", "flag"})
_FLAG_FIRST: Final[frozenset[str]] = frozenset({"est", "avec", "sans", "with", "without"})
#: Head nouns that name a measure or a kind, not the thing before them ("company size",
#: "email status", "address type"): English and French compounds end with their head.
_HEAD_NOT_PERSONAL: Final[frozenset[str]] = frozenset(
    {"size", "type", "types", "status", "statut", "count", "total", "level", "rate", "score", "range", "flag",
     "color", "colour", "couleur", "currency", "quantity", "taille"}
)
#: French "nom de famille" and its kin are surnames; any other "nom X" is the name of X.
_SURNAME_AFTER_NOM: Final[frozenset[str]] = frozenset(
    {"de", "famille", "naissance", "usage", "jeune", "marital", "epouse", "patronymique"}
)


#: Words that make "X name" / "nom X" the name of a person.
_PERSON_WORDS: Final[frozenset[str]] = frozenset(
    """customer customers client clients contact patient patients employee employe employee salarie user users
    utilisateur usager holder titulaire person personne member membre adherent beneficiaire beneficiary owner
    agent student eleve etudiant candidate candidat author auteur manager responsable signataire applicant
    demandeur parent child enfant conjoint spouse father mother pere mere doctor medecin representant dirigeant
    gerant full first last display middle given family maiden birth prenom complet naissance famille usage
    jeune interlocuteur destinataire expediteur recipient sender buyer acheteur vendeur seller tenant locataire
    proprietaire guest invite visitor visiteur passenger passager driver conducteur maire mayor burgermeister
    alcalde sindaco headmaster headmistress schulleiter schulleiterin proviseur directeur directrice director
    direktor direttore preside
    kunde kunden mitarbeiter mitarbeiterin beschaftigte angestellte patientin nutzer benutzer mitglied schuler
    bewerber empleado empleados trabajador cliente clientes paciente pacientes usuario usuarios alumno
    estudiante solicitante dipendente dipendenti lavoratore paziente pazienti utente utenti studente
    alunno richiedente""".split()
)


#: Entities a compound header never loses to the flag / measure corrections below: a yes/no
#: flag or a status about health ("has_allergy", "disability_status") is still Art. 9 data.
_NEVER_OVERRIDDEN: Final[frozenset[str]] = frozenset(
    {"health", "racial_ethnic_origin", "political_opinion", "religion", "trade_union", "genetic", "biometric",
     "sexual_orientation"}
)
#: A yes/no flag or a count about offences ("has_criminal_record") is still Art. 10 data, but
#: a measure of them ("crime type", "crime rate" of open-data statistics) is not.
_FLAGS_KEPT: Final[frozenset[str]] = frozenset({"offence"})


#: Words that make a header an identifier or a code ("station_id", "code_commune", "Produktnummer").
_ID_WORDS: Final[frozenset[str]] = frozenset(
    """id ids code codes key keys number num no nr nro numero nummer ref reference identifier identifiant
    identificador identificativo codice codigo cod kennung kennziffer schlussel uid uuid guid""".split()
)
#: Words of a name, in FR, EN, DE, ES, IT: a header with one of them and a word for a person is the
#: person's name, not a key ("nom client", "nombre empleado", "Kundenname" split as "kunden name").
_NAME_WORDS: Final[frozenset[str]] = frozenset(
    """name names nom noms nombre nombres nome nomi vorname nachname apellido apellidos cognome prenom
    firstname lastname surname""".split()
)
#: Things that are not people, in FR, EN, DE, ES, IT: the identifier or the name of one of them
#: ("id_station", "product code", "nom_station", "Veranstaltung_key") is not personal data.
_THING_WORDS: Final[frozenset[str]] = frozenset(
    """station stations stazione estacion standort site sito sitio dataset datasets datensatz jeu ressource
    resource resources recurso risorsa produit product products produkt producto prodotto article articles
    artikel articulo articolo item items sku event events evenement veranstaltung ereignis evento episode
    episodes season saison staffel temporada stagione indicator indicateur indikator indicador indicatore
    variable field champ metric sensor capteur borne charger ladestation parking parkhaus aparcamiento
    parcheggio line ligne linie linea route arret haltestelle parada fermata stop flight vol flug vuelo volo
    airport aeroport flughafen aeropuerto aeroporto course cours kurs curso corso major discipline
    programme program layer couche catalog catalogue""".split()
)
#: Places and organisations: their identifiers and codes are not personal data (a commune or a
#: school code, an NUTS region, an APE / NACE activity code), their names are left to the values.
_PLACE_WORDS: Final[frozenset[str]] = frozenset(
    """commune communes municipality municipalite municipio municipios comune comuni gemeinde comuna
    localite localidad localita ort town city ville ciudad citta stadt village departement department
    departamento dipartimento region regions regione province provincia provinz canton kanton cantone
    county comte condado contea state etat estado stato land bundesland district distrito distretto
    bezirk kreis arrondissement quartier quarter viertel barrio quartiere iris tract block ilot building
    batiment gebaude edificio street rue strasse calle via voie geo zone area secteur sector sektor settore
    nuts iso insee istat ine epci uai rna waldec fantoir rivoli rnb finess
    naf ape nace activite activity branche actividad attivita industry""".split()
)
_ORGANISATION_WORDS: Final[frozenset[str]] = frozenset(
    """school ecole etablissement schule
    escuela scuola lycee college university universite universitat universidad universita hospital
    hopital krankenhaus organisation organization organisme organizacion organizzazione association
    verein asociacion associazione company entreprise firma empresa azienda agency agence behorde
    agencia agenzia restaurant store shop magasin boutique laden tienda negozio enseigne airline
    compagnie""".split()
)
_UNIT_WORDS: Final[frozenset[str]] = _PLACE_WORDS | _ORGANISATION_WORDS
#: Words that tie a place or a code to a person (a commune of birth, a place of residence).
_PERSON_CONTEXT: Final[frozenset[str]] = frozenset(
    "naissance birth geburt nacimiento nascita residence domicile wohnort residencia residenza".split()
)
#: Entities an identifier-of-a-thing header can replace: the header names a code or a name,
#: never a checked number (postcode, SIREN, phone, ...) nor a special category.
_THING_ID_REPLACES: Final[frozenset[str]] = frozenset(
    {"identifier", "city", "country", "address", "geolocation", "company", "person_name", "last_name",
     "first_name", "job_title", "not_personal"}
)


def _split_compact(word: str) -> tuple[str, ...]:
    """A one-word header that glues a thing and an identifier word ("stationcode",
    "produktnummer", "itemid"), as two words; otherwise the word."""
    for w in sorted(_ID_WORDS, key=len, reverse=True):
        if len(word) > len(w) + 3 and word.endswith(w) and word[: -len(w)] in _THING_WORDS | _UNIT_WORDS:
            return word[: -len(w)], w
    return (word,)


def _names_thing(words: set[str], tokens: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether the header's words name a thing (:data:`_THING_WORDS`) and a place or an
    organisation (:data:`_UNIT_WORDS`); a word of at least 5 letters counts inside a German-style
    compound too ("wohnviertel", "Ladestation")."""
    compact = "".join(tokens)

    def hit(vocab: frozenset[str]) -> bool:
        return bool(words & vocab) or any(len(w) >= 5 and w in compact for w in vocab)

    return hit(_THING_WORDS), hit(_UNIT_WORDS)


def thing_override(tokens: tuple[str, ...], best: tuple[int, float, str] | None) -> tuple[str, float] | None:
    """``("not_personal", 1.0)`` when a header is the identifier or code of a thing or of a
    place or organisation ("id_station", "municipio_id", "code_ape", "datagouv_dataset_id",
    "stationcode"), or the name of a thing ("nom_station", "product name", "event name"), with no
    word about a person; otherwise ``None``. Identifiers of people ("customer id", "code client",
    "employee number", "patient_id") are left alone."""
    if len(tokens) == 1:
        tokens = _split_compact(tokens[0])
    words = set(tokens)
    if len(tokens) < 2 or words & (_PERSON_WORDS | _PERSON_CONTEXT):
        return None
    if best is not None and best[2] not in _THING_ID_REPLACES:
        return None
    thing, unit = _names_thing(words, tokens)
    if words & _ID_WORDS and (thing or unit):
        return "not_personal", STRONG
    named = "name" in words or "nom" in words or "nombre" in words or "nome" in words or "bezeichnung" in words
    if named and thing and not unit:
        return "not_personal", STRONG
    return None


#: Words of :data:`_PERSON_WORDS` that qualify a name ("first name", "nom de famille"), not a person.
_NAME_QUALIFIERS: Final[frozenset[str]] = frozenset(
    "full first last display middle given family maiden birth prenom complet naissance famille usage jeune".split()
)
#: Words of :data:`_PERSON_WORDS` for a person tied to an organisation (its contact, owner, manager,
#: representative): a header with one of them is about a person, but does not show that the rows of
#: its table are people.
_TIED_PERSONS: Final[frozenset[str]] = frozenset(
    """contact interlocuteur owner proprietaire manager responsable representant dirigeant gerant signataire
    agent author auteur maire mayor burgermeister alcalde sindaco headmaster headmistress schulleiter
    schulleiterin proviseur directeur directrice director direktor direttore preside""".split()
)
#: Classes that only a person has: a header naming one of them (outside the name of a thing or a
#: place, "wohnviertel_name") shows that the rows of its table are people.
PERSON_ONLY: Final[frozenset[str]] = frozenset(
    {"first_name", "last_name", "age", "gender", "date_of_birth", "marital_status", "nationality", "job_title",
     "offence"} | _NEVER_OVERRIDDEN
)
#: Classes a name of a person is reported as: a header naming one at full strength keeps its column
#: in a table of things (the name of a station's contact).
_NAME_CLASSES: Final[frozenset[str]] = frozenset({"person_name", "first_name", "last_name"})


def _tokens(header: str) -> tuple[str, ...]:
    return tuple(normalise_header(header).split())


def _names_class(header: str, tokens: tuple[str, ...], classes: frozenset[str]) -> bool:
    """Whether a header names one of ``classes`` at full strength and no thing, place or organisation."""
    entity, strength = header_entity(header)
    return entity in classes and strength >= STRONG and not any(_names_thing(set(tokens), tokens))


@lru_cache(maxsize=4096)
def person_header(header: str, names: bool = True) -> bool:
    """Whether a header is about a person: it holds a word for a person ("customer city",
    "contact", "patient"), or it names a class of :data:`PERSON_ONLY` or (unless ``names`` is
    false: in a table named for things, a bare "Nome" is the thing's) a person's name at full
    strength ("condition_acces" hints at health only weakly) and no thing, place or organisation
    ("wohnviertel_name" is the name of a quarter).

    Examples
    --------
    >>> person_header("contact_nom"), person_header("Age"), person_header("wohnviertel_name")
    (True, True, False)
    >>> person_header("name"), person_header("latitude")
    (False, False)
    """
    tokens = _tokens(header)
    return bool(set(tokens) & (_PERSON_WORDS - _NAME_QUALIFIERS)) or _names_class(
        header, tokens, (PERSON_ONLY | _NAME_CLASSES) if names else PERSON_ONLY - _NAME_CLASSES
    )


def _people_rows(header: str, classes: frozenset[str] = PERSON_ONLY) -> bool:
    """Whether a header shows that the rows of its table are people: a class of ``classes``
    (default :data:`PERSON_ONLY`) at full strength ("condition_acces" hints at health only
    weakly), or a word for the person a row is about ("customer_id", "employee_residence"), not
    for a person tied to an organisation ("contact_amenageur")."""
    tokens = _tokens(header)
    return bool(set(tokens) & (_PERSON_WORDS - _NAME_QUALIFIERS - _TIED_PERSONS)) or _names_class(
        header, tokens, classes
    )


def _thing_key(header: str) -> bool:
    """Whether a header is the identifier, code or name of a thing, a place or an organisation
    (:func:`thing_override`: "id_station", "municipio_id", "Restaurant ID", "nom_station"), or
    ends with the noun of a thing or an organisation, its head ("item", "episode", "airline",
    "publizierende_organisation"; not a place: the "city" of a person is one of its attributes)."""
    tokens = _tokens(header)
    head = bool(tokens) and tokens[-1] in _THING_WORDS | _ORGANISATION_WORDS
    return head or thing_override(tokens, None) is not None


#: Headers that are statistics over a group ("share_white_poverty", "hate_crimes_per_100k") show
#: that the rows of their table are groups (states, counties) from this many on; one may be a
#: property of a record joined to it.
GROUP_MIN_STATISTICS: Final[int] = 2


def _statistic(header: str) -> bool:
    tokens = _tokens(header)
    return len(tokens) > 1 and _aggregate(tokens, None)


#: Plural nouns that, in the name of a table (file stem, sheet, database table), say that its rows
#: are things, places or organisations: "products.csv", "fornitori", "Haltestellen",
#: "farmacias". A modelling choice of ours (issue 16): a collection is named by the plural of what
#: it lists; a singular ("school_data") names what the data is about, not its rows, and is not
#: read. Invoices, orders, contracts, tickets and logs are left out: their rows are often a
#: person's.
_TABLE_OF_THINGS: Final[frozenset[str]] = frozenset(
    """products produits produkte productos prodotti articles artikel articulos articoli items catalogues
    inventory inventaire inventar inventario stocks budgets presupuesto presupuestos bilanci prices prix preise
    precios prezzi suppliers fournisseurs lieferanten proveedores fornitori companies entreprises societes
    unternehmen firmen empresas aziende establishments etablissements einrichtungen establecimientos
    schools ecoles schulen escuelas scuole pharmacies apotheken farmacias farmacie hospitals hopitaux
    krankenhauser hospitales ospedali stations gares bahnhofe estaciones stazioni stops arrets haltestellen
    paradas fermate communes municipalities gemeinden municipios comuni sensors capteurs sensoren sensores
    sensori measurements mesures messwerte mediciones misure readings restaurants stores magasins
    tiendas negozi libraries bibliotheques bibliotheken bibliotecas biblioteche museums musees museen
    museos musei flights vols vuelos voli airports aeroports parkings facilities equipements""".split()
)
#: Plural nouns that, in the name of a table, say that its rows are people ("employees.csv",
#: "mitglieder", "pazienti", "elus-deputes"): our choice, as for :data:`_TABLE_OF_THINGS`.
_TABLE_OF_PEOPLE: Final[frozenset[str]] = frozenset(
    """employees employes mitarbeiter beschaftigte empleados trabajadores dipendenti lavoratori staff
    personnel personale members membres adherents mitglieder miembros socios membri soci customers clients
    kunden clientes clienti patients patienten pacientes pazienti students etudiants eleves schuler
    studenten estudiantes alumnos studenti alunni users utilisateurs benutzer nutzer usuarios utenti
    contacts kontakte contactos contatti attendees participants teilnehmer participantes partecipanti
    volunteers benevoles freiwillige voluntarios volontari donors donateurs spender donantes donatori
    candidates candidats kandidaten candidatos candidati persons people personnes personen personas
    persone applicants bewerber passengers passagers passagiere pasajeros passeggeri tenants locataires
    mieter inquilinos inquilini elus deputes deputies abgeordnete diputados deputati""".split()
)


#: A plural noun of at least this many letters also counts at the end of a word: the head of a
#: German compound ("Oberschulen", "Stammkunden"); shorter ones ("stops", "soci") only alone.
_COMPOUND_HEAD_MIN: Final[int] = 6


def table_subject(table: str) -> str | None:
    """What the name of a table says its rows are: ``"things"`` or ``"people"`` (a plural noun of
    :data:`_TABLE_OF_THINGS` or :data:`_TABLE_OF_PEOPLE` in it), or ``None`` (neither, or both:
    "clienti_aziende"). The extension, a sheet and a schema are read as part of the name.

    Examples
    --------
    >>> table_subject("d2_farmacias_farmago.csv"), table_subject("mitglieder.csv"), table_subject("Oberschulen")
    ('things', 'people', 'things')
    >>> table_subject("SchoolDataSmall.csv"), table_subject("clienti_aziende.csv"), table_subject("")
    (None, None, None)
    """
    words = set(_tokens(re.sub(r"\.(csv|tsv|txt|xlsx?|parquet|jsonl?)$", "", table, flags=re.IGNORECASE)))
    things, people = (any(w in nouns or any(w.endswith(n) for n in nouns if len(n) >= _COMPOUND_HEAD_MIN)
                          for w in words) for nouns in (_TABLE_OF_THINGS, _TABLE_OF_PEOPLE))
    return None if things == people else "things" if things else "people"


def rows_are_things(headers: Sequence[str], table: str = "") -> bool:
    """Whether the rows of a table are things, places, organisations or groups rather than
    people: a header is the key or the name of a thing (see :func:`_thing_key`), or at least
    ``GROUP_MIN_STATISTICS`` headers are statistics over a group, and none shows that the rows
    are people (no age, gender, first or last name, special category, ..., no "customer",
    "employee", "patient"). In such a table the coordinates, addresses, codes and names are those
    of the thing (a charging station, a restaurant, a municipality, a state), not of a person.
    The name of the table (``table``, see :func:`table_subject`) is read first: a table named for
    people is not one of things; one named for things is, unless a header other than a name shows
    people (a bare "Nome" is the name of the product).

    Examples
    --------
    >>> rows_are_things(["ID", "Nome", "Prezzo"], "prodotti.csv"), rows_are_things(["id", "user_id"], "farmacias.csv")
    (True, False)
    >>> rows_are_things(["id_station"], "alumnos.csv")
    False
    >>> rows_are_things(["id_station", "nom_station", "latitude", "longitude", "contact_operateur"])
    True
    >>> rows_are_things(["id_station", "customer_id", "latitude", "longitude"])
    False
    >>> rows_are_things(["name", "age", "latitude", "longitude"])
    False
    >>> rows_are_things(["state", "share_unemployed", "hate_crimes_per_100k"])
    True
    """
    subject = table_subject(table)
    if subject == "things":  # a bare "Nome" / "nombre" is then the name of the thing
        return not any(_people_rows(h, PERSON_ONLY - _NAME_CLASSES) for h in headers)
    things = any(_thing_key(h) for h in headers) or sum(map(_statistic, headers)) >= GROUP_MIN_STATISTICS
    return subject is None and things and not any(_people_rows(h) for h in headers)


#: Words that make a header a statistic over a group of people, not an attribute of one person
#: ("share_hispanic", "pct_diabetes", "obesity_rate", "hate_crimes_per_100k"): an aggregate of
#: open data, not personal data, whatever class it names (issue 16, real tables).
_AGGREGATE_FIRST: Final[frozenset[str]] = frozenset(
    "share pct percent percentage prop proportion taux anteil tasa porcentaje tasso percentuale".split()
)
_AGGREGATE_LAST: Final[frozenset[str]] = frozenset(
    """rate rates share pct percent percentage prevalence incidence ratio taux anteil quote tasa porcentaje
    prevalencia tasso percentuale prevalenza""".split()
)
_PER_WHAT: Final[frozenset[str]] = frozenset(
    "capita cent mille habitant habitants inhabitants einwohner habitantes abitanti k".split()
)


def _aggregate(tokens: tuple[str, ...], best: tuple[int, float, str] | None) -> bool:
    """Whether a header of several words names a statistic over a group (see :data:`_AGGREGATE_FIRST`);
    a phrase that ends the header keeps it ("heart rate")."""
    if tokens[0] in _AGGREGATE_FIRST:
        return True
    if any(t == "per" and (nxt.isdigit() or nxt in _PER_WHAT) for t, nxt in zip(tokens, tokens[1:], strict=False)):
        return True
    return tokens[-1] in _AGGREGATE_LAST and not (best is not None and _ends_phrase(tokens, best[2]))


def _compound_override(tokens: tuple[str, ...], best: tuple[int, float, str] | None) -> tuple[str, float] | None:
    """Corrections for headers of several words (see :func:`header_entity`), or ``None``."""
    if (best is None or best[2] != "not_personal") and _aggregate(tokens, best):
        return "not_personal", STRONG
    if best is not None and best[2] in _NEVER_OVERRIDDEN:
        return None
    thing = thing_override(tokens, best)
    if thing is not None:
        return thing
    kept = best is not None and best[2] in _FLAGS_KEPT
    if not kept and (tokens[0] in _FLAG_FIRST or any(t in _FLAG_WORDS for t in tokens[:-1])):
        return "not_personal", STRONG
    if not kept and (
        tokens[0] in {"nb", "nbre"} or tokens[:2] in {("number", "of"), ("nombre", "de"), ("nombre", "d")}
    ):
        return "not_personal", STRONG
    if _person_key(tokens):
        return "identifier", STRONG
    if best is None:
        return None
    entity = best[2]
    # the matched phrase does not end with the header's last word, which names a measure
    if tokens[-1] in _HEAD_NOT_PERSONAL and entity != "not_personal" and not _ends_phrase(tokens, entity):
        return "not_personal", STRONG
    if entity == "last_name" and tokens[0] == "nom" and tokens[1] not in _SURNAME_AFTER_NOM:
        # "nom client" is a person's name, "nom station" the name of a thing
        return ("person_name", WEAK) if set(tokens[1:]) & _PERSON_WORDS else (None, 0.0)
    if entity == "person_name" and best[0] == WEAK and "name" in tokens and not set(tokens) & _PERSON_WORDS:
        return None, 0.0  # "restaurant name", "file name": the name of a thing
    return None


def _person_key(tokens: tuple[str, ...]) -> bool:
    """Whether a header is the key of a person: a word of an identifier or a code and a word for a
    person, and no word of a name ("code client", "num_client", "CodigoEmpleado", "codice paziente";
    not "nom client").

    >>> _person_key(("codigo", "empleado")), _person_key(("nom", "client")), _person_key(("code", "produit"))
    (True, False, False)
    """
    words = set(tokens)
    return bool(words & _ID_WORDS and words & (_PERSON_WORDS - _NAME_QUALIFIERS) and not words & _NAME_WORDS)


def _ends_phrase(tokens: tuple[str, ...], entity: str) -> bool:
    """Whether a phrase of ``entity`` of two words or more ends the header ("blood type")."""
    for ent, words, _, _ in _COMPILED:
        n = len(words)
        if ent == entity and n > 1 and tokens[-n:] == words:
            return True
    return False
