"""Citizen views, one module per feature: cases (list, create, detail, edit), actions, gdpr."""
