"""What the REST API shares: the user's partnerships, their membership of an object's, error mapping,
and the base of every serializer.

Every API queryset is scoped with :func:`partnership_ids` so another partnership's
objects answer 404; writes then find the membership with :func:`membership_of` and
leave the decision to ``accounts.access`` or the service they call. Every serializer
is a :class:`PortalSerializerMixin`, whose related fields (:class:`ScopedRelatedField`)
accept only the objects of the partnership written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.fields import empty

from accounts import access
from accounts.models import Partnership
from neglect_portal.api_versions import STALE, PreconditionFailed
from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.scoping import id_outside_message, in_partnership, partnership_id_of
from neglect_portal.versioning import StaleVersion


def partnership_ids(user) -> list[int]:
    """The ids of the partnerships the user is an active member of."""
    return list(_roles(user))


def _roles(user) -> dict[int, str]:
    """The user's role in each partnership they are an active member of, read once per request's user."""
    roles = getattr(user, "_api_partnership_roles", None)
    if roles is None:
        roles = dict(access.active_memberships(user).values_list("partnership_id", "role"))
        if user.is_authenticated:
            user._api_partnership_roles = roles
    return roles


def reads_published_figures(user, partnership_id) -> bool:
    """Whether the user reads the partnership's small numbers as published (decision 48), from the roles
    :func:`partnership_ids` read, so a list's figures cost no query more."""
    return access.role_sees_published_figures(_roles(user).get(partnership_id))


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
    """Call a domain service, turning its Django errors into DRF 400, 403 and (a stale version) 412 answers."""
    try:
        return function(*args, **kwargs)
    except StaleVersion as error:
        raise PreconditionFailed(STALE.format(noun=error.instance._meta.verbose_name)) from error
    except DjangoValidationError as error:
        raise api_error(error) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


# --- what every serializer shares ----------------------------------------------------------

NOT_FREE_TEXT = (
    serializers.EmailField,
    serializers.URLField,
    serializers.SlugField,
    serializers.RegexField,
    serializers.IPAddressField,
)


class PortalSerializerMixin:
    """The base of every API serializer: what any request may send is checked here, once for all.

    - Free text that could identify a child (an NHS number, a date of birth beside a name)
      is refused on its field, saying why (``neglect_portal.child_identifiers``).
    - Every :class:`ScopedRelatedField` accepts only objects of the partnership of the object
      written: the instance's when changing one; when adding one, the partnership of the
      object named by ``scope_field`` (the action's priority, the finding's audit), or the
      ``partnership`` the view puts in the context. Not merely any partnership the person
      belongs to: someone who is a member of two partnerships cannot mix them.
    """

    scope_field: str | None = None

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            text = isinstance(field, serializers.CharField) and not isinstance(field, NOT_FREE_TEXT)
            if text and not field.read_only and refuse_child_identifiers not in field.validators:
                field.validators.append(refuse_child_identifiers)
        return fields

    def target_partnership_id(self) -> int | None:
        """The partnership the object written belongs to, or None until it is known."""
        if "_target_partnership_id" not in self.__dict__:
            self._target_partnership_id = self._find_target_partnership_id()
        return self._target_partnership_id

    def _find_target_partnership_id(self):
        if self.context.get("partnership") is not None:
            return partnership_id_of(self.context["partnership"])
        if isinstance(self.instance, models.Model):
            return partnership_id_of(self.instance)
        data = getattr(self, "initial_data", None)
        if self.scope_field is None or not hasattr(data, "get"):
            return None
        try:
            parent = self.fields[self.scope_field].run_validation(data.get(self.scope_field, empty))
        except (exceptions.ValidationError, DjangoValidationError):
            return None  # the field reports its own error; the request is refused anyway
        return partnership_id_of(parent)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related field that accepts only objects of the partnership being written (see :class:`PortalSerializerMixin`).

    The field naming the parent of a new object (the serializer's ``scope_field``) may
    name any partnership the person belongs to: it decides the partnership. Outside a
    scoped serializer (a query's parameters) every field may.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        mine = partnership_ids(request.user) if request is not None else []
        serializer = self._serializer()
        target = None if serializer is None or self._names_parent(serializer) else serializer.target_partnership_id()
        if target is None:
            return in_partnership(queryset, mine)
        scoped = in_partnership(queryset, [target] if target in mine else [])
        current = self._current_pk(serializer)
        # What the object already names stays acceptable (a lead who has since left stays the lead).
        return scoped if current is None else scoped | queryset.filter(pk=current)

    def _current_pk(self, serializer):
        if not isinstance(serializer.instance, models.Model) or isinstance(self.parent, serializers.ManyRelatedField):
            return None
        current = getattr(serializer.instance, f"{self.source}_id", None)
        return current if isinstance(current, int) else None

    def _serializer(self):
        node = self.parent
        while node is not None and not isinstance(node, PortalSerializerMixin):
            node = getattr(node, "parent", None)
        return node

    def _names_parent(self, serializer):
        name = self.parent.field_name if isinstance(self.parent, serializers.ManyRelatedField) else self.field_name
        return name == serializer.scope_field

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except exceptions.ValidationError as error:
            if not self._is_default_refusal(error):
                raise
            serializer = self._serializer()
            whose = "your partnerships" if serializer is None or self._names_parent(serializer) else "this partnership"
            raise exceptions.ValidationError(id_outside_message(self.queryset.model, data, whose)) from error

    def _is_default_refusal(self, error):
        default = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
        return self.error_messages["does_not_exist"] == default and error.detail[0].code == "does_not_exist"


# A model serializer's related fields that are not declared are scoped too.
PortalSerializerMixin.serializer_related_field = ScopedRelatedField


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


# --- withdrawal ------------------------------------------------------------------------------


class WithdrawalSerializer(PortalSerializerMixin, serializers.Serializer):
    """Why an object is withdrawn: kept with it for good, with who withdrew it and when."""

    reason = serializers.CharField(
        help_text="Why it is withdrawn, for the history the board may read.",
        error_messages={
            "required": "Enter why it is being withdrawn",
            "blank": "Enter why it is being withdrawn",
            "null": "Enter why it is being withdrawn",
        },
    )


class WithdrawnRecordSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When it was withdrawn.")
    by = serializers.IntegerField(allow_null=True, help_text="The id of the person who withdrew it.")
    by_name = serializers.CharField(allow_null=True)
    reason = serializers.CharField()


@extend_schema_field(WithdrawnRecordSerializer(allow_null=True))
class WithdrawnField(serializers.Field):
    """Null while the object is current; who withdrew it, when and why once it is withdrawn."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        if obj.withdrawn_at is None:
            return None
        record = {
            "at": obj.withdrawn_at,
            "by": obj.withdrawn_by_id,
            "by_name": str(obj.withdrawn_by) if obj.withdrawn_by_id else None,
            "reason": obj.withdrawal_reason,
        }
        return WithdrawnRecordSerializer(record).data


class WithdrawableViewSetMixin:
    """Lists leave withdrawn objects out unless ``withdrawn=true`` asks for only those; a withdrawn object is
    still read at its own address. ``POST <object>/withdraw/ {"reason": …}`` withdraws one (DELETE is not offered).
    """

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and "withdrawn" not in self.request.query_params:
            queryset = queryset.current()
        return queryset

    def withdrawal_reason(self):
        serializer = WithdrawalSerializer(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["reason"]


def withdraw_schema(serializer_class, who):
    """The OpenAPI description of a ``withdraw`` action."""
    return extend_schema(
        summary="Withdraw",
        description=f"Withdraws it ({who}): it leaves lists, the scorecard, reports and exports, stays readable here "
        "and in its history, and can no longer be changed. The reason is required.",
        request=WithdrawalSerializer,
        responses={
            200: serializer_class,
            400: OpenApiResponse(description="No reason, or a reason that could identify a child."),
            403: OpenApiResponse(description="You may not withdraw it, or it is already withdrawn."),
            404: OpenApiResponse(description="No such object in your partnerships."),
        },
    )
