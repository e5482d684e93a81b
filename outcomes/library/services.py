"""The one write of the indicator library: a partnership adopting a definition as its own indicator."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from outcomes import services as outcome_services
from outcomes.library.definitions import Definition
from outcomes.library.selectors import adopted_indicator
from outcomes.models import Indicator


class Adopted(NamedTuple):
    """The partnership's indicator for a definition, and whether adopting it just created it."""

    indicator: Indicator
    created: bool


def definition_adopt(membership, definition: Definition) -> Adopted:
    """Add ``definition`` to the member's partnership as an indicator that keeps a link to it.

    A definition already adopted (and not withdrawn) is not added again: its indicator is returned with
    ``created`` false. The new indicator takes the definition's name, definition, unit, polarity, question,
    frequency and suggested tolerance; its target, baseline, priority and supplying agency are the
    partnership's to set. Refused (``PermissionDenied``) for those who may not add indicators; a code
    already used by another of the partnership's indicators is refused at the code (``ValidationError``).
    """
    if not access.can_manage_indicators(membership):
        raise PermissionDenied("Only the business manager and steering group can add indicators from the library.")
    partnership = membership.partnership
    if existing := adopted_indicator(partnership, definition.code):
        return Adopted(existing, False)
    fields = {
        "code": definition.code,
        "name": definition.name,
        "definition": definition.indicator_definition(),
        "rba_category": definition.rba_category,
        "unit": definition.unit,
        "polarity": definition.polarity,
        "frequency": definition.frequency,
        "is_context": definition.is_context,
        "amber_tolerance": None if definition.is_context else definition.suggested_tolerance,
        "library_code": definition.code,
    }
    try:
        with transaction.atomic():  # a savepoint: a double click's second insert leaves the transaction usable
            return Adopted(outcome_services.indicator_create(membership, **fields), True)
    except (IntegrityError, ValidationError):
        # Another request adopted it a moment ago (its code is now taken): that indicator is the partnership's,
        # not a second one. Otherwise the code is another indicator's, and the error says so.
        if existing := adopted_indicator(partnership, definition.code):
            return Adopted(existing, False)
        raise
