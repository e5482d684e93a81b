"""The service navigation: one entry per area of the portal, in order."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from accounts.access import can_administer, starts_at_todo
from accounts.middleware import current_membership

# (label, URL name, the path prefix that marks the entry as current)
NAVIGATION = [
    ("Dashboard", "accounts:dashboard", "/dashboard/"),
    ("Priorities", "priorities:list", "/priorities/"),
    ("Actions", "actions:list", "/actions/"),
    ("My actions", "actions:mine", "/actions/mine/"),
    ("Outcomes", "outcomes:scorecard", "/outcomes/"),
    ("Audits", "audits:list", "/audits/"),
    ("Reports", "reports:archive", "/reports/"),
    ("What changed", "changes:list", "/changes/"),
]
# First, for action leads and sponsors: their home page.
TODO_NAVIGATION = [("To do", "accounts:todo", "/todo/")]
# Only for those who may administer the partnership.
ADMIN_NAVIGATION = [("Settings", "settings:hub", "/settings/")]


def navigation_for(request):
    """The entries with the one that best matches the current path marked active."""
    membership = current_membership(request)
    todo = starts_at_todo(membership)
    urlconf = get_urlconf(settings.ROOT_URLCONF)
    entries, home, home_path = _entries(todo, can_administer(membership), get_script_prefix(), urlconf)
    items = [{"label": label, "url": url, "prefix": prefix} for label, url, prefix in entries]
    path = home if request.path == home_path else request.path
    matches = [item for item in items if (item["prefix"] and path.startswith(item["prefix"])) or path == item["url"]]
    current = max(matches, key=lambda item: len(item["prefix"] or item["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items


@functools.lru_cache(maxsize=64)
def _entries(todo, admin, script_prefix, urlconf):
    """The entries' (label, URL, prefix), the home page's URL (To do for leads and sponsors, the dashboard for
    everyone else) and the home address's path: the same for every request of a kind of member, so the routes
    are reversed once a process, not on every page."""
    entries = (TODO_NAVIGATION if todo else []) + NAVIGATION + (ADMIN_NAVIGATION if admin else [])
    links = tuple((label, reverse(name, urlconf), prefix) for label, name, prefix in entries)
    home = reverse("accounts:todo" if todo else "accounts:dashboard", urlconf)
    return links, home, reverse("accounts:home", urlconf)
