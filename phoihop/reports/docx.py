"""Official documents filled from data: the kinds, their placeholders, the default templates,
checking an uploaded template, filling one (docxtpl) and converting to PDF (LibreOffice).

Pure functions: no database. The values a template receives are built by
`phoihop.reports.context` (already formatted strings and lists of dicts); examples are in
`phoihop.reports.samples`.
"""

import functools
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from phoihop.core.uploads import DOCUMENT_KINDS, check_upload

DOCX_TYPE = DOCUMENT_KINDS["docx"].mime
PDF_TYPE = "application/pdf"
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024

KINDS = {
    "review_report": "Báo cáo sơ kết, tổng kết",
    "program_document": "Chương trình phối hợp",
    "annual_report": "Báo cáo năm",
}

COMMON = {
    "co_quan_chu_quan": "Tên cơ quan chủ quản (dòng trên, in hoa, đứng), ví dụ «ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN»; có thể trống.",
    "co_quan_ban_hanh": "Tên cơ quan ban hành (in hoa, đậm), ví dụ «BAN DÂN TỘC».",
    "so_ky_hieu": "Số, ký hiệu văn bản, ví dụ «05/BC-BDT»; khi chưa cấp số: «     /BC-BDT».",
    "dia_danh_ngay": "Địa danh và ngày tháng năm, ví dụ «Thái Nguyên, ngày 01 tháng 12 năm 2016».",
    "tieu_de": "Tên loại văn bản, ví dụ «BÁO CÁO».",
    "trich_yeu": "Trích yếu nội dung, dòng đậm dưới tên loại văn bản.",
    "quyen_han_ky": "Quyền hạn ký: «KT. TRƯỞNG BAN», «TM. ỦY BAN NHÂN DÂN»…; trống khi người đứng đầu ký.",
    "chuc_vu_ky": "Chức vụ người ký, ví dụ «PHÓ TRƯỞNG BAN».",
    "nguoi_ky": "Họ và tên người ký.",
    "noi_nhan": "Danh sách nơi nhận, mỗi phần tử một dòng có gạch đầu dòng; dòng cuối «- Lưu: VT, …».",
    "can_cu": "Các đoạn căn cứ, mở đầu (danh sách đoạn văn).",
}


def _table(label: str, fields: str) -> str:
    return f"{label}: bảng, mỗi dòng có {fields}."


FIGURES = {
    "tong_so_hoat_dong": "Tổng số hoạt động, ví dụ «1.234».",
    "tong_so_nguoi": "Tổng số lượt người tham gia, ví dụ «56.780».",
    "tong_kinh_phi": "Tổng kinh phí (đồng), ví dụ «1.250.000.000».",
    "theo_noi_dung": _table("Kết quả theo nội dung phối hợp", "stt, ten, hoat_dong, nguoi_tham_gia"),
    "theo_co_quan": _table("Kết quả theo cơ quan", "stt, ten, hoat_dong, nguoi_tham_gia"),
    "theo_dan_toc": _table("Người tham gia theo dân tộc", "stt, ten, nguoi_tham_gia"),
    "theo_gioi_tinh": _table("Người tham gia theo giới tính", "stt, ten, nguoi_tham_gia"),
    "theo_do_tuoi": _table("Người tham gia theo độ tuổi", "stt, ten, nguoi_tham_gia"),
    "chi_tieu": _table("Chỉ tiêu và kết quả", "stt, ten, don_vi, gia_tri, chi_tieu, ty_le"),
    "ket_qua": "Kết quả đạt được (danh sách đoạn văn).",
    "dien_hinh": _table("Gương điển hình", "stt, ten, dan_toc, dia_ban, thanh_tich"),
    "ket_qua_giam_sat": _table(
        "Kết quả kiểm tra, giám sát", "stt, chinh_sach, dia_ban, van_de, kien_nghi, co_quan, trang_thai"
    ),
    "phuong_huong": "Phương hướng, nhiệm vụ thời gian tới (danh sách đoạn văn).",
    "kien_nghi": "Kiến nghị, đề xuất (danh sách đoạn văn).",
}

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "review_report": {
        **COMMON,
        "ky_bao_cao": "Kỳ báo cáo, ví dụ «từ ngày 01/01/2024 đến ngày 30/6/2024».",
        "hoi_nghi_ngay": "Ngày họp hội nghị, ví dụ «15/7/2024»; trống khi chưa họp.",
        "hoi_nghi_dia_diem": "Địa điểm hội nghị.",
        "chu_tri": "Người chủ trì hội nghị (họ tên, chức vụ).",
        "thanh_phan": _table("Thành phần tham dự", "stt, ten, chuc_vu, co_quan"),
        **FIGURES,
        "han_che": "Hạn chế (danh sách đoạn văn).",
        "nguyen_nhan": "Nguyên nhân (danh sách đoạn văn).",
        "bai_hoc": "Bài học kinh nghiệm (danh sách đoạn văn).",
        "ket_luan": _table("Kết luận của người chủ trì", "stt, noi_dung, co_quan, han"),
        "viec_ton_dong": _table("Việc tồn đọng chuyển kỳ sau", "stt, noi_dung, co_quan, han, trang_thai"),
    },
    "program_document": {
        **COMMON,
        "muc_tieu": "Mục tiêu (danh sách đoạn văn).",
        "noi_dung": _table("Nội dung phối hợp", "stt, ten, mo_ta, co_quan"),
        "co_che": "Cơ chế phối hợp (danh sách đoạn văn).",
        "cac_ben": _table("Các bên tham gia, ký", "co_quan, vai_tro, nguoi_ky, chuc_vu"),
    },
    "annual_report": {
        **COMMON,
        "nam": "Năm báo cáo, ví dụ «2024».",
        **FIGURES,
        "ke_hoach": _table("Kế hoạch năm và thực hiện", "stt, co_quan, loai, ke_hoach, thuc_hien"),
        "viec_can_lam": _table("Việc cần làm tiếp", "stt, noi_dung, co_quan, han, trang_thai"),
    },
}

_SIGNED = ["co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "tieu_de", "trich_yeu", "noi_nhan"]
REQUIRED: dict[str, list[str]] = {
    "review_report": [
        *_SIGNED,
        "chuc_vu_ky",
        "nguoi_ky",
        "ky_bao_cao",
        "tong_so_hoat_dong",
        "ket_qua",
        "theo_noi_dung",
        "theo_co_quan",
        "han_che",
        "phuong_huong",
        "ket_luan",
        "kien_nghi",
    ],
    "program_document": [*_SIGNED, "muc_tieu", "noi_dung", "co_che", "cac_ben"],
    "annual_report": [
        *_SIGNED,
        "chuc_vu_ky",
        "nguoi_ky",
        "nam",
        "tong_so_hoat_dong",
        "ket_qua",
        "theo_noi_dung",
        "theo_co_quan",
        "ke_hoach",
        "viec_can_lam",
        "phuong_huong",
        "kien_nghi",
    ],
}

NOT_DOCX = "Tệp không phải văn bản Word (.docx)."
NO_LIBREOFFICE = "Máy chủ chưa cài LibreOffice nên không tạo được PDF."


class PdfError(RuntimeError):
    """The PDF could not be made; the message is Vietnamese, for the user."""


@functools.cache
def default_template(kind: str) -> bytes:
    """The default template of `kind`, built once per process (about 0.2 s; bytes are
    immutable, so every caller may share them)."""
    from phoihop.reports.defaults import BUILDERS

    return BUILDERS[kind]()


def _env() -> SandboxedEnvironment:
    # Sandboxed: a template is a file someone uploaded; it may read the values it is given
    # and nothing else of the running program. Autoescape: "&" and "<" in data stay text.
    return SandboxedEnvironment(autoescape=True)


def _template(data: bytes):
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO(data))


def render(template: bytes, context: dict) -> bytes:
    """The template filled with `context`, as .docx bytes."""
    document = _template(template)
    document.render(context, _env(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- checking an uploaded template -----------------------------------------------------------

_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))
_TAGS = re.compile(r"<[^>]+>")


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"«{text[:limit]}…»" if len(text) > limit else f"«{text}»"


def _is_docx(data: bytes) -> bool:
    upload = ContentFile(data, name="mau.docx")
    try:
        check_upload(upload, {"docx": DOCUMENT_KINDS["docx"]}, max_bytes=TEMPLATE_MAX_BYTES)
    except ValidationError:
        return False
    return True


def _parts(document) -> list:
    """The XML roots a template's placeholders live in: the body, then headers and footers."""
    from docx.oxml import parse_xml

    roots = [document.docx._element.body]
    for rel in document.docx.part.rels.values():
        if rel.reltype in (document.HEADER_URI, document.FOOTER_URI) and rel.target_part.blob:
            roots.append(parse_xml(rel.target_part.blob))
    return roots


def _unbalanced(document) -> list[str]:
    """Paragraphs where an opening `{{`, `{%` or `{#` is not closed in the same paragraph (or
    the reverse): Jinja would read on into the following paragraphs."""
    from docx.oxml.ns import qn

    broken = []
    for root in _parts(document):
        for paragraph in root.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            if any(text.count(a) != text.count(b) for a, b in _PAIRS):
                broken.append(f"Chỗ điền bị hỏng: {_excerpt(text)}.")
    return broken


def _source(document) -> str:
    """The Jinja source docxtpl renders, one paragraph per line so that an error's line
    number points at its paragraph."""
    xml = "".join(document.patch_xml(document.xml_to_string(root)) for root in _parts(document))
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _placeholders(document) -> set[str]:
    """The top-level names the template reads (like DocxTemplate.get_undeclared_template_
    variables, but parsed line by line so a syntax error can be located)."""
    source = _source(document)
    env = _env()
    try:
        names = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        if "end of template" in (exc.message or ""):
            message = "Chỗ điền bị hỏng: một thẻ mở ({%p for …%}, {%p if …%}, {%tr for …%}) thiếu thẻ đóng."
        else:
            lines = source.splitlines()
            line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
            message = f"Chỗ điền bị hỏng: {_excerpt(_TAGS.sub('', line))} (sai cú pháp)."
        raise ValidationError(message) from exc
    return set(names) - set(env.globals)


def check_template(kind: str, data: bytes) -> list[str]:
    """What is wrong with an uploaded template of `kind`, in Vietnamese; empty when it may
    replace the current one. Checks that it is a .docx, that every placeholder is whole and
    known, that the required ones are there, and that it fills with the sample values."""
    from phoihop.reports.samples import SAMPLE_CONTEXT

    if not _is_docx(data):
        if len(data) > TEMPLATE_MAX_BYTES:
            return [f"Tệp mẫu quá lớn: tối đa {TEMPLATE_MAX_BYTES // (1024 * 1024)} MB."]
        return [NOT_DOCX]
    try:
        document = _template(data)
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return [NOT_DOCX]
    errors = _unbalanced(document)
    if errors:
        return errors
    try:
        names = _placeholders(document)
    except ValidationError as exc:
        return exc.messages
    unknown = sorted(names - set(PLACEHOLDERS[kind]))
    if unknown:
        errors.append(
            "Chỗ điền không có trong danh mục: " + ", ".join(f"{{{{ {n} }}}}" for n in unknown) + "."
        )
    missing = [n for n in REQUIRED[kind] if n not in names]
    if missing:
        errors.append("Thiếu chỗ điền bắt buộc: " + ", ".join(f"{{{{ {n} }}}}" for n in missing) + ".")
    if not errors:
        try:
            render(data, SAMPLE_CONTEXT[kind])
        except Exception as exc:  # noqa: BLE001 - any failure of an uploaded file is reported
            errors.append(f"Không điền thử được mẫu với số liệu mẫu: {exc}")
    return errors


# --- PDF ---------------------------------------------------------------------------------------


def libreoffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, timeout: int = 120) -> bytes:
    """The document as PDF, converted by headless LibreOffice in a temporary folder with its
    own user profile (parallel conversions would otherwise share, and lock, one profile).
    Raises PdfError when LibreOffice is missing, fails or takes longer than `timeout` s."""
    executable = libreoffice_path()
    if executable is None:
        raise PdfError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        command = [
            executable,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        # A session of its own, so that on timeout the whole process group (soffice starts a
        # child) is killed, not just the launcher.
        with subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=work, start_new_session=True
        ) as process:
            try:
                _, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise PdfError(f"LibreOffice không chuyển xong sang PDF trong {timeout} giây.") from None
        target = work / "van-ban.pdf"
        if process.returncode != 0 or not target.exists():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()
            raise PdfError(
                "LibreOffice không chuyển được văn bản sang PDF" + (f": {detail[-1]}" if detail else ".")
            )
        return target.read_bytes()
