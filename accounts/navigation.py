"""The service navigation: one entry per area of the portal, in order."""

from django.urls import reverse

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
    entries = (TODO_NAVIGATION if starts_at_todo(membership) else []) + NAVIGATION
    entries += ADMIN_NAVIGATION if can_administer(membership) else []
    items = [{"label": label, "url": reverse(name), "prefix": prefix} for label, name, prefix in entries]
    # The home page is To do for leads and sponsors, the dashboard for everyone else.
    home = reverse("accounts:todo" if starts_at_todo(membership) else "accounts:dashboard")
    path = home if request.path == reverse("accounts:home") else request.path
    matches = [item for item in items if (item["prefix"] and path.startswith(item["prefix"])) or path == item["url"]]
    current = max(matches, key=lambda item: len(item["prefix"] or item["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items
