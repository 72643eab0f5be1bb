"""Importing old articles: the confirm step writes the program, review or activity with
the article linked, all or nothing; the same text twice changes nothing; bad input
(a huge paste, a binary file, text in another language) gets a Vietnamese message."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.news.importing import Proposal, article_import, guess_title
from phoihop.news.models import Article
from phoihop.programs.models import Program
from phoihop.reference.models import AdministrativeUnit
from phoihop.reviews.models import Review

pytestmark = pytest.mark.django_db

SIGNING = """CHÀO MỪNG NGÀY HỘI ĐẠI ĐOÀN KẾT TOÀN DÂN TỘC!
Trang chủ | Tin tức | Liên hệ

Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 - 2030

Sáng ngày 12/3/2026, Ban Dân tộc thành phố Cần Thơ và Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ ký kết Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 - 2030. Dự lễ có đồng chí Trần Văn Lộc - Phó Trưởng Ban Dân tộc thành phố.

Hai bên thống nhất phối hợp tuyên truyền chính sách dân tộc và hỗ trợ giảm nghèo cho đồng bào Khmer.

Lượt xem: 120
"""


def province(code="92", era="current"):
    return AdministrativeUnit.objects.get(level="province", code=code, era=era)


def proposal(lead, partners, **overrides):
    values = {
        "text": SIGNING,
        "title": "Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 - 2030",
        "event_type": "signing",
        "is_program_event": True,
        "event_date": dt.date(2026, 3, 12),
        "province": province(),
        "lead_agency": lead,
        "partner_agencies": partners,
        "phase_start": 2026,
        "phase_end": 2030,
        "people": [("Trần Văn Lộc", "Phó Trưởng Ban Dân tộc thành phố")],
        "content_areas": ["tuyên truyền", "giảm nghèo"],
    }
    values.update(overrides)
    return Proposal(**values)


def test_guess_title_skips_banners_and_menus():
    assert (
        guess_title(SIGNING)
        == "Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 - 2030"
    )


def test_signing_creates_a_signed_program_with_parties_areas_and_the_article(
    lead_officer, lead_agency, partner_agency
):
    result = article_import(proposal=proposal(lead_agency, [partner_agency]), by=lead_officer)

    program = result.program
    assert result.program_created and result.created == ["tin bài", "chương trình"]
    assert (program.status, program.signed_on, program.phase_start, program.phase_end) == (
        "signed",
        dt.date(2026, 3, 12),
        2026,
        2030,
    )
    assert [(p.agency, p.role) for p in program.parties.order_by("order")] == [
        (lead_agency, "lead"),
        (partner_agency, "partner"),
    ]
    assert [a.title for a in program.content_areas.order_by("number")] == ["tuyên truyền", "giảm nghèo"]
    article = result.article
    assert list(article.programs.all()) == [program]
    assert article.status == "draft" and article.source_text == SIGNING.strip()
    assert "Lượt xem" not in article.body and "Trang chủ" not in article.body
    assert article.body.startswith("<p>Sáng ngày 12/3/2026")


def test_the_same_text_twice_creates_nothing_more(lead_officer, lead_agency, partner_agency):
    first = article_import(proposal=proposal(lead_agency, [partner_agency]), by=lead_officer)
    again = article_import(
        proposal=proposal(lead_agency, [partner_agency], text="  " + SIGNING.replace("\n", "\n\n")),
        by=lead_officer,
    )
    assert again.duplicate and again.article == first.article and again.created == []
    assert (Article.objects.count(), Program.objects.count()) == (1, 1)


def test_interim_review_of_a_known_program_becomes_a_held_review(
    lead_officer, lead_agency, partner_agency, signed_program
):
    text = "Hội nghị sơ kết chương trình phối hợp\n\nNgày 20/12/2023, hai cơ quan sơ kết chương trình."
    p = proposal(
        lead_agency,
        [partner_agency],
        text=text,
        title="Hội nghị sơ kết chương trình phối hợp",
        event_type="interim_review",
        event_date=dt.date(2023, 12, 20),
        phase_start=signed_program.phase_start,
        phase_end=signed_program.phase_end,
        people=[("Trần Quốc Hùng", "Trưởng Ban Dân tộc"), ("Nguyễn Văn Bình", "Phó Chủ tịch MTTQ")],
        place="Hội trường Ban Dân tộc",
    )
    result = article_import(proposal=p, by=lead_officer)

    assert result.program == signed_program and not result.program_created
    review = result.review
    assert (review.kind, review.status, review.conference_date) == ("interim", "held", dt.date(2023, 12, 20))
    assert (review.chair_name, review.chair_title) == ("Trần Quốc Hùng", "Trưởng Ban Dân tộc")
    assert [a.name for a in review.attendees.all()] == ["Nguyễn Văn Bình"]
    assert list(result.article.reviews.all()) == [review]


def test_a_review_of_an_unknown_program_needs_its_signing_date(lead_officer, lead_agency, partner_agency):
    p = proposal(lead_agency, [partner_agency], event_type="final_review", event_date=dt.date(2030, 12, 1))
    with pytest.raises(ValidationError) as exc:
        article_import(proposal=p, by=lead_officer)
    assert exc.value.message_dict["signed_on"] == [
        "Chương trình chưa ký kết trong hệ thống: nhập ngày ký chương trình (bài viết không ghi)."
    ]
    assert (Article.objects.count(), Program.objects.count(), Review.objects.count()) == (0, 0, 0)


def test_training_becomes_a_draft_activity_of_the_lead(
    lead_officer, lead_agency, partner_agency, signed_program
):
    p = proposal(
        lead_agency,
        [partner_agency],
        event_type="training",
        title="Tập huấn kiến thức dân tộc cho cán bộ cơ sở",
        event_date=dt.date(2023, 6, 2),
        phase_start=signed_program.phase_start,
        phase_end=signed_program.phase_end,
    )
    result = article_import(proposal=p, by=lead_officer)
    activity = result.activity
    assert (activity.kind, activity.status, activity.organiser, activity.start_date) == (
        "training",
        "draft",
        lead_agency,
        dt.date(2023, 6, 2),
    )
    assert list(activity.co_organisers.all()) == [partner_agency]
    assert list(result.article.activities.all()) == [activity]


def test_the_lead_must_be_the_officers_own_agency(partner_officer, lead_agency, partner_agency):
    with pytest.raises(ValidationError) as exc:
        article_import(proposal=proposal(lead_agency, [partner_agency]), by=partner_officer)
    assert exc.value.message_dict["lead_agency"] == ["Cơ quan chủ trì phải là cơ quan của bạn."]
    assert not Program.objects.exists() and not Article.objects.exists()


def test_missing_facts_are_asked_for_at_their_fields(lead_officer, lead_agency):
    p = proposal(None, [], event_date=None, phase_start=None, phase_end=None, title="")
    with pytest.raises(ValidationError) as exc:
        article_import(proposal=p, by=lead_officer)
    assert set(exc.value.message_dict) == {"title", "lead_agency", "event_date", "phase_start", "phase_end"}


def test_an_article_about_something_else_is_stored_alone(lead_officer):
    result = article_import(
        proposal=proposal(
            None, [], event_type="other", is_program_event=False, text="Tin thời tiết\n\nTrời mưa."
        ),
        by=lead_officer,
    )
    assert result.program is None and result.created == ["tin bài"]


def test_anonymous_and_other_roles_may_not_import(lead_agency, partner_agency):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        article_import(proposal=proposal(lead_agency, [partner_agency]), by=AnonymousUser())


# The page ---------------------------------------------------------------------------


def test_officer_pastes_corrects_and_confirms(client_as, lead_officer, lead_agency, partner_agency):
    client = client_as(lead_officer)
    response = client.post(reverse("news:import"), {"step": "extract", "text": SIGNING})
    assert response.status_code == 200
    form = response.context["confirm"]
    assert form.initial["event_type"] == "signing"
    assert form.initial["phase_start"] == 2026 and form.initial["phase_end"] == 2030
    assert form.initial["event_date"] == dt.date(2026, 3, 12)

    data = {
        "step": "confirm",
        "title": form.initial["title"],
        "event_type": "signing",
        "is_program_event": "on",
        "event_date": "12/03/2026",
        "province": province().pk,
        "lead_agency": lead_agency.pk,
        "partner_agencies": [partner_agency.pk],
        "phase_start": 2026,
        "phase_end": 2030,
        "people": "Trần Văn Lộc - Phó Trưởng Ban Dân tộc thành phố",
        "content_areas": "tuyên truyền",
        "text": SIGNING,
    }
    response = client.post(reverse("news:import"), data)

    program = Program.objects.get()
    assert response["Location"] == reverse("programs:detail", args=[program.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Ký kết chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026 - 2030" in page


def test_confirm_errors_are_shown_at_their_fields(client_as, lead_officer, lead_agency):
    response = client_as(lead_officer).post(
        reverse("news:import"),
        {
            "step": "confirm",
            "title": "Tin",
            "event_type": "interim_review",
            "is_program_event": "on",
            "text": "x",
        },
    )
    assert response.status_code == 400
    errors = response.context["confirm"].errors
    assert errors["lead_agency"] == ["Chọn cơ quan chủ trì chương trình."]
    assert errors["event_date"] == ["Nhập ngày diễn ra sự kiện (bài viết không ghi đủ ngày, tháng, năm)."]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("lead_officer", 200),
        ("leader", 200),
        ("editor", 200),
        ("partner_officer", 200),
        ("other_officer", 200),
        ("admin_user", 200),
    ],
)
def test_import_page_for_each_persona(request, client_as, name, status):
    assert client_as(request.getfixturevalue(name)).get(reverse("news:import")).status_code == status


def test_import_page_needs_signing_in(client):
    response = client.get(reverse("news:import"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_binary_file_is_refused_at_the_file_field(client_as, lead_officer):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
    response = client_as(lead_officer).post(
        reverse("news:import"), {"step": "extract", "file": SimpleUploadedFile("bai.txt", png)}
    )
    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert "bai.txt" in message or "tệp" in message.lower()


def test_a_5_mb_paste_is_refused_with_the_limit(client_as, lead_officer):
    text = "Hội nghị sơ kết chương trình phối hợp. " * 140_000  # about 5.6 MB
    response = client_as(lead_officer).post(reverse("news:import"), {"step": "extract", "text": text})
    assert response.status_code == 413
    assert (
        response.content.decode()
        == "Nội dung gửi lên quá lớn: phần chữ của biểu mẫu tối đa 5 MB. Hãy chia nhỏ rồi gửi lại."
    )


def test_a_5_mb_json_body_is_refused_with_the_limit(client_as, lead_officer):
    text = "Tin. " * 1_100_000  # 5.5 MB
    response = client_as(lead_officer).post(
        "/api/v1/articles/extract", {"text": text}, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Nội dung gửi lên quá lớn (5,2 MB): tối đa 5 MB."


def test_text_in_another_language_proposes_no_event(client_as, lead_officer):
    text = "The provincial committee met farmers yesterday to discuss the rice harvest and market prices in the delta."
    response = client_as(lead_officer).post(reverse("news:import"), {"step": "extract", "text": text})
    assert response.context["result"]["event_type"] == "other"
    assert response.context["result"]["is_coordination_program_event"] is False


# The API ------------------------------------------------------------------------------


def test_extract_api(client_as, lead_officer, lead_agency):
    response = client_as(lead_officer).post(
        "/api/v1/articles/extract", {"text": SIGNING}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["event_type"], body["event_date"], body["phase_start"], body["phase_end"]) == (
        "signing",
        "2026-03-12",
        2026,
        2030,
    )
    assert body["matches"]["lead_agency"]["agency_id"] == lead_agency.pk


def test_extract_api_needs_a_user_who_may_import(client):
    assert (
        client.post(
            "/api/v1/articles/extract", {"text": SIGNING}, content_type="application/json"
        ).status_code
        == 401
    )


def test_extract_api_refuses_a_huge_text_with_the_limit(client_as, lead_officer):
    text = "Tin. " * 300_000  # 1.5 MB: under the request limit, over the text limit
    response = client_as(lead_officer).post(
        "/api/v1/articles/extract", {"text": text}, content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "text" and "MB" in error["msg"]


# The command --------------------------------------------------------------------------


def test_import_articles_command_creates_reports_and_is_idempotent(
    tmp_path, lead_officer, lead_agency, partner_agency
):
    import csv

    from django.core.management import call_command
    from docx import Document

    folder = tmp_path / "tin-cu"
    (folder / "2026").mkdir(parents=True)
    (folder / "2026" / "ky-ket.txt").write_text(SIGNING, encoding="utf-8")
    doc = Document()
    doc.add_paragraph("Sơ kết chương trình phối hợp của Tỉnh đoàn Hà Tĩnh")
    doc.add_paragraph(
        "Ngày 17-2, Tỉnh đoàn Hà Tĩnh và Sở Nội vụ sơ kết chương trình phối hợp giai đoạn 2024 - 2028."
    )
    doc.save(folder / "so-ket.docx")
    (folder / "anh.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (folder / "ghi-chu.md").write_text("bỏ qua", encoding="utf-8")
    report = tmp_path / "bao-cao.csv"

    call_command("import_articles", str(folder), user="lead_officer", report=str(report))

    def read(path):
        with path.open(encoding="utf-8-sig") as fh:
            return {r["file"].rsplit("/", 1)[-1]: r for r in csv.DictReader(fh)}

    rows = read(report)
    assert set(rows) == {"ky-ket.txt", "so-ket.docx", "anh.html"}
    assert rows["ky-ket.txt"]["status"] == "created"
    assert rows["ky-ket.txt"]["reason"] == "đã tạo: tin bài, chương trình"
    program = Program.objects.get(pk=rows["ky-ket.txt"]["program_id"])
    assert program.status == "signed" and program.articles.count() == 1
    assert rows["so-ket.docx"]["status"] == "needs_review"
    assert "chưa có trong danh mục" in rows["so-ket.docx"]["reason"]
    assert rows["anh.html"]["status"] == "refused"

    call_command("import_articles", str(folder), user="lead_officer", report=str(report))

    again = read(report)
    assert again["ky-ket.txt"]["status"] == "matched"
    assert (Program.objects.count(), Article.objects.count()) == (1, 1)


def test_import_articles_command_needs_files(tmp_path, lead_officer):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Không có tệp .txt, .html hoặc .docx nào"):
        call_command("import_articles", str(tmp_path), user="lead_officer")
