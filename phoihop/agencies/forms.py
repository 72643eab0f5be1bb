from django import forms

from phoihop.agencies.models import Agency
from phoihop.agencies.services import FIELDS
from phoihop.core.forms import date_widget
from phoihop.reference.models import AdministrativeUnit


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(FIELDS)
        widgets = {
            "valid_from": date_widget(),
            "valid_to": date_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = AdministrativeUnit.objects.filter(level="province").order_by(
            "era", "name"
        )
        self.fields["province"].label_from_instance = lambda u: (
            f"{u.name} ({'hiện hành' if u.era == 'current' else 'trước 2025'})"
        )
        others = Agency.objects.exclude(pk=self.instance.pk) if self.instance.pk else Agency.objects.all()
        self.fields["parent"].queryset = others
        self.fields["successor"].queryset = others
