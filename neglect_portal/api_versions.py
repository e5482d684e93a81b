"""Versions through the API: an ``ETag`` on every detail answer, ``If-Match`` on writes, 412 when stale.

A viewset of a :class:`~neglect_portal.versioning.Versioned` model mixes in
:class:`VersionedViewSetMixin`; its writes pass :meth:`expected_version` to the service, which
refuses a stale one (``call_service`` answers 412). A write without ``If-Match`` is accepted, as
before (docs/decisions/0015-no-silent-overwrites.md). :class:`VersionedAutoSchema` documents all of it.
"""

from __future__ import annotations

import re

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from neglect_portal.openapi import PortalAutoSchema

DETAIL_ACTIONS = ("retrieve", "update", "partial_update")
WRITE_ACTIONS = ("update", "partial_update")
STALE = (
    "Someone else changed this {noun} after the version you sent in If-Match: nothing was saved. "
    "Read it again (GET) for its current version and ETag, and send your change again if it still applies."
)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object has changed since the version given in If-Match: nothing was saved."
    default_code = "precondition_failed"


def etag(instance) -> str:
    """The entity tag of the object's current version, such as ``"action-12-v3"``."""
    return f'"{instance._meta.model_name}-{instance.pk}-v{instance.version}"'


def with_etag(response: Response, instance) -> Response:
    response["ETag"] = etag(instance)
    return response


def if_match_version(request, instance) -> int | None:
    """The version named by the request's ``If-Match`` for ``instance``; None without the header (or with ``*``).

    A tag that is not one of this object's tags cannot match its current version: 412.
    """
    header = request.headers.get("If-Match")
    if header is None or not header.strip() or header.strip() == "*":
        return None
    pattern = re.compile(rf'(?:W/)?"{instance._meta.model_name}-{instance.pk}-v(\d+)"')
    versions = [int(found.group(1)) for tag in header.split(",") if (found := pattern.fullmatch(tag.strip()))]
    if not versions:
        raise PreconditionFailed(STALE.format(noun=instance._meta.verbose_name))
    return instance.version if instance.version in versions else versions[0]


class VersionedViewSetMixin:
    """Detail reads answer with an ``ETag``; writes call ``expected_version(obj)`` and answer ``versioned(...)``."""

    def expected_version(self, instance) -> int | None:
        return if_match_version(self.request, instance)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return with_etag(Response(self.get_serializer(instance).data), instance)

    def versioned(self, data, instance, **kwargs) -> Response:
        return with_etag(Response(data, **kwargs), instance)


# --- the schema -------------------------------------------------------------------------------


class PreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What happened and what to do.")


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of the version your change is made from, as read from a GET or an earlier write. If "
    "someone has changed the object since, the write is refused with 412 and nothing is saved. Without this "
    "header the write is accepted whatever the current version (kept for existing clients; send it).",
)
ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description='The current version of the object, such as "action-12-v3": send it back as If-Match with a change.',
)
PRECONDITION_FAILED = OpenApiResponse(
    PreconditionFailedSerializer,
    description="If-Match does not name the current version: someone else changed it. Nothing was saved.",
)


class VersionedAutoSchema(PortalAutoSchema):
    """The project's schema (the project's default): also, a versioned viewset's detail operations document
    ``ETag``, ``If-Match`` and 412."""

    def _versioned_action(self):
        action = getattr(self.view, "action", None)
        return action if isinstance(self.view, VersionedViewSetMixin) and action in DETAIL_ACTIONS else None

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = self._versioned_action()
        if action is not None:
            parameters.append(ETAG)
        if action in WRITE_ACTIONS:
            parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._versioned_action() in WRITE_ACTIONS:
            responses["412"] = self._get_response_for_code(PRECONDITION_FAILED, "412", direction=direction)
        return responses
