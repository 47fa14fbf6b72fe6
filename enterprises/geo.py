"""Distances between places in Denmark, as pure functions (matching imports these too)."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088
# Kilometres per degree of latitude; a degree of longitude is this times cos(latitude).
KM_PER_DEGREE = 111.195


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = radians(lat1), radians(lat2)
    dphi = phi2 - phi1
    dlambda = radians(lon2 - lon1)
    a = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def longitude_scale(latitude: float) -> float:
    """How much shorter a degree of longitude is than one of latitude at `latitude`.

    Over Denmark's few hundred kilometres, sorting by the squared equirectangular distance
    ((Δlat)² + (Δlon·scale)²) gives the same order as haversine, and the database needs only
    arithmetic for it (no trigonometric functions, so it runs on SQLite too)."""
    return cos(radians(latitude))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing every point within `km` (a cheap SQL prefilter)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(0.01, cos(radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
