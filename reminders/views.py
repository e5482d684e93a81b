"""The record of update reminders and escalations, for the business manager and steering group."""

from django.utils import timezone
from django.views.generic import ListView, View

from accounts import access
from accounts.mixins import PartnershipMixin
from actions.views import DashboardView
from reminders import selectors
from reminders.forms import ReminderFilterForm


class ReminderListView(PartnershipMixin, ListView):
    """Who was reminded or escalated to, for which quarter, and whether the e-mail went."""

    template_name = "reminders/reminder_list.html"
    permission_rule = access.can_view_reminders
    context_object_name = "reminders"
    paginate_by = 25

    def get_queryset(self):
        self.today = timezone.localdate()
        periods = selectors.reminder_periods(self.membership, self.today)
        self.form = ReminderFilterForm(self.request.GET or None, periods=periods)
        filters = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        filters = {name: filters[name] for name in ("period", "kind", "status") if filters.get(name)}
        self.filtered = bool(filters)
        return selectors.reminder_records(self.membership, **filters)

    def get_context_data(self, **kwargs):
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        return super().get_context_data(
            page_title="Reminders and escalations",
            form=self.form,
            filtered=self.filtered,
            counts=selectors.reminder_status_counts(self.object_list),
            schedule=selectors.reminder_schedule(self.partnership, self.today),
            page_query=page_query.urlencode(),
            **kwargs,
        )


class TodoView(PartnershipMixin, ListView):
    """To do: the actions a lead or sponsor has to do something about now, and values to submit; the completed
    and closed ones on the *Done* tab (``?tab=done``). Each line has one link to do it."""

    template_name = "reminders/todo.html"
    permission_rule = access.can_view
    context_object_name = "actions"
    paginate_by = 25

    def get_queryset(self):
        self.today = timezone.localdate()
        self.tab = "done" if self.request.GET.get("tab") == "done" else "todo"
        if self.tab == "done":
            return selectors.done_actions(self.membership)
        return selectors.todo_actions(self.membership, self.today)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="To do",
            tab=self.tab,
            today=self.today,
            values_due=selectors.values_due(self.membership, self.today) if self.tab == "todo" else None,
            page_query="tab=done" if self.tab == "done" else "",
            **kwargs,
        )


class HomeView(PartnershipMixin, View):
    """The home page: *To do* for action leads and sponsors, the dashboard for everyone else (one click away
    for them too, at ``accounts:dashboard``)."""

    def get(self, request, *args, **kwargs):
        view = TodoView if access.starts_at_todo(self.membership) else DashboardView
        return view.as_view()(request, *args, **kwargs)
