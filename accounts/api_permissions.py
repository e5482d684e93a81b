"""What the REST API shares: the user's partnerships, their membership of an object's, and error mapping.

Every API queryset is scoped with :func:`partnership_ids` so another partnership's
objects answer 404; writes then find the membership with :func:`membership_of` and
leave the decision to ``accounts.access`` or the service they call.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers

from accounts import access


def partnership_ids(user) -> list[int]:
    """The ids of the partnerships the user is an active member of."""
    return list(access.active_memberships(user).values_list("partnership_id", flat=True))


def membership_of(user, partnership):
    """The user's active membership of ``partnership``; 404 if there is none (never leak)."""
    membership = access.membership_for(user, partnership)
    if membership is None:
        raise exceptions.NotFound()
    return membership


def api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A Django ``ValidationError`` as a DRF 400 that names the field."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def call_service(function, *args, **kwargs):
    """Call a domain service, turning its Django errors into DRF 400 and 403 answers."""
    try:
        return function(*args, **kwargs)
    except DjangoValidationError as error:
        raise api_error(error) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related field that only accepts objects of the requesting user's partnerships.

    ``partnership_path`` is the lookup from the related model to its partnership id,
    for example ``"strategy__partnership_id"``.
    """

    def __init__(self, *, partnership_path, **kwargs):
        self.partnership_path = partnership_path
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        queryset = super().get_queryset()
        if user is None:
            return queryset.none()
        return queryset.filter(**{f"{self.partnership_path}__in": partnership_ids(user)}).distinct()
