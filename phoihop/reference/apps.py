from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "phoihop.reference"
    verbose_name = "Dữ liệu tham chiếu"
