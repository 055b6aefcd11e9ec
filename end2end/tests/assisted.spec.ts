// Filing with help, confirmed by the citizen: by a code sent by SMS (read from the development SMS
// log), on the signed printout, and on the citizen's own phone at 360 px with axe on each of the
// phone's pages; an answer changed after confirmation asks again; a volunteer is refused the queue.
import AxeBuilder from "@axe-core/playwright";
import { Browser, expect, Page, test } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { answerApplicant, answerTheRest, expectQuestion, next } from "./journey";
import { logIn } from "./office";

const SMS_LOG = path.join(__dirname, "..", "..", "target", "e2e", "sms.log");
// Screenshots of the helper's screen and the citizen's phone, to look at (not compared).
const SCREENS = path.join(__dirname, "..", "..", "target", "e2e", "screens");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map(
    (v) => `${label}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found).toEqual([]);
}

/** A helper signed in starts a birth registration and answers up to the check-answers page. */
async function fileWithHelp(page: Page, username: string, childName: string) {
  await logIn(page, username);
  await page.getByRole("link", { name: "Nộp hồ sơ giúp công dân" }).click();
  await page.getByRole("button", { name: "Đăng ký khai sinh" }).click();
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: false, childName });
  await expect(page.getByRole("heading", { level: 2, name: "Công dân xác nhận" })).toBeVisible();
}

/** The newest confirmation code the development SMS sender wrote for this procedure. */
function lastSmsCode(before: number): string | undefined {
  const lines = fs.existsSync(SMS_LOG) ? fs.readFileSync(SMS_LOG, "utf8").split("\n") : [];
  const codes = lines
    .slice(before)
    .map((line) => /Ma xac nhan ho so Dang ky khai sinh tai UBND phuong Ea Kao: (\d{6})\./.exec(line))
    .filter((match) => match !== null)
    .map((match) => match![1]);
  return codes[codes.length - 1];
}

// The helper works at a desktop screen; the citizen's phone is a second browser, 360 px wide.
test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

function smsLines(): number {
  return fs.existsSync(SMS_LOG) ? fs.readFileSync(SMS_LOG, "utf8").split("\n").length - 1 : 0;
}

test("a citizen with a simple phone confirms by SMS code; an answer changed afterwards asks again", async ({ page }) => {
  await fileWithHelp(page, "e2e.sms", "Y Tin Niê");
  const sms = page.locator("section.confirm-way", { hasText: "Xác nhận bằng mã SMS" });
  await expect(sms).toContainText("678");
  await expect(sms).not.toContainText("0912 345 678");
  const before = smsLines();
  await sms.getByRole("button", { name: "Gửi mã xác nhận qua SMS" }).click();
  await expect(page.getByText("Đã gửi mã.")).toBeVisible();
  // The outbox sends it within seconds; the SMS names the procedure and the office.
  let code: string | undefined;
  await expect(async () => {
    code = lastSmsCode(before);
    expect(code).toBeTruthy();
  }).toPass({ timeout: 20_000 });

  // A wrong code is refused plainly, and says how many tries are left.
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("Mã 6 số công dân nhận được").fill(wrong);
  await page.getByRole("button", { name: "Xác nhận bằng mã" }).click();
  await expect(page.getByRole("alert")).toContainText("Mã chưa đúng.");
  await expect(page.getByRole("alert")).toContainText("Còn 4 lần thử.");
  await page.getByLabel("Mã 6 số công dân nhận được").fill(code!);
  await page.getByRole("button", { name: "Xác nhận bằng mã" }).click();
  await expect(page.getByText("Công dân đã xác nhận các câu trả lời bằng mã SMS lúc")).toBeVisible();

  // The helper changes an answer after the confirmation: the citizen must confirm again.
  await page.getByRole("link", { name: "Thay đổi họ và tên của trẻ" }).click();
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill("Y Tin Mlô");
  await next(page);
  await expectQuestion(page, "Kiểm tra lại trước khi nộp");
  await expect(page.getByText("Câu trả lời đã thay đổi sau khi công dân xác nhận.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Nộp hồ sơ cho công dân" })).toHaveCount(0);

  // A new code for the new answers, and the dossier goes in.
  const again = smsLines();
  await sms.getByRole("button", { name: /Gửi mã/ }).click();
  await expect(async () => {
    code = lastSmsCode(again);
    expect(code).toBeTruthy();
  }).toPass({ timeout: 20_000 });
  await page.getByLabel("Mã 6 số công dân nhận được").fill(code!);
  await page.getByRole("button", { name: "Xác nhận bằng mã" }).click();
  await page.getByRole("button", { name: "Nộp hồ sơ cho công dân" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đã được tiếp nhận" })).toBeVisible();
  await expect(page.locator("main")).toContainText("Nộp với sự giúp đỡ của Vi Thị Tin Nhắn");
  await expect(page.locator("main")).toContainText("bằng mã SMS");
});

test("a citizen with no phone signs the printed answers, and the helper marks it signed", async ({ page }) => {
  await fileWithHelp(page, "e2e.kyten", "Y Giấy Ký");
  await page.getByRole("link", { name: "In bản khai để công dân ký" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bản khai để công dân ký xác nhận" })).toBeVisible();
  await expect(page.locator("main")).toContainText("Y Giấy Ký");
  await expect(page.locator("main")).toContainText("Cán bộ khai giúp: Lò Văn Ký");
  await expect(page.locator("main")).toContainText("Người khai ký, ghi rõ họ tên");
  // A record to sign: no "Thay đổi" links on it.
  await expect(page.getByRole("link", { name: /Thay đổi/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Quay lại trang kiểm tra" }).first().click();

  await page.getByRole("button", { name: "Công dân đã ký bản in" }).click();
  await expect(page.getByRole("alert")).toContainText("Hãy đánh dấu ô");
  await page.getByLabel("Công dân đã đọc và ký vào bản in các câu trả lời trên").check();
  await page.getByRole("button", { name: "Công dân đã ký bản in" }).click();
  await page.getByRole("button", { name: "Nộp hồ sơ cho công dân" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hồ sơ đã được tiếp nhận" })).toBeVisible();
  await expect(page.locator("main")).toContainText("trên bản in có chữ ký");
});

/** A 360 px phone whose speech API has a Vietnamese voice and records what it is asked to say. */
async function phoneContext(browser: Browser) {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await phone.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as any).__spoken = spoken;
    class Utterance {
      text: string;
      lang = "";
      voice: unknown = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const voice = { lang: "vi-VN", name: "stub vi", default: false, localService: true, voiceURI: "vi-VN" };
    const synthesis = {
      getVoices: () => [voice],
      speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    Object.defineProperty(window, "speechSynthesis", { value: synthesis, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
  });
  return phone;
}

test("the citizen's phone: every page of the confirmation is accessible at 360 px", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await fileWithHelp(page, "e2e.dienthoai", "Y Quét Niê");
  await page.getByRole("button", { name: "Xác nhận trên điện thoại của công dân" }).click();
  await expect(page.locator(".phone-confirm svg")).toBeVisible();
  await expectNoViolations(page, "helper waiting");
  await page.screenshot({ path: path.join(SCREENS, "assisted-helper-waiting.png"), fullPage: true });
  const link = ((await page.locator(".phone-confirm .muted").textContent()) ?? "").trim();
  const shortCode = ((await page.locator(".phone-confirm .resume-code__code").first().textContent()) ?? "")
    .replace(/\s/g, "");

  const phone = await phoneContext(browser);
  const phonePage = await phone.newPage();
  // A phone that cannot scan: the citizen types the short code.
  await phonePage.goto("/xac-nhan");
  await expectNoViolations(phonePage, "phone: type the code");
  await phonePage.getByLabel("Mã xác nhận").fill("ZZZZ ZZZZ");
  await phonePage.getByRole("button", { name: "Mở" }).click();
  await expect(phonePage.locator("main")).toContainText("Mã chưa đúng");
  await expectNoViolations(phonePage, "phone: wrong code");
  if (shortCode.length === 8) {
    await phonePage.getByLabel("Mã xác nhận").fill(shortCode.toLowerCase());
    await phonePage.getByRole("button", { name: "Mở" }).click();
  } else {
    await phonePage.goto(new URL(link).pathname);
  }
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Xem lại và xác nhận hồ sơ");
  await expect(phonePage.locator("main")).toContainText("Y Quét Niê");
  // "Nghe" reads every answer aloud, in Vietnamese.
  await phonePage.waitForLoadState("networkidle");
  await phonePage.getByRole("button", { name: "Nghe", exact: true }).click();
  const spoken = await phonePage.evaluate(() => (window as any).__spoken);
  expect(spoken).toHaveLength(1);
  expect(spoken[0].lang).toBe("vi-VN");
  expect(spoken[0].text).toContain("Y Quét Niê");
  expect(spoken[0].text).toContain("Y Bih Niê");
  await expectNoViolations(phonePage, "phone: the answers");
  await phonePage.screenshot({ path: path.join(SCREENS, "assisted-phone-360.png"), fullPage: true });
  // What the phone downloaded for this page (printed for the record, not asserted).
  const weight = await phonePage.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((entry) => {
      const timing = entry as PerformanceResourceTiming;
      return `${timing.name.split("/").pop()}: ${timing.transferSize} B over the wire, ${timing.decodedBodySize} B`;
    }),
  );
  console.log(`the phone's confirmation page:\n  ${weight.join("\n  ")}`);
  // No horizontal scrolling on a 360 px phone.
  const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);

  // "Chưa đúng" with nothing said: a plain error, and the page keeps the answers.
  await phonePage.getByRole("button", { name: "Chưa đúng, cần sửa" }).click();
  await expect(phonePage.getByRole("alert")).toContainText("Hãy viết điều chưa đúng");
  await expectNoViolations(phonePage, "phone: empty correction");
  await phonePage.getByLabel("Điều gì chưa đúng?").fill("Ngày sinh của cháu sai");
  await phonePage.getByRole("button", { name: "Chưa đúng, cần sửa" }).click();
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Cảm ơn bạn");
  await expectNoViolations(phonePage, "phone: correction sent");
  // The helper's screen shows the correction by itself.
  await expect(page.locator(".phone-confirm")).toContainText("Ngày sinh của cháu sai", { timeout: 10_000 });
  await expectNoViolations(page, "helper: correction");
  await page.screenshot({ path: path.join(SCREENS, "assisted-helper-correction.png"), fullPage: true });

  // The used link shows no data any more.
  await phonePage.goto(new URL(link).pathname);
  await expect(phonePage.locator("main")).not.toContainText("Y Quét Niê");
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Mã này đã được dùng");
  await expectNoViolations(phonePage, "phone: used code");

  // Asked again, confirmed on the phone; the helper's screen changes by itself.
  await page.getByRole("button", { name: "Mời công dân xác nhận lại" }).click();
  const second = ((await page.locator(".phone-confirm .muted").textContent()) ?? "").trim();
  await phonePage.goto(new URL(second).pathname);
  await phonePage.getByRole("button", { name: "Đúng, tôi xác nhận" }).click();
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Cảm ơn bạn");
  await expectNoViolations(phonePage, "phone: confirmed");
  await phone.close();
  await expect(page.getByText("Đã xác nhận trên điện thoại của công dân lúc")).toBeVisible({ timeout: 10_000 });
  await expectNoViolations(page, "helper: confirmed");
  await page.screenshot({ path: path.join(SCREENS, "assisted-helper-confirmed.png"), fullPage: true });
});

test("a volunteer files with citizens but never sees the queue or the dashboard", async ({ page }) => {
  await logIn(page, "e2e.tinhnguyen");
  await expect(page.getByRole("link", { name: "Nộp hồ sơ giúp công dân" })).toBeVisible();
  await expect(page.getByText("Hồ sơ bạn giúp khai hôm nay")).toBeVisible();
  for (const address of ["/can-bo/ho-so", "/can-bo/bang-theo-doi", "/can-bo/nhat-ky"]) {
    await page.goto(address);
    await expect(page.locator("table")).toHaveCount(0);
    await expect(page).not.toHaveURL(new RegExp(`${address}$`));
  }
});
