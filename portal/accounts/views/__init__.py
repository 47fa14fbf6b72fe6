"""Account pages: signing in, one's own account, two-factor, and user administration."""

from portal.accounts.views.auth import LoginView

__all__ = ["LoginView"]
