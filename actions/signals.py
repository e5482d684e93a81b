"""What the action plan tells the apps above it, which it may not import (decision 47).

Sent explicitly by :mod:`actions.services`, inside the transaction of the write, so whatever a receiver
records is kept exactly when the update is. A receiver must not fail the write: it catches its own errors.
"""

from django.dispatch import Signal

# A progress update changed an action's status to Off track (Red) from another status.
# Arguments: ``action``; ``update``, the progress update; ``by``, its author.
action_turned_red = Signal()
