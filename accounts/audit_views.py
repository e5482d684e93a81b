"""The access audit for the partnership's business manager: /settings/audit/, filterable, exportable as CSV."""

import csv

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.conf import settings
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.views.generic import ListView

from accounts import access
from accounts.mixins import PartnershipMixin
from accounts.models import AccessEvent, Membership
from neglect_portal.forms import PortalFormMixin


def events_of_partnership(partnership):
    """The partnership's own events, and the personal ones (sign-ins, second factors) of its members."""
    members = Membership.objects.filter(partnership=partnership).values("user_id")
    return (
        AccessEvent.objects.filter(Q(partnership=partnership) | Q(partnership__isnull=True, actor__in=members))
        .select_related("actor")
        .order_by("-at", "-pk")
    )


class AccessAuditFilterForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Event",
        required=False,
        choices=[("", "Every event"), *AccessEvent.Kind.choices],
        error_messages={"invalid_choice": "Choose an event from the list"},
    )
    person = forms.CharField(label="Person's e-mail address contains", required=False, max_length=254)
    date_from = forms.DateField(
        label="From (day/month/year)",
        required=False,
        error_messages={"invalid": "Enter the first day as a date, like 1/4/2026"},
    )
    date_to = forms.DateField(
        label="To (day/month/year)",
        required=False,
        error_messages={"invalid": "Enter the last day as a date, like 30/6/2026"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "app-filter-row"
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.text("person"),
            Field.text("date_from"),
            Field.text("date_to"),
            Submit("filter", "Filter", css_class="govuk-button--secondary"),
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The last day must be on or after the first day")
        return data

    def apply(self, events):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("person"):
            events = events.filter(Q(subject__icontains=data["person"]) | Q(actor__email__icontains=data["person"]))
        if data.get("date_from"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(at__date__lte=data["date_to"])
        return events, bool(data and any(data.values()))


class AccessAuditView(PartnershipMixin, ListView):
    template_name = "accounts/access_audit.html"
    permission_rule = staticmethod(access.can_administer)
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.form = AccessAuditFilterForm(self.request.GET or None)
        events, self.filtered = self.form.apply(events_of_partnership(self.partnership))
        return events

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        events = self.get_queryset()
        # The download itself is recorded by accounts.security.DownloadAuditMiddleware, as every download is.
        rows = (
            [
                f"{event.at:%Y-%m-%d %H:%M:%S%z}",
                event.get_kind_display(),
                str(event.actor) if event.actor else "",
                event.subject,
                event.ip_address or "",
                event.detail,
            ]
            for event in events.iterator(chunk_size=500)
        )
        writer = csv.writer(_Echo())
        header = ["When", "Event", "By", "About", "Address", "Detail"]
        response = StreamingHttpResponse(
            (writer.writerow([_safe(cell) for cell in row]) for row in _chain([header], rows)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="access-audit-{self.partnership.slug}.csv"'
        return response

    def get_context_data(self, **kwargs):
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        export_query = page_query.copy()
        export_query["format"] = "csv"
        return super().get_context_data(
            page_title="Access audit",
            form=self.form,
            filtered=self.filtered,
            page_query=page_query.urlencode(),
            export_query=export_query.urlencode(),
            retention_days=settings.ACCESS_AUDIT_RETENTION_DAYS,
            **kwargs,
        )


class _Echo:
    def write(self, value):
        return value


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


def _safe(cell):
    """No spreadsheet formulas from the data (an e-mail address typed as =HYPERLINK(...) at sign-in)."""
    cell = str(cell)
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
