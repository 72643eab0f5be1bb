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
