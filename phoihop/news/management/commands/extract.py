"""`phoihop extract FILE [FILE …] [--json] [--published-on YYYY-MM-DD]`: what the extraction
engine proposes for article files (.txt, .html/.htm, .docx), without writing anything."""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from phoihop.news.extraction import ExtractionInputError, check_text, extract, read_article_file

EVENT_LABELS = {
    "signing": "Ký kết chương trình phối hợp",
    "interim_review": "Sơ kết",
    "final_review": "Tổng kết",
    "training": "Tập huấn, bồi dưỡng",
    "monitoring_visit": "Giám sát, kiểm tra",
    "commendation": "Biểu dương, khen thưởng",
    "other": "Khác (không rõ loại sự kiện)",
}


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published-on: «{value}» không phải ngày dạng YYYY-MM-DD.") from None


def _vn_date(value: str | None) -> str:
    if not value:
        return "không rõ"
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}" if year != "????" else f"{day}/{month} (không rõ năm)"


def summary(name: str, result: dict) -> str:
    """The proposal in Vietnamese, one field a line."""
    phase = (
        f"{result['phase_start']}–{result['phase_end']}"
        if result["phase_start"] and result["phase_end"]
        else "không rõ"
    )
    people = [f"{p['name']} ({p['title']})" if p.get("title") else p["name"] for p in result["people"]]
    lines = [
        f"== {name} ==",
        f"Loại sự kiện: {EVENT_LABELS.get(result['event_type'], result['event_type'])}",
        f"Sự kiện của chương trình phối hợp: {'có' if result['is_coordination_program_event'] else 'không'}",
        f"Ngày diễn ra: {_vn_date(result['event_date'])}",
        f"Tỉnh/thành phố: {result['province'] or 'không rõ'}",
        f"Cơ quan chủ trì: {result['lead_agency'] or 'không rõ'}",
        f"Cơ quan phối hợp: {', '.join(result['partner_agencies']) or 'không có'}",
        f"Giai đoạn: {phase}",
        f"Người được nêu: {'; '.join(people) or 'không có'}",
        f"Nội dung phối hợp: {', '.join(result['content_areas']) or 'không có'}",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Đề xuất bản ghi từ bài báo cũ (tệp .txt, .html, .htm, .docx; «-» là đầu vào chuẩn) mà không "
        "ghi gì vào cơ sở dữ liệu. Mặc định in tóm tắt tiếng Việt; với --json in mỗi tệp một dòng JSON "
        'gồm khóa "file" (tên tệp) và các khóa của news.extraction.extract. Tệp lỗi được báo trên '
        "stderr; lệnh xử lý hết các tệp còn lại rồi thoát với mã khác 0."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="tệp bài báo (.txt, .html, .htm, .docx) hoặc -"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help='mỗi tệp một dòng JSON: {"file": tên tệp, "event_type": …, …}',
        )
        parser.add_argument(
            "--published-on",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="ngày đăng bài, để suy ra năm của ngày viết thiếu năm",
        )

    def handle(self, *args, files: list[str], as_json: bool, published_on: dt.date | None, **options) -> None:
        failed = 0
        for index, name in enumerate(files):
            try:
                if name == "-":
                    text = sys.stdin.read()
                    check_text(text)
                else:
                    text = read_article_file(name)
                result = extract(text, published_on=published_on)
            except ExtractionInputError as exc:
                failed += 1
                self.stderr.write(f"Lỗi: đầu vào chuẩn: {exc}" if name == "-" else f"Lỗi: {exc}")
                continue
            if as_json:
                self.stdout.write(json.dumps({"file": name, **result}, ensure_ascii=False))
            else:
                if index:
                    self.stdout.write("")
                self.stdout.write(summary(name, result))
        if failed:
            raise CommandError(f"Không xử lý được {failed}/{len(files)} tệp.", returncode=1)
