"""Loading the Danish reference data shipped in portal/core/data/ (sources and licences: README)."""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_codes() -> dict[str, list[dict]]:
    return json.loads((DATA_DIR / "codes.json").read_text(encoding="utf-8"))


def load_reference_data(apps) -> None:
    """Idempotent load, given a migration's `apps` registry (or the real one)."""
    Region = apps.get_model("portal", "Region")
    Municipality = apps.get_model("portal", "Municipality")
    Postcode = apps.get_model("portal", "Postcode")
    IndustrySection = apps.get_model("portal", "IndustrySection")
    Industry = apps.get_model("portal", "Industry")

    municipalities = read_csv("kommuner.csv")
    for row in municipalities:
        Region.objects.update_or_create(code=row["regionskode"], defaults={"name": row["regionsnavn"]})
    for row in municipalities:
        Municipality.objects.update_or_create(
            code=row["kommunekode"],
            defaults={
                "name": row["kommunenavn"],
                "official_name": row["kommunenavn_officielt"],
                "region_id": row["regionskode"],
            },
        )
    known = set(Municipality.objects.values_list("code", flat=True))
    postcodes = read_csv("postnumre.csv")
    Postcode.objects.bulk_create(
        [
            Postcode(
                number=row["postnr"],
                name=row["navn"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                municipality_id=row["kommunekode"],
            )
            for row in postcodes
        ],
        update_conflicts=True,
        unique_fields=["number"],
        update_fields=["name", "latitude", "longitude", "municipality"],
    )
    Through = Postcode.municipalities.through
    links = []
    for row in postcodes:
        codes = [c for c in row["kommunekoder"].split(";") if c in known] or [row["kommunekode"]]
        links += [Through(postcode_id=row["postnr"], municipality_id=code) for code in codes]
    Through.objects.bulk_create(links, ignore_conflicts=True)

    for row in read_csv("db07_sektioner.csv"):
        IndustrySection.objects.update_or_create(code=row["sektion"], defaults={"name": row["tekst"]})
    for row in read_csv("db07_hovedgrupper.csv"):
        Industry.objects.update_or_create(
            code=row["hovedgruppe"], defaults={"name": row["tekst"], "section_id": row["sektion"]}
        )

    codes = read_codes()
    for model_name, key in (
        ("PlacementType", "placement_types"),
        ("TargetGroup", "target_groups"),
        ("ChallengeArea", "challenge_areas"),
    ):
        model = apps.get_model("portal", model_name)
        # An older migration state may lack a newer column (e.g. follow_up_interval_weeks): skip it there.
        columns = {f.name for f in model._meta.get_fields()}
        for order, entry in enumerate(codes[key], start=1):
            defaults = {k: v for k, v in entry.items() if k != "code" and k in columns}
            model.objects.update_or_create(code=entry["code"], defaults={**defaults, "sort_order": order})
