"""Load the demo partnerships described in ``demo.content`` into the database.

Every record is found by its natural key and changed only when the content differs, so running the
loader again writes nothing: no duplicate rows and no new history records.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Agency, DemoDevice, Membership, Partnership, Role, User
from actions.models import Action, ProgressUpdate, Status
from audits.models import Audit, Finding, Recommendation
from changes.models import SteeringGroupMeeting
from demo.content import PARTNERSHIPS
from demo.reports import demo_reports
from neglect_portal.periods import Period
from outcomes.comparator_services import comparator_read
from outcomes.models import ComparatorValue, CurvePlan, Indicator, Measurement
from priorities.models import Principle, Priority, Strategy
from reports.models import DistributionList, Recipient

DEMO_PASSWORD = "neglect-demo-2026"
SIGN_IN_ROLES = (Role.ADMIN, Role.STEERING, Role.SPONSOR, Role.LEAD, Role.BOARD)
# Invented steering-group meeting dates, the same for every demo partnership and marked illustrative: What changed
# offers the changes since the last of them.
MEETING_DATES = (
    datetime.date(2026, 6, 16),
    datetime.date(2026, 9, 15),
    datetime.date(2026, 10, 20),
    datetime.date(2026, 12, 15),
    datetime.date(2027, 1, 19),
)


def demo_load(stdout=None, only=None) -> dict:
    """Create or refresh every demo partnership (or those whose slug is in ``only``); return how many
    records of each model it holds."""
    counts = Counter()
    with transaction.atomic():
        for content in PARTNERSHIPS:
            if only is not None and content["slug"] not in only:
                continue
            _PartnershipLoader(content, counts).load()
            if stdout is not None:
                stdout.write(f"Loaded {content['name']}\n")
    return dict(sorted(counts.items()))


def sign_in_url() -> str:
    """Where to sign in: the portal's public address (``SITE_URL``, which ``make run`` sets from ``PORT``)."""
    return settings.SITE_URL + reverse("accounts:login")


def demo_sign_in_table() -> list[tuple[str, dict[str, str]]]:
    """For each demo partnership, the e-mail of its first person in each role, to sign in as."""
    rows = []
    for content in PARTNERSHIPS:
        emails = {}
        for person in content["people"]:
            emails.setdefault(person["role"], person["email"].lower())
        rows.append((content["name"], {role: emails.get(role, "") for role in SIGN_IN_ROLES}))
    return rows


def _upsert(model, counts, defaults=None, recorded_on=None, **lookup):
    """get_or_create, then save only the fields that differ, so an unchanged row is never written.

    A record created is dated ``recorded_on`` in its history (when the story has it entered), not the moment of
    the load, so *What changed* on the demo shows the story's changes rather than everything as added today.
    """
    defaults = defaults or {}
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if not created:
        _save_changes(obj, defaults)
    elif recorded_on is not None:
        _date_creation(obj, recorded_on)
    counts[model.__name__] += 1
    return obj


def _date_creation(obj, day):
    when = min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))), timezone.now())
    type(obj).history.filter(id=obj.pk, history_type="+").update(history_date=when)


def _save_changes(obj, fields):
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save()


class _PartnershipLoader:
    """Loads one content module; holds the key → record maps its sections refer to each other by."""

    def __init__(self, content, counts):
        self.content = content
        self.counts = counts
        self.agencies = {}
        self.people = {}
        self.actions = {}

    def load(self):
        self.partnership = self._partnership()
        for agency in self.content["agencies"]:
            self.agencies[agency["key"]] = _upsert(
                Agency, self.counts, {"sector": agency["sector"]}, partnership=self.partnership, name=agency["name"]
            )
        for person in self.content["people"]:
            self.people[person["key"]] = self._person(person)
        self.strategy = self._strategy(self.content["strategy"])
        for priority in self.content["priorities"]:
            self._priority(priority)
        for indicator in self.content["indicators"]:
            self._indicator(indicator)
        for plan in self.content.get("curve_plans", []):
            self._curve_plan(plan)
        for comparator in self.content.get("comparators", []):
            self._comparator(comparator)
        for audit in self.content["audits"]:
            self._audit(audit)
        self._board_list()
        for day in MEETING_DATES:
            fields = {"is_illustrative": True}
            _upsert(SteeringGroupMeeting, self.counts, fields, partnership=self.partnership, date=day)
        self.counts["QuarterlyReport"] += len(demo_reports(self.partnership, self.strategy))

    def _partnership(self):
        fields = {name: self.content[name] for name in ("name", "steering_group_name", "board_name")}
        return _upsert(Partnership, self.counts, fields, slug=self.content["slug"])

    # --- people -----------------------------------------------------------
    def _person(self, person):
        user = self._user(person)
        _upsert(
            Membership,
            self.counts,
            {"role": person["role"], "agency": self.agencies[person["agency"]]},
            user=user,
            partnership=self.partnership,
        )
        return user

    def _user(self, person):
        email = person["email"].lower()
        fields = {"first_name": person["first_name"], "last_name": person["last_name"]}
        fields |= {"job_title": person["job_title"], "is_active": True}
        user = User.objects.filter(email=email).first()
        if user is None:
            # The demo password is set only on creation: a password changed since is left alone.
            user = User(email=email, **fields)
            user.set_password(DEMO_PASSWORD)
            user.save()
        else:
            _save_changes(user, fields)
        if settings.DEMO_SECOND_FACTOR:
            # The second step of signing in accepts 123456 for demo people, on the local demo only.
            DemoDevice.objects.get_or_create(user=user, defaults={"name": "Demo code", "confirmed": True})
        self.counts["User"] += 1
        return user

    # --- strategy, priorities and actions ------------------------------------
    def _strategy(self, content):
        fields = {"start_date": content["start"], "end_date": content["end"]}
        fields |= {"vision": content["vision"], "status": content["status"]}
        strategy = _upsert(Strategy, self.counts, fields, partnership=self.partnership, title=content["title"])
        for position, principle in enumerate(content["principles"], start=1):
            fields = {"title": principle["title"], "description": principle["description"]}
            _upsert(Principle, self.counts, fields, strategy=strategy, position=position)
        return strategy

    def _priority(self, content):
        fields = {"title": content["title"], "description": content["description"]}
        fields |= {"sponsor_agency": self.agencies[content["sponsor_agency"]]}
        fields |= {"sponsor_lead": self.people.get(content["sponsor_lead"])}
        priority = _upsert(Priority, self.counts, fields, strategy=self.strategy, number=content["number"])
        for action in content["actions"]:
            self.actions[action["reference"]] = self._action(priority, action)

    def _action(self, priority, content):
        fields = {name: content[name] for name in ("title", "description", "success_measure", "status")}
        fields |= {"lead_agency": self.agencies[content["lead_agency"]], "lead": self.people.get(content["lead"])}
        fields |= {"start_date": content["start"], "due_date": content["due"]}
        fields["completed_on"] = _completed_on(content)
        action = _upsert(
            Action, self.counts, fields, recorded_on=content["start"], priority=priority, reference=content["reference"]
        )
        previous = ""
        for update in sorted(content["updates"], key=lambda update: update["date"]):
            self._progress_update(action, update, previous)
            previous = update["status"]
        return action

    def _progress_update(self, action, content, previous_status=""):
        # Progress updates are append-only: add a missing one, never change one already recorded.
        existing = ProgressUpdate.objects.filter(
            action=action, update_date=content["date"], narrative=content["narrative"]
        )
        if not existing.exists():
            ProgressUpdate.objects.create(
                action=action,
                author=self.people[content["author"]],
                update_date=content["date"],
                status=content["status"],
                previous_status=previous_status,
                narrative=content["narrative"],
            )
        self.counts["ProgressUpdate"] += 1

    # --- outcomes -----------------------------------------------------------
    def _indicator(self, content):
        names = ("name", "definition", "unit", "polarity", "frequency", "is_context")
        fields = {name: content[name] for name in names}
        fields |= {name: content[name] for name in ("baseline", "target", "amber_tolerance")}
        fields |= {"rba_category": content["rba"], "source_agency": self.agencies.get(content["source_agency"])}
        fields["priority"] = self.strategy.priorities.filter(number=content["priority"]).first()
        # The library definition the measure matches (decision 45): a link only, the seed's own wording kept.
        fields["library_code"] = content.get("library", "")
        indicator = _upsert(Indicator, self.counts, fields, partnership=self.partnership, code=content["code"])
        for measurement in content["measurements"]:
            fields = {name: measurement.get(name) for name in ("value", "numerator", "denominator")}
            fields |= {"note": measurement.get("note", ""), "is_illustrative": measurement["illustrative"]}
            # Stored labels are canonical, so look the period up by its canonical label.
            period = Period.parse(measurement["period"])
            # Entered two weeks after its period ended: inside the collection deadline (decision 46),
            # which is the day the quarter's report is due.
            entered = period.end + datetime.timedelta(days=14)
            _upsert(Measurement, self.counts, fields, recorded_on=entered, indicator=indicator, period=period.label)

    def _curve_plan(self, content):
        """A turn-the-curve plan written for the demonstration: always marked illustrative."""
        indicator = Indicator.objects.get(partnership=self.partnership, code=content["indicator"])
        fields = {name: content[name] for name in ("story", "other_partners", "what_works", "evidence_links")}
        fields |= {"in_board_report": content["in_board_report"], "is_illustrative": True}
        plan = _upsert(CurvePlan, self.counts, fields, indicator=indicator)
        # Only touch the links when they differ, so the plan's history does not grow on a re-run.
        agencies = {self.agencies[key] for key in content["partner_agencies"]}
        if set(plan.partner_agencies.all()) != agencies:
            plan.partner_agencies.set(agencies)
        actions = {self.actions[reference] for reference in content["actions"]}
        if set(plan.actions.all()) != actions:
            plan.actions.set(actions)

    def _comparator(self, content):
        """A comparator figure invented for the demonstration: always marked illustrative."""
        indicator = Indicator.objects.get(partnership=self.partnership, code=content["indicator"])
        kind, name = comparator_read(content["comparator"])
        source = "Illustrative figure for the demonstration, not a published statistic"
        fields = {"value": content["value"], "source": source, "published": content["published"]}
        fields["is_illustrative"] = True
        period = Period.parse(content["period"]).label
        _upsert(ComparatorValue, self.counts, fields, indicator=indicator, kind=kind, name=name, period=period)

    # --- audits -------------------------------------------------------------
    def _audit(self, content):
        fields = {"kind": content["kind"], "completed_on": content["date"], "scope": content["scope"]}
        fields |= {"summary": content.get("summary", ""), "case_count": content["cases"] or None}
        grades = content["grades"] or {}
        fields |= {f"grade_{grade}": grades.get(grade) for grade in _GRADES}
        audit = _upsert(Audit, self.counts, fields, partnership=self.partnership, title=content["title"])
        for finding in content["findings"]:
            _upsert(Finding, self.counts, {"kind": finding["kind"]}, audit=audit, text=finding["text"])
        for recommendation in content["recommendations"]:
            self._recommendation(audit, recommendation)

    def _recommendation(self, audit, content):
        fields = {"text": content["text"], "status": content["status"], "due_date": content["due"]}
        fields["owner_agency"] = self.agencies.get(content["owner_agency"])
        reference = content["reference"]
        recommendation = _upsert(
            Recommendation, self.counts, fields, recorded_on=audit.completed_on, audit=audit, reference=reference
        )
        actions = {self.actions[reference] for reference in content["actions"]}
        # Only touch the M2M when it differs, so its history does not grow on a re-run.
        if set(recommendation.actions.all()) != actions:
            recommendation.actions.set(actions)

    # --- board distribution list ----------------------------------------------
    def _board_list(self):
        board_list = _upsert(
            DistributionList,
            self.counts,
            {"name": self.content["board_name"]},
            partnership=self.partnership,
            kind=DistributionList.Kind.BOARD,
        )
        for person in self.content["people"]:
            if person["role"] == Role.BOARD:
                user = self.people[person["key"]]
                fields = {"name": user.get_full_name(), "user": user}
                _upsert(Recipient, self.counts, fields, distribution_list=board_list, email=user.email)
        for recipient in self.content["board_recipients"]:
            fields = {"name": recipient["name"]}
            _upsert(Recipient, self.counts, fields, distribution_list=board_list, email=recipient["email"].lower())


_GRADES = ("outstanding", "good", "requires_improvement", "inadequate")


def _completed_on(content):
    """A completed action is complete on its last 'completed' update, or else on its due date."""
    if content["status"] != Status.COMPLETED:
        return None
    dates = [update["date"] for update in content["updates"] if update["status"] == Status.COMPLETED]
    return max(dates, default=content["due"])
