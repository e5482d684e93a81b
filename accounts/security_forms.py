"""Forms of two-factor sign-in, re-authentication and API tokens."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Submit
from django import forms
from django.conf import settings

from neglect_portal.forms import PortalFormMixin


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "inputmode": "numeric"}),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def __init__(self, *args, submit_label="Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.text("code", field_width=Fixed.TEN), Submit("submit", submit_label))

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.text("password", field_width=Fluid.TWO_THIRDS), Submit("submit", "Continue"))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your password is wrong. Enter it again.")
        return password


class TokenForm(PortalFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="What the token is for, such as “Quarterly data upload from the council's system”.",
        max_length=100,
        error_messages={"required": "Enter a name for the token", "max_length": "Use 100 characters or fewer"},
    )
    days = forms.IntegerField(
        label="Days until it expires",
        min_value=1,
        error_messages={
            "required": "Enter the number of days until the token expires",
            "invalid": "Enter a whole number of days, like 90",
            "min_value": "Enter at least 1 day",
            "max_value": "A token can last at most %(limit_value)s days",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].validators.append(_max_days)
        self.fields["days"].initial = settings.API_TOKEN_DEFAULT_DAYS
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("days", field_width=Fixed.FIVE),
            Submit("submit", "Make the token"),
        )


def _max_days(value):
    if value > settings.API_TOKEN_MAX_DAYS:
        raise forms.ValidationError(f"A token can last at most {settings.API_TOKEN_MAX_DAYS} days")
