"""Free places that the rimelighedskrav allows to use: the SQL filter agrees with `Enterprise.ratio()`."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from enterprises.models import Enterprise
from enterprises.selectors import with_list_related
from tests.enterprises.conftest import make_enterprise

TYPES = [None, "virksomhedspraktik", "loentilskud", "skaanejob", "fleksjob", "ordinaere_timer"]


def make(name, *, taken: dict[str, int] | None = None, **fields) -> Enterprise:
    enterprise = make_enterprise(name, **fields)
    for code, count in (taken or {}).items():
        enterprise.offers.filter(placement_type_id=code).update(places_taken=count)
    return enterprise


def python_answer(placement_type: str | None) -> set[str]:
    return {
        enterprise.name
        for enterprise in with_list_related(Enterprise.objects.all())
        for offer in enterprise.offers_with_ratio()
        if offer.usable and placement_type in (None, offer.placement_type_id)
    }


def sql_answer(placement_type: str | None) -> set[str]:
    return set(Enterprise.objects.with_usable_places(placement_type).values_list("name", flat=True))


@pytest.fixture
def register(db) -> None:
    """Enterprises on both sides of every edge of the rule."""
    yesterday, tomorrow = date.today() - timedelta(days=1), date.today() + timedelta(days=1)
    make(
        "Opbrugt af andre",
        ordinary_staff_fte=Decimal("6"),
        other_supported_fte=1,
        offers={"virksomhedspraktik": 2},
    )
    make(
        "Halv plads",
        ordinary_staff_fte=Decimal("15"),
        other_supported_fte=Decimal("2.5"),
        offers={"loentilskud": 1},
    )
    make(
        "Plads til en",
        ordinary_staff_fte=Decimal("15"),
        other_supported_fte=Decimal("2"),
        offers={"loentilskud": 1},
    )
    make(
        "Opbrugt af egne",
        ordinary_staff_fte=Decimal("10"),
        offers={"virksomhedspraktik": 3, "loentilskud": 2},
        taken={"virksomhedspraktik": 1, "loentilskud": 1},
    )
    make(
        "Fleksjob trods kvote",
        ordinary_staff_fte=Decimal("0"),
        other_supported_fte=3,
        offers={"fleksjob": 1, "virksomhedspraktik": 1},
    )
    make(
        "Fuldt",
        ordinary_staff_fte=Decimal("100"),
        offers={"virksomhedspraktik": 1},
        taken={"virksomhedspraktik": 1},
    )
    make(
        "Skånejob med dispensation",
        ordinary_staff_fte=Decimal("5"),
        offers={"skaanejob": 3, "virksomhedspraktik": 1},
        taken={"skaanejob": 2},
        rar_dispensation_until=tomorrow,
    )
    make(
        "Skånejob uden dispensation",
        ordinary_staff_fte=Decimal("5"),
        offers={"skaanejob": 3},
        taken={"skaanejob": 1},
    )
    make(
        "Skånejob udløbet dispensation",
        ordinary_staff_fte=Decimal("5"),
        offers={"skaanejob": 3},
        taken={"skaanejob": 1},
        rar_dispensation_until=yesterday,
    )
    make(
        "Stor virksomhed", ordinary_staff_fte=Decimal("60"), other_supported_fte=10, offers={"loentilskud": 1}
    )
    make(
        "Meget stor",
        ordinary_staff_fte=Decimal("59.99"),
        other_supported_fte=10,
        offers={"ordinaere_timer": 1, "loentilskud": 1},
    )
    make("Uden tilbud", ordinary_staff_fte=Decimal("20"))


@pytest.mark.parametrize("placement_type", TYPES)
def test_the_sql_filter_gives_the_same_answer_as_the_python_rule(register, placement_type):
    assert sql_answer(placement_type) == python_answer(placement_type)


def test_the_edges_of_the_rule(register):
    usable = sql_answer(None)
    assert "Opbrugt af andre" not in usable  # 6 FTE → 1 place, 1 placed by others
    assert "Halv plads" not in usable  # headroom 0.5 is not a whole person
    assert "Plads til en" in usable
    assert "Opbrugt af egne" not in usable
    assert "Fleksjob trods kvote" in usable  # fleksjob never counts
    assert "Fleksjob trods kvote" not in sql_answer("virksomhedspraktik")
    assert "Skånejob med dispensation" in sql_answer("skaanejob")
    assert "Skånejob udløbet dispensation" not in usable
    assert "Skånejob uden dispensation" not in usable
    assert "Stor virksomhed" in usable  # 60 FTE → 11 places, 10 used
    # 59.99 FTE → 10 places, all used by others; ordinary hours never count
    assert "Meget stor" in sql_answer("ordinaere_timer") and "Meget stor" not in sql_answer("loentilskud")


def test_it_is_one_query(register, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(Enterprise.objects.with_usable_places("loentilskud"))


def test_the_free_places_filter_leaves_out_enterprises_whose_ratio_is_used_up(caseworker_client):
    make("Opbrugt", ordinary_staff_fte=Decimal("6"), other_supported_fte=1, offers={"virksomhedspraktik": 2})
    make("Ledig", ordinary_staff_fte=Decimal("6"), offers={"virksomhedspraktik": 2})
    make("Fleksjob", ordinary_staff_fte=Decimal("6"), other_supported_fte=1, offers={"fleksjob": 1})
    names = lambda params: [e.name for e in caseworker_client.get("/enterprises/", params).context["rows"]]  # noqa: E731
    assert names({"free_places": "on"}) == ["Fleksjob", "Ledig"]
    assert names({"free_places": "on", "placement_type": "virksomhedspraktik"}) == ["Ledig"]
    assert names({"placement_type": "virksomhedspraktik"}) == ["Ledig", "Opbrugt"]


def test_list_and_detail_say_in_words_when_the_ratio_blocks_free_places(caseworker_client):
    blocked = make(
        "Opbrugt",
        ordinary_staff_fte=Decimal("6"),
        other_supported_fte=1,
        offers={"virksomhedspraktik": 2, "fleksjob": 1},
    )
    make("Ledig", ordinary_staff_fte=Decimal("6"), offers={"virksomhedspraktik": 2})
    listing = caseworker_client.get("/enterprises/").content.decode()
    assert (
        listing.count(
            'Virksomhedspraktik: 2 af 2 <span class="ratio-blocked">– men rimelighedskravet er opbrugt'
        )
        == 1
    )
    assert "Fleksjob: 1 af 1</div>" in listing  # fleksjob never counts
    detail = caseworker_client.get(f"/enterprises/{blocked.pk}/").content.decode()
    assert detail.count("men rimelighedskravet er opbrugt") == 1
    assert "1 er i forløb nu (heraf 1 placeret af andre)" in detail
    assert "tillader 1 støttet person;" in detail
