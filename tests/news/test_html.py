"""Article HTML is sanitised on save: one test per kind of attack the issue names."""

from phoihop.news.html import blocks, sanitise, text_of


def test_script_is_removed_with_its_content():
    assert sanitise("<p>Tin</p><script>alert('x')</script>") == "<p>Tin</p>"


def test_event_handlers_are_removed():
    assert sanitise('<p onclick="steal()">Tin <b onmouseover="x()">đậm</b></p>') == "<p>Tin <b>đậm</b></p>"


def test_img_with_onerror_is_removed():
    assert sanitise('<p>Ảnh</p><img src="x" onerror="alert(1)">') == "<p>Ảnh</p>"


def test_iframe_is_removed_with_its_content():
    assert sanitise('<p>A</p><iframe src="https://example.com">khung</iframe>') == "<p>A</p>"


def test_javascript_links_lose_their_target():
    cleaned = sanitise('<p><a href="javascript:alert(1)">bấm</a> <a href="JaVaScRiPt:alert(2)">nữa</a></p>')
    assert "javascript" not in cleaned.lower()
    assert cleaned == '<p><a rel="noopener noreferrer">bấm</a> <a rel="noopener noreferrer">nữa</a></p>'


def test_styles_that_hide_text_are_removed():
    cleaned = sanitise('<p style="display:none">ẩn</p><p class="hidden" hidden>ẩn 2</p><style>p{}</style>')
    assert cleaned == "<p>ẩn</p><p>ẩn 2</p>"


def test_safe_links_and_editor_alignment_stay():
    cleaned = sanitise(
        '<p class="ql-align-center other"><a href="https://ubdt.gov.vn" target="_blank">Ủy ban</a></p>'
    )
    assert (
        cleaned
        == '<p class="ql-align-center"><a href="https://ubdt.gov.vn" rel="noopener noreferrer">Ủy ban</a></p>'
    )


def test_an_empty_editor_document_is_stored_empty():
    assert sanitise("<p><br></p>") == ""


def test_text_of_keeps_one_line_per_block():
    assert (
        text_of("<h2>Tiêu đề</h2><p>Đoạn &amp; một</p><ul><li>a</li><li>b</li></ul>")
        == "Tiêu đề\nĐoạn & một\na\nb"
    )


def test_blocks_split_the_top_level_only():
    html = "<p>Một</p><blockquote><p>Trích</p></blockquote><ul><li>a</li></ul>"
    assert blocks(html) == ["<p>Một</p>", "<blockquote><p>Trích</p></blockquote>", "<ul><li>a</li></ul>"]
