from phoihop.core.exporters import Exporter


class ExemplarExporter(Exporter):
    """The exemplars a list page shows (the same visibility: the caller passes
    `selectors.exemplar_list(user=…)`), one row each, recognitions in one cell."""

    title = "Điển hình tiêu biểu"
    columns = [
        ("STT", 5),
        ("Tên cá nhân, tập thể", 32),
        ("Loại", 14),
        ("Dân tộc", 12),
        ("Giới tính", 9),
        ("Năm sinh", 9),
        ("Xã, phường", 22),
        ("Nơi cư trú, hoạt động", 30),
        ("Lĩnh vực", 26),
        ("Thành tích tiêu biểu", 60),
        ("Người có uy tín, nhiệm kỳ", 14),
        ("Khen thưởng", 60),
        ("Đồng ý công khai", 10),
        ("Ngày đồng ý", 12),
    ]

    def __init__(self, *, exemplars, filename: str):
        self.exemplars = exemplars
        self.filename = filename

    def rows(self):
        for i, e in enumerate(self.exemplars.iterator(chunk_size=500), start=1):
            recognitions = "; ".join(
                f"{r.get_form_display()} {r.get_level_display().lower()}, {r.issuer}"
                + (f", số {r.decision_number}" if r.decision_number else "")
                + f", {r.date:%d/%m/%Y}"
                for r in e.recognitions.all()
            )
            yield [
                i,
                e.name,
                e.get_kind_display(),
                e.ethnic_group.name if e.ethnic_group else "",
                e.get_sex_display() if e.sex else "",
                e.birth_year,
                e.locality.name if e.locality else "",
                e.place_as_written,
                e.get_field_display(),
                e.achievements,
                e.prestige_term,
                recognitions,
                e.consent_to_publish,
                e.consent_date,
            ]
