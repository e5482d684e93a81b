from django.urls import reverse
from django.views.generic import ListView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from actions.models import Action
from priorities import selectors
from priorities.filters import ActionFilter, sort_actions


class PriorityListView(PartnershipMixin, TemplateView):
    template_name = "priorities/priority_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(priorities=selectors.priorities_for(self.partnership), **kwargs)


class PriorityDetailView(PartnershipMixin, ListView):
    """A priority and its actions, filtered, sorted by due date and paginated."""

    template_name = "priorities/priority_detail.html"
    context_object_name = "actions"
    paginate_by = 25

    def get_queryset(self):
        self.priority = selectors.priority_for(self.partnership, self.kwargs["pk"])
        actions = Action.objects.filter(priority=self.priority).select_related("lead_agency", "lead")
        self.filterset = ActionFilter(self.request.GET or None, queryset=actions, partnership=self.partnership)
        queryset = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else actions
        return sort_actions(queryset, self.request.GET.get("sort"))

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        sort = self.request.GET.get("sort")
        query["sort"] = "-due" if sort == "due" else "due"
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        return super().get_context_data(
            priority=self.priority,
            breadcrumbs=[("Priorities", reverse("priorities:list"))],
            filter=self.filterset,
            sort=sort,
            sort_query=query.urlencode(),
            page_query=page_query.urlencode(),
            can_add_action=access.can_manage_plan(self.membership),
            **kwargs,
        )
