"""The business manager's settings pages: the hub, the partnership, its agencies and its people.

Every page is for the partnership's business manager only (403 for other roles) and works on the
current partnership only (another partnership's agency, person or invitation is 404). Writes go
through ``accounts.services`` and ``accounts.invitations``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import access_audit, invitations, selectors, services
from accounts.access import can_administer
from accounts.mixins import PartnershipMixin
from accounts.models import Agency, AgencyAlias, Invitation, Membership
from accounts.reauth import RecentAuthenticationRequiredMixin
from accounts.settings_forms import (
    AgencyAliasForm,
    AgencyForm,
    ConfirmForm,
    InvitationForm,
    MembershipForm,
    PartnershipSettingsForm,
)
from neglect_portal.versioning import StaleVersion
from neglect_portal.views import ConflictMixin

# The settings pages, in the hub's order: (URL name, title, what it is for). A page another part of the
# portal has not added yet is left out of the hub.
SETTINGS_PAGES = [
    (
        "settings:partnership",
        "The partnership",
        "Names, reminder lead time, report send day, bank holidays, small numbers in outputs and whether "
        "agencies are ranked by engagement.",
    ),
    ("settings:agencies", "Agencies", "Add, rename and retire the partner agencies; mark the sponsors."),
    ("settings:people", "People", "Invite people, change their role or agency, and deactivate leavers."),
    ("settings:distribution_list", "Board distribution list", "Who receives the quarterly report e-mail."),
    ("settings:strategy", "Strategy", "Start a new strategy or roll the current one over."),
    (
        "settings:meetings",
        "Steering-group meetings",
        "The dates of the steering group's meetings, which What changed offers to look back to.",
    ),
    (
        "settings:audit",
        "Audit of access",
        "Sign-ins, second factors, invitations, roles, tokens, exports and report reads: who, when, from where.",
    ),
]


def settings_pages():
    pages = []
    for name, title, description in SETTINGS_PAGES:
        try:
            pages.append({"url": reverse(name), "title": title, "description": description})
        except NoReverseMatch:
            continue
    return pages


def _field_errors(form, error: ValidationError, default_field=None):
    """Put a service's refusal on the form's fields (unknown fields on ``default_field``)."""
    for field, field_messages in error.message_dict.items():
        target = field if field in form.fields else default_field
        for message in field_messages:
            form.add_error(target, message)


class SettingsMixin(PartnershipMixin):
    permission_rule = staticmethod(can_administer)
    crumb = None

    def breadcrumbs(self):
        crumbs = [("Settings", reverse("settings:hub"))]
        return [*crumbs, (self.crumb, None)] if self.crumb else crumbs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", self.breadcrumbs())
        return super().get_context_data(**kwargs)


class SettingsHubView(SettingsMixin, TemplateView):
    template_name = "accounts/settings/hub.html"

    def breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Settings", pages=settings_pages(), **kwargs)


# --- the partnership ----------------------------------------------------------------


class PartnershipSettingsView(SettingsMixin, ConflictMixin, FormView):
    template_name = "accounts/settings/partnership.html"
    form_class = PartnershipSettingsForm
    crumb = "The partnership"

    def get_form_kwargs(self):
        # A copy, so a refused change does not show in the header of the page that refuses it.
        instance = type(self.partnership).objects.get(pk=self.partnership.pk)
        return {**super().get_form_kwargs(), "instance": instance, "partnership": self.partnership}

    def form_valid(self, form):
        try:
            services.partnership_update(self.membership, self.partnership, **form.cleaned_data)
        except StaleVersion as error:
            return self.conflict(form, error)
        except ValidationError as error:
            _field_errors(form, error, "name")
            return self.form_invalid(form)
        messages.success(self.request, "The partnership's settings have been saved.")
        return redirect("settings:partnership")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="The partnership", history=selectors.partnership_history(self.partnership), **kwargs
        )


# --- agencies ------------------------------------------------------------------------


class AgencyListView(SettingsMixin, TemplateView):
    template_name = "accounts/settings/agencies.html"

    def get_context_data(self, **kwargs):
        agencies = selectors.agencies_of(self.partnership)
        return super().get_context_data(
            page_title="Agencies",
            history=selectors.agency_history(self.partnership),
            current=[a for a in agencies if a.retired_at is None],
            retired=[a for a in agencies if a.retired_at is not None],
            breadcrumbs=[("Settings", reverse("settings:hub")), ("Agencies", None)],
            **kwargs,
        )


class AgencyAliasesView(SettingsMixin, FormView):
    """The other names the partnership's files use for its agencies: add one, or remove one."""

    template_name = "accounts/settings/agency_aliases.html"
    form_class = AgencyAliasForm
    crumb = "Other names of agencies"

    def breadcrumbs(self):
        return [("Settings", reverse("settings:hub")), ("Agencies", reverse("settings:agencies")), (self.crumb, None)]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Other names of agencies", aliases=selectors.agency_aliases_of(self.partnership), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if "remove" not in request.POST:
            return super().post(request, *args, **kwargs)
        alias = get_object_or_404(
            AgencyAlias.objects.filter(partnership=self.partnership).select_related("agency", "partnership"),
            pk=_whole_number(request.POST.get("remove")),
        )
        services.agency_alias_remove(self.membership, alias)
        messages.success(request, f"“{alias.name}” no longer means {alias.agency.name}.")
        return redirect("settings:agency_aliases")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            alias = services.agency_alias_add(self.membership, agency=data["agency"], name=data["name"])
        except ValidationError as error:
            _field_errors(form, error, "name")
            return self.form_invalid(form)
        messages.success(self.request, f"“{alias.name}” now means {alias.agency.name} in imports.")
        return redirect("settings:agency_aliases")


def _whole_number(text) -> int:
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else 0


class AgencyFormView(SettingsMixin, FormView):
    template_name = "layouts/form.html"
    form_class = AgencyForm

    agency = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.agency, "partnership": self.partnership}

    def breadcrumbs(self):
        return [
            ("Settings", reverse("settings:hub")),
            ("Agencies", reverse("settings:agencies")),
            (self.page_title(), None),
        ]

    def page_title(self):
        return "Add an agency"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=self.page_title(), **kwargs)

    def save(self, data):
        return services.agency_create(self.membership, **data)

    def form_valid(self, form):
        try:
            agency = self.save(form.cleaned_data)
        except ValidationError as error:
            _field_errors(form, error, "name")
            return self.form_invalid(form)
        messages.success(self.request, f"{agency.name} has been saved.")
        return redirect("settings:agencies")


class AgencyUpdateView(AgencyFormView):
    @cached_property
    def agency(self):
        return get_object_or_404(Agency, partnership=self.partnership, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        # A copy, so a refused rename does not show on the page that refuses it.
        return {**super().get_form_kwargs(), "instance": Agency.objects.get(pk=self.agency.pk)}

    def page_title(self):
        return "Change the agency"

    def save(self, data):
        return services.agency_update(self.membership, self.agency, **data)


class AgencyRetireView(SettingsMixin, FormView):
    """Retire (or reinstate) an agency: a confirm page whose refusals appear in its error summary."""

    template_name = "accounts/settings/confirm.html"
    form_class = ConfirmForm

    @cached_property
    def agency(self):
        return get_object_or_404(Agency, partnership=self.partnership, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        label = "Reinstate the agency" if self.agency.retired_at else "Retire the agency"
        return {**super().get_form_kwargs(), "submit_label": label, "warning": not self.agency.retired_at}

    def get_context_data(self, **kwargs):
        retired = self.agency.retired_at is not None
        return super().get_context_data(
            page_title=f"{'Reinstate' if retired else 'Retire'} {self.agency.name}",
            explanation=(
                "It will be offered again for new priorities, actions, indicators and people."
                if retired
                else "It keeps its history and stays on what it already leads, but is offered for nothing new. "
                "Nothing is deleted."
            ),
            cancel_url=reverse("settings:agencies"),
            breadcrumbs=[
                ("Settings", reverse("settings:hub")),
                ("Agencies", reverse("settings:agencies")),
                (self.agency.name, None),
            ],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            if self.agency.retired_at:
                services.agency_reinstate(self.membership, self.agency)
                messages.success(self.request, f"{self.agency.name} has been reinstated.")
            else:
                services.agency_retire(self.membership, self.agency)
                messages.success(self.request, f"{self.agency.name} has been retired.")
        except ValidationError as error:
            _field_errors(form, error)
            return self.form_invalid(form)
        return redirect("settings:agencies")


# --- people ----------------------------------------------------------------------------

PEOPLE_PER_PAGE = 50


class PeopleListView(SettingsMixin, TemplateView):
    template_name = "accounts/settings/people.html"
    crumb = "People"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.members_of(self.partnership), PEOPLE_PER_PAGE).get_page(self.request.GET.get("page"))
        pending = selectors.pending_invitations(self.partnership)
        return super().get_context_data(
            page_title="People",
            page_obj=page,
            paginator=page.paginator,
            members=list(page.object_list),
            invitations=pending,
            now=timezone.now(),
            **kwargs,
        )


class InvitationCreateView(RecentAuthenticationRequiredMixin, SettingsMixin, FormView):
    template_name = "accounts/settings/invite.html"
    form_class = InvitationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership}

    def breadcrumbs(self):
        return [("Settings", reverse("settings:hub")), ("People", reverse("settings:people")), ("Invite", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Invite someone", **kwargs)

    def form_valid(self, form):
        try:
            invitation = invitations.invitation_create(self.membership, **form.cleaned_data)
        except ValidationError as error:
            _field_errors(form, error, "email")
            return self.form_invalid(form)
        messages.success(self.request, f"An invitation has been sent to {invitation.email}. The link works for 7 days.")
        return redirect("settings:people")


class InvitationActionView(RecentAuthenticationRequiredMixin, SettingsMixin, View):
    """Send an invitation again (a fresh link) or revoke it: a button on the people page."""

    http_method_names = ["post"]
    action = "resend"

    def post(self, request, pk):
        invitation = get_object_or_404(Invitation, partnership=self.partnership, pk=pk)
        try:
            if self.action == "resend":
                invitations.invitation_resend(self.membership, invitation)
                messages.success(request, f"The invitation has been sent to {invitation.email} again.")
            else:
                invitations.invitation_revoke(self.membership, invitation)
                messages.success(request, f"The invitation of {invitation.email} has been revoked.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("settings:people")


class PersonView(RecentAuthenticationRequiredMixin, SettingsMixin, FormView):
    """One person: change their role or agency; their open actions; deactivate or reactivate them."""

    reauthenticate_methods = ("POST",)  # changing a role asks for the password again after 15 minutes
    template_name = "accounts/settings/person.html"
    form_class = MembershipForm

    @cached_property
    def person(self):
        return get_object_or_404(
            Membership.objects.select_related("user", "agency"), partnership=self.partnership, pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        instance = Membership.objects.select_related("agency").get(pk=self.person.pk)
        return {**super().get_form_kwargs(), "instance": instance, "membership": self.membership}

    def breadcrumbs(self):
        return [
            ("Settings", reverse("settings:hub")),
            ("People", reverse("settings:people")),
            (str(self.person.user), None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=str(self.person.user),
            person=self.person,
            open_actions=selectors.open_actions_led_by(self.person),
            events=list(access_audit.events_of(self.partnership, subject=self.person.user.email)[:20]),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.membership_change(
                self.membership, self.person, role=form.cleaned_data["role"], agency=form.cleaned_data["agency"]
            )
        except ValidationError as error:
            _field_errors(form, error, "role")
            return self.form_invalid(form)
        messages.success(self.request, f"{self.person.user}'s role and agency have been saved.")
        return redirect("settings:person", pk=self.person.pk)


class PersonDeactivateView(SettingsMixin, FormView):
    template_name = "accounts/settings/confirm.html"
    form_class = ConfirmForm

    @cached_property
    def person(self):
        return get_object_or_404(
            Membership.objects.select_related("user"), partnership=self.partnership, pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        label = "Deactivate" if self.person.is_active else "Reactivate"
        return {**super().get_form_kwargs(), "submit_label": label, "warning": self.person.is_active}

    def get_context_data(self, **kwargs):
        active = self.person.is_active
        return super().get_context_data(
            page_title=f"{'Deactivate' if active else 'Reactivate'} {self.person.user}",
            explanation=(
                f"They will no longer be able to sign in to {self.partnership.name}. What they recorded stays, "
                "with their name, and the actions they lead stay theirs until you reassign them."
                if active
                else f"They will be able to sign in to {self.partnership.name} again, as before."
            ),
            cancel_url=reverse("settings:person", args=[self.person.pk]),
            breadcrumbs=[
                ("Settings", reverse("settings:hub")),
                ("People", reverse("settings:people")),
                (str(self.person.user), reverse("settings:person", args=[self.person.pk])),
            ],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            if self.person.is_active:
                services.membership_deactivate(self.membership, self.person)
                messages.success(self.request, f"{self.person.user} has been deactivated.")
            else:
                services.membership_reactivate(self.membership, self.person)
                messages.success(self.request, f"{self.person.user} has been reactivated.")
        except ValidationError as error:
            _field_errors(form, error)
            return self.form_invalid(form)
        return redirect("settings:person", pk=self.person.pk)
