"""Demo-data content built from the seed documents: one module per partnership.

Each module defines a plain-Python ``PARTNERSHIP`` dict; the demo loader turns them into records.
People are fictional (@example.org); published figures are marked ``"illustrative": False``.
"""

from demo.content import halton, hounslow, staffordshire, walsall

PARTNERSHIPS = [walsall.PARTNERSHIP, hounslow.PARTNERSHIP, halton.PARTNERSHIP, staffordshire.PARTNERSHIP]
