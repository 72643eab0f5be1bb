from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "phoihop.people"
    verbose_name = "Điển hình tiêu biểu"
