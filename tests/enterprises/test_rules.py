from decimal import Decimal

import pytest

from enterprises.ratio import max_supported, ratio_status

COUNTING = {"virksomhedspraktik", "loentilskud", "skaanejob"}


@pytest.mark.parametrize(
    ("fte", "expected"),
    [
        ("0", 1),
        ("4.9", 1),
        ("9.99", 1),
        ("10", 2),
        ("15", 3),
        ("20", 4),
        ("49.9", 9),
        ("50", 10),
        ("59", 10),
        ("60", 11),
        ("100", 15),
    ],
)
def test_max_supported_follows_the_rimelighedskrav_table(fte, expected):
    assert max_supported(Decimal(fte)) == expected


def test_headroom_counts_praktik_loentilskud_skaanejob_and_others_placements():
    status = ratio_status(
        ordinary_fte=Decimal("15"),
        other_supported_fte=Decimal("0.5"),
        taken_by_type={"virksomhedspraktik": 1, "skaanejob": 1, "fleksjob": 3, "ordinaere_timer": 2},
        counting_types=COUNTING,
    )
    assert status.max_supported == 3
    assert status.supported_now == Decimal("2.5")
    assert status.headroom == Decimal("0.5")
    assert not status.can_take_one_more


def test_a_valid_rar_dispensation_exempts_skaanejob():
    status = ratio_status(
        ordinary_fte=Decimal("5"),
        other_supported_fte=Decimal("0"),
        taken_by_type={"skaanejob": 2},
        counting_types=COUNTING,
        skaanejob_exempt=True,
    )
    assert status.supported_now == 0
    assert status.can_take_one_more
    assert "dispensation" in status.sentence()


def test_the_sentence_is_danish_and_names_the_room_left():
    status = ratio_status(
        ordinary_fte=Decimal("20"),
        other_supported_fte=Decimal("1.5"),
        taken_by_type={},
        counting_types=COUNTING,
    )
    assert status.sentence() == (
        "Rimelighedskravet tillader 4 støttede personer; 1,5 er i forløb nu (heraf 1,5 placeret af andre), "
        "så der er plads til 2,5 mere."
    )


def test_enterprise_ratio_uses_the_places_taken_kept_by_matching(db):
    from tests.enterprises.conftest import make_enterprise

    enterprise = make_enterprise(
        ordinary_staff_fte=Decimal("10"), offers={"virksomhedspraktik": 3, "fleksjob": 2}
    )
    enterprise.offers.update(places_taken=1)
    ratio = enterprise.ratio()
    assert ratio.max_supported == 2
    assert ratio.supported_now == 1  # the fleksjob place does not count


def test_the_sentence_uses_the_singular_and_says_who_placed_the_people():
    status = ratio_status(
        ordinary_fte=Decimal("6"),
        other_supported_fte=Decimal("1"),
        taken_by_type={},
        counting_types=COUNTING,
    )
    assert status.sentence() == (
        "Rimelighedskravet tillader 1 støttet person; 1 er i forløb nu (heraf 1 placeret af andre), "
        "så der er ikke plads til flere i praktik, løntilskud eller skånejob."
    )


def test_the_sentence_names_others_placements_among_the_portals_own():
    status = ratio_status(
        ordinary_fte=Decimal("20"),
        other_supported_fte=Decimal("1.5"),
        taken_by_type={"loentilskud": 1},
        counting_types=COUNTING,
    )
    assert (
        "2,5 er i forløb nu (heraf 1,5 placeret af andre), så der er plads til 1,5 mere." in status.sentence()
    )
