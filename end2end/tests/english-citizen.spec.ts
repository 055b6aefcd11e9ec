// The status lookup and the kiosk pages in English (cookie mc_ngon_ngu=en): every state of each
// page shows no Vietnamese interface text, only names and what people typed. Dossiers are filed
// and processed in Vietnamese (other browsers); the citizen reads them in English.
import { Browser, expect, Page, test } from "@playwright/test";
import { expectEnglish } from "./english";
import { clerkAsksForDocument, counterReturns, enrolmentLink, fileDossier, inEnglish, ownClient, PNG, press } from "./office";

const OFFICE = "UBND phường Tân An";

async function englishPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(ownClient());
  await inEnglish(context);
  return context.newPage();
}

function kioskLink(idle: number, warning: number, paper: "a4" | "a5" | "80mm") {
  return enrolmentLink({ office: OFFICE, name: "Kiosk sảnh tầng 2", idle, warning, paper });
}

test("the lookup page in English: empty, an unknown code, a code that cannot be one", async ({ browser }) => {
  const page = await englishPage(browser);
  await page.goto("/tra-cuu");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check a dossier");
  await expect(page).toHaveTitle("Check a dossier — Một Cửa");
  await expect(page.getByLabel("Dossier code")).toBeVisible();
  await expect(page.getByText("The code written on your receipt, for example KS-261124-7KM2QXTR4WN.")).toBeVisible();
  await expectEnglish(page, "lookup, empty");

  await page.getByLabel("Dossier code").fill("KS-000000-XXXXXX");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page).toHaveURL(/\/tra-cuu\?ma=KS-000000-XXXXXX/);
  await expect(page.locator(".error-message")).toHaveText(
    "Error: No dossier was found with this code. Check the code written on your receipt, for example KS-261124-7KM2QXTR4WN.",
  );
  await expect(page.getByLabel("Dossier code")).toHaveValue("KS-000000-XXXXXX");
  await expectEnglish(page, "lookup, unknown code");

  await page.goto("/tra-cuu?ma=%3F%3F");
  await expect(page.locator(".error-message")).toContainText("No dossier was found with this code.");
  await expectEnglish(page, "lookup, not a code");

  // The lookup box of the home page.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Check a dossier you have sent" })).toBeVisible();
  await page.getByLabel("Dossier code", { exact: true }).fill("KS-000000-YYYYYY");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page).toHaveURL(/\/tra-cuu\?ma=KS-000000-YYYYYY/);
  await expect(page.locator(".error-message")).toContainText("No dossier was found with this code.");
});

test("the lookup page in English: a found dossier through a supplement request, the return and the rating", async ({ browser }) => {
  test.setTimeout(120_000);
  const filed = await fileDossier(browser);
  await filed.citizen.context().close();
  const code = filed.code;
  const citizen = await englishPage(browser);
  await citizen.goto(`/tra-cuu?ma=${code}`);
  await expect(citizen.locator(".status-card__code")).toHaveText(`Dossier code: ${code}`);
  const facts = citizen.locator(".status-card .facts");
  for (const term of ["Procedure", "Applicant", "Handled by", "Sent on", "Result expected (if received today)"]) {
    await expect(facts.getByText(term, { exact: true })).toBeVisible();
  }
  await expect(facts).toContainText("Y. B. N.");
  // Dates as English writes them: "5 November 2026".
  await expect(facts).toContainText(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  await expect(citizen.getByRole("heading", { name: "What you need to do" })).toBeVisible();
  await expect(citizen.getByRole("heading", { name: "History of your dossier" })).toBeVisible();
  await expect(citizen.locator(".history")).toContainText("(applicant)");
  await expectEnglish(citizen, "lookup, submitted");

  // A clerk asks for a document.
  const clerk = await clerkAsksForDocument(browser, code, "Ảnh chụp giấy chứng sinh của trẻ");

  await citizen.goto(`/tra-cuu?ma=${code}`);
  await expect(citizen.getByRole("heading", { name: "Documents asked for" })).toBeVisible();
  // The clerk's words stay as typed, marked Vietnamese.
  await expect(citizen.locator(".supplement .lead")).toHaveAttribute("lang", "vi");
  await expect(citizen.locator(".status-card .facts")).toContainText("on hold while we wait for your documents");
  await expect(citizen.locator(".history")).toContainText("(office)");
  await expectEnglish(citizen, "lookup, supplement requested");

  await citizen.getByRole("button", { name: "Send the document" }).click();
  await expect(citizen.getByRole("status")).toHaveText("Choose the file of the document asked for before you send it.");
  await expectEnglish(citizen, "lookup, supplement without a file");

  await citizen.getByLabel("Upload the document (a photo or a PDF)").setInputFiles({
    name: "giay-chung-sinh.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("not an image"),
  });
  await citizen.getByLabel("The last 4 digits of the ID number or of the phone number").fill("2345");
  await citizen.getByRole("button", { name: "Send the document" }).click();
  await expect(citizen.getByRole("status")).toContainText("The file was not accepted");
  await expectEnglish(citizen, "lookup, supplement of the wrong type");

  await citizen.getByLabel("Upload the document").setInputFiles({ name: "giay-chung-sinh.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByLabel("The last 4 digits of the ID number or of the phone number").fill("1111");
  await citizen.getByRole("button", { name: "Send the document" }).click();
  await expect(citizen.getByRole("status")).toHaveText(
    "The file was not accepted: the last 4 digits are not right. Type the last 4 digits again and choose the file again.",
  );
  await expectEnglish(citizen, "lookup, supplement with wrong digits");
  await citizen.getByLabel("Upload the document").setInputFiles({ name: "giay-chung-sinh.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByLabel("The last 4 digits of the ID number or of the phone number").fill("2345");
  await citizen.getByRole("button", { name: "Send the document" }).click();
  await expect(citizen.getByRole("status")).toHaveText("Your extra document has been received. Work on your dossier continues.");
  await expectEnglish(citizen, "lookup, supplement received");

  // Done and returned: the rating.
  await clerk.reload();
  await press(clerk, "Đã xử lý xong");
  await counterReturns(browser, code);
  await citizen.goto(`/tra-cuu?ma=${code}`);
  await expect(citizen.getByRole("group", { name: "How satisfied are you with how this dossier was handled?" })).toBeVisible();
  await expect(citizen.getByLabel("1 — Very dissatisfied")).toBeVisible();
  await expectEnglish(citizen, "lookup, rating form");

  await citizen.getByRole("button", { name: "Send your rating" }).click();
  await expect(citizen.getByRole("status")).toHaveText("Choose a rating from 1 to 5.");
  await expectEnglish(citizen, "lookup, rating without a score");

  await citizen.getByLabel("5 — Very satisfied").check();
  await citizen.getByLabel("Any other comments (optional)").fill("Quick and clear.");
  await citizen.getByLabel("The last 4 digits of the ID number or of the phone number").fill("5678");
  await citizen.getByRole("button", { name: "Send your rating" }).click();
  await expect(citizen.getByRole("status")).toHaveText("Thank you for your rating.");
  await expect(citizen.getByText("Your rating: 5/5 — Very satisfied.")).toBeVisible();
  await expectEnglish(citizen, "lookup, rated");
});

test("the kiosk pages in English: not a kiosk, enrolment, a spent link, the start page, the bar and its warning", async ({ browser }) => {
  const page = await englishPage(browser);
  await page.goto("/kiosk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This machine is not set up as a kiosk");
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  await expectEnglish(page, "kiosk, not a kiosk");

  const link = kioskLink(2, 60, "80mm");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Use this machine as a kiosk?");
  await expect(page).toHaveTitle("Set up a kiosk — Một Cửa");
  const facts = page.locator(".facts");
  await expect(facts).toContainText(OFFICE);
  await expect(facts).toContainText("80 mm thermal paper roll");
  await expect(facts).toContainText("after 62 seconds without use, with a warning 60 seconds before");
  await expectEnglish(page, "kiosk enrolment");
  await page.getByRole("button", { name: "Use this machine as a kiosk" }).click();

  await expect(page).toHaveURL(/\/kiosk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(OFFICE);
  await expect(page.getByRole("link", { name: "Start" })).toBeVisible();
  await expect(page.locator(".kiosk-start__note")).toContainText("This machine is shared: when you are done, press “Finish”.");
  await expectEnglish(page, "kiosk start page");

  // The link works once.
  const other = await englishPage(browser);
  await other.goto(link);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("This kiosk set-up link no longer works");
  await expect(other.getByText("more than 60 minutes old")).toBeVisible();
  await expectEnglish(other, "kiosk, spent link");

  // Any other page: the bar with "Finish", and after a quiet time the warning.
  await page.goto("/tra-cuu");
  await expect(page.getByRole("button", { name: "Finish and clear your details from this machine" })).toBeVisible();
  await expectEnglish(page, "kiosk bar on the lookup page");
  const warning = page.getByRole("alertdialog", { name: "Are you still using this machine?" });
  await expect(warning).toBeVisible({ timeout: 6_000 });
  await expect(warning).toContainText("The machine will finish and clear your details from the screen in");
  await expect(warning).toContainText(/\d+ seconds/);
  await expectEnglish(page, "kiosk warning");
  await page.getByRole("button", { name: "I am still using it" }).click();
  await expect(warning).toBeHidden();
  await page.getByRole("button", { name: /Finish/ }).click();
  await expect(page).toHaveURL(/\/kiosk$/);
});

test("the receipt on an English kiosk prints itself and says so in English", async ({ browser }) => {
  test.setTimeout(120_000);
  const filed = await fileDossier(browser);
  await filed.citizen.context().close();
  const draft = filed.draft;
  const page = await englishPage(browser);
  await page.addInitScript(() => {
    window.print = () => {};
  });
  await page.goto(kioskLink(600, 120, "a5"));
  await page.getByRole("button", { name: "Use this machine as a kiosk" }).click();
  await expect(page).toHaveURL(/\/kiosk$/);
  await page.goto("/");
  await page.getByLabel("Draft code").fill(draft);
  await page.getByRole("button", { name: "Carry on" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dossier submitted");
  await expect(page.getByRole("status").filter({ hasText: "The receipt has been printed." })).toHaveText(
    /^The receipt has been printed\. Take it from the printer\. The machine will go back to the start page in \d+ seconds\.$/,
  );
  await expect(page.getByRole("button", { name: "Print the receipt" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Finish and clear your details from this machine" })).toBeVisible();
});
