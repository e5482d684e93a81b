"""The pages of the action plan: the dashboard, action tables, an action, and the forms that change it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import FormView, ListView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from actions import exports, selectors, services
from actions.filters import SORTS, ActionTableFilter, sort_actions
from actions.forms import ActionForm, CommentForm, NoChangeForm, ProgressUpdateForm
from actions.models import Status
from neglect_portal import fragments
from neglect_portal.links import attach_links, pk_links
from neglect_portal.pagination import KeptCountPaginator
from neglect_portal.periods import Period
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, WithdrawView, add_service_errors
from neglect_portal.withdrawal import refuse_if_withdrawn
from outbound import selectors as outbound_selectors
from priorities import selectors as priority_selectors
from priorities.models import refuse_if_archived
from priorities.selectors import quarters_in_view
from spreadsheets.xlsx import xlsx_response

COMMENTS_PER_PAGE = 50


class DashboardView(PartnershipMixin, TemplateView):
    """The home page: the active strategy's priorities with their BRAG bars, and the latest updates."""

    template_name = "actions/dashboard.html"
    # The plan and the updates are drawn once for every reader of the partnership until its data changes (decision
    # 49): the same for every role, since nothing in them is a figure that small-number suppression changes.

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["plan"] = fragments.fragment(
            "actions.dashboard",
            self.partnership.pk,
            today,
            (),
            lambda: dashboard_fragment(self.partnership, today),
        )
        if access.can_administer(self.membership):
            context["failed_emails"] = outbound_selectors.recent_failures(self.partnership.pk)
        return context


def dashboard_fragment(partnership, today) -> dict:
    """The parts of the dashboard that are the same for everyone in the partnership, drawn without a request."""
    dashboard = selectors.dashboard(partnership, today)
    context = {
        "dashboard": dashboard,
        "quarters": quarters_in_view(dashboard.strategy, today, partnership),
        "today": today,
    }
    return {
        "has_strategy": dashboard.strategy is not None,
        "plan": render_to_string("actions/includes/dashboard_plan.html", context),
        "updates": render_to_string("actions/includes/dashboard_updates.html", context),
    }


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
        actions = self.base_actions()
        self.filterset = ActionTableFilter(
            self.request.GET or None,
            queryset=actions,
            partnership=self.partnership,
            priorities=self.filter_priorities(),
            membership=self.membership,
        )
        queryset = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else actions
        return sort_actions(selectors.with_latest_update(queryset), self.request.GET.get("sort"))

    def get_context_data(self, **kwargs):
        sort = self.request.GET.get("sort")
        sort_query = self.request.GET.copy()
        sort_query.pop("page", None)
        sort_query["sort"] = "-due" if sort == "due" else "due"
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        context = super().get_context_data(
            filter=self.filterset,
            sort=sort,
            sort_query=sort_query.urlencode(),
            page_query=page_query.urlencode(),
            **kwargs,
        )
        # The page's rows (evaluated here, once: the template iterates the same list) with their links.
        attach_links(context["actions"], "detail_url", "actions:detail")
        attach_links(context["actions"], "priority_url", "priorities:detail", pk_attribute="priority_id")
        return context


# The parameters an action table's own form and links write, and the values they write: a query holding anything
# else (typed by hand) is drawn for the person who asked and not kept, so odd queries cannot fill the cache.
TABLE_QUERY = {
    "status": {"", *Status.values},
    "lead_agency": None,  # an agency's id, checked by the filters
    "overdue": {"on", "true"},
    "no_update": {"on", "true"},
    "no_due_date": {"on", "true"},
    "sort": set(SORTS),
    "filter": {"Filter actions"},
    "page": None,  # a page number, checked by the pagination
}


def table_query_kept(query) -> bool:
    """Whether a drawing of an action table for ``query`` (a ``QueryDict``) may be kept."""
    for name, values in query.lists():
        if name not in TABLE_QUERY or len(values) != 1:
            return False
        allowed, value = TABLE_QUERY[name], values[0]
        if allowed is None and not (value == "" or (value.isascii() and value.isdigit() and value == str(int(value)))):
            return False
        if allowed is not None and value not in allowed:
            return False
    return True


class PriorityActionListView(ActionTableMixin, ListView):
    """A priority and its actions (the page at ``priorities:detail``).

    The table (its filters, a page of rows, the pages' links and the "Add an action" button) depends on the
    priority, the query and whether the reader may add an action, on nothing else of the reader: it is drawn once
    for the partnership until its data changes (decisions 49 and 56), the page around it on every request.
    """

    template_name = "actions/priority_action_list.html"
    # What the table's template is given: nothing of the person reading or of the request but its query.
    table_context = (
        "filter",
        "actions",
        "page_obj",
        "paginator",
        "is_paginated",
        "sort",
        "sort_query",
        "page_query",
        "table_caption",
        "add_action_url",
    )

    def get(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_for(self.partnership, self.kwargs["pk"])
        can_add_action = access.can_manage_plan(self.membership) and not self.priority.strategy.is_archived
        kept_query = table_query_kept(request.GET)
        table = fragments.fragment(
            "actions.priority_table",
            self.partnership.pk,
            timezone.localdate(),
            (self.priority.pk, can_add_action, request.GET.urlencode()),
            lambda: self.draw_table(can_add_action),
            keep=lambda drawn: kept_query and drawn["kept"],
        )
        # The page's own context (the rows and their pages are in the table's drawing, not in an object_list).
        return TemplateResponse(
            request,
            self.template_name,
            {
                "view": self,
                "membership": self.membership,
                "partnership": self.partnership,
                "page_title": f"Priority {self.priority.number}: {self.priority.title}",
                "priority": self.priority,
                "breadcrumbs": [("Priorities", reverse("priorities:list"))],
                "can_add_action": can_add_action,
                "table": table["html"],
            },
        )

    def base_actions(self):
        return selectors.priority_actions(self.priority)

    def draw_table(self, can_add_action) -> dict:
        """The table as every reader who may (or may not) add an action sees it, drawn from the query alone (a
        priority's table has no "mine" filter, the one that reads the membership); kept only when its filters took
        the query, since a refused choice is drawn for the person who made it."""
        self.object_list = self.get_queryset()
        context = self.get_context_data(
            table_caption=f"Actions of priority {self.priority.number}",
            add_action_url=reverse("actions:create", args=[self.priority.pk]) if can_add_action else None,
        )
        html = render_to_string(
            "actions/includes/action_table.html", {name: context[name] for name in self.table_context}
        )
        return {"html": html, "kept": not (self.filterset.is_bound and self.filterset.form.errors)}


class ActionDetailView(PartnershipMixin, TemplateView):
    """An action's page. What the action is, its updates, the recommendations it answers and its history depend on
    the action and whether the reader may update it (each update's evidence links), on nothing else of the reader:
    they are drawn once for the partnership until its data changes (decisions 49 and 56). The buttons and the
    discussion (a comment's "Withdraw" is its author's; the comment box has the page's CSRF token) are drawn on
    every request."""

    template_name = "actions/action_detail.html"

    def get_context_data(self, **kwargs):
        action = selectors.action_heading(self.partnership, self.kwargs["pk"])
        can_update = access.can_update_action(self.membership, action)
        record = fragments.fragment(
            "actions.action_record",
            self.partnership.pk,
            timezone.localdate(),
            (action.pk, can_update),
            lambda: action_record(self.partnership, action.pk, can_update),
        )
        can_comment = access.can_comment_on_action(self.membership, action)
        form = CommentForm(action_url=reverse("actions:comment", args=[action.pk])) if can_comment else None
        return super().get_context_data(
            action=action,
            record=record,
            page_title=f"{action.reference} {action.title}",
            can_update=can_update,
            can_withdraw=access.can_withdraw_action(self.membership, action),
            comment_form=form,
            **self.comments(action),
            **kwargs,
        )

    def comments(self, action):
        """A page of the discussion, newest last: the last page unless another is asked for. Its count is kept until
        the partnership's next write (a new or withdrawn comment is one), like an API list's."""
        paginator = KeptCountPaginator(
            selectors.action_comments(action), COMMENTS_PER_PAGE, partnership_ids=(self.partnership.pk,)
        )
        page_obj = paginator.get_page(self.request.GET.get("page") or paginator.num_pages)
        comments = list(page_obj) if paginator.count else []  # with none, not even an empty query is built
        for comment in comments:
            comment.action = action  # already read with its strategy: the rule below asks no query
            comment.can_withdraw = access.can_withdraw_comment(self.membership, comment)
        return {"comments": comments, "page_obj": page_obj, "paginator": paginator}


def action_record(partnership, pk, can_update) -> dict:
    """What an action's page shows of the action, its updates, recommendations and history as everyone who may (or
    may not) update it reads them; drawn without a request."""
    page = selectors.action_page(partnership, pk)
    if can_update:  # each update's "Add an evidence file", the route reversed once
        add_evidence = pk_links("evidence:add", "update")
        for update in page.updates:
            update.add_evidence_url = add_evidence(update.pk)
    context = {"page": page, "action": page.action, "can_update": can_update}
    return {
        "record": render_to_string("actions/includes/action_record.html", context).strip(),
        "history": render_to_string("actions/includes/action_history.html", context).strip(),
    }


class ActionFormMixin(PartnershipMixin):
    """A form page about one action the member may update (403 otherwise, 404 outside the partnership)."""

    template_name = "actions/action_form.html"
    # Who may use the form, and what the others are told.
    rule = staticmethod(access.can_update_action)
    refusal = access.ACTION_REFUSAL

    def setup_action(self):
        self.action = selectors.action_for(self.partnership, self.kwargs["pk"])
        if not self.rule(self.membership, self.action):
            refuse_if_withdrawn(self.action)
            refuse_if_archived(self.action.priority.strategy)
            raise PermissionDenied(self.refusal)

    def get(self, request, *args, **kwargs):
        self.setup_action()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_action()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, page_title=self.page_title, **kwargs)

    def saved(self, message):
        messages.success(self.request, message)
        return redirect("actions:detail", pk=self.action.pk)


class ActionUpdateView(ConflictMixin, ActionFormMixin, FormView):
    form_class = ActionForm
    page_title = "Change the action"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.action, "partnership": self.partnership}

    def form_valid(self, form):
        try:
            services.action_update(
                self.membership,
                self.action,
                due_date_reason=form.cleaned_data["due_date_reason"],
                version=form.cleaned_data.get("version"),
                **form.changes(),
            )
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            self.action.refresh_from_db()
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.saved(f"{self.action.reference} has been changed.")


class ProgressUpdateAddView(ActionFormMixin, FormView):
    form_class = ProgressUpdateForm
    page_title = "Add a progress update"

    def get_form_kwargs(self):
        # An update is dated today: if today's quarter is locked (its report issued), it is a correction.
        quarter = Period.quarter_of(timezone.localdate()).label
        locked = quarter in priority_selectors.locked_periods(self.partnership, [quarter])
        return {**super().get_form_kwargs(), "action": self.action, "locked_quarter": quarter if locked else None}

    def form_valid(self, form):
        try:
            services.progress_update_add(self.membership, self.action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.saved(f"Your progress update on {self.action.reference} has been added.")


class ActionCommentView(ActionFormMixin, FormView):
    """Add a comment to an action's discussion (the form is also on the action's page, posting here)."""

    form_class = CommentForm
    page_title = "Add a comment"
    rule = staticmethod(access.can_comment_on_action)
    refusal = access.COMMENT_REFUSAL

    def form_valid(self, form):
        try:
            comment = services.comment_add(self.membership, self.action, form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your comment has been added.")
        return redirect(f"{reverse('actions:detail', args=[self.action.pk])}#comment-{comment.pk}")


class CommentWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw one's own comment, with a reason: it stays in history, marked withdrawn."""

    noun = "comment"
    template_name = "actions/comment_withdraw.html"

    def load(self):
        self.comment = selectors.comment_for(self.partnership, self.kwargs["pk"])
        if not access.can_withdraw_comment(self.membership, self.comment):
            refuse_if_withdrawn(self.comment)
            raise PermissionDenied(access.WITHDRAW_COMMENT_REFUSAL)

    def describe(self):
        action = self.comment.action
        return f"{action.reference} {action.title}", self.comment.text

    def withdraw(self, reason):
        services.comment_withdraw(self.membership, self.comment, reason)

    def done_url(self):
        return f"{reverse('actions:detail', args=[self.comment.action_id])}#comments"


class NoChangeView(PartnershipMixin, TemplateView):
    """Check and confirm "no change this quarter" for the actions ticked on *To do* or *My actions*: each gets
    its own progress update, or, if any may not be updated by this person, none does and the page says which."""

    template_name = "actions/no_change.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.check(NoChangeForm(request.GET)))

    def post(self, request, *args, **kwargs):
        context = self.check(NoChangeForm(request.POST))
        if context["refusals"] or not context["form"].is_valid():
            return self.render_to_response(context)
        form = context["form"]
        try:
            updates = services.progress_updates_no_change(
                self.membership, context["chosen"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            context["refusals"] = error.message_dict.get("actions", error.messages)
            return self.render_to_response(context)
        names = ", ".join(update.action.reference for update in updates)
        messages.success(self.request, f"No change this quarter has been recorded for {names}.")
        return redirect(NO_CHANGE_BACK[form.cleaned_data.get("back") or "mine"])

    def check(self, form):
        """The actions chosen and why any of them may not be confirmed (nothing is saved here)."""
        form.is_valid()
        ids = form.cleaned_data.get("action") or []
        chosen, missing = selectors.actions_chosen(self.partnership, ids)
        refusals = [f"Action {pk} is not an action of this partnership" for pk in missing]
        refusals += services.no_change_refusals(self.membership, chosen) if chosen else []
        form.confirming(len(chosen))
        back = form.cleaned_data.get("back") or "mine"
        return self.get_context_data(
            form=form,
            chosen=chosen,
            refusals=refusals,
            today=timezone.localdate(),
            back_url=NO_CHANGE_BACK[back],
            back_name="To do" if back == "todo" else "My actions",
            page_title="Confirm no change this quarter",
        )


NO_CHANGE_BACK = {"mine": reverse_lazy("actions:mine"), "todo": reverse_lazy("accounts:todo")}


class ActionCreateView(PartnershipMixin, FormView):
    form_class = ActionForm
    template_name = "actions/action_form.html"
    permission_rule = access.can_manage_plan

    def get(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_for(self.partnership, self.kwargs["pk"])
        refuse_if_archived(self.priority.strategy)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_for(self.partnership, self.kwargs["pk"])
        refuse_if_archived(self.priority.strategy)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "creating": True}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            priority=self.priority, page_title=f"Add an action to priority {self.priority.number}", **kwargs
        )

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in ["reference", *services.EDITABLE_FIELDS]}
        try:
            action = services.action_create(self.membership, priority=self.priority, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{action.reference} has been added.")
        return redirect("actions:detail", pk=action.pk)


class MyActionsView(PartnershipMixin, ListView):
    """The actions the signed-in member may update, a page at a time, those needing an update first."""

    template_name = "actions/my_actions.html"
    context_object_name = "mine"
    paginate_by = 50

    def get_queryset(self):
        return selectors.my_actions(self.membership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(page_title="My actions", **kwargs)
        # The page's rows (evaluated here, once: the template iterates the same list) with their links.
        attach_links(context["mine"], "detail_url", "actions:detail")
        attach_links(context["mine"], "add_update_url", "actions:add_update")
        return context


class ActionListView(ActionTableMixin, ListView):
    """Every action of the partnership's active strategy, across its priorities."""

    template_name = "actions/action_list.html"

    def base_actions(self):
        self.strategy = priority_selectors.active_strategy_with_priorities(self.partnership)
        self.showing_withdrawn = self.request.GET.get("withdrawn") == "true"
        return selectors.strategy_actions(self.strategy, withdrawn=self.showing_withdrawn)

    def filter_priorities(self):
        return priority_selectors.priorities_of(self.strategy)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Action plan",
            strategy=self.strategy,
            table_caption="Withdrawn actions" if self.showing_withdrawn else "Actions of the action plan",
            showing_withdrawn=self.showing_withdrawn,
            show_priority=True,
            can_import_plan=access.can_manage_plan(self.membership),
            **kwargs,
        )


class ActionWithdrawView(PartnershipMixin, WithdrawView):
    """Withdraw an action from the plan, with a reason: the business manager and steering group."""

    noun = "action"

    def load(self):
        self.action = selectors.action_for(self.partnership, self.kwargs["pk"])
        if not access.can_withdraw_action(self.membership, self.action):
            refuse_if_archived(self.action.priority.strategy)
            raise PermissionDenied(access.WITHDRAW_ACTION_REFUSAL)

    def describe(self):
        return f"Priority {self.action.priority.number}", f"{self.action.reference} {self.action.title}"

    def withdraw(self, reason):
        services.action_withdraw(self.membership, self.action, reason)

    def done_url(self):
        return reverse("actions:detail", args=[self.action.pk])


class ActionPlanExportView(ActionListView):
    """The action plan page's actions, filtered and sorted the same way, as .xlsx; it imports back unchanged."""

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        today = timezone.localdate(now)
        sheet = exports.action_plan_sheet(self.get_queryset(), today)
        filters = exports.filter_words(self.filterset)
        about = exports.action_plan_about(self.strategy, filters, self.partnership, request.user, now)
        return xlsx_response(f"{self.partnership.slug}-action-plan-{today:%Y-%m-%d}.xlsx", [sheet], about)
