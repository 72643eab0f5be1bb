from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "phoihop.programs"
    verbose_name = "Chương trình phối hợp"
