// The back office in English: the queue (with dossiers, empty), a dossier page (fresh, after an
// action, with each kind of problem, unknown), and the head of office's dashboard with its chart
// and its CSV. Staff sign in first (the sign-in page belongs to another section), then read in
// English. Accounts come from end2end/staff-accounts.sh.
import { Browser, expect, Page, test } from "@playwright/test";
import { expectEnglish } from "./english";
import { fileDossier, inEnglish, logIn } from "./office";

/** A staff member signed in (in Vietnamese), then reading in English. */
async function staffInEnglish(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, username);
  await inEnglish(context);
  return page;
}

test("the clerk's queue and dossier page read in English, in every state", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { citizen, code } = await fileDossier(browser);
  await citizen.context().close();
  const clerk = await staffInEnglish(browser, "e2e.clerk");

  // The queue with dossiers.
  await clerk.goto("/can-bo/ho-so");
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText("Dossiers to deal with");
  await expect(clerk).toHaveTitle("Dossiers to deal with — Một Cửa");
  await expect(clerk.getByLabel("Search by dossier code, name or ID number")).toBeVisible();
  await expect(clerk.getByLabel("Procedure")).toContainText("All procedures");
  await expect(clerk.getByLabel("Status")).toContainText("Still to deal with");
  await expect(clerk.getByRole("button", { name: "Filter" })).toBeVisible();
  await expect(clerk.getByRole("region", { name: "List of dossiers" })).toBeVisible();
  await expectEnglish(clerk, "queue, with dossiers");

  // Searched: one row, in English.
  await clerk.getByLabel("Search by dossier code, name or ID number").fill(code.toLowerCase());
  await clerk.getByRole("button", { name: "Filter" }).click();
  await expect(clerk.getByRole("status")).toHaveText("1 dossier");
  const row = clerk.locator("table.queue tbody tr").filter({ hasText: code });
  await expect(row).toContainText("Birth registration");
  await expect(row).toContainText("Waiting to be received");
  await expectEnglish(clerk, "queue, one found");

  // Every status, then nothing found.
  await clerk.goto("/can-bo/ho-so?trang_thai=tat-ca");
  await expectEnglish(clerk, "queue, every status");
  await clerk.goto("/can-bo/ho-so?tim=khong-co-ai-ten-nay");
  await expect(clerk.getByRole("status")).toHaveText("0 dossiers");
  await expectEnglish(clerk, "queue, empty");

  // The dossier page, fresh: the head of office, who decides refusals, sees the refusal's box.
  const head = await staffInEnglish(browser, "e2e.head");
  await head.goto(`/can-bo/ho-so?tim=${encodeURIComponent(code)}`);
  await head.getByRole("link", { name: code }).click();
  await expect(head.getByRole("heading", { level: 1 })).toHaveText(`Dossier ${code}`);
  await expect(head).toHaveTitle(`Dossier ${code} — Một Cửa`);
  await expect(head.locator(".facts")).toContainText("Waiting to be received");
  await expect(head.getByRole("heading", { name: "Contents of the dossier" })).toBeVisible();
  await expect(head.locator(".history")).toContainText("Filed online → Waiting to be received (The applicant)");
  await expect(head.getByRole("heading", { name: "Messages sent to the citizen" })).toBeVisible();
  await expect(head.getByLabel("Reason for not receiving it (the citizen will read this)")).toBeVisible();
  await expectEnglish(head, "dossier, submitted");
  await head.context().close();

  // After an action: the counter receives it.
  const counter = await staffInEnglish(browser, "e2e.reception");
  await counter.goto(`/can-bo/ho-so/${code}`);
  await expect(counter.getByText("Other steps at this stage are done by Head of office.")).toBeVisible();
  await counter.getByRole("button", { name: "Receive the dossier", exact: true }).click();
  await expect(counter.getByRole("status").filter({ hasText: "Saved: Receive the dossier." })).toBeVisible();
  await expect(counter.locator(".facts")).toContainText("Received");
  await expect(counter.locator(".history")).toContainText("Receive the dossier → Received");
  await expectEnglish(counter, "dossier, received");
  await counter.context().close();

  // A request for documents without saying which: the page says what to do.
  await clerk.goto(`/can-bo/ho-so/${code}`);
  await clerk.getByRole("button", { name: "Ask for more documents" }).click();
  await expect(clerk.getByRole("alert")).toHaveText(
    "Please write what is needed (the missing documents, the reason, the amount to pay, or the apology), then press the button again.",
  );
  await expectEnglish(clerk, "dossier, note missing");

  // Two pages at once: the second is told, and keeps what was typed.
  const other = await clerk.context().newPage();
  await other.goto(clerk.url().split("?")[0]);
  await clerk.getByRole("button", { name: "Start processing" }).click();
  await expect(clerk.locator(".facts")).toContainText("Being processed");
  const missing = other.getByLabel("Missing documents (in plain words: the citizen will read this)");
  await missing.fill("A photo of the birth certificate");
  await other.getByRole("button", { name: "Ask for more documents" }).click();
  await expect(other.getByRole("alert")).toContainText("Someone else updated this dossier just before you");
  await expect(missing).toHaveValue("A photo of the birth certificate");
  await expectEnglish(other, "dossier, changed by someone else");

  // With a supplement request waiting: the urgency and the note.
  await other.getByRole("button", { name: "Ask for more documents" }).click();
  await expect(other.locator(".facts")).toContainText("More documents needed");
  await expect(other.locator(".facts")).toContainText("Paused (waiting for documents)");
  await expect(other.locator(".facts")).toContainText("Waiting for");
  await expect(other.getByRole("button", { name: "More documents received" })).toBeVisible();
  await expectEnglish(other, "dossier, waiting for documents");

  // An unknown dossier.
  await clerk.goto("/can-bo/ho-so/KS-000000-XXXXXX");
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText("Dossier not found");
  await expect(clerk.getByRole("link", { name: "Back to the list of dossiers" })).toBeVisible();
  await expectEnglish(clerk, "dossier, unknown");
});

test("the head of office's dashboard, its chart and its CSV read in English", async ({ browser, baseURL }) => {
  await (await fileDossier(browser)).citizen.context().close();
  const head = await staffInEnglish(browser, "e2e.head");
  await head.goto("/can-bo/bang-theo-doi");
  await expect(head.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(head).toHaveTitle("Dashboard — Một Cửa");
  await expect(head.getByRole("img", { name: "Dossiers received and done, by week" })).toBeVisible();
  await expect(head.getByRole("img", { name: "Number of ratings by score" })).toBeVisible();
  await expect(head.locator(".figures")).toContainText("Done on time");
  await expect(head.locator(".figures")).toContainText("Median processing time");
  await expect(head.getByRole("link", { name: "Download the figures (CSV)" })).toBeVisible();
  await expectEnglish(head, "dashboard");
  await head.getByText("Show the figures as a table").click();
  // The figures table (the channels table below has a "Week starting" column too).
  await expect(head.locator("details").getByRole("columnheader", { name: "Week starting" })).toBeVisible();
  await expectEnglish(head, "dashboard, table open");

  const csv = await head.request.get("/can-bo/bang-theo-doi.csv");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Week starting,Received,Done");
  expect(text).toContain("Procedure,Received,Done,On time,On-time rate,Median working days");
  expect(text).not.toContain("Tuần bắt đầu");
});
