"""Writes for account administration. Keyword-only, plain data plus the audit context (`by`, `ip`);
every change writes an audit event; users are deactivated, never deleted."""
