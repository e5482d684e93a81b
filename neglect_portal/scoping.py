"""Which objects a form or an API request may name: only those of the partnership being written.

Every model that a form or serializer can point at has a queryset with one rule,
``for_partnership(partnership)``: agencies of the partnership, its active members, the
priorities of its strategies, and so on (:class:`PartnershipQuerySet` gives it from a
lookup). Everything else is built on that rule:

- :func:`in_partnership` narrows a queryset to one partnership (or several ids);
- :class:`neglect_portal.forms.PortalFormMixin` narrows every model choice of a form to
  the page's partnership;
- :class:`neglect_portal.serializers.ScopedRelatedField` narrows every related field of
  the API to the partnership of the object written;
- :func:`check_in_partnership` is the services' second line, for callers that are not a
  form or a serializer (imports, background jobs) and in case a door forgets.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models


class PartnershipQuerySet(models.QuerySet):
    """A queryset whose objects belong to one partnership, reached through ``partnership_lookup``."""

    partnership_lookup = "partnership"

    def for_partnership(self, partnership):
        """The objects of ``partnership`` (a partnership, its id, or several ids)."""
        return self.filter(**{f"{self.partnership_lookup}__in": partnership_ids(partnership)})


def partnership_ids(partnership) -> list[int]:
    if partnership is None:
        return []
    if isinstance(partnership, models.Model):
        return [partnership.pk]
    if isinstance(partnership, Iterable) and not isinstance(partnership, str):
        return [int(pk) for pk in partnership]
    return [int(partnership)]


def partnership_id_of(obj) -> int | None:
    """The id of the partnership ``obj`` belongs to (a partnership is its own)."""
    if obj is None:
        return None
    if obj._meta.model_name == "partnership":
        return obj.pk
    return obj.partnership_id


def in_partnership(queryset, partnership):
    """``queryset`` narrowed to the objects of ``partnership``: the one rule of its model."""
    rule = getattr(queryset, "for_partnership", None)
    if rule is None:
        raise ImproperlyConfigured(
            f"{queryset.model.__name__} has no for_partnership() rule: a form or serializer cannot offer it safely"
        )
    return rule(partnership)


def outside_message(model) -> str:
    """What a person is told when they name an object of another partnership (which may not even exist)."""
    if model._meta.model_name == "user":
        return "Choose a member of this partnership"
    name = model._meta.verbose_name
    article = "an" if name[0] in "aeiou" else "a"
    return f"Choose {article} {name} of this partnership"


def id_outside_message(model, pk, whose="this partnership") -> str:
    """The API's answer to an id of no object of the partnership: "No agency of this partnership has the id 7"."""
    name = "member" if model._meta.model_name == "user" else model._meta.verbose_name
    return f"No {name} of {whose} has the id {pk}"


def check_in_partnership(partnership, **named) -> None:
    """Refuse (``ValidationError`` naming each field) any object in ``named`` that is not ``partnership``'s."""
    errors = objects_outside(partnership, **named)
    if errors:
        raise ValidationError(errors)


def objects_outside(partnership, **named) -> dict[str, list[str]]:
    """The fields of ``named`` that name an object outside ``partnership``, each with its message.

    ``named`` maps field names to an object, ``None`` (nothing named) or an iterable of
    objects (a many-to-many field). One query per field that names something.
    """
    errors = {}
    for field, value in named.items():
        objects = [] if value is None else list(value) if isinstance(value, Iterable) else [value]
        if not objects:
            continue
        model = type(objects[0])
        pks = {obj.pk for obj in objects}
        found = in_partnership(model._default_manager.filter(pk__in=pks), partnership).values_list("pk", flat=True)
        if set(found) != pks:
            errors[field] = [outside_message(model)]
    return errors
