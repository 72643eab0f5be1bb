import pytest

from phoihop.core.search import search
from phoihop.core.text import fold, modern_tone_placement, nfc, search_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cần Thơ", "can tho"),
        ("DÂN TỘC", "dan toc"),
        ("dân tộc", "dan toc"),
        ("Đắk Lắk", "dak lak"),
        ("\u00d0ồng bào", "dong bao"),  # Ð (U+00D0), the Icelandic eth that looks like Đ
        ("Khơ-me", "kho me"),
        ("  Ký   kết, chương trình! ", "ky ket chuong trinh"),
        ("hoà thuỷ", "hoa thuy"),
    ],
)
def test_fold_ignores_case_diacritics_and_punctuation(text, folded):
    assert fold(text) == folded


def test_fold_of_nfd_equals_fold_of_nfc():
    import unicodedata

    text = "Hội Liên hiệp Phụ nữ Việt Nam"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_nfc_composes_decomposed_text():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Thái Nguyên")
    assert decomposed != "Thái Nguyên"
    assert nfc(decomposed) == "Thái Nguyên"


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("Khoẻ", "Khỏe"), ("hoàn", "hoàn"), ("quý", "quý"), ("HOÀ", "HÒA")],
)
def test_modern_tone_placement(old, new):
    assert modern_tone_placement(old) == new


def test_search_key_is_padded_for_word_prefix_matching():
    assert search_key("Cần Thơ", None, "", "Khơ-me") == " can tho kho me "


@pytest.mark.django_db
def test_search_matches_every_word_as_a_word_prefix():
    from phoihop.reference.models import EthnicGroup

    groups = EthnicGroup.objects.all()
    assert "Tày" in [g.name for g in search(groups, "TÀY")]
    assert [g.name for g in search(groups, "MNÔNG")] == ["Mnông"]
    assert [g.name for g in search(groups, "kho me")] == ["Khơ-me"]
    assert search(groups, "").count() == 54
