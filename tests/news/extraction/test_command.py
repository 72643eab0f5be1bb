"""`phoihop extract FILE … [--json]`: one JSON line or one Vietnamese summary per file; bad
files reported on stderr after the others are done, with a non-zero exit."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from phoihop.news.extraction import FIELDS, extract
from phoihop.news.extraction.scoring import LABELLED_DIR

SIGNING = LABELLED_DIR / "01_soctrang_ky_ket.txt"
TRAINING = LABELLED_DIR / "04_hagiang_tap_huan.txt"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_one_object_per_line_per_file_with_its_name():
    out, err = run(str(SIGNING), str(TRAINING), "--json", "--published-on", "2019-02-19")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["file"] for line in lines] == [str(SIGNING), str(TRAINING)]
    assert all(list(line) == ["file", *FIELDS] for line in lines)
    published = dt.date(2019, 2, 19)
    assert lines[1] == {"file": str(TRAINING), **extract(TRAINING.read_text(), published_on=published)}
    assert lines[1]["event_date"] == "2019-02-17"
    assert err == ""


def test_without_json_a_vietnamese_summary():
    out, _ = run(str(SIGNING))
    assert out.splitlines()[:9] == [
        f"== {SIGNING} ==",
        "Loại sự kiện: Ký kết chương trình phối hợp",
        "Sự kiện của chương trình phối hợp: có",
        "Ngày diễn ra: 18/03/2021",
        "Tỉnh/thành phố: Sóc Trăng",
        "Cơ quan chủ trì: Ban Dân tộc",
        "Cơ quan phối hợp: Hội Nông dân, Hội Liên hiệp Phụ nữ",
        "Giai đoạn: 2021–2025",
        "Người được nêu: Lâm Hoàng Sa Ra (Trưởng Ban Dân tộc tỉnh); Trịnh Thị Mỹ Lệ (Chủ tịch Hội Liên hiệp "
        "Phụ nữ tỉnh); Kim Văn Thạnh (Phó Chủ tịch Thường trực Hội Nông dân tỉnh)",
    ]


def test_a_date_without_a_year_is_shown_so(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text((LABELLED_DIR / "14_yenbai_so_ket_khong_nam.txt").read_text(), encoding="utf-8")
    out, _ = run(str(path))
    assert "Ngày diễn ra: 22/06 (không rõ năm)" in out.splitlines()


def test_a_bad_file_is_reported_in_vietnamese_after_the_others(tmp_path):
    png = tmp_path / "anh.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Không xử lý được 2/3 tệp") as caught:
        call_command(
            "extract",
            str(png),
            str(tmp_path / "khong-co.txt"),
            str(SIGNING),
            "--json",
            stdout=out,
            stderr=err,
        )
    assert caught.value.returncode == 1
    assert [json.loads(line)["file"] for line in out.getvalue().splitlines()] == [str(SIGNING)]
    assert err.getvalue().splitlines() == [
        "Lỗi: Tệp «anh.txt» không phải văn bản: nội dung là ảnh PNG.",
        f"Lỗi: Không tìm thấy tệp «{tmp_path / 'khong-co.txt'}».",
    ]


def test_a_bad_publication_date_is_refused():
    with pytest.raises(CommandError, match="không phải ngày dạng YYYY-MM-DD"):
        run(str(SIGNING), "--published-on", "19/02/2019")


def test_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(SIGNING.read_text()))
    out, _ = run("-", "--json")
    assert json.loads(out)["file"] == "-"
    assert json.loads(out)["province"] == "Sóc Trăng"
