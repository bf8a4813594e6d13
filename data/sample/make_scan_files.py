"""Generate the sample company's data files for ``rgpd-risk scan`` (fictional people, Faker).

Run from anywhere: ``python data/sample/make_scan_files.py`` (needs the dev extra: Faker).
Deterministic: the same seed writes the same bytes.

What the files are meant to show once reconciled with ``inventory.csv``:

* ``files/support_tickets.csv`` belongs to ``support-tickets`` (declared: identity, contact,
  communications; retention 5 years after the case is closed). It also holds a column of
  medical reasons (**undeclared health data**, Art. 9) and tickets opened since 2014
  (**records older than the declared retention**).
* ``files/satisfaction_surveys.csv`` belongs to ``satisfaction-surveys`` (retention 24 months)
  and holds answers from 2019 on.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import polars as pl
from faker import Faker

HERE = Path(__file__).resolve().parent
SEED = 20261129
AS_OF = dt.date(2026, 11, 1)

MEDICAL = ["diabète de type 2", "arrêt maladie", "allergie aux arachides", "grossesse", "hospitalisation",
           "traitement de chimiothérapie", "handicap moteur", "dépression", "asthme sévère", "opération du genou"]
SUBJECTS = ["Problème de connexion", "Facture contestée", "Résiliation", "Changement d'adresse",
            "Appareil défectueux", "Demande de rappel", "Réclamation livraison", "Accès au compte"]


def _tickets(fake: Faker, rng: random.Random, n: int = 1500) -> pl.DataFrame:
    start = dt.date(2014, 1, 1)
    days = (AS_OF - start).days
    opened = [start + dt.timedelta(days=rng.randrange(days)) for _ in range(n)]
    return pl.DataFrame({
        "ticket_id": [f"T{100000 + i}" for i in range(n)],
        "date_ouverture": [d.isoformat() for d in opened],
        "nom_client": [fake.name() for _ in range(n)],
        "email": [fake.email() for _ in range(n)],
        "telephone": [fake.phone_number() for _ in range(n)],
        "objet": [rng.choice(SUBJECTS) for _ in range(n)],
        "motif_medical": [rng.choice(MEDICAL) if rng.random() < 0.6 else "" for _ in range(n)],
        "canal": [rng.choice(["téléphone", "chat", "visio", "courriel"]) for _ in range(n)],
    })


def _surveys(fake: Faker, rng: random.Random, n: int = 800) -> pl.DataFrame:
    start = dt.date(2019, 6, 1)
    days = (AS_OF - start).days
    return pl.DataFrame({
        "reponse_id": list(range(1, n + 1)),
        "date_reponse": [(start + dt.timedelta(days=rng.randrange(days))).isoformat() for _ in range(n)],
        "courriel": [fake.email() for _ in range(n)],
        "note": [rng.randint(1, 10) for _ in range(n)],
        "commentaire": [fake.sentence(nb_words=10) for _ in range(n)],
    })


def main() -> None:
    Faker.seed(SEED)
    fake = Faker("fr_FR")
    rng = random.Random(SEED)
    out = HERE / "files"
    out.mkdir(exist_ok=True)
    _tickets(fake, rng).write_csv(out / "support_tickets.csv", separator=";")
    _surveys(fake, rng).write_csv(out / "satisfaction_surveys.csv")


if __name__ == "__main__":
    main()
