"""The indicator library's pages: the list (by theme), a page per definition, and adopting one.

Every member of a partnership may read the library; adopting a definition is for those who may add
indicators (``access.can_manage_indicators``), who get 403 otherwise.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from accounts import access
from accounts.mixins import PartnershipMixin
from outcomes.library import definitions, selectors, services
from outcomes.library.forms import ThemeFilterForm

PAGE_SIZE = 50


def _crumbs(*extra):
    return [("Outcomes", reverse("outcomes:scorecard")), ("Indicators", reverse("outcomes:indicators")), *extra]


def _definition_or_404(code):
    definition = definitions.definition_for(code)
    if definition is None:
        raise Http404("The library has no definition with that code.")
    return definition


class LibraryListView(PartnershipMixin, TemplateView):
    """Every definition of the library, or those of one theme, each saying whether the partnership adopted it."""

    template_name = "outcomes/library_list.html"

    def get_context_data(self, **kwargs):
        form = ThemeFilterForm(self.request.GET if "theme" in self.request.GET else None)
        theme = None
        if form.is_bound and form.is_valid():  # a theme not in the list is reported; the whole library is shown
            theme = definitions.THEMES_BY_SLUG.get(form.cleaned_data["theme"])
        found = selectors.library(self.partnership, theme)
        page = Paginator(found.rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_title=f"Indicator library: {theme.name}" if theme else "Indicator library",
            breadcrumbs=_crumbs(),
            form=form,
            theme=theme,
            rows=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            page_query=urlencode({"theme": theme.slug}) if theme else "",
            total=len(definitions.DEFINITIONS),
            adopted_count=found.adopted_count,
            version=definitions.VERSION,
            can_adopt=access.can_manage_indicators(self.membership),
            **kwargs,
        )


class LibraryDefinitionView(PartnershipMixin, TemplateView):
    """One definition in full, its source, and the partnership's indicator adopted from it or a button to adopt."""

    template_name = "outcomes/library_definition.html"

    def get_context_data(self, **kwargs):
        definition = _definition_or_404(self.kwargs["code"])
        return super().get_context_data(
            definition=definition,
            adopted=selectors.adopted_indicator(self.partnership, definition.code),
            page_title=definition.name,
            breadcrumbs=_crumbs(("Indicator library", reverse("outcomes:library"))),
            can_adopt=access.can_manage_indicators(self.membership),
            **kwargs,
        )


class LibraryAdoptView(PartnershipMixin, View):
    """Adopt a definition: the partnership gets an indicator linked to it (once; a second adoption finds it)."""

    permission_rule = access.can_manage_indicators
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        definition = _definition_or_404(self.kwargs["code"])
        try:
            indicator, created = services.definition_adopt(self.membership, definition)
        except ValidationError as error:
            view = LibraryDefinitionView(request=request, kwargs=self.kwargs)
            view.membership, view.partnership = self.membership, self.partnership
            context = view.get_context_data(adopt_errors=[m for ms in error.message_dict.values() for m in ms])
            return view.render_to_response(context)
        if created:
            messages.success(
                request,
                f"{indicator.code} {indicator.name} has been added to your indicators from the library. "
                "Set its target, baseline and supplying agency to rate it.",
            )
        else:
            messages.info(
                request,
                f"{definition.name} is already adopted by {self.partnership.name}, as {indicator.code}: "
                "nothing was added.",
            )
        return redirect("outcomes:indicator", pk=indicator.pk)
