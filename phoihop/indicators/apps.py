from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "phoihop.indicators"
    verbose_name = "Chỉ tiêu"
