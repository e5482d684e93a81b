"""*What changed* since a date (``/changes/``), its spreadsheet, and the steering group's meeting dates in the
settings (``/settings/meetings/``).

Every member of the partnership reads *What changed* (``access.can_view``, as the dashboard); the meeting dates
are the business manager's (``access.can_administer``). Only the current partnership's records are read.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from accounts.settings_views import SettingsMixin
from changes import exports, selectors, services
from changes.forms import ChangesSinceForm, MeetingForm
from changes.models import SteeringGroupMeeting
from spreadsheets.xlsx import xlsx_response

DEFAULT_DAYS = 30  # how far back the page looks when the partnership has no meeting recorded


class ChangesMixin(PartnershipMixin):
    permission_rule = staticmethod(access.can_view)

    def read_since(self):
        """The date asked for (or the default) and the form; the date is None when the form refuses it."""
        self.today = timezone.localdate()
        self.meeting = selectors.last_meeting(self.partnership, self.today)
        query = self.request.GET
        if not any(name in query for name in ("since", "since_0", "since_1", "since_2")):
            since = self.meeting.date if self.meeting else self.today - datetime.timedelta(days=DEFAULT_DAYS)
            self.form = ChangesSinceForm({"since": since.isoformat()}, today=self.today, partnership=self.partnership)
        else:
            self.form = ChangesSinceForm(query, today=self.today, partnership=self.partnership)
        return self.form.cleaned_data["since"] if self.form.is_valid() else None


class ChangesView(ChangesMixin, TemplateView):
    """Everything that changed since a date, grouped by priority, each linked to what changed."""

    template_name = "changes/changes.html"

    def get(self, request, *args, **kwargs):
        since = self.read_since()
        reads_published = access.sees_published_figures(self.membership)
        changes = selectors.changes_since(self.partnership, since, published=reads_published) if since else None
        context = self.get_context_data(since=since, changes=changes)
        # A date refused: the form with its message and nothing else, as a bad request.
        return self.render_to_response(context, status=200 if since else 400)

    def get_context_data(self, **kwargs):
        since = kwargs.get("since")
        meeting = self.meeting
        return super().get_context_data(
            page_title=f"What changed since {since:%-d %B %Y}" if since else "What changed",
            form=self.form,
            meeting=meeting,
            meeting_url=f"{reverse('changes:list')}?{urlencode({'since': meeting.date.isoformat()})}"
            if meeting
            else None,
            since_meeting=bool(meeting and since == meeting.date),
            export_url=f"{reverse('changes:export')}?{urlencode({'since': since.isoformat()})}" if since else None,
            default_days=DEFAULT_DAYS,
            can_set_meetings=access.can_administer(self.membership),
            **kwargs,
        )


class ChangesExportView(ChangesMixin, TemplateView):
    """The same changes as an .xlsx workbook with its About sheet; a refused date answers as the page does."""

    template_name = "changes/changes.html"

    def get(self, request, *args, **kwargs):
        since = self.read_since()
        if since is None:
            context = self.get_context_data(page_title="What changed", form=self.form, since=None, changes=None)
            return self.render_to_response(context, status=400)
        now = timezone.now()
        # A file leaves the portal: values with small numbers as published, whoever downloads it (decision 48).
        changes = selectors.changes_since(self.partnership, since, limit=selectors.EXPORT_LIMIT, published=True)
        about = exports.changes_about(changes, self.meeting, self.partnership, request.user, now)
        name = f"{self.partnership.slug}-changes-since-{since:%Y-%m-%d}.xlsx"
        return xlsx_response(name, [exports.changes_sheet(changes, request.build_absolute_uri("/"))], about)


class MeetingSettingsView(SettingsMixin, FormView):
    """The steering group's meeting dates: add one, or remove one."""

    template_name = "changes/meetings.html"
    form_class = MeetingForm
    crumb = "Steering-group meetings"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Steering-group meetings",
            meetings=list(SteeringGroupMeeting.objects.of_partnership(self.partnership).select_related("created_by")),
            today=timezone.localdate(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "remove" not in request.POST:
            return super().post(request, *args, **kwargs)
        meeting = get_object_or_404(
            SteeringGroupMeeting.objects.filter(partnership=self.partnership), pk=_whole_number(request.POST["remove"])
        )
        services.meeting_remove(self.membership, meeting)
        messages.success(request, f"The meeting of {meeting.date:%-d %B %Y} has been removed.")
        return redirect("settings:meetings")

    def form_valid(self, form):
        try:
            meeting = services.meeting_add(self.membership, form.cleaned_data["date"])
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else "date", message)
            return self.form_invalid(form)
        messages.success(self.request, f"The meeting of {meeting.date:%-d %B %Y} has been added.")
        return redirect("settings:meetings")


def _whole_number(text) -> int:
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else 0
