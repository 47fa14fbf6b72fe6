"""Matching views, one module per feature: matches and candidates, placements, statistics."""
