import datetime
from decimal import Decimal

from django.utils import formats, translation

from portal.core.models import (
    ChallengeArea,
    Industry,
    IndustrySection,
    Municipality,
    PlacementType,
    Postcode,
    Region,
    TargetGroup,
)


def test_all_98_municipalities_in_5_regions(db):
    assert Municipality.objects.count() == 98
    assert Region.objects.count() == 5
    assert Municipality.objects.get(code="101").name == "København"
    assert Municipality.objects.get(code="751").region.name == "Region Midtjylland"
    assert not Municipality.objects.filter(code="411").exists()  # Christiansø is not a municipality


def test_postcodes_with_coordinates(db):
    assert Postcode.objects.count() == 1089
    aarhus = Postcode.objects.get(number="8000")
    assert aarhus.name == "Aarhus C"
    assert round(aarhus.latitude, 2) == 56.15 and round(aarhus.longitude, 2) == 10.20
    assert aarhus.municipality.name == "Aarhus"
    # Postcodes spanning several municipalities keep them all.
    assert Postcode.objects.filter(municipalities__isnull=False).distinct().count() == 1089


def test_industries_and_codes(db):
    assert IndustrySection.objects.count() == 21
    assert Industry.objects.count() == 88
    assert Industry.objects.get(code="56").section_id == "I"
    assert set(PlacementType.objects.values_list("code", flat=True)) == {
        "virksomhedspraktik",
        "loentilskud",
        "skaanejob",
        "fleksjob",
        "ordinaere_timer",
    }
    assert set(PlacementType.objects.filter(counts_toward_ratio=True).values_list("code", flat=True)) == {
        "virksomhedspraktik",
        "loentilskud",
        "skaanejob",
    }
    assert TargetGroup.objects.count() == 13  # incl. dagpenge_dimittend (own praktik maximum)
    assert ChallengeArea.objects.count() == 10
    assert PlacementType.objects.get(code="virksomhedspraktik").default_duration_weeks == 13


def test_danish_date_and_number_formats():
    with translation.override("da"):
        assert formats.date_format(datetime.date(2026, 1, 1)) == "1. januar 2026"
        assert formats.number_format(Decimal("1234.50"), 2, use_l10n=True, force_grouping=True) == "1.234,50"


def test_no_industry_label_is_cut_short(db):
    assert Industry.objects.get(code="64").name.endswith("forsikring og pensionsforsikring")
    assert not Industry.objects.filter(name__endswith=" og").exists()
