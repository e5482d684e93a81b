"""Walking the URL conf: every route refuses an anonymous visitor and a person who has given only a password.

Apart from an explicit allow-list: signing in, the second factor, password reset, health and the
API's public description.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import password_only_login

# Routes anyone may open (named by their URL name).
OPEN_TO_ANONYMOUS = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation_accept",
    "admin-login",
    "admin:logout",
    "help:index",
    "operations:health",
    "operations:health-web",
    "api-schema",
    "api-docs",
    "api-docs-swagger",
}
# Routes a person who has given only their password may open, besides those above.
OPEN_BEFORE_SECOND_FACTOR = OPEN_TO_ANONYMOUS | {"accounts:two_factor", "accounts:two_factor_setup"}


def walk(resolver=None, prefix="", namespace=""):
    """(URL name, path with sample arguments) for every route of the URL conf."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, pattern, inner)
        elif isinstance(entry, URLPattern) and "format>" not in pattern:  # .json twins answer as their route
            name = f"{namespace}{entry.name}" if entry.name else pattern
            yield name, "/" + _sample(pattern)


def _sample(pattern):
    pattern = re.sub(r"\(\?P<format>[^)]*\)", "json", pattern)
    pattern = re.sub(r"\(\?P<\w+>[^)]*\)", "1", pattern)
    pattern = re.sub(r"\([^)]*\)", "1", pattern)
    pattern = re.sub(r"<path:\w+>", "x", pattern)
    pattern = re.sub(r"<(?:\w+:)?\w+>", "1", pattern)
    for regex, plain in (("^", ""), ("$", ""), ("\\Z", ""), ("\\.", "."), ("/?", "/")):
        pattern = pattern.replace(regex, plain)
    return pattern


ROUTES = sorted(set(walk()))
ADMIN = [(name, path) for name, path in ROUTES if path.startswith("/admin/")]


def refused_anonymous(response, path):
    if path.startswith("/api/"):
        return response.status_code in (401, 403)
    if response.status_code in (302, 301):
        location = response["Location"]
        return location.startswith(reverse("accounts:login")) or location.startswith("/admin/login/")
    return response.status_code in (401, 403, 404, 405)


def refused_half_signed_in(response, path):
    if path.startswith("/api/"):
        return response.status_code == 403
    if response.status_code == 302:
        location = response["Location"]
        return location.startswith(reverse("accounts:two_factor")) or location.startswith(reverse("accounts:login"))
    return response.status_code in (403, 404, 405)


def test_the_walk_finds_the_portal_its_api_and_the_admin():
    names = {name for name, _ in ROUTES}
    assert {"accounts:home", "settings:audit", "accounts:tokens", "api-root"} <= names or len(ROUTES) > 100
    assert len(ADMIN) > 20


def test_every_route_refuses_an_anonymous_visitor(client, db):
    wrong = []
    for name, path in ROUTES:
        if name in OPEN_TO_ANONYMOUS:
            continue
        for method in (client.get, client.post):
            response = method(path)
            if not refused_anonymous(response, path):
                wrong.append(f"{method.__name__.upper()} {name} {path} answered {response.status_code}")
    assert wrong == []


def test_every_route_refuses_a_person_who_has_not_given_the_second_factor(client, cast):
    cast.alice.is_staff = cast.alice.is_superuser = True
    cast.alice.save()
    password_only_login(client, cast.alice)
    wrong = []
    for name, path in ROUTES:
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        for method in (client.get, client.post):
            response = method(path)
            if not refused_half_signed_in(response, path):
                wrong.append(f"{method.__name__.upper()} {name} {path} answered {response.status_code}")
    assert wrong == []
    # And with the second factor the same person gets in.
    client.force_login(cast.alice)
    assert client.get(reverse("settings:audit")).status_code == 200
    assert client.get("/admin/").status_code == 200
