// The dossier's legal life (law-2026.md §2): online submission gives an acknowledgement, the
// counter's reception issues the Mẫu 01 receipt with the due hour, a dossier can be completed
// before reception without starting the clock, and "not received" differs from "stopped" (both
// decided by the head of office). The back office is server-rendered forms only, so these run the
// same without JavaScript.
import { Browser, expect, Page, test } from "@playwright/test";
import { clerkOpens, fileDossier, logIn, PNG, press } from "./office";

/** A staff member, in a browser of their own without JavaScript, on the dossier's page. */
async function staffOn(browser: Browser, username: string, code: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(page, username);
  await clerkOpens(page, code);
  return page;
}

async function lookup(citizen: Page, code: string) {
  await citizen.goto(`/tra-cuu?ma=${code}`);
  return citizen.locator(".status-card h2");
}

test("a dossier completed before reception starts its clock only when received, with Mẫu 01 and the due hour", async ({ browser }) => {
  const { citizen, code } = await fileDossier(browser);
  await expect(await lookup(citizen, code)).toHaveText("Chờ tiếp nhận");
  await expect(citizen.locator(".facts")).toContainText(/Dự kiến trả kết quả \(nếu được tiếp nhận hôm nay\)\s*\d{2}\/\d{2}\/\d{4}/);
  await expect(citizen.locator(".official-receipt")).toHaveCount(0);

  // Mẫu 02 before reception: no clock, no receipt.
  const clerk = await staffOn(browser, "e2e.reception", code);
  await expect(clerk.locator(".facts")).toContainText("Chưa tính hạn (chờ tiếp nhận)");
  await clerk.getByLabel("Giấy tờ cần hoàn thiện").fill("Ảnh giấy chứng sinh rõ hơn");
  await press(clerk, "Yêu cầu hoàn thiện trước khi tiếp nhận");
  await expect(await lookup(citizen, code)).toHaveText("Cần hoàn thiện trước khi tiếp nhận");
  await expect(citizen.getByText("Ảnh giấy chứng sinh rõ hơn").first()).toBeVisible();
  await citizen.getByLabel("Tải lên giấy tờ").setInputFiles({ name: "giay-chung-sinh.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByLabel("4 số cuối của số giấy tờ tùy thân hoặc số điện thoại").fill("5678");
  await citizen.getByRole("button", { name: "Gửi giấy tờ bổ sung" }).click();
  await expect(citizen.locator(".status-card h2")).toHaveText("Chờ tiếp nhận");
  await expect(citizen.locator(".official-receipt")).toHaveCount(0);

  // Reception: the clerk says what was taken in (two copies of the first document, the
  // second not brought), and the receipt, numbered, has the hour received and the hour due.
  await clerk.reload();
  const first = clerk.locator('select[name="giay_to[0]"]');
  const firstName = ((await clerk.locator('label[for="giay-to-0"]').textContent()) ?? "").trim();
  const secondName = ((await clerk.locator('label[for="giay-to-1"]').textContent()) ?? "").trim();
  await first.selectOption("sao");
  await clerk.locator('input[name="so_ban[0]"]').fill("2");
  await clerk.locator('select[name="giay_to[1]"]').selectOption("khong");
  await press(clerk, "Tiếp nhận hồ sơ");
  await expect(await lookup(citizen, code)).toHaveText("Đã tiếp nhận");
  await expect(citizen.locator(".facts")).toContainText(/Ngày hẹn trả kết quả\s*16 giờ 30 phút, ngày \d{2}\/\d{2}\/\d{4}/);
  const receipt = citizen.locator(".official-receipt");
  await expect(receipt).toContainText("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  await expect(receipt).toContainText(/Số: \d+\/20\d\d/);
  await expect(receipt).toContainText(/Thời gian nhận hồ sơ\s*\d{2} giờ \d{2} phút, ngày \d{2}\/\d{2}\/\d{4}/);
  await expect(receipt).toContainText("Người tiếp nhận");
  await expect(receipt).toContainText("Đinh Thị Nhận");
  const taken = receipt.locator("table tbody tr");
  await expect(taken.filter({ hasText: firstName })).toContainText(/Bản sao\s*2/);
  await expect(taken.filter({ hasText: secondName })).toHaveCount(0);
  // The citizen's own page after submission now shows the receipt too.
  await citizen.goto("/ho-so/bien-nhan");
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ đã được tiếp nhận");
  await expect(citizen.locator(".official-receipt")).toContainText("Y Bih Niê");
});

test("not received at intake and stopped during processing are two outcomes the citizen reads apart", async ({ browser }) => {
  const first = await fileDossier(browser);
  const head = await staffOn(browser, "e2e.head", first.code);
  // A dossier not yet received cannot be "stopped", only "not received".
  await expect(head.getByRole("button", { name: "Dừng xử lý hồ sơ" })).toHaveCount(0);
  await head.getByLabel("Lý do không tiếp nhận").fill("Không thuộc thẩm quyền của phường.");
  await press(head, "Không tiếp nhận hồ sơ");
  await expect(await lookup(first.citizen, first.code)).toHaveText("Không được tiếp nhận");
  await expect(first.citizen.getByText("Không thuộc thẩm quyền của phường.").first()).toBeVisible();
  await expect(first.citizen.locator(".official-receipt")).toHaveCount(0);
  // The refusal is a form of its own (Mẫu 03), printable from the history.
  await first.citizen.getByRole("link", { name: "Xem và in phiếu" }).click();
  await expect(first.citizen.getByRole("heading", { level: 1 })).toHaveText("Phiếu từ chối tiếp nhận giải quyết hồ sơ");
  await expect(first.citizen.getByText("Mẫu số 03")).toBeVisible();
  await expect(first.citizen.getByText("Không thuộc thẩm quyền của phường.")).toBeVisible();

  const second = await fileDossier(browser);
  const counter = await staffOn(browser, "e2e.reception", second.code);
  await press(counter, "Tiếp nhận hồ sơ");
  // The counter neither refuses nor stops: the page says who does.
  await expect(counter.getByRole("button", { name: "Dừng xử lý hồ sơ" })).toHaveCount(0);
  await expect(counter.getByText("Việc khác ở bước này do Chuyên viên, Lãnh đạo làm.")).toBeVisible();
  const clerk = await staffOn(browser, "e2e.clerk", second.code);
  await press(clerk, "Bắt đầu xử lý");
  await clerkOpens(head, second.code);
  await expect(head.getByRole("button", { name: "Không tiếp nhận hồ sơ" })).toHaveCount(0);
  await head.getByLabel("Lý do dừng xử lý").fill("Người yêu cầu đã có giấy khai sinh.");
  await press(head, "Dừng xử lý hồ sơ");
  await expect(await lookup(second.citizen, second.code)).toHaveText("Dừng xử lý");
  await expect(second.citizen.getByText("Người yêu cầu đã có giấy khai sinh.").first()).toBeVisible();
  await second.citizen.getByRole("link", { name: "Xem và in phiếu" }).click();
  await expect(second.citizen.getByRole("heading", { level: 1 })).toHaveText("Thông báo dừng xử lý hồ sơ");
  await expect(second.citizen.getByText("Mẫu số 05")).toBeVisible();
  await second.citizen.goto(`/tra-cuu?ma=${second.code}`);
  // It was received: its receipt stays on record.
  await expect(second.citizen.locator(".official-receipt")).toContainText("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
});
