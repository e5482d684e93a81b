"""``{% getting_started %}``: a new partnership's next steps, for any page that would otherwise be empty.

Pages of the lower apps (the dashboard, the scorecard, the audits) show it without importing the help
app: the template finds the tag by name, as the URL conf finds the apps.
"""

from django import template

from accounts import access
from help.getting_started import getting_started, is_set_up
from help.selectors import business_managers

register = template.Library()


@register.inclusion_tag("help/includes/getting_started.html", takes_context=True)
def getting_started_steps(context, editors_only=False):
    """The steps, unless the partnership is set up (or ``editors_only`` and the member cannot act on them)."""
    membership = context.get("membership") or context.get("current_membership")
    if membership is None or (editors_only and not access.can_manage_plan(membership)):
        return {"steps": []}
    steps = getting_started(membership)
    return {
        "steps": steps,
        "set_up": is_set_up(steps),
        "partnership": membership.partnership,
        "may_act": any(step.url for step in steps),
        "business_managers": [] if any(step.url for step in steps) else business_managers(membership.partnership),
    }
