// Staff: signing in, wrong passwords that slow down, logging out everywhere, filing for a citizen at
// the counter with the citizen's confirmation, the audit log, and a paper dossier's receipt printed.
// The accounts are made by end2end/staff-accounts.sh (the server's `staff create` command).
import { Browser, expect, Page, test } from "@playwright/test";
import { answerApplicant, answerTheRest, expectQuestion, resumeCode, startBirthRegistration } from "./journey";

import { confirmOnPhone, PASSWORD, submitSignIn as logIn } from "./office";

test("a staff member signs in, is told plainly about a wrong password, and gets their page", async ({ page }) => {
  await page.goto("/can-bo");
  // Nobody signed in: the login page, which comes back here afterwards.
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap\?tiep=\/can-bo$/);
  await page.getByLabel("Tên đăng nhập").fill("e2e.login");
  await page.getByLabel("Mật khẩu").fill("không phải mật khẩu");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
  await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("e2e.login");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chào Phạm Thị Đăng");
  await expect(page.getByText("Cán bộ một cửa · UBND phường Ea Kao")).toBeVisible();
  await expect(page.getByRole("link", { name: "Nộp hồ sơ giúp công dân" })).toBeVisible();
  // Not an admin: no account management, and its address sends back to the login page.
  await expect(page.getByRole("link", { name: "Quản trị tài khoản" })).toHaveCount(0);
  await page.goto("/can-bo/quan-tri");
  await expect(page.getByRole("alert")).toContainText("không có quyền mở trang đó");
});

test("five wrong passwords slow the account down, but the right one still gets in", async ({ page }) => {
  for (let n = 0; n < 4; n++) {
    await logIn(page, "e2e.lockout", `sai lần thứ ${n}`);
    await expect(page.getByRole("alert")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
  }
  await logIn(page, "e2e.lockout", "sai lần thứ năm");
  await expect(page.getByRole("alert")).toContainText("mỗi lần đăng nhập sẽ phải chờ vài giây");
  await logIn(page, "e2e.lockout");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Chào");
});

test("logging out everywhere ends the session on the other device too", async ({ browser }) => {
  const desk = await browser.newContext();
  const phone = await browser.newContext();
  const deskPage = await desk.newPage();
  const phonePage = await phone.newPage();
  await logIn(deskPage, "e2e.logout");
  await logIn(phonePage, "e2e.logout");
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Chào Hoàng Thị Xuất");
  await deskPage.getByRole("button", { name: "Đăng xuất mọi nơi" }).click();
  await expect(deskPage.getByText("Bạn đã đăng xuất trên mọi thiết bị.")).toBeVisible();
  await phonePage.goto("/can-bo");
  // The other device's session cookie opens nothing now: the sign-in page says the session ended.
  await expect(phonePage).toHaveURL(/\/can-bo\/dang-nhap\?tiep=\/can-bo&loi=het-phien$/);
  await expect(phonePage.getByText("Phiên làm việc đã kết thúc")).toBeVisible();
  await desk.close();
  await phone.close();
});

/** The audit entries of one staff member, as the admin sees them (newest first). */
async function auditOf(browser: Browser, staffLabel: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, "e2e.admin");
  await page.goto("/can-bo/nhat-ky");
  await page.getByLabel("Cán bộ").selectOption({ label: staffLabel });
  await page.getByRole("button", { name: "Lọc" }).click();
  const rows = await page.locator("table tbody tr").allInnerTexts();
  await context.close();
  return rows;
}

test("filing for a citizen at the counter: the citizen confirms, the dossier and the audit log record it", async ({ page, browser }) => {
  await logIn(page, "e2e.counter");
  await page.getByRole("link", { name: "Nộp hồ sơ giúp công dân" }).click();
  await page.getByRole("button", { name: "Đăng ký khai sinh" }).click();
  await expectQuestion(page, "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
  const banner = page.getByRole("complementary", { name: "Khai giúp tại quầy" });
  await expect(banner).toContainText("Cán bộ Trần Thị Quầy đang khai giúp công dân");
  await answerApplicant(page);
  await expect(banner).toContainText("Cán bộ Trần Thị Quầy đang khai giúp công dân");
  await answerTheRest(page, { fatherKnown: false, childName: "Y Quầy Niê" });

  // Check answers: no plain "Nộp hồ sơ" here; the citizen confirms first.
  await expect(page.getByRole("button", { name: "Nộp hồ sơ", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nộp hồ sơ cho công dân" })).toHaveCount(0);
  // The citizen reads the answers on their own phone, asks for a correction, then confirms.
  await confirmOnPhone(page, browser, "Xác nhận trên điện thoại của công dân", "Tên cháu viết sai");
  await expect(page.getByText("Đã xác nhận trên điện thoại của công dân lúc")).toBeVisible();
  // Nothing lost: the answers are all there.
  await expect(page.getByText("Y Quầy Niê")).toBeVisible();
  await page.getByRole("button", { name: "Nộp hồ sơ cho công dân" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đã được tiếp nhận" })).toBeVisible();
  const code = ((await page.locator(".dossier-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^KS-/);
  // The dossier's assisted record: by whom, how many answers staff typed, confirmed when.
  await expect(banner).toContainText(`Hồ sơ ${code}: khai giúp bởi Trần Thị Quầy (e2e.counter)`);
  await expect(banner).toContainText("câu trả lời do cán bộ nhập; công dân đã xác nhận lúc");

  // Done: the next citizen at this counter starts clean.
  await page.getByRole("button", { name: "Xong, tiếp công dân khác" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nộp hồ sơ giúp công dân");
  await page.goto("/ho-so/kiem-tra");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy hồ sơ đang khai");

  const log = await auditOf(browser, "Trần Thị Quầy (e2e.counter)");
  const actions = log.map((row) => row.split("\t")[2]);
  // Filed with an officer at the counter: received there (Mẫu 01) right after submission.
  expect(actions.slice(0, 6)).toEqual([
    "Kết thúc khai giúp",
    "Thay đổi hồ sơ",
    "Nộp hồ sơ khai giúp",
    "Công dân xác nhận bài khai",
    "Mời công dân xác nhận trên điện thoại của họ",
    "Công dân báo câu trả lời chưa đúng",
  ]);
  expect(log[1]).toContain(code);
  expect(log[1]).toContain("Tiếp nhận tại quầy");
  expect(log[2]).toContain(code);
  expect(log[2]).toContain("Đăng ký khai sinh");
  expect(actions).toContain("Cán bộ nhập câu trả lời");
  expect(actions).toContain("Bắt đầu khai giúp công dân");
  expect(actions[actions.length - 1]).toBe("Đăng nhập");
});

test("a paper dossier received at the counter opens its receipt ready to print", async ({ page, browser }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await logIn(page, "e2e.paper");
  await page.getByRole("link", { name: "Nhận hồ sơ giấy tại quầy" }).click();
  await page.getByRole("button", { name: "Đăng ký khai sinh" }).click();
  const banner = page.getByRole("complementary", { name: "Khai giúp tại quầy" });
  await expect(banner).toContainText("hồ sơ giấy nhận tại quầy");
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: true, childName: "Y Giấy Niê" });
  await confirmOnPhone(page, browser, "Xác nhận trên điện thoại của công dân");
  await page.getByRole("button", { name: "Nộp hồ sơ, in giấy tiếp nhận" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đã được tiếp nhận" })).toBeVisible();
  // The receipt's print button (hydrated) prints, with no console error.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole("button", { name: "In giấy tiếp nhận" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
    .toBe(1);
  expect(consoleErrors).toEqual([]);

  // As printed: the receipt without the staff banner, the site header or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(banner).toBeHidden();
  await expect(page.getByRole("button", { name: "In giấy tiếp nhận" })).toBeHidden();
  await expect(page.getByText("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")).toBeVisible();
  await expect(page.getByText("Y Bih Niê").first()).toBeVisible();
  // Mẫu 01: numbered in the office's book, received and due with the hour, and by whom.
  const receipt = page.locator(".official-receipt");
  await expect(receipt).toContainText(/Số: \d+\/20\d\d/);
  await expect(receipt).toContainText(/Thời gian nhận hồ sơ\s*\d{2} giờ \d{2} phút, ngày \d{2}\/\d{2}\/\d{4}/);
  await expect(receipt).toContainText(/Thời gian trả kết quả\s*16 giờ 30 phút, ngày \d{2}\/\d{2}\/\d{4}/);
  await expect(receipt).toContainText("Người tiếp nhận");
  await expect(receipt.locator("table")).toContainText("Bản chính");
  const shot = testInfo.outputPath("paper-receipt-print.png");
  await page.screenshot({ path: shot, fullPage: true });
  await page.screenshot({ path: "../target/e2e/paper-receipt-print.png", fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");

  // Taken in at the counter: the dossier is already "received", not waiting to be.
  await page.emulateMedia({ media: "screen" });
  const code = ((await page.locator(".dossier-code").textContent()) ?? "").trim();
  await page.goto(`/tra-cuu?ma=${code}`);
  await expect(page.getByRole("heading", { level: 2, name: "Đã tiếp nhận" })).toBeVisible();
  // The lookup shows the receipt and its due hour, but nobody's address or phone.
  await expect(page.locator(".facts")).toContainText(/Ngày hẹn trả kết quả\s*16 giờ 30 phút, ngày \d{2}\/\d{2}\/\d{4}/);
  await expect(page.locator(".official-receipt")).toContainText("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  await expect(page.locator(".official-receipt")).not.toContainText("Y Bih Niê");
});

test("an admin creates an account, resets its password and disables it, which ends its sessions", async ({ page, browser }) => {
  const username = `e2e.moi${Date.now() % 100000}`;
  await logIn(page, "e2e.admin");
  await page.getByRole("link", { name: "Quản trị tài khoản" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quản trị tài khoản cán bộ");
  // A short password is refused, and what was typed stays.
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Họ và tên").fill("Đỗ Thị Mới");
  await page.getByLabel("Cơ quan").selectOption("UBND phường Ea Kao");
  await page.getByLabel("Chuyên viên").check();
  await page.getByLabel("Mật khẩu ban đầu").fill("ngắn");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("alert")).toContainText("Mật khẩu cần ít nhất 12 ký tự");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Đỗ Thị Mới");
  await expect(page.getByLabel("Chuyên viên")).toBeChecked();
  await page.getByLabel("Mật khẩu ban đầu").fill("mật khẩu ban đầu dài");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã tạo tài khoản ${username}.`);

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await logIn(newcomer, username, "mật khẩu ban đầu dài");
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Chào Đỗ Thị Mới");

  await page.getByLabel(`Mật khẩu mới cho ${username}`).fill("mật khẩu thứ hai dài");
  await page.getByRole("button", { name: "Đặt lại mật khẩu" }).nth(await rowIndex(page, username)).click();
  await expect(page.getByRole("status")).toContainText(`Đã đặt mật khẩu mới cho ${username}`);
  await page.getByRole("button", { name: `Ngừng tài khoản ${username}` }).click();
  await expect(page.getByRole("status")).toContainText(`Đã ngừng tài khoản ${username}`);

  // Its open session has ended, and it cannot sign in again.
  await newcomer.goto("/can-bo");
  await expect(newcomer).toHaveURL(/dang-nhap/);
  await logIn(newcomer, username, "mật khẩu thứ hai dài");
  await expect(newcomer.getByRole("alert")).toContainText("đã ngừng hoạt động");
  await other.close();
});

/** Which "Đặt lại mật khẩu" button belongs to an account (one per account row). */
async function rowIndex(page: Page, username: string): Promise<number> {
  const labels = await page.locator(".summary-list__row .muted").allInnerTexts();
  return labels.findIndex((label) => label.trim() === username);
}

test("staff open a citizen's own draft only with the code the citizen gives, and that is audited", async ({ browser }) => {
  const citizen = await browser.newPage();
  await startBirthRegistration(citizen);
  await answerApplicant(citizen);
  const code = await resumeCode(citizen);
  await citizen.close();

  const staff = await browser.newPage();
  await logIn(staff, "e2e.code");
  await staff.goto("/can-bo/nop-ho-so");
  await staff.getByLabel("Mã hồ sơ nháp công dân đưa").fill("K7M2Q-8XTR4-WN3HD");
  await staff.getByRole("button", { name: "Mở hồ sơ nháp" }).click();
  await expect(staff.getByText("Không mở được hồ sơ với mã này.")).toBeVisible();
  await expect(staff.getByLabel("Mã hồ sơ nháp công dân đưa")).toHaveValue("K7M2Q-8XTR4-WN3HD");
  await staff.getByLabel("Mã hồ sơ nháp công dân đưa").fill(code.toLowerCase());
  await staff.getByRole("button", { name: "Mở hồ sơ nháp" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Kiểm tra lại trước khi nộp");
  await expect(staff.getByText("Y Bih Niê")).toBeVisible();
  await expect(staff.getByRole("complementary", { name: "Khai giúp tại quầy" })).toContainText(
    "Cán bộ Ngô Văn Mã đang khai giúp công dân",
  );
  await staff.close();

  const log = await auditOf(browser, "Ngô Văn Mã (e2e.code)");
  const actions = log.map((row) => row.split("\t")[2]);
  expect(actions.slice(0, 2)).toEqual(["Mở hồ sơ nháp bằng mã của công dân", "Mã công dân đưa không mở được hồ sơ"]);
});

test("an idle session warns two minutes before its end, goes on when asked, and ends at the sign-in page", async ({ page, browser }) => {
  // Only the browser's clock is moved: the server's session is ended by signing out elsewhere.
  await page.clock.install();
  await logIn(page, "e2e.idle");
  await expect(page.getByText(/phiên làm việc sẽ kết thúc lúc \d\d:\d\d \(30 phút sau lần thao tác cuối\)/)).toBeVisible();
  const warning = page.getByRole("alertdialog");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("28:05");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("Phiên làm việc sắp kết thúc");
  const keep = warning.getByRole("button", { name: "Tiếp tục làm việc" });
  await expect(keep).toBeFocused();
  await keep.click();
  await expect(warning).toBeHidden();
  await page.clock.fastForward("27:00");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("01:05");
  await expect(warning).toBeVisible();

  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await logIn(other, "e2e.idle");
  await other.getByRole("button", { name: "Đăng xuất mọi nơi" }).click();
  await elsewhere.close();
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap\?tiep=\/can-bo&loi=het-phien$/);
  await expect(page.getByText("Phiên làm việc đã kết thúc vì lâu không thao tác")).toBeVisible();
});
