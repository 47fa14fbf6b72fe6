"""Matches explain the order: each criterion's points out of its weight, adding up to the score."""

import re

from django.urls import reverse

from matching import explain, rules
from matching.rules import Check

from .conftest import make_citizen, make_enterprise


def test_apportioned_points_add_up_to_the_rounded_score_and_stay_within_one_point():
    exact = [22.5, 7.5, 11.4, 5.0, 5.0, 5.0, 2.5, 0.0]
    shown = explain.apportion(exact)
    assert sum(shown) == round(sum(exact)) == 59
    assert all(abs(s - x) < 1 for s, x in zip(shown, exact, strict=True))


def test_each_line_names_the_criterion_with_points_out_of_its_weight():
    lines = explain.score_lines([("distance", Check(11.2, "3,0 km væk", True)), ("rsv", Check(0, "", True))])
    assert [(line.label, line.points, line.weight) for line in lines] == [
        ("Afstand", 11, 15),
        ("Registreret socialøkonomisk (RSV)", 0, 5),
    ]
    assert sum(rules.WEIGHTS.values()) == 100


def test_the_matches_page_shows_points_per_criterion_and_the_sum(caseworker_client, jobcenter, caseworker):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, wanted=["virksomhedspraktik"])
    make_enterprise(name="Café Kompasset", offers={"virksomhedspraktik": 2})
    html = caseworker_client.get(reverse("matching:matches", args=[citizen.pk])).content.decode()
    assert "Café Kompasset" in html
    assert "Afstand 15/15" in html and "Erfaring med borgerens udfordringer 15/30" in html
    card = html[html.index("Café Kompasset") :]
    total = int(re.search(r"I alt (\d+)/100", card).group(1))
    parts = re.findall(r"<strong>[^<]*? (\d+)/(\d+)</strong>", card[: card.index("I alt")])
    assert len(parts) == 8 and sum(int(p) for p, _w in parts) == total
    assert "Borgeren har ikke brug for særlig støtte" in html  # a fact about the citizen
