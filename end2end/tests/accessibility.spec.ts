// Accessibility: axe-core on every page of a journey in each of its states, in both languages,
// in high contrast and at the largest text size; a keyboard-only journey; no horizontal scroll at
// 320 px or at 200% zoom; the preferences control; read-aloud with a stubbed speech API.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, BrowserContext, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "fs";
import * as path from "path";
import { answerApplicant, answerTheRest, daysAgo, expectQuestion, next, startBirthRegistration } from "./journey";
import { ownClient } from "./office";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCREENS = path.join(__dirname, "..", "..", "target", "e2e", "screens");

type Variant = { name: string; cookies: Record<string, string> };
const VARIANTS: Variant[] = [
  { name: "vi", cookies: {} },
  { name: "en", cookies: { mc_ngon_ngu: "en" } },
  { name: "contrast", cookies: { mc_tuong_phan: "bat" } },
  { name: "very-large", cookies: { mc_co_chu: "rat-lon", mc_ngon_ngu: "en", mc_tuong_phan: "bat" } },
];
const PREF_COOKIES = ["mc_ngon_ngu", "mc_co_chu", "mc_tuong_phan"];

async function setPrefs(context: BrowserContext, baseURL: string, cookies: Record<string, string>) {
  const all = PREF_COOKIES.map((name) => ({ name, value: cookies[name] ?? "", url: baseURL }));
  await context.addCookies(all);
}

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules: the list of violations must be empty. */
async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map(
    (v) => `${label}: ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found).toEqual([]);
}

/**
 * Every control is at least 48×48 css px, so an unsteady finger hits it: links, buttons, inputs,
 * selects and summaries by their own box; a radio or a checkbox by its label, which takes the tap
 * too. Links inside a sentence are exempt (WCAG 2.5.8 "inline"), as are hidden controls.
 */
async function expectTapTargets(page: Page, label: string) {
  const small = await page.evaluate(() => {
    const MIN = 47.5; // sub-pixel rounding of a 48px box at large text sizes
    const found: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 40)}"`;
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary",
    );
    for (const el of Array.from(controls)) {
      const style = getComputedStyle(el);
      if (el.closest("[hidden]") || style.visibility === "hidden" || el.getClientRects().length === 0) continue;
      if (el.classList.contains("visually-hidden") || el.closest(".visually-hidden")) continue;
      const inSentence = el.tagName === "A" && style.display === "inline" && el.closest("p, li, dd, td") !== null;
      if (inSentence) continue;
      let box = el.getBoundingClientRect();
      if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
        const labelled = el.labels?.[0];
        if (!labelled) {
          found.push(`${name(el)} has no label to tap`);
          continue;
        }
        box = labelled.getBoundingClientRect();
      }
      if (box.width < MIN || box.height < MIN) {
        found.push(`${name(el)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return found;
  });
  expect(small, `${label}: controls smaller than 48×48 px`).toEqual([]);
}

/** The page as it is now, checked in every variant (reloaded with their cookies), then back to Vietnamese. */
async function checkAllVariants(page: Page, baseURL: string, state: string) {
  for (const variant of VARIANTS) {
    await setPrefs(page.context(), baseURL, variant.cookies);
    await page.reload();
    await page.waitForLoadState("networkidle");
    await expectNoViolations(page, `${state} [${variant.name}]`);
    await expectTapTargets(page, `${state} [${variant.name}]`);
  }
  await setPrefs(page.context(), baseURL, {});
  await page.reload();
}

async function noHorizontalScroll(page: Page, label: string) {
  // Against the window we asked for: a phone browser widens its layout viewport (innerWidth)
  // to fit content that overflows, which would hide the very thing tested.
  const width = page.viewportSize()!.width;
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: page is ${scrollWidth}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
  expect(innerWidth, `${label}: the layout viewport grew to ${innerWidth}px`).toBeLessThanOrEqual(width);
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

test.describe("axe finds no WCAG 2.2 AA violation", () => {
  // Many pages, each checked four times: minutes on a loaded machine.
  test.describe.configure({ timeout: 300_000 });

  test("on the pages anyone can open", async ({ page, baseURL }) => {
    for (const [state, url] of [
      ["home", "/"],
      ["home, searched", "/?tim=ket+hon"],
      ["home, wrong resume code", "/?ma=ABCDE-FGHJK-MNPQR&loi=1#tiep-tuc"],
      ["procedure start", "/thu-tuc/khai-sinh"],
      ["not found", "/khong-co-trang-nay"],
      ["not sent", "/chua-gui-duoc?ly-do=khong-doc-duoc&trang=/"],
      ["no draft", "/ho-so/kiem-tra"],
    ]) {
      await page.goto(url);
      await checkAllVariants(page, baseURL!, state);
    }
  });

  test("on every page of a filing, in each of its states", async ({ page, baseURL }) => {
    await startBirthRegistration(page);
    await checkAllVariants(page, baseURL!, "step, empty");
    // The server's own error state (also what a browser without JavaScript gets).
    await page.goto(page.url() + "?loi=1");
    await expect(page.locator("#tom-tat-loi")).toBeVisible();
    await checkAllVariants(page, baseURL!, "step, with errors");
    await page.goto("/ho-so/ma");
    await checkAllVariants(page, baseURL!, "resume code page");
    await page.goto("/ho-so/kiem-tra");
    await checkAllVariants(page, baseURL!, "check answers, incomplete");
    await page.goto("/ho-so/buoc/co-quan");
    await answerApplicant(page);
    await answerTheRest(page, { fatherKnown: true });
    await checkAllVariants(page, baseURL!, "check answers, complete");
    // A question with a legal term explained, opened.
    await page.goto("/ho-so/buoc/tre-que-quan?tu=kiem-tra");
    await page.getByText("Điều này nghĩa là gì?").click();
    await expect(page.getByText("Quê quán là nơi gốc gác của gia đình")).toBeVisible();
    await checkAllVariants(page, baseURL!, "step with a legal term");
    await page.goto("/ho-so/kiem-tra");
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
    await checkAllVariants(page, baseURL!, "receipt");
    await page.goto("/ho-so/kiem-tra");
    await checkAllVariants(page, baseURL!, "already submitted");
  });

  test("on a long procedure's task list and a repeating group", async ({ page, baseURL }) => {
    await page.goto("/thu-tuc/dang-ky-ho-kinh-doanh");
    await page.getByRole("button", { name: "Bắt đầu" }).click();
    await expect(page).toHaveURL(/\/ho-so\/cac-phan/);
    await checkAllVariants(page, baseURL!, "task list");
    await page.locator(".task-list__link").first().click();
    await checkAllVariants(page, baseURL!, "long procedure step");
  });
});

test.describe("axe on the status lookup and staff pages", () => {
  test.describe.configure({ timeout: 300_000 });
  const PASSWORD = "e2e mật khẩu dài";

  test("lookup, login, queue, dossier, dashboard, administration, audit log, filing for a citizen", async ({ browser, baseURL }) => {
    const citizen = await (await browser.newContext(ownClient())).newPage();
    await startBirthRegistration(citizen);
    await answerApplicant(citizen);
    await answerTheRest(citizen, { fatherKnown: false });
    await citizen.getByRole("button", { name: "Nộp hồ sơ" }).click();
    const code = ((await citizen.locator(".dossier-code").textContent()) ?? "").trim();
    expect(code).toMatch(/^KS-/);
    for (const [state, url] of [
      ["lookup, empty", "/tra-cuu"],
      ["lookup, found", `/tra-cuu?ma=${code}`],
      ["lookup, unknown code", "/tra-cuu?ma=KS-000000-XXXXXX&loi=khong-thay"],
      ["lookup, old code to press", "/tra-cuu?ma=KS-000000-XXXXXX"],
    ]) {
      await citizen.goto(url);
      await checkAllVariants(citizen, baseURL!, state);
    }

    const wrong = await (await browser.newContext()).newPage();
    await wrong.goto("/can-bo/dang-nhap");
    await checkAllVariants(wrong, baseURL!, "staff login");
    await wrong.getByLabel("Tên đăng nhập").fill("e2e.a11y.wrong");
    await wrong.getByLabel("Mật khẩu").fill("không phải mật khẩu");
    await wrong.getByRole("button", { name: "Đăng nhập" }).click();
    await expectNoViolations(wrong, "staff login, wrong password [vi]");

    // Each page as the role whose work it is: the admin opens no dossier, the head of office
    // files for nobody.
    const signedIn = async (username: string) => {
      const staff = await (await browser.newContext()).newPage();
      await staff.goto("/can-bo/dang-nhap");
      await staff.getByLabel("Tên đăng nhập").fill(username);
      await staff.getByLabel("Mật khẩu").fill(PASSWORD);
      await staff.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(staff).not.toHaveURL(/dang-nhap/);
      return staff;
    };
    const admin = await signedIn("e2e.a11y");
    const page = await signedIn("e2e.head");
    const counter = await signedIn("e2e.reception");
    for (const [state, url, staff] of [
      ["staff home", "/can-bo", admin],
      ["dossier queue", "/can-bo/ho-so", page],
      ["one dossier", `/can-bo/ho-so/${code}`, page],
      ["dashboard", "/can-bo/bang-theo-doi", page],
      ["administration", "/can-bo/quan-tri", admin],
      ["audit log", "/can-bo/nhat-ky", admin],
      ["filing for a citizen", "/can-bo/nop-ho-so", counter],
    ] as const) {
      await staff.goto(url);
      await expect(staff, state).not.toHaveURL(/dang-nhap/);
      await checkAllVariants(staff, baseURL!, state);
    }
    // In English, the back office is translated: its content is not marked Vietnamese.
    await setPrefs(page.context(), baseURL!, { mc_ngon_ngu: "en" });
    await page.goto("/can-bo/ho-so");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("main")).not.toHaveAttribute("lang", "vi");
  });
});

test("axe on the kiosk pages: enrolment, start page, a question and the receipt in kiosk mode", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const root = path.resolve(__dirname, "../..");
  const link = execFileSync(
    "./target/release/server",
    ["kiosk", "enrol", "--office", "UBND phường Ea Kao", "--name", "Kiosk kiểm tra", "--idle-seconds", "600",
      "--warning-seconds", "60", "--paper", "a4", "--base-url", baseURL!],
    { cwd: root, env: { ...process.env, DATABASE_URL: process.env.MC_E2E_DATABASE_URL ?? "sqlite://target/e2e/mot-cua.db", RUST_LOG: "warn" } },
  ).toString().trim();
  await page.goto(link);
  await checkAllVariants(page, baseURL!, "kiosk enrolment");
  await page.getByRole("button", { name: "Dùng máy này làm kiosk" }).click();
  await expect(page).toHaveURL(/\/kiosk$/);
  await checkAllVariants(page, baseURL!, "kiosk start page");
  await startBirthRegistration(page);
  await checkAllVariants(page, baseURL!, "kiosk, a question");
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: false });
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  await expectNoViolations(page, "kiosk receipt [vi]");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the error summary takes focus and links to the answer", async ({ page }) => {
    await startBirthRegistration(page);
    await next(page);
    const summary = page.locator("#tom-tat-loi");
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Lỗi: /);
  });

  test("the preferences work as plain forms and are applied by the server", async ({ page }) => {
    await page.goto("/thu-tuc/khai-sinh");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("lang", "vi");
    await page.getByRole("button", { name: "Cỡ chữ rất lớn" }).click();
    // Back on the same page, every rem 30 px from the first byte.
    await expect(page).toHaveURL(/\/thu-tuc\/khai-sinh$/);
    await expect(html).toHaveClass(/co-chu-rat-lon/);
    await expect(page.getByRole("button", { name: "Cỡ chữ rất lớn" })).toHaveAttribute("aria-pressed", "true");
    expect(await html.evaluate((el) => getComputedStyle(el).fontSize)).toBe("30px");
    await page.getByRole("button", { name: "Tương phản cao" }).click();
    await expect(html).toHaveClass(/tuong-phan/);
    expect(await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(0, 0, 0)");
    await page.getByRole("button", { name: "English" }).click();
    await expect(html).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Tiếng Việt" })).toBeVisible();
    // Remembered on the next page too.
    await page.goto("/");
    await expect(html).toHaveAttribute("lang", "en");
    await expect(html).toHaveClass(/co-chu-rat-lon/);
    await expect(html).toHaveClass(/tuong-phan/);
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await page.getByRole("button", { name: "Cỡ chữ thường" }).click();
    await page.getByRole("button", { name: "Tương phản cao" }).click();
    await expect(html).toHaveAttribute("lang", "vi");
    expect(await html.evaluate((el) => getComputedStyle(el).fontSize)).toBe("20px");
    await expect(html).not.toHaveClass(/tuong-phan/);
  });
});

/** Tabs (at most `limit` times) until `target` has focus; every stop must show a visible focus. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const visible = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return true;
      const style = getComputedStyle(el);
      return (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
    });
    expect(visible, "the focused element shows its focus").toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target} with Tab`);
}

/** Tabs until the focus is on an element matching `selector` (the first stop of a radio group). */
async function tabToAny(page: Page, selector: string, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

/** Chooses an answer the keyboard way: Tab into the group, then arrows until it is chosen. */
async function chooseByKeyboard(page: Page, label: string) {
  const answer = page.getByLabel(label, { exact: true });
  await tabToAny(page, "input[type=radio]");
  if (!(await answer.evaluate((el) => el === document.activeElement))) {
    for (let i = 0; i < 12 && !(await answer.isChecked()); i++) await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Space");
  await expect(answer).toBeChecked();
}

async function typeByKeyboard(page: Page, label: string, text: string) {
  await tabTo(page, page.getByLabel(label, { exact: true }));
  await page.keyboard.type(text);
}

async function continueByKeyboard(page: Page, nextQuestion?: string) {
  const from = page.url();
  await tabTo(page, page.getByRole("button", { name: "Tiếp tục" }));
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.href !== from);
  if (nextQuestion) await expectQuestion(page, nextQuestion);
  await page.waitForLoadState("networkidle");
}

test("a keyboard-only journey reaches the receipt, with the error summary taking focus", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await tabTo(page, page.getByRole("link", { name: "Đăng ký khai sinh" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký khai sinh");
  await tabTo(page, page.getByRole("button", { name: "Bắt đầu" }));
  await page.keyboard.press("Enter");
  await expectQuestion(page, "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
  await page.waitForLoadState("networkidle");
  // Continue without an answer: the summary takes focus and its link leads to the question.
  await tabTo(page, page.getByRole("button", { name: "Tiếp tục" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("#tom-tat-loi")).toBeFocused();
  await tabTo(page, page.locator("#tom-tat-loi a").first(), 5);
  await page.keyboard.press("Enter");
  // The error's link puts the focus on the answer to give; Space chooses it.
  await expect(page.locator("input[type=radio]").first()).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator("input[type=radio]").first()).toBeChecked();
  await continueByKeyboard(page, "Họ và tên của bạn là gì?");
  await typeByKeyboard(page, "Họ, chữ đệm và tên", "Y Bih Niê");
  // Enter in a text box sends the form, as on paper-like forms everywhere.
  await page.keyboard.press("Enter");
  await expectQuestion(page, "Bạn sinh ngày nào?");
  // The back link comes first, the preferences before the question: a logical order.
  await page.goBack();
  await expect(page.getByLabel("Họ, chữ đệm và tên")).toHaveValue("Y Bih Niê");
  await page.goForward();
  await expectQuestion(page, "Bạn sinh ngày nào?");
  await page.waitForLoadState("networkidle");
  await typeByKeyboard(page, "Ngày", "5");
  await typeByKeyboard(page, "Tháng", "6");
  await typeByKeyboard(page, "Năm", "1990");
  await continueByKeyboard(page, "Giấy tờ tùy thân của bạn");

  await chooseByKeyboard(page, "Thẻ căn cước");
  await typeByKeyboard(page, "Số định danh cá nhân", "066 090 012 345");
  await typeByKeyboard(page, "Nơi cấp", "Bộ Công an");
  await typeByKeyboard(page, "Ngày", "15");
  await typeByKeyboard(page, "Tháng", "3");
  await typeByKeyboard(page, "Năm", "2021");
  await continueByKeyboard(page, "Bạn đang sống ở đâu?");
  await typeByKeyboard(page, "Nơi cư trú", "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk");
  await continueByKeyboard(page);
  await chooseByKeyboard(page, "Cha");
  await continueByKeyboard(page, "Số điện thoại để báo cho bạn khi có kết quả");
  await typeByKeyboard(page, "Số điện thoại di động", "0912 345 678");
  await continueByKeyboard(page, "Họ và tên của trẻ là gì?");
  await typeByKeyboard(page, "Họ, chữ đệm và tên của trẻ", "Y Sao Niê");
  await continueByKeyboard(page, "Trẻ sinh ngày nào?");
  const [day, month, year] = daysAgo(10);
  await typeByKeyboard(page, "Ngày", day);
  await typeByKeyboard(page, "Tháng", month);
  await typeByKeyboard(page, "Năm", year);
  await continueByKeyboard(page);
  await chooseByKeyboard(page, "Nữ");
  await continueByKeyboard(page, "Dân tộc và quốc tịch của trẻ");
  await typeByKeyboard(page, "Dân tộc", "Ê Đê");
  await expect(page.getByLabel("Việt Nam")).toBeChecked();
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Nơi sinh", "Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Quê quán", "Phường Ea Kao, Đắk Lắk");
  await continueByKeyboard(page, "Đã xác định được cha, mẹ của trẻ chưa?");
  await chooseByKeyboard(page, "Mới xác định được mẹ");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Họ, chữ đệm và tên của mẹ", "H'Hen Niê");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Năm sinh của mẹ", "1996");
  await continueByKeyboard(page, "Số định danh cá nhân của mẹ");
  await typeByKeyboard(page, "Số định danh cá nhân của mẹ", "066 196 012 345");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Dân tộc", "Ê Đê");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Nơi cư trú của mẹ", "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk");
  await continueByKeyboard(page, "Bạn có cần bản sao Giấy khai sinh không?");
  await chooseByKeyboard(page, "Có");
  await continueByKeyboard(page);
  await typeByKeyboard(page, "Số bản sao", "2");
  await continueByKeyboard(page);
  await chooseByKeyboard(page, "Nhận trực tiếp tại bộ phận một cửa");
  await continueByKeyboard(page, "Kiểm tra lại trước khi nộp");

  // A change link says which answer it changes, and leads back to the check page.
  const change = page.getByRole("link", { name: /^Thay đổi họ.* của trẻ$/ }).first();
  await tabTo(page, change, 80);
  await page.keyboard.press("Enter");
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await expect(page.getByLabel("Họ, chữ đệm và tên của trẻ")).toHaveValue("Y Sao Niê");
  await page.waitForLoadState("networkidle");
  await continueByKeyboard(page, "Kiểm tra lại trước khi nộp");

  await tabTo(page, page.getByRole("button", { name: "Nộp hồ sơ" }), 80);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  await expect(page.locator(".dossier-code")).toHaveText(/^KS-\d{6}-[2-9A-Z]{11}$/);
});

for (const [name, viewport, scale] of [
  ["320px", { width: 320, height: 640 }, 1],
  // A 1280 px desktop window at 200% zoom lays out a 640 css px viewport at 2 device pixels
  // per css pixel (a desktop browser: no mobile viewport).
  ["zoom-200", { width: 640, height: 360 }, 2],
] as const) {
  test.describe(`no horizontal scroll at ${name}`, () => {
    test.use({ viewport, deviceScaleFactor: scale, ...(name === "zoom-200" ? { isMobile: false, hasTouch: false } : {}) });
    test.describe.configure({ timeout: 240_000 });

    test("on every page of a filing, at normal and very large text", async ({ page, baseURL }) => {
      const pages: [string, string][] = [];
      const look = async (label: string) => {
        for (const variant of [{}, { mc_co_chu: "rat-lon" }, { mc_ngon_ngu: "en", mc_tuong_phan: "bat" }]) {
          await setPrefs(page.context(), baseURL!, variant);
          await page.reload();
          const tag = Object.values(variant).join("-") || "normal";
          await noHorizontalScroll(page, `${label} ${tag}`);
          await screenshot(page, `${name}-${label}-${tag}`);
        }
        await setPrefs(page.context(), baseURL!, {});
        await page.reload();
        pages.push([label, page.url()]);
      };
      await page.goto("/");
      await look("home");
      await page.goto("/thu-tuc/khai-sinh");
      await look("start");
      await startBirthRegistration(page);
      await page.goto(page.url() + "?loi=1");
      await look("step-errors");
      await page.goto("/ho-so/buoc/nyc-giay-to");
      await look("step-id");
      await page.goto("/ho-so/buoc/co-quan");
      await answerApplicant(page);
      await answerTheRest(page, { fatherKnown: true });
      await look("check");
      await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
      // With JavaScript the receipt comes into the page: wait for it before reloading.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
      await look("receipt");
      const code = ((await page.locator(".dossier-code").textContent()) ?? "").trim();
      await page.goto(`/tra-cuu?ma=${code}`);
      await look("lookup");
      // The staff pages, each signed in as the role whose work it is: the head of office for
      // the dossiers and the figures, the administrator for the accounts.
      await page.goto("/can-bo/dang-nhap");
      await look("staff-login");
      for (const [label, url, username] of [
        ["staff-queue", "/can-bo/ho-so", "e2e.head"],
        ["staff-dossier", `/can-bo/ho-so/${code}`, "e2e.head"],
        ["staff-dashboard", "/can-bo/bang-theo-doi", "e2e.head"],
        ["staff-admin", "/can-bo/quan-tri", "e2e.a11y"],
      ]) {
        await page.goto("/can-bo/dang-nhap");
        await page.getByLabel("Tên đăng nhập").fill(username);
        await page.getByLabel("Mật khẩu").fill("e2e mật khẩu dài");
        await page.getByRole("button", { name: "Đăng nhập" }).click();
        await expect(page).not.toHaveURL(/dang-nhap/);
        await page.goto(url);
        await look(label);
      }
      expect(pages.length).toBe(12);
    });
  });
}

/** A speech API that records what it is asked to say; `voices` are the languages it has. */
async function stubSpeech(page: Page, voices: string[]) {
  await page.addInitScript((langs: string[]) => {
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
    const synthesis = {
      getVoices: () => langs.map((lang) => ({ lang, name: `stub ${lang}`, default: false, localService: true, voiceURI: lang })),
      speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    Object.defineProperty(window, "speechSynthesis", { value: synthesis, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
  }, voices);
}

test("in English, the questions, hints, errors and answers read back are English, and the answers stay", async ({ page, baseURL }) => {
  await setPrefs(page.context(), baseURL!, { mc_ngon_ngu: "en" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "Birth registration" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Birth registration");
  await page.getByRole("button", { name: "Start" }).click();
  await expectQuestion(page, "Which People's Committee are you filing with?");
  await expect(
    page.getByText(
      "Choose the ward or commune where the child's father or mother lives: that office decides. You can hand in the papers and collect the result at any public-administration service centre in the province.",
    ),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Checked in the page by the island, with the English template it was given.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose the office receiving the dossier.");
  await page.getByLabel("UBND phường Ea Kao").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectQuestion(page, "What is your full name?");
  await page.getByLabel("Family name, middle name and given name").fill("Y Bih Niê");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectQuestion(page, "What is your date of birth?");
  await page.getByLabel("Day", { exact: true }).fill("5");
  await page.getByLabel("Month", { exact: true }).fill("6");
  await page.getByLabel("Year", { exact: true }).fill("1990");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectQuestion(page, "Your identity document");
  await page.getByLabel("Chip-based ID card (thẻ căn cước)", { exact: true }).check();
  await page.getByLabel("Personal identification number").fill("123");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Your personal identification number must have");
  await expect(page.getByRole("alert")).toContainText("12 digits");
  // Switching language keeps every answer: the stored value of the option is the Vietnamese one.
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expectQuestion(page, "Giấy tờ tùy thân của bạn");
  await page.goto("/ho-so/buoc/co-quan");
  await expect(page.getByLabel("UBND phường Ea Kao")).toBeChecked();
  await page.goto("/ho-so/buoc/nyc-ho-ten");
  await expect(page.getByLabel("Họ, chữ đệm và tên")).toHaveValue("Y Bih Niê");
});

test.describe("read-aloud", () => {
  test("reads the question and its hint in Vietnamese, and the errors on request", async ({ page }) => {
    await stubSpeech(page, ["en-US", "vi-VN"]);
    await startBirthRegistration(page);
    await page.waitForLoadState("networkidle");
    const listen = page.getByRole("button", { name: "Nghe", exact: true });
    await expect(listen).toBeVisible();
    await listen.click();
    const spoken = await page.evaluate(() => (window as any).__spoken);
    expect(spoken).toHaveLength(1);
    expect(spoken[0].lang).toBe("vi-VN");
    expect(spoken[0].text).toContain("Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
    expect(spoken[0].text).toContain("Chọn phường hoặc xã nơi cha hoặc mẹ của trẻ đang sống: nơi đó giải quyết hồ sơ.");
    // Errors are read when asked.
    await next(page);
    await page.getByRole("button", { name: "Nghe lỗi" }).click();
    const after = await page.evaluate(() => (window as any).__spoken);
    expect(after).toHaveLength(2);
    expect(after[1].text).toContain("Hãy chọn nơi nhận hồ sơ.");
    expect(after[1].lang).toBe("vi-VN");
  });

  test("reads in English on an English page", async ({ page, baseURL }) => {
    await stubSpeech(page, ["en-GB", "vi-VN"]);
    await setPrefs(page.context(), baseURL!, { mc_ngon_ngu: "en" });
    await page.goto("/thu-tuc/khai-sinh");
    await page.locator("form button.button--start").click();
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Listen", exact: true }).click();
    const spoken = await page.evaluate(() => (window as any).__spoken);
    expect(spoken).toHaveLength(1);
    expect(spoken[0].lang).toBe("en-US");
    expect(spoken[0].text).toMatch(/[A-Za-z]/);
  });

  test("is not offered when the browser has no voice for the page's language", async ({ page }) => {
    await stubSpeech(page, ["en-US"]);
    await startBirthRegistration(page);
    await page.waitForLoadState("networkidle");
    await expect(page.locator(".listen")).toBeHidden();
    // Still filled in and sent as usual.
    await page.getByLabel("UBND phường Ea Kao").check();
    await next(page);
    await expectQuestion(page, "Họ và tên của bạn là gì?");
  });
});
