from phoihop.activities.models import ActivityFilter
from phoihop.core.exporters import Exporter
from phoihop.indicators.models import Method
from phoihop.indicators.selectors import indicator_values


class IndicatorTableExporter(Exporter):
    """The indicator table as the list page shows it."""

    title = "Chỉ tiêu"
    columns = [
        ("STT", 5),
        ("Chỉ tiêu", 50),
        ("Nội dung phối hợp", 30),
        ("Đơn vị tính", 12),
        ("Cách tính", 24),
        ("Giá trị đầu kỳ", 14),
        ("Giá trị đạt được", 16),
        ("Chỉ tiêu", 14),
        ("Tỷ lệ đạt (%)", 12),
        ("Nguồn (nhập tay)", 40),
    ]

    def __init__(self, *, program, flt: ActivityFilter):
        self.program = program
        self.flt = flt
        self.filename = f"chuong-trinh-{program.pk}-chi-tieu"

    def rows(self):
        areas = {a.pk: f"{a.number}. {a.title}" for a in self.program.content_areas.all()}
        methods = dict(Method.choices)
        for i, row in enumerate(indicator_values(program=self.program, flt=self.flt), start=1):
            yield [
                i,
                row["name"],
                areas.get(row["content_area_id"], ""),
                row["unit"],
                methods.get(row["method"], row["method"]),
                row["baseline"],
                row["value"],
                row["target"],
                row["percent"],
                row["source"],
            ]
