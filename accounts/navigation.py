"""The service navigation: one entry per area of the portal, in order."""

from django.urls import reverse

from accounts.access import can_administer
from accounts.middleware import current_membership

# (label, URL name, the path prefix that marks the entry as current)
NAVIGATION = [
    ("Dashboard", "accounts:home", None),
    ("Priorities", "priorities:list", "/priorities/"),
    ("Actions", "actions:list", "/actions/"),
    ("My actions", "actions:mine", "/actions/mine/"),
    ("Outcomes", "outcomes:scorecard", "/outcomes/"),
    ("Audits", "audits:list", "/audits/"),
    ("Reports", "reports:archive", "/reports/"),
]
# Only for those who may administer the partnership.
ADMIN_NAVIGATION = [("Settings", "settings:hub", "/settings/")]


def navigation_for(request):
    """The entries with the one that best matches the current path marked active."""
    entries = NAVIGATION + (ADMIN_NAVIGATION if can_administer(current_membership(request)) else [])
    items = [{"label": label, "url": reverse(name), "prefix": prefix} for label, name, prefix in entries]
    matches = [
        item
        for item in items
        if (item["prefix"] and request.path.startswith(item["prefix"])) or request.path == item["url"]
    ]
    current = max(matches, key=lambda item: len(item["prefix"] or item["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items
