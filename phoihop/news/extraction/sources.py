"""What the engine accepts: pasted text (`check_text`) and article files
(`read_article_file`: .txt, .html/.htm, .docx), recognised by their bytes, not only their
names. Every refusal is an `ExtractionInputError` with a Vietnamese message."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path

MAX_TEXT_BYTES = 1_000_000  # 1 MB of UTF-8: a long article is 20 kB
# A .docx holds photos and an .html page scripts and styles: the file may be larger than the
# text it gives, which check_text limits afterwards.
MAX_FILE_BYTES = 10_000_000
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
SUPPORTED = ".txt, .html, .htm, .docx"


class ExtractionInputError(ValueError):
    """Input the engine refuses (too large, binary, an unsupported file)."""


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"  # Vietnamese decimal comma


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator


def check_text(text: str) -> None:
    """Refuse text larger than MAX_TEXT_BYTES (UTF-8) or that looks binary (NUL bytes, or
    more than one character in ten a control character)."""
    if not isinstance(text, str):
        raise ExtractionInputError("Nội dung phải là văn bản.")
    # Every character takes 1 to 4 bytes: encode only when the length leaves it open.
    size = len(text) if len(text) > MAX_TEXT_BYTES or len(text) * 4 <= MAX_TEXT_BYTES else None
    if size is None:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise ExtractionInputError(
            f"Văn bản quá lớn ({_megabytes(size)}); giới hạn là {_megabytes(MAX_TEXT_BYTES)} "
            f"({_count(MAX_TEXT_BYTES)} byte)."
        )
    _check_not_binary(text)


def _check_not_binary(text: str) -> None:
    if "\x00" in text:
        raise ExtractionInputError("Nội dung có ký tự nhị phân (NUL): không phải văn bản.")
    sample = text[:100_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if sample and controls > len(sample) / 10:
        raise ExtractionInputError("Nội dung có quá nhiều ký tự điều khiển: không phải văn bản.")


# --- files ----------------------------------------------------------------------------------

_SIGNATURES = (
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "Word 97–2003 (.doc) hoặc Excel cũ; hãy lưu lại thành .docx"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"MZ", "chương trình"),
    (b"\x7fELF", "chương trình"),
)


def _sniff(head: bytes, *, docx: bool) -> str | None:
    """What binary format the first bytes show (the common ones named in Vietnamese, the
    rest by `filetype`), None for text, or for a ZIP when a .docx is expected."""
    import filetype

    for signature, label in _SIGNATURES:
        if head.startswith(signature):
            return label
    kind = filetype.guess(head)
    if kind is None or (docx and head.startswith(b"PK\x03\x04")):
        return None
    return "tệp nén (ZIP)" if kind.extension == "zip" else f"tệp {kind.extension.upper()} ({kind.mime})"


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised by its zero bytes), then
    the Vietnamese Windows code page cp1258, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) / 4:
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        return data.decode("utf-16-be" if even > odd else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1258", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


class _TextFromHTML(HTMLParser):
    """The visible text of a page: script, style, nav, header/footer furniture and forms
    dropped; block elements start new lines, paragraphs and headings leave a blank one."""

    SKIP = frozenset((
        "script", "style", "nav", "noscript", "template", "svg", "head", "form", "iframe",
        "button", "select", "textarea", "aside", "footer",
    ))  # fmt: skip
    BLOCK = frozenset((
        "div", "section", "article", "header", "main", "li", "ul", "ol", "tr", "table", "dd",
        "dt", "dl", "figure", "figcaption", "blockquote", "address", "title", "pre", "hr",
        "td", "th",
    ))  # fmt: skip
    PARAGRAPH = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6"])
    VOID = frozenset((
        "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
        "track", "wbr",
    ))  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            if tag not in self.VOID:
                self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "br" or tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in self.PARAGRAPH:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in self.PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    parser = _TextFromHTML()
    parser.feed(html)
    parser.close()
    return parser.text()


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _docx_text(path: Path) -> str:
    import docx  # python-docx; imported here so that the engine loads without it

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a corrupt ZIP or XML: python-docx raises several kinds
        raise ExtractionInputError(
            f"Không đọc được tệp Word «{path.name}»: tệp hỏng hoặc không phải .docx."
        ) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(part for part in parts if part.strip())


def read_article_file(path) -> str:
    """The text of an article file: .txt (UTF-8, UTF-16, cp1258…), .html/.htm (its visible
    text), .docx (paragraphs and tables). Refuses other types, files over MAX_FILE_BYTES,
    binary content whatever the name says, and text over MAX_TEXT_BYTES. The text is NFC."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES:
        raise ExtractionInputError(f"Không hỗ trợ tệp «{path.name}»: chỉ nhận {SUPPORTED}.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExtractionInputError(
                f"Tệp «{path.name}» quá lớn ({_megabytes(size)}); giới hạn là {_megabytes(MAX_FILE_BYTES)}."
            )
        with path.open("rb") as handle:
            head = handle.read(512)
    except FileNotFoundError:
        raise ExtractionInputError(f"Không tìm thấy tệp «{path}».") from None
    except IsADirectoryError:
        raise ExtractionInputError(f"«{path}» là thư mục, không phải tệp.") from None
    except PermissionError:
        raise ExtractionInputError(f"Không có quyền đọc tệp «{path}».") from None
    except OSError as exc:
        raise ExtractionInputError(f"Không mở được tệp «{path}» (lỗi hệ thống {exc.errno}).") from None
    binary = _sniff(head, docx=suffix in DOCX_SUFFIXES)
    if binary is not None:
        raise ExtractionInputError(f"Tệp «{path.name}» không phải văn bản: nội dung là {binary}.")
    is_zip = head.startswith(b"PK\x03\x04")
    if suffix in DOCX_SUFFIXES:
        if not is_zip or not zipfile.is_zipfile(path):
            raise ExtractionInputError(f"Tệp «{path.name}» không phải tệp Word .docx.")
        text = _docx_text(path)
    else:
        if is_zip:
            raise ExtractionInputError(f"Tệp «{path.name}» không phải văn bản: nội dung là tệp nén (ZIP).")
        data = path.read_bytes()
        if suffix in HTML_SUFFIXES or re.match(rb"\s*(?:<!doctype html|<html)", data[:200], re.IGNORECASE):
            charset = _html_charset(data)
            html = data.decode(charset, errors="replace") if charset else _decode(data)
            _check_not_binary(html)  # its size may pass the limit: scripts and styles go
            text = html_to_text(html)
        else:
            text = _decode(data)
    try:
        check_text(text)
    except ExtractionInputError as exc:
        raise ExtractionInputError(f"Tệp «{path.name}»: {exc}") from None
    return unicodedata.normalize("NFC", text)  # cp1258 writes tone marks as combining characters
