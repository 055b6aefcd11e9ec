// The back office: the counter receives a dossier, a clerk takes it through a supplement request,
// the citizen uploads the missing document from the lookup page, the clerk finishes it and the
// counter hands the result back; the lookup page and the outbox show every step; the citizen rates
// the service. Also: two staff at once, and the head of office's dashboard. Accounts come from
// end2end/staff-accounts.sh (`server staff create`).
import { expect, Page, test } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { clerkAsksForDocument, clerkOpens, counterReturns, fileDossier, logIn, ownClient, PNG, press } from "./office";

const SMS_LOG = path.join(__dirname, "..", "..", "target", "e2e", "sms.log");

async function expectLookup(citizen: Page, code: string, status: string) {
  await citizen.goto(`/tra-cuu?ma=${code}`);
  await expect(citizen.locator(".status-card h2")).toHaveText(status);
}

test("a clerk takes a dossier through a supplement to its return, and the citizen sees each step", async ({ browser }) => {
  const { citizen, code } = await fileDossier(browser);
  // The receipt's QR code points at the lookup page of this dossier.
  await expectLookup(citizen, code, "Chờ tiếp nhận");
  await expect(citizen.getByText("Y. B. N.")).toBeVisible();
  await expect(citizen.getByText("Y Bih Niê")).toHaveCount(0);

  const clerk = await clerkAsksForDocument(browser, code, "Ảnh chụp giấy chứng sinh của trẻ");
  await expect(clerk.locator(".facts")).toContainText("Cần bổ sung giấy tờ");

  // The citizen is told what is missing and uploads it into the same dossier.
  await expectLookup(citizen, code, "Cần bổ sung giấy tờ");
  await expect(citizen.getByText("Ảnh chụp giấy chứng sinh của trẻ").first()).toBeVisible();
  await citizen.getByRole("button", { name: "Gửi giấy tờ bổ sung" }).click();
  await expect(citizen.getByRole("status")).toContainText("Hãy chọn tệp");
  // The code alone writes nothing: the last digits of the ID number or phone are asked too.
  await citizen.getByLabel("Tải lên giấy tờ").setInputFiles({ name: "giay-chung-sinh.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByRole("button", { name: "Gửi giấy tờ bổ sung" }).click();
  await expect(citizen.getByRole("status")).toContainText("4 số cuối chưa đúng");
  await expect(citizen.locator(".status-card h2")).toHaveText("Cần bổ sung giấy tờ");
  await citizen.getByLabel("4 số cuối của số giấy tờ tùy thân hoặc số điện thoại").fill("2345");
  await citizen.getByLabel("Tải lên giấy tờ").setInputFiles({ name: "giay-chung-sinh.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByRole("button", { name: "Gửi giấy tờ bổ sung" }).click();
  await expect(citizen.getByRole("status")).toContainText("Đã nhận giấy tờ bổ sung");
  await expect(citizen.locator(".status-card h2")).toHaveText("Đang xử lý");

  // The clerk sees the document, and finishes.
  await clerk.reload();
  const document = clerk.getByRole("link", { name: "giay-chung-sinh.png" });
  await expect(document).toBeVisible();
  const file = await clerk.request.get((await document.getAttribute("href")) ?? "");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("image/png");
  await press(clerk, "Đã xử lý xong");
  // Handing the result back is the counter's: the clerk is not offered it.
  await expect(clerk.getByRole("button", { name: "Đã trả kết quả", exact: true })).toHaveCount(0);
  await counterReturns(browser, code);

  // The lookup page shows the whole history, then asks for a rating, once.
  await expectLookup(citizen, code, "Đã trả kết quả");
  const history = citizen.locator(".history li");
  await expect(history).toHaveCount(7);
  for (const step of ["Chờ tiếp nhận", "Đã tiếp nhận", "Đang xử lý", "Cần bổ sung giấy tờ", "Đã có kết quả, chờ trả", "Đã trả kết quả"]) {
    await expect(history.filter({ hasText: step }).first()).toBeVisible();
  }
  await citizen.getByLabel("5 — Rất hài lòng").check();
  await citizen.getByLabel("Góp ý thêm").fill("Nhanh và rõ ràng.");
  await citizen.getByLabel("4 số cuối của số giấy tờ tùy thân hoặc số điện thoại").fill("5678");
  await citizen.getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(citizen.getByText("Bạn đã đánh giá: 5/5 — Rất hài lòng.")).toBeVisible();
  await expect(citizen.getByRole("button", { name: "Gửi đánh giá" })).toHaveCount(0);

  // The outbox: one SMS per step (submitted, received, processing, supplement, processing,
  // done, returned), sent by the worker to the development log.
  await expect(async () => {
    await clerk.reload();
    const rows = clerk.locator("table.outbox tbody tr");
    await expect(rows).toHaveCount(7);
    await expect(rows.filter({ hasText: "Đã gửi" })).toHaveCount(7);
  }).toPass({ timeout: 20_000 });
  const lines = fs.readFileSync(SMS_LOG, "utf8").split("\n").filter((line) => line.includes(code));
  expect(lines).toHaveLength(7);
  expect(lines[3]).toContain("can bo sung: Anh chup giay chung sinh cua tre");
  for (const line of lines) {
    expect(line).toContain("0912345678");
    expect(line).toContain(`/tra-cuu?ma=${code}`);
  }
  await expect(clerk.locator(".facts")).toContainText("5/5 — “Nhanh và rõ ràng.”");
});

test.describe("a page of another site", () => {
  test.use(ownClient());

  test("a link or an image with a dossier code spends no lookup, and an old code asks for one press", async ({ page }) => {
    // What an image on another site would make this browser ask for, many times over.
    for (let i = 0; i < 15; i++) {
      const answer = await page.request.get(`/tra-cuu?ma=KS-000000-XX${"23456789ABCDEFG"[i]}XXX`);
      expect(answer.status()).toBe(200);
    }
    // A code of the short kind issued before: filled in, not looked up, until pressed.
    await page.goto("/tra-cuu?ma=KS-000000-XXXXXX");
    await expect(page.getByText("Bấm “Tra cứu” để xem tình trạng hồ sơ này.")).toBeVisible();
    await expect(page.getByLabel("Mã hồ sơ")).toHaveValue("KS-000000-XXXXXX");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    // Still allowed: the links above counted nothing.
    await expect(page.getByText("Không tìm thấy hồ sơ với mã này")).toBeVisible();
  });
});

test("two staff act on the same dossier at once: one wins, the other is told and keeps what they typed", async ({ browser }) => {
  const { code } = await fileDossier(browser);
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  // The counter receives; the head of office decides refusals.
  await logIn(first, "e2e.reception");
  await logIn(second, "e2e.head");
  await clerkOpens(first, code);
  await clerkOpens(second, code);
  await press(first, "Tiếp nhận hồ sơ");
  await second.getByLabel("Lý do không tiếp nhận").fill("Nộp nhầm phường, đề nghị nộp tại phường Tân An.");
  await second.getByRole("button", { name: "Không tiếp nhận hồ sơ" }).click();
  await expect(second.getByRole("alert")).toContainText("vừa được người khác cập nhật");
  await expect(second.locator(".facts")).toContainText("Đã tiếp nhận");
  // Received meanwhile: "not received" is no longer possible, "stop" is, with the words kept.
  await expect(second.getByRole("button", { name: "Không tiếp nhận hồ sơ" })).toHaveCount(0);
  await expect(second.getByLabel("Lý do dừng xử lý")).toHaveValue("Nộp nhầm phường, đề nghị nộp tại phường Tân An.");
  // Now it works, from the fresh page.
  await second.getByRole("button", { name: "Dừng xử lý hồ sơ" }).click();
  await expect(second.locator(".facts")).toContainText("Dừng xử lý");
});

test.describe("a citizen of their own", () => {
  // Its unknown code counts against its own lookup limit, not the one other specs share.
  test.use(ownClient());

  test("the lookup page tells an unknown code plainly and works from the home page", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Mã hồ sơ", { exact: true }).fill("KS-000000-XXXXXX");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    // The form posts (counted), and lands back on the lookup page.
    await expect(page).toHaveURL(/\/tra-cuu\?ma=KS-000000-XXXXXX&loi=khong-thay/);
    await expect(page.getByText("Không tìm thấy hồ sơ với mã này")).toBeVisible();
    await expect(page.getByLabel("Mã hồ sơ")).toHaveValue("KS-000000-XXXXXX");
  });
});

test("the head of office sees the dashboard as charts with numbers, and downloads it", async ({ page }) => {
  await logIn(page, "e2e.head");
  await page.goto("/can-bo/bang-theo-doi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bảng theo dõi");
  await expect(page.getByRole("img", { name: "Hồ sơ tiếp nhận và xử lý xong theo tuần" })).toBeVisible();
  await expect(page.locator(".figures")).toContainText("Tỷ lệ đúng hạn");
  const csv = await page.request.get("/can-bo/bang-theo-doi.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Tuần bắt đầu,Tiếp nhận,Đã xử lý xong");
  // A clerk is not shown it.
  const clerk = await (await page.context().browser()!.newContext()).newPage();
  await logIn(clerk, "e2e.clerk");
  await clerk.goto("/can-bo/bang-theo-doi");
  await expect(clerk).toHaveURL(/dang-nhap/);
});

test("the dashboard's chart labels and axes are drawn in the theme's colour, so high contrast shows them", async ({ page, baseURL }) => {
  await logIn(page, "e2e.head");
  for (const contrast of ["", "bat"]) {
    await page.context().addCookies([{ name: "mc_tuong_phan", value: contrast, url: baseURL! }]);
    await page.goto("/can-bo/bang-theo-doi");
    const drawn = await page.evaluate(() => {
      const colour = getComputedStyle(document.body).color;
      const texts = Array.from(document.querySelectorAll(".chart text")).map((el) => getComputedStyle(el).fill);
      const lines = Array.from(document.querySelectorAll(".chart line")).map((el) => getComputedStyle(el).stroke);
      return { colour, texts: [...new Set(texts)], lines: [...new Set(lines)], count: texts.length };
    });
    expect(drawn.count, "the charts have labels").toBeGreaterThan(0);
    expect(drawn.texts, `labels, contrast "${contrast}"`).toEqual([drawn.colour]);
    expect(drawn.lines, `axes, contrast "${contrast}"`).toEqual([drawn.colour]);
  }
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(255, 255, 255)");
});
