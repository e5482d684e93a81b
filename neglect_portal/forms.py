"""Small helpers shared by the portal's GOV.UK forms."""

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class RealDateInputField(DateInputField):
    """A day/month/year field that answers a date that does not exist (31 2 2026) in words."""

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


def date_field(label, message, example="31 3 2027"):
    """A GOV.UK day/month/year date field whose missing or partial value says ``message``."""
    field = RealDateInputField(label=label, help_text=f"For example, {example}")
    invalid = f"{label} must be a real date, for example {example}"
    field.error_messages = {**field.error_messages, "required": message, "incomplete": message, "invalid": invalid}
    return field


def set_required_messages(form, messages):
    """Give each present field its own "Enter the …" message instead of a generic one."""
    for name, message in messages.items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message
