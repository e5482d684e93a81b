"""The API schema documents every answer an operation can give, errors included.

drf-spectacular documents the success answer of each operation. A client generated from the
schema also has to understand the refusals every operation can give, in the shapes DRF gives
them, so this schema class adds them wherever an operation does not document its own:

- 400 when a body or a query parameter is wrong: the fields at fault, each with its messages
  (or ``detail`` when the request could not be read at all);
- 401 without a valid token (with ``WWW-Authenticate``), 403 when the person may not do it,
  404 when the object does not exist, belongs to another partnership or a page is past the end,
  429 when a client sends too many requests (with ``Retry-After``): each ``{"detail": "..."}``.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

PROBLEM = ResolvedComponent(
    name="Problem",
    type=ResolvedComponent.SCHEMA,
    object="Problem",
    schema={
        "type": "object",
        "description": "Why the request was refused, in words a person understands.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
)

FIELD_PROBLEMS = ResolvedComponent(
    name="FieldProblems",
    type=ResolvedComponent.SCHEMA,
    object="FieldProblems",
    schema={
        "type": "object",
        "description": (
            "What is wrong with the request: each field at fault (or `non_field_errors`) with its "
            "messages, or `detail` when the request could not be read."
        ),
        "additionalProperties": {},
    },
)

REFUSALS = {
    "401": ("Not signed in: no token, or a token that is not valid.", {"WWW-Authenticate": "How to authenticate."}),
    "403": ("Signed in, but this person may not do this.", {}),
    "404": ("Not found: no such object in your partnership, or a page past the end of the list.", {}),
    "429": ("Too many requests: wait the number of seconds given and try again.", {"Retry-After": "Seconds to wait."}),
}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        if self._accepts_input():
            responses.setdefault("400", self._refusal("The request is not valid: nothing was changed.", FIELD_PROBLEMS))
        for code, (description, headers) in REFUSALS.items():
            if code in responses and not responses[code].get("content"):
                # An operation's own words for a refusal, with the body every refusal has.
                description = responses[code].get("description") or description
                responses[code] = self._refusal(description, PROBLEM, headers)
            responses.setdefault(code, self._refusal(description, PROBLEM, headers))
        return responses

    def _accepts_input(self):
        """Whether the client sends something that can be wrong: a body, or query parameters."""
        if self.method in ("POST", "PUT", "PATCH"):
            return True
        return any(parameter.get("in") == "query" for parameter in self._get_parameters())

    def _refusal(self, description, component, headers=None):
        self.registry.register_on_missing(component)
        response = {"description": description, "content": {"application/json": {"schema": component.ref}}}
        if headers:
            response["headers"] = {
                name: {"description": text, "schema": {"type": "string"}} for name, text in headers.items()
            }
        return response
