"""`phoihop refdata load` and `phoihop refdata bench`."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("refdata", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_refdata_load_prints_the_counts_in_vietnamese_then_english():
    out, err = run("load")

    vietnamese, english = out.splitlines()
    assert re.fullmatch(
        r"Đã nạp dữ liệu tham chiếu: 54 dân tộc, 11 loại cơ quan, 34 tỉnh hiện hành, 3\.321 xã hiện hành, "
        r"63 tỉnh, 696 huyện và 10\.051 xã trước 01/07/2025, \d{1,3}\.\d{3} liên kết kế thừa "
        r"\(thêm 0, sửa 0, xóa 0\) trong \d+,\d s",
        vietnamese,
    )
    assert english.startswith(
        "Loaded reference data: 54 ethnic groups, 11 agency kinds, 34 current provinces, "
    )
    assert err == ""


def test_refdata_needs_an_action():
    with pytest.raises(CommandError):
        call_command("refdata")


def test_refdata_bench_prints_one_json_line(monkeypatch):
    # The bench creates and drops a throwaway database; inside a test, load into the test
    # database instead and check the wiring and the output.
    monkeypatch.setattr(
        connection.creation, "create_test_db", lambda **kwargs: connection.settings_dict["NAME"]
    )
    monkeypatch.setattr(connection.creation, "destroy_test_db", lambda *args, **kwargs: None)

    out, _ = run("bench")

    (line,) = out.splitlines()
    result = json.loads(line)
    assert set(result) == {"name", "db", "n", "seconds", "noop_seconds", "noop_writes"}
    assert result["name"] == "refdata_load"
    assert result["db"] == connection.vendor
    assert result["n"] > 54 + 11 + 34 + 3321 + 63 + 696 + 10051
    assert result["noop_writes"] == 0
    assert result["seconds"] > 0
