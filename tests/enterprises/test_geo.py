from enterprises.geo import haversine_km


def test_haversine_gives_the_straight_line_distance_aarhus_copenhagen():
    assert 150 < haversine_km(56.1567, 10.2108, 55.6761, 12.5683) < 160


def test_haversine_is_zero_for_the_same_point_and_symmetric():
    assert haversine_km(55.4, 10.38, 55.4, 10.38) == 0
    assert haversine_km(55.4, 10.38, 56.1, 10.2) == haversine_km(56.1, 10.2, 55.4, 10.38)
