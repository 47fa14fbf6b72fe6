"""Signals other apps use to take part in a case's life without `citizens` importing them.

- `citizen_closing(sender=Citizen, citizen=...)`: sent before a case is closed. A receiver returns a
  Danish message (str) to refuse the close (e.g. matching: "the citizen has open placements"), or None.
- `citizens_purged(sender=Citizen, citizen_ids=[...])`: sent inside the purge transaction. Receivers
  remove the free text they hold about those citizens (e.g. matching: placement purposes and notes).
"""

from django.dispatch import Signal

citizen_closing = Signal()
citizens_purged = Signal()


def close_refusals(citizen) -> list[str]:
    """Messages from receivers that refuse to let this case close (empty list: it may close)."""
    from citizens.models import Citizen

    return [message for _, message in citizen_closing.send(sender=Citizen, citizen=citizen) if message]
