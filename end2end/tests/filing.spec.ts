import { expect, test, Page } from "@playwright/test";
import {
  answerApplicant,
  answerTheRest,
  daysAgo,
  expectQuestion,
  next,
  resumeCode,
  startBirthRegistration,
  typeDate,
} from "./journey";

/** Change one answer from the check page, come back, submit, read the receipt. */
async function changeThenSubmit(page: Page) {
  await page.getByRole("link", { name: "Thay đổi họ và tên của trẻ" }).click();
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await expect(page.getByLabel("Họ, chữ đệm và tên của trẻ")).toHaveValue("Y Sao Niê");
  await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill("y sao niê");
  await next(page);
  // A change returns to the check page, not to the next question.
  await expectQuestion(page, "Kiểm tra lại trước khi nộp");
  await expect(page.getByText("Y Sao Niê", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  const code = (await page.locator(".dossier-code").textContent()) ?? "";
  expect(code).toMatch(/^KS-\d{6}-[2-9A-Z]{11}$/);
  const receipt = page.locator(".summary-list");
  await expect(receipt).toContainText("UBND phường Ea Kao");
  await expect(receipt).toContainText("Y Bih Niê");
  await expect(receipt).toContainText("066090012345");
  await expect(receipt).toContainText(/Dự kiến trả kết quả \(nếu được tiếp nhận hôm nay\)\s*\d{2}\/\d{2}\/\d{4}/);
  // Sent online, not yet received: an acknowledgement, never the official receipt.
  await expect(receipt).toContainText("Chờ tiếp nhận");
  await expect(page.getByRole("heading", { name: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" })).toHaveCount(0);
  await expect(page.getByText("đang chờ cán bộ tiếp nhận")).toBeVisible();
  await expect(page.locator(".qr svg")).toBeVisible();
  return code;
}

test.describe("with JavaScript", () => {
  test("a citizen files a birth registration from start to receipt", async ({ page }) => {
    await startBirthRegistration(page);
    await answerApplicant(page);
    await answerTheRest(page, { fatherKnown: true });
    await expect(page.getByText("Cha của trẻ")).toBeVisible();
    const code = await changeThenSubmit(page);

    // Submitting again (back button, double click) gives the same dossier.
    await page.goBack();
    await page.goto("/ho-so/kiem-tra");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ này đã được nộp");
    await page.getByRole("link", { name: "Xem giấy tiếp nhận" }).click();
    await expect(page.locator(".dossier-code")).toHaveText(code);
  });

  test("a wrong answer is caught in the page before anything is sent", async ({ page }) => {
    await startBirthRegistration(page);
    await answerApplicant(page);
    await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill("Y Sao Niê");
    await next(page);
    await expectQuestion(page, "Trẻ sinh ngày nào?");
    // Let the wasm arrive and hydrate the form.
    await page.waitForLoadState("networkidle");
    const url = page.url();
    let posts = 0;
    page.on("request", (request) => {
      if (request.method() === "POST") posts += 1;
    });
    const nextYear = String(new Date().getFullYear() + 1);
    await typeDate(page, "1", "1", nextYear);
    await next(page);
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Ngày sinh của trẻ không thể sau ngày hôm nay.");
    await expect(summary).toBeFocused();
    // The same message next to the boxes, which are marked invalid for screen readers.
    await expect(page.locator(".field--error .error-message")).toHaveText(/Ngày sinh của trẻ không thể sau ngày hôm nay./);
    await expect(page.getByLabel("Ngày", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(page.url()).toBe(url);
    expect(posts).toBe(0);
    await expect(page.getByLabel("Năm", { exact: true })).toHaveValue(nextYear);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a citizen files with the father unknown, and his questions are skipped", async ({ page }) => {
    await startBirthRegistration(page);
    await answerApplicant(page);
    await answerTheRest(page, { fatherKnown: false });
    await expect(page.getByText("Họ, chữ đệm và tên của cha")).toHaveCount(0);
    const fatherRow = page.locator(".summary-list__row", { hasText: "Đã xác định được cha, mẹ" });
    await expect(fatherRow.locator(".summary-list__value")).toHaveText("Mới xác định được mẹ");
    await changeThenSubmit(page);
  });

  test("errors are shown next to the field and at the top, and what was typed is kept", async ({ page }) => {
    await startBirthRegistration(page);
    await answerApplicant(page);

    // An empty name.
    await next(page);
    await expectQuestion(page, "Họ và tên của trẻ là gì?");
    await expect(page.getByRole("alert")).toContainText("Hãy nhập họ và tên của trẻ.");
    await expect(page).toHaveTitle(/^Lỗi: /);
    await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill("Y Sao Niê");
    await next(page);

    // An impossible date: 31 February.
    const [, , year] = daysAgo(400);
    await typeDate(page, "31", "2", year);
    await next(page);
    await expect(page.getByRole("alert")).toContainText("Ngày sinh của trẻ không có thật");
    await expect(page.locator(".field--error .error-message")).toContainText("không có thật");
    await expect(page.getByLabel("Ngày", { exact: true })).toHaveValue("31");
    await expect(page.getByLabel("Tháng", { exact: true })).toHaveValue("2");

    // A date in the future.
    await typeDate(page, "1", "1", String(new Date().getFullYear() + 1));
    await next(page);
    await expect(page.getByRole("alert")).toContainText("Ngày sinh của trẻ không thể sau ngày hôm nay.");

    // The summary links to the box to fix.
    await page.getByRole("alert").getByRole("link").click();
    await expect(page.getByLabel("Ngày", { exact: true })).toBeFocused();
  });
});

test("a draft is resumed by its code in another browser, and a wrong code is explained", async ({ browser }) => {
  const phone = await browser.newContext();
  const page = await phone.newPage();
  await startBirthRegistration(page);
  await answerApplicant(page);
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  const code = await resumeCode(page);
  await phone.close();

  // At the counter, on another machine, with JavaScript off.
  const kiosk = await browser.newContext({ javaScriptEnabled: false });
  const other = await kiosk.newPage();
  await other.goto("/");
  const wrong = code.slice(0, -1) + (code.endsWith("Z") ? "Y" : "Z");
  await other.getByLabel("Mã hồ sơ nháp").fill(wrong);
  await other.getByRole("button", { name: "Làm tiếp" }).click();
  await expect(other.getByText("Không tìm thấy hồ sơ nháp với mã này.")).toBeVisible();
  await expect(other.getByLabel("Mã hồ sơ nháp")).toHaveValue(wrong);

  await other.getByLabel("Mã hồ sơ nháp").fill("0" + code.slice(1));
  await other.getByRole("button", { name: "Làm tiếp" }).click();
  await expect(other.getByText("Mã không dùng chữ O, I, L, U")).toBeVisible();

  // Typed the way people type: lower case, spaces instead of dashes.
  await other.getByLabel("Mã hồ sơ nháp").fill(code.toLowerCase().replaceAll("-", " "));
  await other.getByRole("button", { name: "Làm tiếp" }).click();
  await expectQuestion(other, "Họ và tên của trẻ là gì?");
  await other.getByRole("link", { name: "Quay lại" }).click();
  await expectQuestion(other, "Số điện thoại để báo cho bạn khi có kết quả");
  await expect(other.getByLabel("Số điện thoại di động")).toHaveValue("0912 345 678");
  expect(await resumeCode(other)).toBe(code);
  await kiosk.close();
});

test("the home page lists birth registration with its time, fee and documents", async ({ page }) => {
  await page.goto("/");
  const card = page.locator(".procedure", { hasText: "Đăng ký khai sinh" });
  await expect(card).toContainText("Trong ngày làm việc");
  await expect(card).toContainText("Miễn phí");
  await card.getByText("Giấy tờ cần chuẩn bị").click();
  await expect(card).toContainText("Giấy chứng sinh");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
