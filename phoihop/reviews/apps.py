from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "phoihop.reviews"
    verbose_name = "Sơ kết, tổng kết"
