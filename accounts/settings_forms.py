"""The forms of the business manager's settings pages and of accepting an invitation."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.contrib.auth import password_validation

from accounts.models import (
    Agency,
    BankHolidayRegion,
    Membership,
    Partnership,
    Role,
    Sector,
    SuppressionMode,
    TimeZone,
    User,
)
from accounts.services import CHAIR_REFUSAL, chair_candidates, grantable_roles
from neglect_portal.forms import PortalFormMixin, VersionedFormMixin, set_required_messages

EMAIL_WIDGET = forms.TextInput(attrs={"input_type": "email", "autocomplete": "off", "spellcheck": "false"})


def _number(label, help_text, low, high):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"The {label.lower()} must be a whole number, like 10",
            "min_value": f"The {label.lower()} must be {low} or more",
            "max_value": f"The {label.lower()} must be {high} or fewer",
        },
    )


class PartnershipSettingsForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    reminder_working_days = _number(
        "Data collection window",
        "Working days before a quarter ends when its data collection opens and action leads are reminded.",
        1,
        30,
    )
    report_send_working_days = _number(
        "Report send day", "The working day after the quarter ends on which the board report is sent.", 1, 40
    )
    evidence_quota_mb = _number(
        "Space for evidence files (MB)",
        "Files attached to progress updates, findings and audits may take up to this much in all. 1024 MB is 1 GB.",
        1,
        1024 * 1024,
    )
    suppression_threshold = _number(
        "Small-number threshold",
        "A count from 1 to one less than this is protected in the quarterly report, its e-mail, the exports and the "
        "API, as official statistics protect the people they count. 5 is usual.",
        1,
        100,
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "short_name",
            "board_name",
            "steering_group_name",
            "steering_group_chair",
            "reminder_working_days",
            "report_send_working_days",
            "time_zone",
            "bank_holiday_region",
            "evidence_quota_mb",
            "suppression_threshold",
            "suppression_mode",
            "rank_agency_engagement",
        ]
        labels = {
            "suppression_mode": "Small numbers in what leaves the portal",
            "name": "Partnership name",
            "short_name": "Short name (optional)",
            "board_name": "Name of the board",
            "steering_group_name": "Name of the steering group",
            "steering_group_chair": "Chair of the steering group (optional)",
            "time_zone": "Time zone",
            "bank_holiday_region": "Bank holidays",
            "rank_agency_engagement": "Rank agencies on the engagement page and in the report",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = TimeZone.choices
        self.fields["bank_holiday_region"].choices = BankHolidayRegion.choices
        chair = self.fields["steering_group_chair"]
        chair.queryset = chair_candidates(self.instance)
        chair.empty_label = "No chair named"
        chair.help_text = (
            "One of the steering group's active members. The chair signs off each quarter's data, as the business "
            "manager may."
        )
        chair.error_messages["invalid_choice"] = CHAIR_REFUSAL
        chair.label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["bank_holiday_region"].help_text = "Working days skip weekends and these bank holidays."
        self.fields["suppression_mode"].choices = SuppressionMode.choices
        self.fields["suppression_mode"].help_text = (
            "Inside the portal the steering group and business manager see every figure, marked where the outputs "
            "change it; board members see figures as they are published. Notes and commentary are published as "
            "written: keep small numbers out of them."
        )
        set_required_messages(
            self,
            {
                "name": "Enter the partnership's name",
                "board_name": "Enter the name of the board",
                "steering_group_name": "Enter the name of the steering group",
                "time_zone": "Choose a time zone",
                "bank_holiday_region": "Choose which bank holidays apply",
                "suppression_mode": "Choose what happens to small numbers in what leaves the portal",
            },
        )
        self.fields["name"].error_messages["unique"] = "Another partnership already has this name"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=Fluid.ONE_HALF),
            Field.text("board_name"),
            Field.text("steering_group_name"),
            Field.select("steering_group_chair"),
            Field.text("reminder_working_days", field_width=Fixed.TWO),
            Field.text("report_send_working_days", field_width=Fixed.TWO),
            Field.select("time_zone"),
            Field.radios("bank_holiday_region", legend_size=Size.SMALL),
            Field.text("evidence_quota_mb", field_width=Fixed.FIVE),
            Field.text("suppression_threshold", field_width=Fixed.TWO),
            Field.radios("suppression_mode", legend_size=Size.SMALL),
            Field.checkbox("rank_agency_engagement"),
            Submit("submit", "Save the settings"),
        )
        # A form sent without it (an older page) leaves the space as it is.
        quota = self.fields["evidence_quota_mb"]
        quota.required = False
        for name in ("suppression_threshold", "suppression_mode"):
            self.fields[name].required = False
        quota.error_messages.update(
            invalid="The space for evidence files must be a whole number of MB, like 1024",
            min_value="The space for evidence files must be 1 MB or more",
            max_value="The space for evidence files must be 1048576 MB (1 TB) or less",
        )

    def clean_evidence_quota_mb(self):
        return self.cleaned_data.get("evidence_quota_mb") or self.instance.evidence_quota_mb

    def clean_suppression_threshold(self):
        threshold = self.cleaned_data.get("suppression_threshold")
        return self.instance.suppression_threshold if threshold is None else threshold

    def clean_suppression_mode(self):
        return self.cleaned_data.get("suppression_mode") or self.instance.suppression_mode


class AgencyForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "sector", "is_sponsor"]
        labels = {
            "name": "Agency name",
            "short_name": "Short name (optional)",
            "sector": "Sector",
            "is_sponsor": "This agency sponsors priorities",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = "Its usual name, for example the county council or the integrated care board."
        self.fields[
            "short_name"
        ].help_text = "Shown in tables of actions, with the full name on hover, for example ICB or WMP."
        self.fields["short_name"].error_messages["max_length"] = "The short name must be 30 characters or fewer"
        self.fields["sector"].choices = [("", "Choose a sector"), *Sector.choices]
        self.fields["is_sponsor"].help_text = "A sponsoring agency leads one or more of the strategy's priorities."
        set_required_messages(self, {"name": "Enter the agency's name", "sector": "Choose the agency's sector"})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=Fluid.ONE_QUARTER),
            Field.select("sector"),
            Field.checkbox("is_sponsor"),
            Submit("submit", "Save the agency"),
        )


class AgencyAliasForm(PortalFormMixin, forms.Form):
    """Another name the partnership's files use for one of its agencies."""

    name = forms.CharField(
        label="Other name",
        max_length=200,
        help_text="As your spreadsheets write it, for example WMP or CCG. Case and spacing do not matter.",
        error_messages={"max_length": "The other name must be 200 characters or fewer"},
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="The agency it means",
        empty_label="Choose an agency",
        error_messages={"invalid_choice": "Choose one of the partnership's current agencies"},
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["agency"].queryset = Agency.objects.of_partnership(partnership).current()
        set_required_messages(self, {"name": "Enter the other name, for example WMP", "agency": "Choose an agency"})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.select("agency"),
            Submit("add", "Add the other name"),
        )


def _agency_field(partnership, required=False):
    return forms.ModelChoiceField(
        queryset=Agency.objects.of_partnership(partnership).current(),
        required=required,
        label="Agency",
        empty_label="No agency",
        error_messages={"invalid_choice": "Choose one of the partnership's current agencies"},
    )


def _role_field(membership):
    roles = set(grantable_roles(membership))
    return forms.ChoiceField(
        label="Role",
        choices=[(value, label) for value, label in Role.choices if value in roles],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "You cannot give this role"},
    )


class InvitationForm(PortalFormMixin, forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        widget=EMAIL_WIDGET,
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, partnership=membership.partnership, **kwargs)
        self.fields["role"] = _role_field(membership)
        self.fields["agency"] = _agency_field(membership.partnership)
        self.scope_choices()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.radios("role", legend_size=Size.SMALL),
            Field.select("agency"),
            Submit("submit", "Send the invitation"),
        )


class MembershipForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "agency"]

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, partnership=membership.partnership, **kwargs)
        self.fields["role"] = _role_field(membership)
        self.fields["agency"] = _agency_field(membership.partnership)
        self.scope_choices()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("role", legend_size=Size.SMALL),
            Field.select("agency"),
            Submit("submit", "Save the changes"),
        )


class ConfirmForm(PortalFormMixin, forms.Form):
    """A button that confirms a change; refusals appear in the error summary."""

    def __init__(self, *args, submit_label, warning=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        css = "govuk-button--warning" if warning else ""
        self.helper.layout = Layout(Submit("submit", submit_label, css_class=css))


class AcceptInvitationForm(PortalFormMixin, forms.Form):
    """A new person's name and their own password."""

    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter your last name"})
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        help_text="At least 10 characters, not a common password and not like your name or e-mail address.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choose a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("first_name", field_width=Fluid.TWO_THIRDS),
            Field.text("last_name", field_width=Fluid.TWO_THIRDS),
            Field.text("password1", field_width=Fluid.TWO_THIRDS),
            Field.text("password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Accept and set my password"),
        )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match")
        elif first:
            person = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
