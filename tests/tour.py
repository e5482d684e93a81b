"""The pages of the README's tour, as the Walsall demo partnership's steering-group chair sees them.

The phone tests (tests/browser/test_phones.py) visit every stop at phone widths and check the
HTML each one is served; the README's pictures show the same pages.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from accounts.models import Partnership, Role
from actions.models import Action
from audits.models import Audit
from demo.services import demo_sign_in_table
from outcomes.models import Indicator
from priorities.models import Strategy
from reports.models import QuarterlyReport

TOUR_PARTNERSHIP = "walsall"
TOUR_ROLE = Role.STEERING


@dataclass(frozen=True)
class Stop:
    name: str  # as the README's picture of it, docs/screenshots/<name>.png
    path: str
    submit: str = ""  # a button to press with the form as it comes: the page that answers has errors
    signed_in: bool = True


def tour_people(slug=TOUR_PARTNERSHIP) -> dict[str, str]:
    """Each role's demo sign-in e-mail in the tour's partnership, by role name."""
    partnership = Partnership.objects.get(slug=slug)
    return next(emails for name, emails in demo_sign_in_table() if name == partnership.name)


def tour_stops(slug=TOUR_PARTNERSHIP) -> list[Stop]:
    """The tour in the README's order; the objects are those with the most to show."""
    partnership = Partnership.objects.get(slug=slug)
    strategy = Strategy.objects.active_for(partnership)
    actions = Action.objects.current().filter(priority__strategy=strategy)
    action = actions.annotate(n=Count("updates")).order_by("-n", "pk").first()
    indicator = (
        Indicator.objects.filter(partnership=partnership, is_active=True)
        .annotate(n=Count("measurements"))
        .order_by("-n", "pk")
        .first()
    )
    audit = (
        Audit.objects.filter(partnership=partnership)
        .annotate(n=Count("recommendations", filter=Q(recommendations__withdrawn_at__isnull=True)))
        .order_by("-n", "pk")
        .first()
    )
    report = QuarterlyReport.objects.filter(strategy=strategy).exclude(status="draft").order_by("-pk").first()
    return [
        Stop("sign-in", "/sign-in/", signed_in=False),
        Stop("dashboard", "/"),
        Stop("priority", f"/priorities/{action.priority_id}/"),
        Stop("action-plan", "/actions/"),
        Stop("action", f"/actions/{action.pk}/"),
        Stop("form-with-errors", f"/actions/{action.pk}/updates/new/", submit="Add the update"),
        Stop("scorecard", "/outcomes/"),
        Stop("indicator", f"/outcomes/indicators/{indicator.pk}/"),
        Stop("quarter-entry", "/outcomes/enter/"),
        Stop("audit", f"/audits/{audit.pk}/"),
        Stop("tracker", "/audits/tracker/"),
        Stop("report", f"/reports/{report.pk}/"),
        Stop("report-archive", "/reports/"),
        Stop("reminders", "/reports/reminders/"),
        Stop("what-changed", "/changes/"),
        Stop("import-export", "/spreadsheets/"),
        Stop("search", "/search/?q=neglect+training"),
    ]
