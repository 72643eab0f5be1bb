from django.core.management.base import BaseCommand

from phoihop.demo import DEMO_PASSWORD, load


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: hai chương trình, các cơ quan và tài khoản thử (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        result = load()
        recorded, indicators = result["activities"], result["indicators"]
        self.stdout.write("Đã nạp dữ liệu mẫu / demo loaded:")
        for program in result["programs"]:
            self.stdout.write(f"  • {program.title} ({program.get_status_display()})")
        if recorded or indicators:
            self.stdout.write(f"  {recorded} hoạt động và {indicators} chỉ tiêu mẫu cho chương trình Cần Thơ")
        self.stdout.write("Tài khoản / accounts (mật khẩu / password: " + DEMO_PASSWORD + "):")
        for user in result["users"]:
            where = user.agency.name if user.agency else "quản trị hệ thống"
            role = user.get_role_display() or "quản trị viên"
            self.stdout.write(f"  {user.username:<22} {role:<14} {where}")
