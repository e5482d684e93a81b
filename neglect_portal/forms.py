"""What the portal's GOV.UK forms share: their base (:class:`PortalFormMixin`) and date fields."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError

from neglect_portal.child_identifiers import refuse_child_identifiers
from neglect_portal.scoping import in_partnership, outside_message


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
    for part in field.widget.widgets:  # day, month and year: a phone shows its number pad
        part.attrs.update(inputmode="numeric", spellcheck="false")
    return field


def date_input(name, legend_size=Size.SMALL):
    """The layout of a :func:`date_field`: its legend (the field's label) at ``legend_size``.

    crispy-forms-gds reads a fieldset legend's size from the field's context; given as a keyword
    of ``Field`` it would be written out as an (invalid) HTML attribute instead.
    """
    return Field(name, context={"legend_size": Size.for_legend(legend_size)})


def set_required_messages(form, messages):
    """Give each present field its own "Enter the …" message instead of a generic one."""
    for name, message in messages.items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message


# --- the base of every portal form ---------------------------------------------------------

NOT_FREE_TEXT = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.RegexField,
    forms.GenericIPAddressField,
    forms.UUIDField,
    forms.JSONField,
)
NUMBER_INPUTS = ("numeric", "decimal")


def is_free_text(field) -> bool:
    """A field a person types words into (not an address, a password, a number or a hidden value)."""
    if not isinstance(field, forms.CharField) or isinstance(field, NOT_FREE_TEXT):
        return False
    widget = field.widget
    if isinstance(widget, forms.PasswordInput | forms.HiddenInput):
        return False
    return widget.attrs.get("inputmode") not in NUMBER_INPUTS


# --- choices as the GOV.UK Design System shows them ------------------------------------------

RADIOS_UP_TO = 6  # a choice of up to this many options is a set of radios, more a select
BLANK_LABELS = ("---------", "")
# How the options of a kind of choice read on every form: {frozenset(values): {value: (label, hint)}}.
CHOICE_WORDS: dict[frozenset, dict[str, tuple[str, str]]] = {}


def register_choice_words(choices, words):
    """Say how the options of ``choices`` (a ``TextChoices``) read on every form, with an optional hint each.

    An app lower in the layers cannot know its upper apps' choices, so each app registers its own
    (the action statuses with their colour words: "At risk (Amber)"). A field whose options are
    among ``choices`` (values and labels alike) is worded so wherever it appears.
    """
    CHOICE_WORDS[frozenset(choices.values)] = {
        value: (words[value][0], words[value][1] if len(words[value]) > 1 else "") for value in choices.values
    }
    CHOICE_WORDS[frozenset(choices.values)]["__labels__"] = dict(choices.choices)


def choice_words(field):
    """The registered words for ``field``'s options, or None."""
    options = {str(value): str(label) for value, label in field.choices if str(value) not in BLANK_LABELS}
    for values, words in CHOICE_WORDS.items():
        labels = words["__labels__"]
        if options and set(options) <= values and all(labels[value] == label for value, label in options.items()):
            return words
    return None


def is_single_choice(field) -> bool:
    return isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField)


def govuk_choice(field, hints=True):
    """Show ``field`` as GOV.UK asks: radios for up to ``RADIOS_UP_TO`` options (no "---------"), the
    registered words (and hints) on each option. Called once per field, when the form is first shown or checked."""
    if not is_single_choice(field) or getattr(field, "_govuk_choice", False):
        return
    field._govuk_choice = True
    field.widget = field.__dict__.setdefault("_form_widget", field.widget)  # as the form made it, if shaped before
    model = isinstance(field, forms.ModelChoiceField)
    # A model choice's objects are read once, here (no count first), and kept for the page.
    options = list(iter(field.choices))
    if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
        chosen = [(value, label) for value, label in options if str(value) not in BLANK_LABELS]
        grouped = any(isinstance(label, list | tuple) for _, label in chosen)
        if len(chosen) <= RADIOS_UP_TO and not grouped:
            field.widget = forms.RadioSelect(attrs=field.widget.attrs)
    radios = isinstance(field.widget, forms.RadioSelect)
    words = None if model else choice_words(field)
    options = [option for choice in options if (option := _option(choice, field, words, radios, hints))]
    if model:
        field.iterator = _KeptChoices(options, field.queryset, hints)
        field.widget.choices = options
    else:
        if hasattr(field, "empty_label"):  # django-filter's ChoiceField adds its blank (and null) choice on
            field.empty_label = field.null_label = None  # every reading: they are among the options already
        field.choices = options


class _KeptChoices:
    """A model choice's options as first read, for as long as the field keeps the same queryset
    (given another one, the field is shaped again from it)."""

    def __init__(self, options, queryset, hints):
        self.options, self.queryset, self.hints = options, queryset, hints

    def __call__(self, field):
        if field.queryset is not self.queryset:
            field._govuk_choice = False
            del field.iterator
            govuk_choice(field, self.hints)
            return field.iterator.options
        return self.options


def _option(choice, field, words, radios, hints):
    value, label = choice
    if str(value) in ("", "None"):
        if radios and field.required:
            return None  # a required set of radios has no blank option
        return Choice(value, "None") if radios and str(label) in BLANK_LABELS else choice
    if words and str(value) in words:
        label, hint = words[str(value)]
        return Choice(value, label, hint=hint) if hints and hint and radios else (value, label)
    return choice


class GovukChoicesMixin:
    """Every portal form's choices follow the GOV.UK patterns (``govuk_choice``), applied when a field is first
    shown or checked, so choices a form narrows in its ``__init__`` are counted as they will be offered.

    ``choice_hints = False`` leaves the options' hints out (a filter panel has no room for them). Browser
    validation is off on every form (``templates/gds/whole_uni_form.html``: ``novalidate``), so the GOV.UK
    error summary reports every error.
    """

    choice_hints = True
    _checking = False

    def __getitem__(self, name):
        field = self.fields.get(name)
        if field is not None and not self._checking:
            govuk_choice(field, hints=self.choice_hints)
        return super().__getitem__(name)

    def full_clean(self):
        # Checking the data reads no choices: a form only checked (an export's filter) costs no query more.
        self._checking = True
        try:
            super().full_clean()
        finally:
            self._checking = False


class PortalFormMixin(GovukChoicesMixin):
    """The base of every portal form: what any form may be sent is checked here, once for all.

    - Free text that could identify a child (an NHS number, a date of birth beside a
      name) is refused on the field, saying why (``neglect_portal.child_identifiers``).
    - Every choice of an object (a ``ModelChoiceField`` or ``ModelMultipleChoiceField``)
      offers and accepts only objects of ``partnership``, the partnership the page works
      in (``neglect_portal.scoping``), whatever queryset the form itself set: an id of
      another partnership's object is "not one of the choices". A form with such fields
      must be given its partnership; ``unscoped_fields`` names any field that is
      deliberately about something else (the person's own memberships).
    """

    unscoped_fields: tuple[str, ...] = ()

    def __init__(self, *args, partnership=None, **kwargs):
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        self.refuse_child_identifiers()
        self.scope_choices()

    def refuse_child_identifiers(self):
        for field in self.fields.values():
            if is_free_text(field) and refuse_child_identifiers not in field.validators:
                field.validators.append(refuse_child_identifiers)

    def scope_choices(self):
        scoped = self.__dict__.setdefault("_scoped_querysets", {})
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField) or name in self.unscoped_fields:
                continue
            if scoped.get(name) is field.queryset:
                continue  # already narrowed, and not replaced since
            if self.partnership is None:
                raise ImproperlyConfigured(f"{type(self).__name__} offers {name} choices: give it its partnership")
            field.queryset = scoped[name] = in_partnership(field.queryset, self.partnership)
            default = type(field).default_error_messages.get("invalid_choice")
            if str(field.error_messages["invalid_choice"]) == str(default):
                field.error_messages["invalid_choice"] = outside_message(field.queryset.model)

    def full_clean(self):
        # Fields and choices a subclass added after __init__ are covered too.
        self.refuse_child_identifiers()
        self.scope_choices()
        super().full_clean()


class WithdrawForm(PortalFormMixin, forms.Form):
    """Why something is withdrawn: kept with it for good, for the board and the history."""

    reason = forms.CharField(
        label="Why is it being withdrawn?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="For example, “Entered twice: the same as P2.3” or “The audit was withdrawn by the panel”.",
        error_messages={
            "required": "Enter why it is being withdrawn",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, submit_label="Withdraw", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason", rows=4), Submit("submit", submit_label, css_class="govuk-button--warning")
        )


class VersionedFormMixin:
    """A form that changes a saved object carries the version it was opened at, in a hidden field.

    The view passes ``cleaned_data["version"]`` to the service, which refuses the change if someone
    saved another since (``neglect_portal.versioning``). Put it before ``PortalFormMixin``; the form's
    ``instance`` (or ``versioned``) is the object changed. A form that adds an object has no version.
    """

    def __init__(self, *args, versioned=None, **kwargs):
        super().__init__(*args, **kwargs)
        target = versioned if versioned is not None else getattr(self, "instance", None)
        if target is None or target.pk is None:
            return
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        self.initial.setdefault("version", target.version)
        if getattr(self, "_helper", None) is not None:
            self._helper.render_hidden_fields = True

    # Forms build their helper after this mixin's __init__: whenever it is set, it renders the version too.
    @property
    def helper(self):
        return self._helper

    @helper.setter
    def helper(self, helper):
        helper.render_hidden_fields = True
        self._helper = helper
