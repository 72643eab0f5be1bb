from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_collation(sender, connection, **kwargs):
    """SQLite has no Vietnamese collation: give each connection one named "vi"
    (PostgreSQL uses ICU's "vi-x-icu"; see core.search.vn_order)."""
    if connection.vendor == "sqlite":
        from phoihop.core.text import vn_compare

        connection.connection.create_collation("vi", vn_compare)


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        connection_created.connect(_sqlite_collation, dispatch_uid="phoihop_sqlite_vi_collation")
