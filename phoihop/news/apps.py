from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "phoihop.news"
    verbose_name = "Tin bài"
