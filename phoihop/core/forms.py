from django import forms


def date_widget() -> forms.DateInput:
    """Dates typed as dd/mm/yyyy whatever the browser's language (a native date input
    shows mm/dd/yyyy on an English-language browser). ISO dates are accepted too."""
    return forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
    )
