"""Article HTML: sanitised on save with nh3 (the ammonia sanitiser), an allow-list of the
tags a news article needs and nothing else. Scripts, event handlers, iframes, forms,
`javascript:`/`data:` links and every `style` attribute (the way pasted text hides words)
are dropped; links get rel="noopener noreferrer". Images do not live in the body: they are
ArticleImage rows placed after a paragraph, so every picture on the site is one the
system resized and stripped of its location."""

import html as htmllib
from html.parser import HTMLParser

import nh3

TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
# The editor (Quill) aligns and indents paragraphs with these classes; no other class passes.
_QUILL = {"ql-align-center", "ql-align-right", "ql-align-justify", *(f"ql-indent-{n}" for n in range(1, 9))}
CLASSES = {tag: _QUILL for tag in ("p", "h2", "h3", "h4", "li", "blockquote")}
SCHEMES = {"http", "https", "mailto", "tel"}
# Their content goes too, not only the tags.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}

BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "table"}


def sanitise(value: str | None) -> str:
    """The stored form of an article body."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A class attribute whose classes were all refused stays behind empty.
    cleaned = cleaned.replace(' class=""', "")
    # An editor's empty document is "<p><br></p>": store nothing rather than a blank line.
    return "" if not text_of(cleaned).strip() else cleaned.strip()


def text_of(value: str | None) -> str:
    """The plain text of (sanitised) HTML, one line per block, for search and summaries."""
    if not value:
        return ""
    parser = _Text()
    parser.feed(value)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_WITH_CONTENT:
            self.skip += 1
        elif tag in ("br", "li", "tr", *BLOCKS):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in DROP_WITH_CONTENT:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS or tag in ("li", "td", "th"):
            self.parts.append("\n" if tag not in ("td", "th") else " ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def blocks(value: str) -> list[str]:
    """Top-level blocks of sanitised HTML (paragraphs, headings, lists, tables), in order,
    so that photos can be placed after the n-th one."""
    parser = _Blocks()
    parser.feed(value or "")
    parser.close()
    parser.flush()
    return [b for b in parser.blocks if b.strip()]


class _Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.depth = 0

    def flush(self):
        if "".join(self.current).strip():
            self.blocks.append("".join(self.current))
        self.current = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCKS:
            self.flush()
        if tag in BLOCKS:
            self.depth += 1
        self.current.append(self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.current.append(self.get_starttag_text() or f"<{tag}>")

    def handle_endtag(self, tag):
        self.current.append(f"</{tag}>")
        if tag in BLOCKS:
            self.depth = max(0, self.depth - 1)
            if self.depth == 0:
                self.flush()

    def handle_data(self, data):
        self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")


def paragraphs_html(text: str) -> str:
    """Plain text (an imported article, a draft from an activity) as escaped paragraphs."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "".join(f"<p>{htmllib.escape(line, quote=False)}</p>" for line in lines if line)
