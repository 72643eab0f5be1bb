"""Multi-row INSERTs built straight from column values, for the few paths that write tens
of thousands of rows at once (the spreadsheet import).

`Model.objects.bulk_create` builds a model instance and prepares every field of every row
through the ORM: about 85 µs a row on this project's machine, ten times the database's own
time. Here each row is a dict of attribute names → Python values; missing fields take
their default, auto_now fields the time of the call, and values are adapted only where the
backend needs it (dates, datetimes, decimals). No validation happens here: callers write
rows they have checked, inside their own transaction. Works on SQLite and PostgreSQL
(both return generated ids in insertion order, as bulk_create relies on too)."""

from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

_DEFAULT_PARAMS = 999


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]


def _remembered(adapt):
    # A batch repeats the same few dates and timestamps (the import's "now"): adapt each once.
    seen: dict = {}

    def cached(value):
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return cached


def _defaults(fields: list[models.Field]) -> dict:
    """What a missing attribute takes: the time of the call for auto_now fields, else the
    field's default ("" for a text column that may not be null, as a model instance has)."""
    now = timezone.now()
    return {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }


def _adapter(field: models.Field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return _remembered(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _remembered(ops.adapt_datefield_value)
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    return None


def insert(model, rows: Iterable[dict], *, returning: bool = False) -> list[int]:
    """Insert rows ({attname: value}) into the model's table; with `returning`, the new
    primary keys in the order of the rows."""
    if connection.vendor == "postgresql":
        return _copy(model, list(rows), returning=returning)
    fields = _columns(model)
    defaults = _defaults(fields)
    names = [f.attname for f in fields]
    adapters = [(i, a) for i, a in ((i, _adapter(f)) for i, f in enumerate(fields)) if a is not None]
    quote = connection.ops.quote_name
    # Table and column names come from the model, quoted; every value is a parameter.
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    limit = getattr(connection.features, "max_query_params", None) or _DEFAULT_PARAMS
    batch = max(1, min(1000, limit // len(fields)))
    ids: list[int] = []
    pending: list = []
    count = 0

    def flush(values: list, n: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(head + ", ".join([one] * n) + tail, values)
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())

    for row in rows:
        values = [row[name] if name in row else defaults[name] for name in names]
        for i, adapt in adapters:
            if values[i] is not None:
                values[i] = adapt(values[i])
        pending.extend(values)
        count += 1
        if count == batch:
            flush(pending, count)
            pending, count = [], 0
    if count:
        flush(pending, count)
    return ids


def _copy(model, rows: list[dict], *, returning: bool) -> list[int]:
    """PostgreSQL: the ids reserved from the table's sequence in one query (when asked
    for), then every row through COPY: psycopg would otherwise parse each long multi-row
    statement's placeholders on the client, which cost more than the server's work."""
    fields = _columns(model)
    defaults = _defaults(fields)
    pk = model._meta.pk
    quote = connection.ops.quote_name
    names = [f.attname for f in fields]
    columns = [f.column for f in fields]
    ids: list[int] = []
    if returning and rows:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        columns = [pk.column, *columns]
    if not rows:
        return ids
    with connection.cursor() as cursor:
        # Table and column names come from the model, quoted; the rows go as COPY data.
        sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for i, row in enumerate(rows):
                values = [row[n] if n in row else defaults[n] for n in names]
                copy.write_row([ids[i], *values] if ids else values)
    return ids
