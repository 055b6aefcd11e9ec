#!/bin/sh
# The staff accounts of the end-to-end tests, created through the server's own command
# (`server staff create`) in the test database before the server starts (playwright.config.ts).
# One account per test that could disturb another (lockout, logout everywhere).
set -e
export MC_STAFF_PASSWORD="e2e mật khẩu dài"
create() {
  ./target/release/server staff create --update --username "$1" --name "$2" --role "$3" \
    --office "UBND phường Ea Kao" >/dev/null
}
create e2e.admin "Quản Trị Viên" admin
create e2e.head "Lãnh Đạo Phường" head
create e2e.clerk "Chuyên Viên Hộ Tịch" clerk
create e2e.counter "Trần Thị Quầy" counter
# Receives and hands back dossiers in the back-office specs (e2e.counter's audit log is checked).
create e2e.reception "Đinh Thị Nhận" counter
# Opens a citizen's draft with their code (its audit log is checked).
create e2e.code "Ngô Văn Mã" counter
create e2e.paper "Lê Văn Giấy" counter
create e2e.login "Phạm Thị Đăng" counter
create e2e.lockout "Nguyễn Văn Khóa" counter
create e2e.logout "Hoàng Thị Xuất" counter
create e2e.idle "Lý Thị Chờ" counter
create e2e.a11y "Đỗ Thị Dễ Đọc" admin
create e2e.a11y.quay "Đỗ Văn Quầy" counter
create e2e.a11y.wrong "Vũ Văn Gõ Nhầm" counter
# The three ways a citizen confirms a filing with help, and a volunteer (assisted.spec.ts).
create e2e.sms "Vi Thị Tin Nhắn" counter
create e2e.kyten "Lò Văn Ký" counter
create e2e.dienthoai "Cầm Thị Quét" counter
create e2e.tinhnguyen "Hà Thị Tình Nguyện" volunteer
