"""The search page."""

from django.utils.http import urlencode
from django.views.generic import TemplateView

from accounts.mixins import PartnershipMixin
from search import selectors
from search.forms import SearchForm


class SearchView(PartnershipMixin, TemplateView):
    """``/search/?q=``: what matches among the partnership's plan, outcomes and audits, best first, paged;
    ``kind`` narrows it to one kind. A search that cannot be run is named in the error summary."""

    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        submitted = "q" in self.request.GET
        form = SearchForm(self.request.GET if submitted else None, partnership=self.partnership)
        results = None
        if submitted and form.is_valid():
            results = selectors.search(
                self.partnership,
                form.cleaned_data["q"],
                kind=self.request.GET.get("kind"),
                page_number=self.request.GET.get("page") or 1,
            )
        return super().get_context_data(
            form=form,
            results=results,
            page_title=f"Search results for ‘{results.query}’" if results else "Search",
            query_string=_query_string(results) if results else "",
            all_query_string=urlencode({"q": results.query}) if results else "",
            hide_header_search=True,
            **kwargs,
        )


def _query_string(results):
    """The address of the results shown, without the page (for the page links)."""
    return urlencode({"q": results.query, **({"kind": results.kind.name} if results.kind else {})})
