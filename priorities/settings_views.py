"""The business manager's strategy settings: the current strategy, starting a new one, and the archive."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from priorities import selectors, services
from priorities.models import Strategy
from priorities.settings_forms import StrategyStartForm


class StrategySettingsMixin(PartnershipMixin):
    permission_rule = access.can_administer

    def breadcrumbs(self):
        return [("Settings", reverse("settings:hub")), ("Strategy", reverse("settings:strategy"))]


class StrategySettingsView(StrategySettingsMixin, TemplateView):
    """The current strategy, the ways to start a new one, and the past strategies."""

    template_name = "priorities/settings/strategy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Strategy",
            current=Strategy.objects.active_for(self.partnership),
            archive=selectors.strategy_archive(self.partnership),
            breadcrumbs=self.breadcrumbs()[:1],
            **kwargs,
        )


class StrategyStartView(StrategySettingsMixin, FormView):
    """Start a new strategy: from scratch (``rollover=False``) or by rolling the current one over."""

    template_name = "priorities/settings/strategy_start.html"
    form_class = StrategyStartForm
    rollover = False

    def get(self, request, *args, **kwargs):
        return self._without_current() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._without_current() or super().post(request, *args, **kwargs)

    def _without_current(self):
        self.current = Strategy.objects.active_for(self.partnership)
        if self.rollover and self.current is None:
            messages.info(self.request, "There is no active strategy to roll over: start one from scratch.")
            return redirect("settings:strategy_new")
        return None

    def get_initial(self):
        return StrategyStartForm.initial_for(self.current, self.partnership, self.rollover)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "current": self.current,
            "rollover": self.rollover,
        }

    def get_context_data(self, **kwargs):
        title = f"Roll over {self.current.title}" if self.rollover else "Start a new strategy from scratch"
        return super().get_context_data(
            page_title=title, current=self.current, rollover=self.rollover, breadcrumbs=self.breadcrumbs(), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            strategy = services.strategy_start(
                self.membership,
                title=data["title"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                vision=data["vision"],
                carry_priorities=data.get("priorities", []),
                carry_actions=data.get("actions", []),
                carry_indicators=data.get("indicators", []),
            )
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
            return self.form_invalid(form)
        archived = f" {self.current.title} is archived." if self.current else ""
        messages.success(self.request, f"{strategy.title} is the partnership's strategy now.{archived}")
        return redirect("settings:strategy")


class StrategyArchivedView(StrategySettingsMixin, TemplateView):
    """A strategy of the partnership as it was: its priorities, what it followed and what followed it."""

    template_name = "priorities/settings/strategy_detail.html"

    def get_context_data(self, **kwargs):
        strategy = selectors.strategy_page(self.partnership, self.kwargs["pk"])
        return super().get_context_data(
            page_title=strategy.title, strategy=strategy, breadcrumbs=self.breadcrumbs(), **kwargs
        )
