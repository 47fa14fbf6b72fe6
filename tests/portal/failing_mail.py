"""An e-mail backend whose server never answers (for the job retry test)."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError("SMTP server did not answer")
