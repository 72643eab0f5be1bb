"""`phoihop bench`: timings of the pages and computations that must stay interactive at
the national scale (DESIGN.md, "Scale"), each against a plain-SQL baseline over the same
rows measured in the same run, so that the ratio survives a noisy machine.

Each operation prints one JSON line:

    {"name", "scale", "db", "n", "p50_ms", "p95_ms", "baseline_p50_ms", "ratio", ...}

`n` is the number of rows the operation covers, `ratio` = p50 / baseline p50 (null
without a baseline); extra keys (such as "queries") are the operation's own.

An operation is a function registered with `@operation("name")`: given the shared
`Context`, it does its setup once and returns a `Measure` (the callable to time, an
optional baseline callable, `n`, extra fields). `run()` times every measured call
interleaved with a baseline call, after warm-ups, so that noise hits both alike.

`bench_database()` switches the default connection to a benchmark database kept apart
from the user's data (SQLite: `<PHOIHOP_VAR_DIR>/bench-<scale>.sqlite3`; PostgreSQL:
`<name>_bench_<scale>` on the same server), creating and filling it the first time
(migrate, reference data, `activities.generate`) and reusing it afterwards.

The package sits above every app (it drives their pages through the test client) and
no app imports it: harness (timing, the benchmark database), figures (dashboards, the
statistics API, the activity list), spreadsheets (import and export), reports (the review report),
extraction (the article extraction engine's accuracy and rate over the labelled set), search (the
public search page over the scale's articles).
"""

from phoihop.bench import extraction, figures, reports, search, spreadsheets  # noqa: F401 - their operations register themselves
from phoihop.bench.harness import (
    DEFAULT_REPEAT,
    OPERATIONS,
    BenchError,
    Context,
    Measure,
    bench_database,
    bench_database_name,
    measure,
    operation,
    run,
)

__all__ = [
    "DEFAULT_REPEAT",
    "OPERATIONS",
    "BenchError",
    "Context",
    "Measure",
    "bench_database",
    "bench_database_name",
    "measure",
    "operation",
    "run",
]
