from django import forms


def date_widget() -> forms.DateInput:
    """Dates typed as dd/mm/yyyy whatever the browser's language (a native date input
    shows mm/dd/yyyy on an English-language browser). ISO dates are accepted too."""
    return forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
    )


def add_service_errors(form: forms.Form, exc) -> None:
    """Show a service's ValidationError on the form: at its field when the form has one,
    above the form otherwise."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def select_html(field) -> str:
    """A bound choice field as a plain <select>, built in Python: a page with a few
    hundred options pays about 10 ms for them through the widget or template loops."""
    from django.utils.html import format_html, format_html_join

    value = field.value()
    chosen = (
        {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    )
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((v, " selected" if str(v) in chosen else "", label) for v, label in field.field.choices),
    )
    return format_html('<select name="{}" id="{}">{}</select>', field.html_name, field.id_for_label, options)
