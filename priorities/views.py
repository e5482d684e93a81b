from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import CreateView, TemplateView, UpdateView

from accounts import access
from accounts.mixins import PartnershipMixin
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin, add_service_errors
from priorities import selectors, services
from priorities.forms import PriorityForm, StrategyForm
from priorities.models import refuse_if_archived


class PriorityListView(PartnershipMixin, TemplateView):
    template_name = "priorities/priority_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            priorities=selectors.priorities_for(self.partnership),
            strategy=selectors.active_strategy_with_priorities(self.partnership),
            can_manage_plan=access.can_manage_plan(self.membership),
            **kwargs,
        )


class PlanFormMixin(ConflictMixin, PartnershipMixin):
    """Create or edit part of the plan: business manager and steering group only.

    Subclasses write through ``priorities.services`` in ``save(form)``.
    """

    template_name = "layouts/form.html"
    permission_rule = access.can_manage_plan
    success_message = "Saved."

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(object=self.object))
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title, breadcrumbs=[("Priorities", reverse("priorities:list"))], **kwargs
        )


class StrategyCreateView(PlanFormMixin, CreateView):
    form_class = StrategyForm
    page_title = "Add a strategy"
    success_message = "{object} has been added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def save(self, form):
        return services.strategy_create(self.membership, **form.cleaned_data)

    def get_success_url(self):
        return reverse("priorities:list")


class StrategyUpdateView(StrategyCreateView, UpdateView):
    page_title = "Change the strategy"
    success_message = "{object} has been changed."

    def get_object(self, queryset=None):
        strategy = selectors.strategy_for(self.partnership, self.kwargs["pk"])
        refuse_if_archived(strategy)  # the service refuses the change too; this refuses the form
        return strategy

    def save(self, form):
        fields = dict(form.cleaned_data)
        version = fields.pop("version", None)
        return services.strategy_update(self.membership, self.object, version=version, **fields)


class PriorityCreateView(PlanFormMixin, CreateView):
    form_class = PriorityForm
    page_title = "Add a priority"
    success_message = "Priority {object.number} has been added."

    def get_strategy(self):
        strategy = selectors.strategy_for(self.partnership, self.kwargs["strategy_pk"])
        refuse_if_archived(strategy)
        return strategy

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "strategy": self.get_strategy()}

    def save(self, form):
        return services.priority_create(self.membership, strategy=form.strategy, **form.cleaned_data)

    def get_success_url(self):
        return reverse("priorities:detail", args=[self.object.pk])


class PriorityUpdateView(PlanFormMixin, UpdateView):
    form_class = PriorityForm
    page_title = "Change the priority"
    success_message = "Priority {object.number} has been changed."

    def get_object(self, queryset=None):
        priority = selectors.priority_for(self.partnership, self.kwargs["pk"])
        refuse_if_archived(priority.strategy)
        return priority

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "strategy": self.object.strategy}

    def save(self, form):
        fields = dict(form.cleaned_data)
        version = fields.pop("version", None)
        return services.priority_update(self.membership, self.object, version=version, **fields)

    def get_success_url(self):
        return reverse("priorities:detail", args=[self.object.pk])
