from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "phoihop.activities"
    verbose_name = "Hoạt động"
