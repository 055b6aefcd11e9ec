// With JavaScript the wizard moves without page loads (public/dieu-huong.js): the wasm keeps
// running, focus goes to the new heading, the address is the real one, Back/Forward and reload
// work, and Continue without network keeps every answer and goes on when the network is back.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, Page } from "@playwright/test";
import { answerApplicant, answerTheRest, expectQuestion, next, startBirthRegistration } from "./journey";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The wasm is running: from now on a move happens inside the page. */
async function ready(page: Page) {
  await page.waitForFunction(() => (window as any).__mcReady === true);
}

/** A mark on the window that any page load would wipe out. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as any).__marker = 1));
}

async function expectSamePage(page: Page) {
  expect(await page.evaluate(() => (window as any).__marker)).toBe(1);
}

/** From the start to the question about the applicant's date of birth, in the page. */
async function toBirthDate(page: Page) {
  await startBirthRegistration(page);
  await ready(page);
  await mark(page);
  await page.getByLabel("UBND phường Ea Kao").check();
  await next(page);
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await page.getByLabel("Họ, chữ đệm và tên").fill("Y Bih Niê");
  await next(page);
  await expectQuestion(page, "Bạn sinh ngày nào?");
}

test("a whole journey to the receipt without a single page load", async ({ page }) => {
  await startBirthRegistration(page);
  await ready(page);
  await mark(page);
  let loads = 0;
  page.on("load", () => (loads += 1));
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: true });
  // A change link from the check page, and back to the check page.
  await page.getByRole("link", { name: "Thay đổi họ và tên của trẻ" }).click();
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await expect(page.getByLabel("Họ, chữ đệm và tên của trẻ")).toHaveValue("Y Sao Niê");
  await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill("Y Sao Niê Mlô");
  await next(page);
  await expectQuestion(page, "Kiểm tra lại trước khi nộp");
  await expect(page.getByText("Y Sao Niê Mlô", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  await expect(page).toHaveURL(/\/ho-so\/bien-nhan$/);
  await expect(page.locator(".dossier-code")).toHaveText(/^KS-\d{6}-[2-9A-Z]{11}$/);
  await expectSamePage(page);
  expect(loads).toBe(0);
});

test("Back, Forward and reload land on the right question with its answers", async ({ page }) => {
  await toBirthDate(page);
  await expect(page).toHaveURL(/\/ho-so\/buoc\/[^/?]+$/);
  const dateUrl = page.url();
  await page.goBack();
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await expect(page.getByLabel("Họ, chữ đệm và tên")).toHaveValue("Y Bih Niê");
  await expectSamePage(page);
  await page.goBack();
  await expectQuestion(page, "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
  await expect(page.getByLabel("UBND phường Ea Kao")).toBeChecked();
  await page.goForward();
  await page.goForward();
  await expectQuestion(page, "Bạn sinh ngày nào?");
  expect(page.url()).toBe(dateUrl);
  await expectSamePage(page);
  // The address is the real one: a reload shows the same question.
  await page.reload();
  await expectQuestion(page, "Bạn sinh ngày nào?");
  expect(page.url()).toBe(dateUrl);
  // The in-page Back link moves in the page too, and Back still works after a reload.
  await ready(page);
  await mark(page);
  await page.getByRole("link", { name: "Quay lại" }).click();
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await expect(page.getByLabel("Họ, chữ đệm và tên")).toHaveValue("Y Bih Niê");
  await expectSamePage(page);
});

test("after Continue, focus is on the new question and the title names it", async ({ page }) => {
  await toBirthDate(page);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle(/Bạn sinh ngày nào\?/);
  await expectSamePage(page);
});

test("axe finds nothing after moves inside the page, nor on the no-network message", async ({ page, context }) => {
  await toBirthDate(page);
  await expectNoViolations(page, "date of birth after a move");
  await page.getByLabel("Ngày", { exact: true }).fill("5");
  await page.getByLabel("Tháng", { exact: true }).fill("6");
  await page.getByLabel("Năm", { exact: true }).fill("1990");
  await context.setOffline(true);
  await next(page);
  await expect(page.getByRole("alert")).toContainText("Chưa có mạng");
  await expectNoViolations(page, "no network");
  await context.setOffline(false);
  await expectQuestion(page, "Giấy tờ tùy thân của bạn");
  await expectNoViolations(page, "identity document after a move");
});

test("Continue without network keeps the answers, says so, and goes on when it is back", async ({ page, context }) => {
  await toBirthDate(page);
  await page.getByLabel("Ngày", { exact: true }).fill("5");
  await page.getByLabel("Tháng", { exact: true }).fill("6");
  await page.getByLabel("Năm", { exact: true }).fill("1990");
  await context.setOffline(true);
  await next(page);
  const notice = page.getByRole("alert");
  await expect(notice).toHaveText(
    "Chưa có mạng. Các câu trả lời của bạn vẫn được giữ trên điện thoại này và sẽ tự gửi đi khi có mạng trở lại. Bạn không cần nhập lại.",
  );
  await expectQuestion(page, "Bạn sinh ngày nào?");
  await expect(page.getByLabel("Năm", { exact: true })).toHaveValue("1990");
  // A change made while waiting is what gets sent.
  await page.getByLabel("Năm", { exact: true }).fill("1991");
  await context.setOffline(false);
  await expectQuestion(page, "Giấy tờ tùy thân của bạn");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectSamePage(page);
  await page.goBack();
  await expectQuestion(page, "Bạn sinh ngày nào?");
  await expect(page.getByLabel("Năm", { exact: true })).toHaveValue("1991");
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test("answers waiting for the network survive closing the tab", async ({ page, context }) => {
  await toBirthDate(page);
  const dateUrl = page.url();
  await page.getByLabel("Ngày", { exact: true }).fill("7");
  await page.getByLabel("Tháng", { exact: true }).fill("8");
  await page.getByLabel("Năm", { exact: true }).fill("1989");
  await context.setOffline(true);
  await next(page);
  await expect(page.getByRole("alert")).toContainText("Chưa có mạng");
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(dateUrl);
  // The kept answers are sent by themselves: on to the next question.
  await expectQuestion(again, "Giấy tờ tùy thân của bạn");
  await again.goBack();
  await expectQuestion(again, "Bạn sinh ngày nào?");
  await expect(again.getByLabel("Ngày", { exact: true })).toHaveValue("7");
  await expect(again.getByLabel("Năm", { exact: true })).toHaveValue("1989");
  expect(await again.evaluate(() => localStorage.length)).toBe(0);
});

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules, as accessibility.spec.ts runs it. */
async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map(
    (v) => `${label}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found).toEqual([]);
}
