"""Evidence files: photos come out upright, at most 1600 px, without EXIF (no GPS), with a
thumbnail; anything else is checked by content; only who may edit the activity adds or
removes; only the parties' users see them."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phoihop.activities import services
from phoihop.activities.models import Evidence
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_photo(width=4000, height=3000, *, rotated=False) -> bytes:
    """A JPEG as a phone writes it: big, with the GPS position of the place in its EXIF,
    and (rotated) stored sideways with an orientation tag."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 120, 200), (0, 0, width // 2, height // 4))
    exif = Image.Exif()
    exif[0x010F] = "Điện thoại thử"  # camera maker
    exif[GPS_IFD] = {1: "N", 2: (9.0, 58.0, 12.0), 3: "E", 4: (105.0, 42.0, 30.0)}
    if rotated:
        exif[ORIENTATION] = 6  # turn 90° clockwise to view
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def upload(content: bytes, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def activity(signed_program, partner_officer, activity_data):
    return services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)


def stored_image(field) -> Image.Image:
    with field.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_photo_is_resized_and_its_location_removed(activity, partner_officer):
    original = Image.open(io.BytesIO(phone_photo()))
    assert original.getexif().get_ifd(GPS_IFD)  # the phone's photo has a position
    evidence = services.evidence_add(
        activity=activity,
        upload=upload(phone_photo()),
        caption="Lớp tập huấn tại nhà văn hóa ấp",
        by=partner_officer,
    )
    assert (evidence.is_photo, evidence.content_type, evidence.width, evidence.height) == (
        True,
        "image/jpeg",
        1600,
        1200,
    )
    web = stored_image(evidence.file)
    assert web.size == (1600, 1200)
    assert dict(web.getexif()) == {} and not web.getexif().get_ifd(GPS_IFD)
    thumb = stored_image(evidence.thumbnail)
    assert max(thumb.size) == 400 and dict(thumb.getexif()) == {}
    assert evidence.size < len(phone_photo())
    assert (
        activity.history.first().history_change_reason == "Thêm minh chứng: Lớp tập huấn tại nhà văn hóa ấp"
    )


def test_sideways_photo_is_turned_upright(activity, partner_officer):
    evidence = services.evidence_add(
        activity=activity, upload=upload(phone_photo(rotated=True)), by=partner_officer
    )
    assert (evidence.width, evidence.height) == (1200, 1600)
    assert stored_image(evidence.file).size == (1200, 1600)


def test_pdf_is_kept_as_it_is(activity, partner_officer):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    evidence = services.evidence_add(
        activity=activity, upload=upload(pdf, "bien-ban.pdf", "application/pdf"), by=partner_officer
    )
    assert (evidence.is_photo, evidence.content_type, evidence.original_name) == (
        False,
        "application/pdf",
        "bien-ban.pdf",
    )
    with evidence.file.open("rb") as handle:
        assert handle.read() == pdf


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"MZ\x90\x00" + b"\x00" * 100,
            "anh.jpg",
            "Tệp là chương trình chạy được (exe), không phải tài liệu",
        ),
        (b"chi la van ban", "anh.jpg", "Không nhận ra nội dung tệp"),
        (phone_photo(40, 30)[:300], "anh.jpg", "Tệp ảnh bị hỏng hoặc không đọc được."),
    ],
)
def test_bad_files_are_refused_at_the_file_field(activity, partner_officer, content, name, message):
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(activity=activity, upload=upload(content, name), by=partner_officer)
    assert caught.value.message_dict["file"][0].startswith(message)
    assert not Evidence.objects.exists()


def test_a_50_mb_image_is_refused(activity, partner_officer):
    big = upload(b"\xff\xd8\xff\xe0" + b"0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(activity=activity, upload=big, by=partner_officer)
    assert caught.value.message_dict["file"] == ["Tệp quá lớn (50 MB): tối đa 20 MB."]


def test_a_decompression_bomb_is_refused(activity, partner_officer):
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 megapixels in a few kB
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(
            activity=activity, upload=upload(out.getvalue(), "bom.png", "image/png"), by=partner_officer
        )
    assert caught.value.message_dict["file"] == [
        "Ảnh quá lớn (10000 × 10000 điểm ảnh): tối đa 60 triệu điểm ảnh."
    ]


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_persona(request, persona, client_as, activity, partner_officer):
    name = request.node.callspec.params["persona"]
    evidence = services.evidence_add(
        activity=activity, upload=upload(phone_photo(800, 600)), by=partner_officer
    )
    client = client_as(persona)
    files = [
        client.get(reverse("activities:evidence_file", args=[activity.pk, evidence.pk])),
        client.get(reverse("activities:evidence_thumbnail", args=[activity.pk, evidence.pk])),
        client.get(f"/api/v1/activities/{activity.pk}/evidence"),
    ]
    for response in files:
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end, which closes the file
    add = client.post(
        reverse("activities:evidence_add", args=[activity.pk]), {"file": upload(phone_photo(800, 600))}
    )
    api_add = client.post(
        f"/api/v1/activities/{activity.pk}/evidence", {"file": upload(phone_photo(800, 600))}
    )
    delete = client.post(reverse("activities:evidence_delete", args=[activity.pk, evidence.pk]))
    editors = {"partner_officer", "lead_officer", "leader", "admin_user"}
    if name == "anonymous":
        assert [r.status_code for r in files] == [302, 302, 401]
        assert (add.status_code, api_add.status_code, delete.status_code) == (302, 401, 302)
    elif name == "other_officer":
        assert [r.status_code for r in files] == [404, 404, 404]
        assert (add.status_code, api_add.status_code, delete.status_code) == (404, 404, 404)
    else:
        assert [r.status_code for r in files] == [200, 200, 200]
        assert files[0]["Content-Type"] == "image/jpeg"
        assert add.status_code == (302 if name in editors else 403)
        assert api_add.status_code == (201 if name in editors else 403)
        assert delete.status_code == (302 if name in editors else 403)
    assert Evidence.objects.filter(pk=evidence.pk).exists() == (name not in editors)


def test_submitted_activity_takes_no_more_evidence(activity, partner_officer, client_as):
    services.activity_submit(activity=activity, by=partner_officer)
    response = client_as(partner_officer).post(
        f"/api/v1/activities/{activity.pk}/evidence", {"file": upload(phone_photo(800, 600))}
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_page_shows_thumbnails_and_the_upload_form(activity, partner_officer, client_as):
    services.evidence_add(
        activity=activity, upload=upload(phone_photo(800, 600)), caption="Ảnh lớp học", by=partner_officer
    )
    html = client_as(partner_officer).get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert 'loading="lazy"' in html and 'alt="Ảnh lớp học"' in html and "Thêm minh chứng" in html
