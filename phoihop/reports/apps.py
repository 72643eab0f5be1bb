from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "phoihop.reports"
    verbose_name = "Văn bản, báo cáo"
