"""What a browser would send back from a form as the page showed it: every field's shown value."""

from django import forms


def form_data(form) -> dict:
    """The data of ``form`` (bound or not) as it would be posted unchanged, ready to edit and post."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else part
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data
