from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "phoihop.agencies"
    verbose_name = "Cơ quan, đơn vị"
