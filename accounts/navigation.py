"""The service navigation: one entry per area of the portal, in order."""

from django.urls import reverse

# (label, URL name, the path prefix that marks the entry as current)
NAVIGATION = [
    ("Dashboard", "accounts:home", None),
    ("Priorities", "priorities:list", "/priorities/"),
    ("My actions", "actions:mine", "/actions/mine/"),
]


def navigation_for(request):
    items = []
    for label, url_name, prefix in NAVIGATION:
        url = reverse(url_name)
        active = request.path.startswith(prefix) if prefix else request.path == url
        items.append({"label": label, "url": url, "active": active})
    return items
