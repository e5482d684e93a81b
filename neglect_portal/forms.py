"""Small helpers shared by the portal's GOV.UK forms."""

from crispy_forms_gds.fields import DateInputField


def date_field(label, message, example="31 3 2027"):
    """A GOV.UK day/month/year date field whose missing or partial value says ``message``."""
    field = DateInputField(label=label, help_text=f"For example, {example}")
    field.error_messages = {**field.error_messages, "required": message, "incomplete": message}
    return field


def set_required_messages(form, messages):
    """Give each present field its own "Enter the …" message instead of a generic one."""
    for name, message in messages.items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message
