"""The benchmark harness on the test database (no switching): the lines it prints and the
honesty of its plain-SQL baseline. Timings themselves are not asserted."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from phoihop import bench
from phoihop.activities.generate import generate
from phoihop.activities.models import Activity
from phoihop.activities.selectors import program_statistics
from phoihop.bench import BenchError, Context, bench_database_name, figures
from phoihop.bench.figures import check_program_baseline, program_figures
from phoihop.news.extraction import FIELDS

pytestmark = pytest.mark.django_db

KEYS = {"name", "scale", "db", "n", "p50_ms", "p95_ms", "baseline_p50_ms", "ratio"}


@pytest.fixture
def generated(db):
    generate(scale="tiny", seed=3)


def test_run_prints_one_json_line_per_operation(generated):
    lines: list[str] = []
    # activity_export runs the export command in a child process, which cannot see the
    # test's uncommitted data; the command itself is tested in tests/activities.
    names = [name for name in bench.OPERATIONS if name != "activity_export"]
    bench.run(scale="tiny", repeat=2, only=names, write=lines.append)
    parsed = [json.loads(line) for line in lines]
    assert [p["name"] for p in parsed] == [
        "extract_accuracy",
        "extract_rate",
        "program_dashboard",
        "province_dashboard",
        "statistics_api",
        "activity_list",
        "review_report_docx",
        "search",
        "activity_import",
        "activity_import_xlsx",
    ]
    program = Context(scale="tiny").program
    accepted = Activity.objects.filter(program=program, status="accepted").count()
    for line in parsed:
        assert line.keys() >= KEYS
        assert (line["scale"], line["db"], line["repeat"]) == ("tiny", connection.vendor, 2)
        assert line.get("program_id", program.pk) == program.pk
        assert 0 < line["p50_ms"] <= line["p95_ms"]
        assert line["baseline_p50_ms"] > 0
        assert line["ratio"] > 0
    accuracy, rate, dashboard, province, api, listing, report, search, imported, imported_xlsx = parsed
    # The extraction engine over the labelled set (tests/news/extraction/articles).
    assert accuracy["n"] == rate["n"] >= 30
    assert set(accuracy["fields"]) == set(FIELDS) and accuracy["min_field"] >= 0.9
    assert rate["articles_per_s"] > 0
    # The public search page over the tiny scale's 300 generated articles.
    assert search["n"] == 300 and search["target_p95_ms"] == 100
    assert imported["n"] == imported_xlsx["n"] == 200 and imported["rows_per_s"] > 0
    assert Activity.objects.filter(external_key__startswith="bench-").count() == 0  # rolled back
    # The tiny set's programs all lie in one province: its dashboard counts them all.
    assert province["province"] == "01"
    assert province["n"] == Activity.objects.filter(status="accepted").count()
    assert dashboard["n"] == api["n"] == report["n"] == accepted
    assert report["docx_bytes"] > 10_000
    assert listing["n"] == Activity.objects.filter(program=program).count()
    assert listing["queries"] >= 1
    assert listing["queries_page_of_1"] >= 1


def test_only_runs_the_named_operations(generated):
    lines: list[str] = []
    bench.run(scale="tiny", repeat=1, only=["statistics_api"], write=lines.append)
    assert [json.loads(line)["name"] for line in lines] == ["statistics_api"]
    with pytest.raises(ValueError, match="nosuch"):
        bench.run(scale="tiny", repeat=1, only=["nosuch"], write=lines.append)


def test_program_is_the_one_with_most_accepted_activities(generated):
    program = Context(scale="tiny").program
    counts = [
        Activity.objects.filter(program=p, status="accepted").count() for p in type(program).objects.all()
    ]
    assert Activity.objects.filter(program=program, status="accepted").count() == max(counts)


def test_baseline_gives_the_figures_the_page_shows(generated):
    program = Context(scale="tiny").program
    figures = program_figures(program.pk)
    stats = program_statistics(program=program)
    assert check_program_baseline(program) == stats["totals"]

    def per_activity(rows):
        return {str(key): (int(n), int(people)) for key, n, people in rows}

    def people(rows):
        return {key: int(n) for key, n in rows}

    assert {int(k): v for k, v in per_activity(figures["by_content_area"]).items()} == {
        r["content_area_id"]: (r["activities"], r["participants"]) for r in stats["by_content_area"]
    }
    assert per_activity(figures["by_kind"]) == {
        r["kind"]: (r["activities"], r["participants"]) for r in stats["by_kind"]
    }
    assert {int(float(k)): v for k, v in per_activity(figures["by_year"]).items()} == {
        r["year"]: (r["activities"], r["participants"]) for r in stats["by_year"]
    }
    credits: dict[int, tuple[int, int]] = {}
    for agency, n, participants in [*figures["by_organiser"], *figures["by_co_organiser"]]:
        a, p = credits.get(agency, (0, 0))
        credits[agency] = (a + n, p + participants)
    assert credits == {r["agency_id"]: (r["activities"], r["participants"]) for r in stats["by_agency"]}
    assert figures["by_co_organiser"]  # the generator gives co-organisers to about one in five
    assert people(figures["by_sex"]) == {r["sex"]: r["participants"] for r in stats["by_sex"]}
    assert people(figures["by_age_band"]) == {r["age_band"]: r["participants"] for r in stats["by_age_band"]}
    assert people(figures["by_ethnic_group"]) == {
        r["ethnic_group_code"]: r["participants"] for r in stats["by_ethnic_group"]
    }


def test_baseline_disagreeing_with_the_page_is_an_error(generated, monkeypatch):
    program = Context(scale="tiny").program
    monkeypatch.setattr(
        figures,
        "program_statistics",
        lambda **_: {"totals": {"activities": 1, "participants": 2, "budget_vnd": 3}},
    )
    with pytest.raises(BenchError, match="Đường cơ sở SQL khác số liệu"):
        check_program_baseline(program)
    with pytest.raises(BenchError):
        bench.run(scale="tiny", repeat=1, only=["program_dashboard"], write=print)


def test_no_generated_data_is_an_error(db):
    with pytest.raises(BenchError, match="phoihop generate"):
        bench.run(scale="tiny", repeat=1, write=print)


def test_bench_database_sits_next_to_the_configured_one():
    assert bench_database_name("national", vendor="sqlite") == str(
        Path(settings.VAR_DIR) / "bench-national.sqlite3"
    )
    assert (
        bench_database_name("national", vendor="postgresql", name="phoihop_dev")
        == "phoihop_dev_bench_national"
    )


def test_command_refuses_unknown_operations_before_touching_any_database():
    with pytest.raises(CommandError, match="nosuch"):
        call_command("bench", "--scale", "tiny", "--only", "program_dashboard,nosuch")
    with pytest.raises(CommandError, match="repeat"):
        call_command("bench", "--scale", "tiny", "--repeat", "0")
