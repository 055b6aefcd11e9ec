// What several specs do around the office: staff signing in, a citizen's dossier filed, a clerk
// acting on it, a kiosk enrolled. Accounts come from end2end/staff-accounts.sh.
import { Browser, BrowserContext, expect, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { baseURL } from "../playwright.config";
import { answerApplicant, answerTheRest, resumeCode, startBirthRegistration } from "./journey";

export const PASSWORD = "e2e mật khẩu dài";
export const ROOT = path.resolve(__dirname, "../..");
// A whole 1×1 PNG: uploads check that images decode.
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Fills the Vietnamese sign-in form; callers check where it leads. */
export async function submitSignIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/can-bo/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** A staff member signed in. */
export async function logIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await expect(page).not.toHaveURL(/dang-nhap/);
}

/**
 * Browser options for a client of its own, by the address the server's trusted proxy reports:
 * a spec that looks up unknown codes on purpose then spends its own lookup limit, not the one
 * every other spec on 127.0.0.1 shares.
 */
export function ownClient() {
  const address = `203.0.113.${1 + Math.floor(Math.random() * 254)}`;
  return { extraHTTPHeaders: { "X-Forwarded-For": address } };
}

export async function inEnglish(context: BrowserContext) {
  await context.addCookies([{ name: "mc_ngon_ngu", value: "en", url: baseURL }]);
}

/** A birth registration filed in Vietnamese by a citizen in a browser of their own. */
export async function fileDossier(browser: Browser): Promise<{ citizen: Page; code: string; draft: string }> {
  const citizen = await (await browser.newContext()).newPage();
  await startBirthRegistration(citizen);
  await answerApplicant(citizen);
  await answerTheRest(citizen, { fatherKnown: false });
  const draft = await resumeCode(citizen);
  await citizen.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  const code = ((await citizen.locator(".dossier-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^KS-\d{6}-[2-9A-Z]{11}$/);
  return { citizen, code, draft };
}

/** A clerk finds a dossier by its code in the queue and opens it. */
export async function clerkOpens(page: Page, code: string) {
  await page.goto(`/can-bo/ho-so?tim=${encodeURIComponent(code.toLowerCase())}`);
  await page.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hồ sơ ${code}`);
}

/** A clerk's action on the dossier page, and its confirmation. */
export async function press(page: Page, button: string) {
  // Exact: "Tiếp nhận hồ sơ" is also part of "Không tiếp nhận hồ sơ".
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Đã lưu: ${button}` })).toBeVisible();
}

/** Counter staff in a browser of their own receive the dossier (only the counter receives). */
export async function counterReceives(browser: Browser, code: string): Promise<Page> {
  const counter = await (await browser.newContext()).newPage();
  await logIn(counter, "e2e.reception");
  await clerkOpens(counter, code);
  await press(counter, "Tiếp nhận hồ sơ");
  return counter;
}

/** Counter staff in a browser of their own hand the result back (the clerk does not). */
export async function counterReturns(browser: Browser, code: string) {
  const counter = await (await browser.newContext()).newPage();
  await logIn(counter, "e2e.reception");
  await clerkOpens(counter, code);
  await press(counter, "Đã trả kết quả");
  await counter.context().close();
}

/** The counter receives the dossier; a clerk in a browser of their own starts on it and asks for a document. */
export async function clerkAsksForDocument(browser: Browser, code: string, missing: string): Promise<Page> {
  await (await counterReceives(browser, code)).context().close();
  const clerk = await (await browser.newContext()).newPage();
  await logIn(clerk, "e2e.clerk");
  await clerkOpens(clerk, code);
  await press(clerk, "Bắt đầu xử lý");
  await clerk.getByLabel("Giấy tờ còn thiếu").fill(missing);
  await press(clerk, "Yêu cầu bổ sung");
  return clerk;
}

export type KioskSettings = {
  office: string;
  idle: number;
  warning: number;
  paper?: "a4" | "a5" | "80mm";
  name?: string;
};

/** A one-time kiosk enrolment link, made the way an admin makes it on the server. */
export function enrolmentLink(settings: KioskSettings): string {
  const output = execFileSync(
    "./target/release/server",
    [
      "kiosk", "enrol",
      "--office", settings.office,
      "--name", settings.name ?? "Kiosk sảnh tầng 1",
      "--idle-seconds", String(settings.idle),
      "--warning-seconds", String(settings.warning),
      "--paper", settings.paper ?? "a4",
      "--base-url", baseURL,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: process.env.MC_E2E_DATABASE_URL ?? "sqlite://target/e2e/mot-cua.db",
        RUST_LOG: "warn",
      },
    },
  );
  const link = output.toString().trim();
  expect(link).toMatch(new RegExp(`^${baseURL}/kiosk/dang-ky\\?ma=[2-9A-Z]{32}$`));
  return link;
}

/**
 * The citizen confirms on their own phone: the helper's page (`page`) shows a QR code and its
 * link; a second browser, 360 px wide like a cheap phone, opens the link and answers. `askLabel`
 * is the helper's button in the page's language. With `correction`, the phone first says what
 * is wrong: the helper's page shows it, and the helper asks again.
 */
export async function confirmOnPhone(
  page: Page,
  browser: Browser,
  askLabel: string,
  correction?: string,
  againLabel = "Mời công dân xác nhận lại",
) {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phonePage = await phone.newPage();
  const openOnPhone = async (label: string) => {
    await page.getByRole("button", { name: label }).click();
    await expect(page.locator(".phone-confirm svg")).toBeVisible();
    const link = ((await page.locator(".phone-confirm .muted").textContent()) ?? "").trim();
    await phonePage.goto(new URL(link).pathname);
    await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Xem lại và xác nhận hồ sơ");
  };
  await openOnPhone(askLabel);
  if (correction) {
    await phonePage.getByLabel("Điều gì chưa đúng?").fill(correction);
    await phonePage.getByRole("button", { name: "Chưa đúng, cần sửa" }).click();
    await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Cảm ơn bạn");
    // The helper's page polls and reloads by itself.
    await expect(page.locator(".phone-confirm")).toContainText(correction, { timeout: 10_000 });
    await openOnPhone(againLabel);
  }
  await phonePage.getByRole("button", { name: "Đúng, tôi xác nhận" }).click();
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Cảm ơn bạn");
  await phone.close();
  // Confirmed: the helper's page reloads by itself, the phone part gives way to the submit button.
  await expect(page.locator("#xac-nhan-dt")).toHaveCount(0, { timeout: 10_000 });
}
