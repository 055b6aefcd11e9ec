import { expect, test, Page } from "@playwright/test";
import { answerApplicant, answerTheRest, startBirthRegistration } from "./journey";

/** Collects console errors, page errors and Content-Security-Policy violations. */
async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    // A page answered 404 on purpose logs its own status; that is not a problem.
    if (message.type() === "error" && !message.text().includes("status of 404")) {
      problems.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return problems;
}

/** Waits until the page has loaded its wasm (if it has an island) and hydrated. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

test("no page breaks the Content-Security-Policy, and every page sends it", async ({ page }) => {
  const problems = await watchForProblems(page);
  for (const path of ["/", "/thu-tuc/khai-sinh", "/khong-co-trang-nay", "/chua-gui-duoc?ly-do=khong-doc-duoc&trang=/", "/tra-cuu?ma=KS-000000-XXXXXX"]) {
    const response = await page.goto(path);
    const csp = response!.headers()["content-security-policy"];
    expect(csp, path).toContain("script-src 'nonce-");
    expect(csp, path).not.toContain("unsafe-inline");
    expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    await settle(page);
  }

  // Every page of a filing, hydrated where it has an island, up to the receipt and its QR code.
  await startBirthRegistration(page);
  await settle(page);
  await answerApplicant(page);
  await answerTheRest(page, { fatherKnown: true });
  await settle(page);
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  await expect(page.locator(".qr svg")).toBeVisible();
  await settle(page);

  expect(problems).toEqual([]);
});

test("the step form still hydrates under the policy", async ({ page }) => {
  const problems = await watchForProblems(page);
  await startBirthRegistration(page);
  await settle(page);
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST") posts += 1;
  });
  // Sending the first question unanswered: the hydrated island stops it in the page.
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await expect(page.getByRole("alert")).toContainText("Hãy chọn nơi nhận hồ sơ.");
  expect(posts).toBe(0);
  expect(problems).toEqual([]);
});
