"""What the outcomes framework tells the apps above it, which it may not import (decision 47).

Sent explicitly by :mod:`outcomes.services`, inside the transaction of the write, so whatever a receiver
records is kept exactly when the value is. A receiver must not fail the write: it catches its own errors.
"""

from django.dispatch import Signal

# A new or corrected value made an indicator's latest rating Red from something else (it crossed its amber
# tolerance). Arguments: ``indicator``; ``period``, the label of the value now rated red; ``was``, the rating
# before ("green", "amber", or None when not rated); ``was_period``, the period then rated (or None); ``by``,
# the person who recorded the value.
indicator_turned_red = Signal()
