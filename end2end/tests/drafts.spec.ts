import { expect, test, Browser, Page } from "@playwright/test";
import { answerApplicant, expectQuestion, resumeCode, startBirthRegistration } from "./journey";

const childName = (page: Page) => page.getByLabel("Họ, chữ đệm và tên của trẻ");
const status = (page: Page) => page.locator(".save-status");

/** Opens the draft with this code in a fresh browser, as on another device. */
async function openElsewhere(browser: Browser, code: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Mã hồ sơ nháp").fill(code);
  await page.getByRole("button", { name: "Làm tiếp" }).click();
  await expect(page.locator(".resume-code__code")).toHaveText(code);
  // Resuming opens the first unanswered question; go to the one this test is about.
  await page.goto("/ho-so/buoc/tre-ho-ten");
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await page.waitForLoadState("networkidle");
  return page;
}

async function onChildNameStep(page: Page): Promise<string> {
  await startBirthRegistration(page);
  await answerApplicant(page);
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await page.waitForLoadState("networkidle");
  return resumeCode(page);
}

test("what is typed is saved without pressing Continue", async ({ page, browser }) => {
  const code = await onChildNameStep(page);
  await childName(page).pressSequentially("Y Sao Niê", { delay: 30 });
  await expect(status(page)).toHaveText(/^Đã lưu lúc \d{2}:\d{2}$/);
  const other = await openElsewhere(browser, code);
  await expect(childName(other)).toHaveValue("Y Sao Niê");
});

test("offline, the answer stays in the page and is saved when the network is back", async ({ page, context, browser }) => {
  const code = await onChildNameStep(page);
  await context.setOffline(true);
  await childName(page).fill("H'Hen Niê");
  await expect(status(page)).toHaveText("Chưa lưu — sẽ thử lại");
  await expect(childName(page)).toHaveValue("H'Hen Niê");
  await context.setOffline(false);
  await expect(status(page)).toHaveText(/^Đã lưu lúc/, { timeout: 20_000 });
  const other = await openElsewhere(browser, code);
  await expect(childName(other)).toHaveValue("H'Hen Niê");
});

test("two devices on one draft: the stale one is shown both answers and chooses", async ({ page, browser }) => {
  const code = await onChildNameStep(page);
  const counter = await openElsewhere(browser, code);

  // The phone saves first...
  await childName(page).fill("Y Sao Niê");
  await expect(status(page)).toHaveText(/^Đã lưu lúc/);
  // ...then the counter, which still shows the older version, types something else.
  await childName(counter).fill("Y Sa Niê");
  const conflict = counter.locator(".conflict");
  await expect(conflict).toContainText("Hồ sơ này vừa được sửa ở nơi khác");
  await expect(conflict).toContainText("Đang nhập trên máy này: Y Sa Niê");
  await expect(conflict).toContainText("Đã lưu ở nơi khác: Y Sao Niê");
  await expect(status(counter)).toHaveText("Chưa lưu — hãy chọn bản đúng ở trên");

  // Nothing was overwritten meanwhile.
  await page.reload();
  await expect(childName(page)).toHaveValue("Y Sao Niê");

  await conflict.getByLabel("Đã lưu ở nơi khác: Y Sao Niê").check();
  await conflict.getByRole("button", { name: "Dùng các lựa chọn này" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(childName(counter)).toHaveValue("Y Sao Niê");
  await expect(status(counter)).toHaveText(/^Đã lưu lúc/);
});

test("the resume code can be printed or scanned, and the scan opens it already typed", async ({ page, browser }) => {
  const code = await onChildNameStep(page);
  await page.getByRole("link", { name: "In mã hoặc xem mã QR" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mã hồ sơ nháp của bạn");
  await expect(page.locator(".resume-code__code--large")).toHaveText(code);
  await expect(page.locator(".qr svg")).toBeVisible();
  // What the QR code holds: the home page with the code in the box.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`/?ma=${code}#tiep-tuc`);
  await expect(other.getByLabel("Mã hồ sơ nháp")).toHaveValue(code);
  await other.getByRole("button", { name: "Làm tiếp" }).click();
  await expect(other.locator(".resume-code__code")).toHaveText(code);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Continue from a page older than the draft shows both answers instead of overwriting", async ({ page, browser }) => {
    await startBirthRegistration(page);
    await answerApplicant(page);
    const code = await resumeCode(page);
    const counterContext = await browser.newContext({ javaScriptEnabled: false });
    const counter = await counterContext.newPage();
    await counter.goto("/");
    await counter.getByLabel("Mã hồ sơ nháp").fill(code);
    await counter.getByRole("button", { name: "Làm tiếp" }).click();
    await expectQuestion(counter, "Họ và tên của trẻ là gì?");

    await childName(page).fill("Y Sao Niê");
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await expectQuestion(page, "Trẻ sinh ngày nào?");

    await childName(counter).fill("Y Sa Niê");
    await counter.getByRole("button", { name: "Tiếp tục" }).click();
    const conflict = counter.locator(".conflict");
    await expect(conflict).toContainText("Hồ sơ này vừa được sửa ở nơi khác");
    await expect(conflict).toContainText("Đã lưu ở nơi khác: Y Sao Niê");
    await conflict.getByLabel("Đang nhập trên máy này: Y Sa Niê").check();
    await conflict.getByRole("button", { name: "Dùng các lựa chọn này" }).click();
    await expectQuestion(counter, "Họ và tên của trẻ là gì?");
    await expect(counter.locator(".conflict")).toHaveCount(0);
    await expect(childName(counter)).toHaveValue("Y Sa Niê");
    await counterContext.close();
  });
});
