from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils import timezone

from accounts.models import AlertDelivery, Invitation, Membership
from accounts.services import ALERT_DELIVERY_REQUIRED
from neglect_portal.forms import PortalFormMixin


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        widget=forms.TextInput(attrs={"input_type": "email", "autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask your partnership business manager to reactivate it.",
        "no_partnership": "Your access to the portal has ended. Ask your partnership business manager about it.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # A person deactivated in every partnership signs in nowhere (platform operators have no membership);
        # one with an invitation still to accept may sign in to accept it.
        if user.is_superuser or user.memberships.filter(is_active=True).exists():
            return
        if Invitation.objects.pending(timezone.now()).filter(email__iexact=user.email).exists():
            return
        raise forms.ValidationError(self.error_messages["no_partnership"], code="no_partnership")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.TWO_THIRDS),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Sign in"),
        )


class ChoosePartnershipForm(PortalFormMixin, forms.Form):
    # The person's own memberships, one per partnership: choosing among partnerships is the point.
    unscoped_fields = ("membership",)

    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        widget=forms.RadioSelect,
        label="Which partnership are you working in?",
        empty_label=None,
        error_messages={"required": "Choose a partnership", "invalid_choice": "Choose a partnership from the list"},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = memberships
        field.label_from_instance = lambda m: f"{m.partnership.name} ({m.get_role_display()})"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("membership", legend_size=Size.LARGE, legend_tag="h1"),
            Submit("submit", "Continue"),
        )


class GDSPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.TextInput(attrs={"input_type": "email", "autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Send the link"),
        )


def _new_password_messages(form):
    form.fields["new_password1"].label = "New password"
    form.fields["new_password1"].error_messages["required"] = "Enter a new password"
    form.fields["new_password2"].label = "Confirm the new password"
    form.fields["new_password2"].error_messages["required"] = "Enter the new password again"
    form.error_messages = {**form.error_messages, "password_mismatch": "The two new passwords do not match"}


class GDSSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_password_messages(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Set the new password"),
        )


class GDSPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_password_messages(self)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is wrong. Enter it again.",
        }
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("old_password", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Change the password"),
        )


class AlertDeliveryForm(PortalFormMixin, forms.Form):
    """How a person hears of alerts (``accounts.services.alert_delivery_set``)."""

    alert_delivery = forms.ChoiceField(
        label="How do you want to hear of alerts?",
        choices=AlertDelivery.choices,
        error_messages={"required": ALERT_DELIVERY_REQUIRED, "invalid_choice": ALERT_DELIVERY_REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("alert_delivery", legend_size=Size.MEDIUM),
            Submit("submit", "Save"),
        )
