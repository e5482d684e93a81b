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
from accounts.models import Partnership


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


def requested_partnership(user, value, *, not_found=False):
    """The partnership a request names by id, or the user's only partnership when it names none.

    An id that is not one of the user's partnerships is a 400 naming ``partnership``
    (``not_found=True``: a 404, for a partnership named in a read's address), and
    so is naming none when the user belongs to several.
    """
    ids = partnership_ids(user)
    if value in (None, ""):
        if len(ids) == 1:
            return Partnership.objects.get(pk=ids[0])
        message = "You belong to more than one partnership: give the partnership's id"
        raise exceptions.ValidationError({"partnership": [message if ids else "You do not belong to any partnership"]})
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise exceptions.ValidationError({"partnership": ["Give the partnership's id, a whole number"]})
    pk = int(value)
    if pk not in ids:
        if not_found:
            raise exceptions.NotFound()
        raise exceptions.ValidationError({"partnership": [f"You do not belong to a partnership with id {pk}"]})
    return Partnership.objects.get(pk=pk)
