"""Every route of the project, read from the URL conf: its pattern, name, view, methods and parameters.

Used by the URL walk (``tests/test_url_walk.py``) and by the route snapshot (``tests/snapshots.py``),
so a new route is walked and listed without anyone adding it by hand.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# A plain function view (the admin's) does not say which methods it handles: it is walked with those a browser sends.
FUNCTION_VIEW_METHODS = ("GET", "HEAD", "POST")


@dataclass(frozen=True)
class Route:
    pattern: str  # the whole pattern from the site root, as written in the URL confs
    name: str  # "namespace:name", or "" for an unnamed route
    view: str  # dotted path of the view (class, viewset action or function)
    methods: tuple[str, ...]  # the HTTP methods the view has a handler for (FUNCTION_VIEW_METHODS for a function)
    declared: bool  # False for a plain function view, which does not say which methods it handles
    params: tuple[str, ...]  # the URL parameters, in the order they appear
    parts: tuple  # the pattern objects from the root down, to build a path from parameter values

    def __str__(self):
        return f"{self.name or '(unnamed)'} /{self.pattern}"

    def path(self, values):
        """The path of this route with each parameter given its value (as a string or an int)."""
        return "/" + "".join(_fill(part, values) for part in self.parts)


def routes():
    """Every URL pattern of the project, in the order the URL confs list them."""
    return list(_walk(get_resolver().url_patterns, (), ""))


def _walk(patterns, parts, namespace):
    for entry in patterns:
        here = (*parts, entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, here, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield Route(
                pattern="".join(str(part) for part in here),
                name=name,
                view=view_path(entry.callback),
                methods=view_methods(entry.callback) or FUNCTION_VIEW_METHODS,
                declared=view_methods(entry.callback) is not None,
                params=tuple(_params(here)),
                parts=here,
            )


def view_path(callback):
    """Where the view is written: ``module.Class``, ``module.ViewSet.action`` or ``module.function``."""
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None:
        text = f"{cls.__module__}.{cls.__qualname__}"
        actions = getattr(callback, "actions", None)
        if actions:
            text += " (" + ", ".join(sorted({action for method, action in actions.items() if method != "head"})) + ")"
        return text
    func = getattr(callback, "__func__", callback)  # a bound method such as AdminSite.login
    text = f"{func.__module__}.{func.__qualname__}"
    model_admin = getattr(callback, "model_admin", None)
    if model_admin is not None:
        text += f" of {type(model_admin).__module__}.{type(model_admin).__qualname__}"
    return text


def view_methods(callback):
    """The methods a view has a handler for; None for a plain function, which does not say."""
    actions = getattr(callback, "actions", None)
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if actions is not None:  # a DRF viewset route: its own action map (DRF adds HEAD for GET when called)
        names = {method for method in actions if method != "head"} | {"options"}
    elif cls is not None:
        initkwargs = getattr(callback, "view_initkwargs", None) or getattr(callback, "initkwargs", None) or {}
        allowed = initkwargs.get("http_method_names", cls.http_method_names)
        names = {method for method in allowed if hasattr(cls, method)}
    else:
        return None
    if "get" in names:
        names.add("head")  # Django and DRF answer HEAD with the GET handler
    return tuple(method for method in ALL_METHODS if method.lower() in names)


_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()\\]|\\.)*\)")
_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def _params(parts):
    for part in parts:
        text = str(part)
        regex = _ROUTE_PARAM if isinstance(part, RoutePattern) else _GROUP
        yield from (match["name"] for match in regex.finditer(text))


def _fill(part, values):
    text = str(part)
    if isinstance(part, RoutePattern):
        converters = part.converters
        return _ROUTE_PARAM.sub(lambda m: str(converters[m["name"]].to_url(values[m["name"]])), text)
    # A regular expression (DRF's router, the admin): put the values in, then undo the escapes and anchors.
    text = _GROUP.sub(lambda m: str(values[m["name"]]), text)
    text = text.removeprefix("^").removesuffix("$").replace("/?", "/")
    return re.sub(r"\\(.)", r"\1", text)


# --- Fillers: a value for each URL parameter, from the walk's world (tests/test_url_walk.py) -----------------
#
# The world has two sides, ``world.own`` (the partnership of the visitors) and ``world.other`` (another
# partnership). A filler gives the value of one parameter for one side. A route with a partnership's
# object in its path is walked with both sides; the other partnership's object must answer 404.


@dataclass(frozen=True)
class Obj:
    """The primary key of an object of the side's partnership, named as in ``world.own`` / ``world.other``."""

    name: str
    partnership_scoped = True

    def value(self, world, side, route):
        return getattr(getattr(world, side), self.name).pk


@dataclass(frozen=True)
class Fixed:
    """The same value whatever the side (the parameter names no object of a partnership)."""

    fixed: object
    partnership_scoped = False

    def value(self, world, side, route):
        return self.fixed


@dataclass(frozen=True)
class FromWorld:
    """A value worked out from the world, the same for both sides (``how(world, route)``)."""

    how: object
    partnership_scoped = False

    def value(self, world, side, route):
        return self.how(world, route)


def _admin_object_id(world, route):
    """The admin's object pages: any saved object of the model named in the path (non-staff never get that far)."""
    from django.contrib import admin

    if route.pattern.startswith("admin/r/"):
        return world.own.action.pk
    app_label, model_name = route.pattern.split("/")[1:3]
    model = next(m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app_label, model_name))
    first = model._default_manager.order_by("pk").first()
    return first.pk if first is not None else 1


def _invitation_token(world, route):
    from accounts.invitations import invitation_link

    return invitation_link(world.own.invitation).rstrip("/").rsplit("/", 1)[-1]


def _action_content_type(world, route):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(world.own.action).pk


# ``pk`` means a different kind of object on each route: name the route in the list of its kind.
PK_OF = {
    "partnership": ["partnership-detail"],
    "strategy": ["priorities:strategy_update", "strategy-detail", "settings:strategy_detail"],
    "priority": ["priorities:update", "priorities:detail", "actions:create", "priority-detail"],
    "action": [
        "actions:detail",
        "actions:update",
        "actions:add_update",
        "actions:withdraw",
        "actions:comment",
        "action-detail",
        "action-withdraw",
    ],
    "progress_update": ["progress-update-detail"],
    "comment": ["actions:comment_withdraw"],
    "indicator": [
        "outcomes:indicator",
        "outcomes:indicator_update",
        "outcomes:measurement_record",
        "outcomes:indicator_withdraw",
        "outcomes:comparator_create",
        "outcomes:curve_plan",
        "outcomes:curve_plan_update",
        "outcomes:curve_plan_history",
        "indicator-detail",
        "indicator-withdraw",
    ],
    "measurement": ["outcomes:measurement_withdraw", "measurement-detail", "measurement-withdraw"],
    "comparator": [
        "outcomes:comparator_update",
        "outcomes:comparator_withdraw",
        "comparator-detail",
        "comparator-withdraw",
    ],
    "audit": [
        "audits:detail",
        "audits:update",
        "audits:finding_create",
        "audits:recommendation_create",
        "audit-detail",
    ],
    "finding": ["audits:finding_update", "audits:finding_withdraw", "finding-detail", "finding-withdraw"],
    "recommendation": [
        "audits:recommendation_update",
        "audits:recommendation_status",
        "audits:recommendation_actions",
        "audits:recommendation_withdraw",
        "audits:recommendation_action_create",
        "recommendation-detail",
        "recommendation-withdraw",
    ],
    "report": [
        "reports:detail",
        "reports:pdf",
        "reports:commentary",
        "reports:refresh",
        "reports:sign_off",
        "reports:sign_off_withdraw",
        "reports:issue",
        "reports:issue_send",
        "reports:send",
        "reports:correct",
        "reports:retry",
    ],
    "upload": ["spreadsheets:preview", "spreadsheets:columns", "spreadsheets:names", "spreadsheets:confirm"],
    "evidence_file": ["evidence:download", "evidence:remove"],
    "agency": ["settings:agency_update", "settings:agency_retire"],
    "membership": ["settings:person", "settings:person_deactivate", "settings:person_second_factor_reset"],
    "invitation": ["settings:invitation_resend", "settings:invitation_revoke"],
    "recipient": ["settings:recipient_remove"],
}

# Fillers of one route's parameters, by route name, then by parameter name.
BY_ROUTE = {
    **{route: {"pk": Obj(kind)} for kind, names in PK_OF.items() for route in names},
    "admin:auth_user_password_change": {"id": FromWorld(lambda world, route: world.own.members["admin"].pk)},
    "accounts:invitation_accept": {"token": FromWorld(_invitation_token)},
    "admin:otp_totp_totpdevice_config": {"pk": FromWorld(_admin_object_id)},
    "admin:otp_totp_totpdevice_qrcode": {"pk": FromWorld(_admin_object_id)},
    # A file is attached to an object of one of the kinds registered with evidence.registry.
    "evidence:add": {"kind": Fixed("update"), "pk": Obj("progress_update")},
    # A definition of the indicator library (the same for every partnership).
    "outcomes:library_definition": {"code": Fixed("CPP-NEG-RATE")},
    "outcomes:library_adopt": {"code": Fixed("CPP-NEG-RATE")},
    # A person's own API token, whatever their partnership.
    "accounts:token_revoke": {"pk": FromWorld(lambda world, route: world.own.token.pk)},
}

# Fillers of a parameter that means the same on every route.
BY_PARAM = {
    "strategy_pk": Obj("strategy"),
    "delivery_pk": Obj("delivery"),
    "extension": Fixed("xlsx"),
    "format": Fixed("json"),  # DRF's format suffix: /api/v1/actions.json
    "uidb64": FromWorld(lambda world, route: world.password_reset_uid),
    "token": FromWorld(lambda world, route: world.password_reset_token),
    "app_label": Fixed("accounts"),
    "url": Fixed("no-such-page/"),  # the admin's catch-all
    "object_id": FromWorld(_admin_object_id),
    "content_type_id": FromWorld(_action_content_type),
}


class NoFiller(LookupError):
    pass


def filler(route, param):
    """The filler of ``param`` on ``route``; a parameter nobody has described stops the walk, saying what to add."""
    found = BY_ROUTE.get(route.name, {}).get(param) or BY_PARAM.get(param)
    if found is None:
        raise NoFiller(
            f"The walk does not know what to put in URL parameter {param!r} of route {route}. "
            f"Add a filler to tests/routes.py: in PK_OF or BY_ROUTE[{route.name!r}] if {param!r} names an object "
            f"that differs per route, else in BY_PARAM[{param!r}] (Obj for an object of the partnership, "
            "Fixed or FromWorld for anything else)."
        )
    return found
