"""`phoihop token`: the token printed works against the API, and can be revoked."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from phoihop.accounts.models import ApiToken


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_created_token_is_alone_on_the_last_line_and_works(client, lead_officer, program):
    output = run("create", "lead_officer", "--name", "Báo cáo tự động", "--days", "30")

    *message, raw = output.rstrip("\n").split("\n")
    token = ApiToken.objects.get()
    expires = f"{timezone.localtime(token.expires_at):%d/%m/%Y %H:%M}"
    assert message == [
        f"Đã tạo mã truy cập {token.prefix}… (số {token.pk}) cho lead_officer, "
        f"hết hạn {expires}. Hãy lưu lại ngay: mã chỉ hiện một lần."
    ]
    assert raw.startswith("ph_") and raw[3:11] == token.prefix
    assert token.name == "Báo cáo tự động"
    assert token.expires_at - timezone.now() > dt.timedelta(days=29, hours=23)
    response = client.get(f"/api/v1/programs/{program.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200  # a draft: only a party's users see it


def test_revoked_token_no_longer_works(client, lead_officer, program):
    raw = run("create", "lead_officer").rstrip("\n").split("\n")[-1]
    prefix = ApiToken.objects.get().prefix

    output = run("revoke", prefix)

    assert output == f"Đã thu hồi mã {prefix}… của lead_officer.\n"
    response = client.get(f"/api/v1/programs/{program.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_revoke_by_id(lead_officer):
    run("create", "lead_officer")
    token = ApiToken.objects.get()

    run("revoke", str(token.pk))

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_list_shows_tokens_without_their_secret(lead_officer, partner_officer):
    raw = run("create", "lead_officer", "--name", "máy chủ báo cáo").rstrip("\n").split("\n")[-1]
    run("create", "partner_officer")
    mine = ApiToken.objects.get(user=lead_officer)

    everything = run("list")
    only_mine = run("list", "lead_officer")

    assert "partner_officer" in everything and "lead_officer" in everything
    lines = only_mine.rstrip("\n").split("\n")
    assert lines[0].split() == [
        "Số",
        "Tiền",
        "tố",
        "Người",
        "dùng",
        "Tên",
        "Tạo",
        "lúc",
        "Hết",
        "hạn",
        "Dùng",
        "lần",
        "cuối",
        "Trạng",
        "thái",
    ]
    assert len(lines) == 2
    assert lines[1].startswith(f"{mine.pk}  ") and mine.prefix in lines[1] and "máy chủ báo cáo" in lines[1]
    assert lines[1].endswith("còn hiệu lực")
    assert raw not in everything


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "khong_co_ai"), "Không có người dùng «khong_co_ai»."),
        (("list", "khong_co_ai"), "Không có người dùng «khong_co_ai»."),
        (("revoke", "zzzzzzzz"), "Không có mã truy cập «zzzzzzzz»."),
        (("create", "lead_officer", "--days", "0"), "Số ngày hiệu lực phải từ 1 trở lên."),
    ],
)
def test_command_errors_are_in_vietnamese(lead_officer, args, message):
    with pytest.raises(CommandError) as excinfo:
        run(*args)

    assert str(excinfo.value) == message
    assert not ApiToken.objects.exists()


def test_no_token_for_a_locked_account(lead_officer):
    lead_officer.is_active = False
    lead_officer.save()

    with pytest.raises(CommandError, match="Tài khoản đã bị khóa."):
        run("create", "lead_officer")
