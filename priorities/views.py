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


class ActionTableMixin(PartnershipMixin):
    """A table of actions, filtered, sorted by due date and paginated.

    Subclasses give ``base_actions()`` (already scoped to the partnership)
    and ``filter_priorities()`` (None: no priority filter).
    """

    context_object_name = "actions"
    paginate_by = 25

    def base_actions(self):
        raise NotImplementedError

    def filter_priorities(self):
        return None

    def get_queryset(self):
        actions = self.base_actions().select_related("lead_agency", "lead", "priority")
        self.filterset = ActionFilter(
            self.request.GET or None,
            queryset=actions,
            partnership=self.partnership,
            priorities=self.filter_priorities(),
        )
        queryset = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else actions
        return sort_actions(queryset, self.request.GET.get("sort"))

    def get_context_data(self, **kwargs):
        sort = self.request.GET.get("sort")
        sort_query = self.request.GET.copy()
        sort_query.pop("page", None)
        sort_query["sort"] = "-due" if sort == "due" else "due"
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset,
            sort=sort,
            sort_query=sort_query.urlencode(),
            page_query=page_query.urlencode(),
            **kwargs,
        )


class PriorityDetailView(ActionTableMixin, ListView):
    """A priority and its actions."""

    template_name = "priorities/priority_detail.html"

    def base_actions(self):
        self.priority = selectors.priority_for(self.partnership, self.kwargs["pk"])
        return Action.objects.filter(priority=self.priority)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            priority=self.priority,
            table_caption=f"Actions of priority {self.priority.number}",
            breadcrumbs=[("Priorities", reverse("priorities:list"))],
            can_add_action=access.can_manage_plan(self.membership),
            **kwargs,
        )
