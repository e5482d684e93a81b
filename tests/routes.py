"""Every route of the project, read from the URL conf: its pattern, name, view, methods and parameters.

Used by the URL walk (``tests/test_url_walk.py``) and by the route snapshot (``tests/snapshots.py``),
so a new route is walked and listed without anyone adding it by hand.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@dataclass(frozen=True)
class Route:
    pattern: str  # the whole pattern from the site root, as written in the URL confs
    name: str  # "namespace:name", or "" for an unnamed route
    view: str  # dotted path of the view (class, viewset action or function)
    methods: tuple[str, ...]  # the HTTP methods the view has a handler for (all of them for a plain function)
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
                methods=view_methods(entry.callback) or ALL_METHODS,
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
        names = {method for method in cls.http_method_names if hasattr(cls, method)}
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
        return _ROUTE_PARAM.sub(lambda m: converters[m["name"]].to_url(values[m["name"]]), text)
    # A regular expression (DRF's router, the admin): put the values in, then undo the escapes and anchors.
    text = _GROUP.sub(lambda m: str(values[m["name"]]), text)
    text = text.removeprefix("^").removesuffix("$").replace("/?", "/")
    return re.sub(r"\\(.)", r"\1", text)
