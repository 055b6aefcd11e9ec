// The staff pages in English (cookie mc_ngon_ngu=en): the sign-in page and its messages, the staff
// home page, the admin page (accounts and kiosks) with its mistakes and confirmations, the audit
// log, and filing for a citizen at the counter (start page, banner, the citizen's confirmation).
// Names of people and offices stay Vietnamese, marked lang="vi". Only e2e.a11y (an admin no other
// test checks the audit log of), e2e.a11y.quay (counter staff, who file for citizens) and accounts
// made here are used, so that other specs' audit checks are not disturbed.
import { BrowserContext, expect, Page, test } from "@playwright/test";
import { expectEnglish } from "./english";
import { answerApplicant, answerTheRest } from "./journey";
import { confirmOnPhone } from "./office";

const PASSWORD = "e2e mật khẩu dài";
const OFFICE = "UBND phường Ea Kao";

async function setLanguage(context: BrowserContext, baseURL: string, lang: "en" | "vi") {
  await context.addCookies([{ name: "mc_ngon_ngu", value: lang, url: baseURL }]);
}

async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/can-bo/dang-nhap");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/dang-nhap/);
}

function unique(): string {
  return Math.random().toString(36).slice(2, 8);
}

test("the staff sign-in page, its messages and the staff home page are in English", async ({ page, baseURL }) => {
  await setLanguage(page.context(), baseURL!, "en");
  await page.goto("/can-bo/dang-nhap");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff sign-in");
  await expect(page).toHaveTitle("Staff sign-in — Một Cửa");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectEnglish(page, "staff sign-in");

  const messages: [string, string][] = [
    ["?loi=sai&ten=lan.tran", "The username or password is wrong."],
    ["?loi=cham&ten=lan.tran", "each sign-in waits a few seconds; with the right password you still get in"],
    ["?loi=cho", "Wait about 10 minutes, then try again."],
    ["?loi=ngung", "This account has been disabled."],
    ["?loi=quyen", "The account signed in may not open that page."],
  ];
  for (const [query, text] of messages) {
    await page.goto(`/can-bo/dang-nhap${query}`);
    await expect(page.getByRole("alert")).toContainText(text);
    await expect(page.getByRole("heading", { level: 2, name: "You are not signed in yet" })).toBeVisible();
    await expect(page).toHaveTitle("Error: Staff sign-in — Một Cửa");
    await expectEnglish(page, `staff sign-in ${query}`);
  }
  await page.goto("/can-bo/dang-nhap?ra=moi-noi");
  await expect(page.getByRole("status")).toHaveText("You have signed out on every device.");
  await expectEnglish(page, "signed out everywhere");

  await signIn(page, "e2e.a11y");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Đỗ Thị Dễ Đọc");
  await expect(page.getByText(`Administrator · ${OFFICE}`)).toBeVisible();
  // An administrator manages accounts and kiosks, and neither files nor opens dossiers.
  await expect(page.getByRole("link", { name: "File a dossier for a citizen" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Dossiers to process" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Account administration" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
  await expectEnglish(page, "staff home");

  await page.goto("/can-bo/dang-nhap");
  await expect(page.getByText("This computer is signed in as Đỗ Thị Dễ Đọc (e2e.a11y, Administrator).")).toBeVisible();
  await expectEnglish(page, "staff sign-in, already signed in");

  await page.goto("/can-bo");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await expectEnglish(page, "signed out");
});

test("the admin page, its kiosk section and the audit log are in English", async ({ page, browser, baseURL }) => {
  await setLanguage(page.context(), baseURL!, "en");
  await signIn(page, "e2e.a11y");
  await page.goto("/can-bo/quan-tri");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff account administration");
  await expect(page.getByRole("heading", { name: "Kiosks" })).toBeVisible();
  await expectEnglish(page, "admin page");

  // A new head of office: a mistake first, then the account.
  const username = `en.head.${unique()}`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Full name").fill("Phan Thị Trưởng");
  await page.getByLabel("Office", { exact: true }).selectOption(OFFICE);
  await page.getByLabel("Head of office").check();
  await page.getByLabel("First password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toContainText("A password needs at least 12 characters");
  await expect(page.getByRole("heading", { name: "That could not be done" })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Phan Thị Trưởng");
  await expectEnglish(page, "admin page, short password");
  await page.getByLabel("First password").fill("a long first password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "created" })).toHaveText(`Account ${username} created.`);
  await expectEnglish(page, "admin page, account created");

  for (const [query, text] of [
    [`?loi=trung&ten=${username}`, `The username ${username} is already in use.`],
    ["?loi=ten&ten=a", "A username is 3 to 40 characters long."],
    ["?loi=chinh-minh", "You cannot disable your own account."],
  ]) {
    await page.goto(`/can-bo/quan-tri${query}`);
    await expect(page.getByRole("alert").first()).toContainText(text);
    await expectEnglish(page, `admin page ${query}`);
  }

  // The kiosk section: a mistake, then a link, then revoking it.
  await page.goto("/can-bo/quan-tri");
  const kioskName = `Kiosk EN ${unique()}`;
  await page.getByLabel("Where the kiosk stands").selectOption(OFFICE);
  await page.getByLabel("Kiosk name").fill(kioskName);
  await page.getByLabel("Warn after how many seconds without use").fill("half a minute");
  await page.getByLabel("80 mm thermal paper roll").check();
  await page.getByRole("button", { name: "Make the enrolment link" }).click();
  await expect(page.getByRole("alert")).toContainText("The waiting time must be from 2 to 1800 seconds");
  await expect(page.getByLabel("Kiosk name")).toHaveValue(kioskName);
  await expectEnglish(page, "kiosk section, wrong timing");
  await page.getByLabel("Warn after how many seconds without use").fill("90");
  await page.getByRole("button", { name: "Make the enrolment link" }).click();
  await expect(page.getByText("Kiosk enrolment link (works once, for 60 minutes):")).toBeVisible();
  const row = page.locator(".summary-list__row", { hasText: kioskName });
  await expect(row).toContainText("Waiting for its link to be opened");
  await expect(row).toContainText("80 mm thermal paper roll; a warning after 90 seconds without use");
  await expectEnglish(page, "kiosk section, new link");
  await row.getByRole("button", { name: `Revoke ${kioskName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "revoked" })).toHaveText(`${kioskName} is revoked.`);
  await expectEnglish(page, "kiosk section, revoked");

  // The audit log: everyone's, then one staff member with nothing yet.
  await page.getByRole("link", { name: "See the audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByRole("columnheader", { name: "When" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Revoked a kiosk" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Created an account" }).first()).toBeVisible();
  await expect(page.locator("table tbody tr td").first()).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d:\d\d$/);
  await expectEnglish(page, "audit log");
  await page.getByLabel("Staff member").selectOption({ label: `Phan Thị Trưởng (${username})` });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("Nothing has been done yet.")).toBeVisible();
  await expectEnglish(page, "audit log, nothing yet");

  // The new head of office: their home page, their office's log, and a page they may not open.
  const headContext = await browser.newContext();
  await setLanguage(headContext, baseURL!, "en");
  const head = await headContext.newPage();
  await signIn(head, username, "a long first password");
  await expect(head.getByText(`Head of office · ${OFFICE}`)).toBeVisible();
  await head.goto("/can-bo/nhat-ky");
  await expect(head.getByText(`What the staff of ${OFFICE} did, newest first.`)).toBeVisible();
  await expectEnglish(head, "audit log of one office");
  await head.goto("/can-bo/quan-tri");
  await expect(head).toHaveURL(/dang-nhap.*loi=quyen/);
  await expect(head.getByRole("alert")).toContainText("The account signed in may not open that page.");
  await expectEnglish(head, "sign-in, not allowed");
  await headContext.close();
});

test("filing for a citizen at the counter is in English, down to the citizen's confirmation", async ({ page, browser, baseURL }) => {
  const context = page.context();
  await setLanguage(context, baseURL!, "en");
  await signIn(page, "e2e.a11y.quay");
  await page.goto("/can-bo/nop-ho-so");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("File a dossier for a citizen");
  await expect(page.getByText(`Counter officer: Đỗ Văn Quầy · ${OFFICE}`)).toBeVisible();
  await expectEnglish(page, "filing for a citizen");
  await page.goto("/can-bo/nop-ho-so?loi=1&ma=K7M2Q-8XTR4-WN3HD");
  await expect(page.getByText("No draft opens with this code.")).toBeVisible();
  await expect(page.getByLabel("Draft code the citizen gives")).toHaveValue("K7M2Q-8XTR4-WN3HD");
  await expectEnglish(page, "filing for a citizen, wrong code");
  await page.goto("/can-bo/nop-ho-so?giay=1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Receive a paper dossier at the counter");
  await expectEnglish(page, "receiving a paper dossier");

  await page.goto("/can-bo/nop-ho-so");
  await page.getByRole("button", { name: "Birth registration" }).click();
  const banner = page.getByRole("complementary", { name: "Filing at the counter" });
  await expect(banner).toContainText("Staff member Đỗ Văn Quầy is filling in the form for the citizen");
  await expect(banner.getByRole("button", { name: "Stop filing, back to staff home" })).toBeVisible();
  await expectEnglish(page, "a step filed for a citizen");
  await page.goto("/ho-so/kiem-tra");
  await expect(page.getByText("Some questions are not answered yet")).toBeVisible();
  await expectEnglish(page, "check answers filed for a citizen, not finished");

  // The answers are typed with the Vietnamese journey, then the citizen confirms in English.
  await setLanguage(context, baseURL!, "vi");
  await page.goto("/can-bo/nop-ho-so");
  await page.getByRole("button", { name: "Đăng ký khai sinh" }).click();
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: false, childName: "Y Tiếng Niê" });
  await setLanguage(context, baseURL!, "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "The citizen confirms" })).toBeVisible();
  await expectEnglish(page, "the citizen's confirmation");
  await expect(page.getByRole("heading", { level: 3, name: "Confirm on the citizen's own phone" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm on the citizen's phone" }).click();
  await expect(page.getByText("Waiting for the citizen to confirm")).toBeVisible();
  await expectEnglish(page, "the citizen's confirmation, waiting for the phone");
  // The citizen's phone reads Vietnamese; the helper's page stays English.
  await confirmOnPhone(page, browser, "Make a new code");
  await expect(page.getByText("Confirmed on the citizen's phone at")).toBeVisible();
  await expectEnglish(page, "the citizen's confirmation, confirmed");
  await page.getByRole("button", { name: "Submit the dossier for the citizen" }).click();

  const code = ((await page.locator(".dossier-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^KS-/);
  await expect(banner).toContainText(`Dossier ${code}: filed with the help of Đỗ Văn Quầy (e2e.a11y.quay)`);
  await expect(banner).toContainText("answers typed by staff; the citizen confirmed at");
  await expect(banner).toContainText("The receipt is below");
  await page.getByRole("button", { name: "Done, next citizen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("File a dossier for a citizen");

  // The log, as the administrator reads it.
  await signIn(page, "e2e.a11y");
  await page.goto("/can-bo/nhat-ky");
  await expect(page.getByRole("cell", { name: "Submitted a dossier filed for a citizen" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Finished filing for a citizen" }).first()).toBeVisible();
});
