// The first page of a visit carries its stylesheet inline and asks for the islands' code only
// once the browser is idle (no preload beside the stylesheet), so the question shows sooner on a
// slow phone; the next pages link the stylesheet the browser now holds. Nothing breaks the
// Content-Security-Policy, and the islands still wake up.
import { expect, test } from "@playwright/test";
import { startBirthRegistration } from "./journey";

test("the first page carries its stylesheet, later pages link it, and islands still wake", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  await page.goto("/");
  await expect(page.locator("h1")).toBeVisible();
  expect(await page.locator("head style[nonce]").count()).toBe(1);
  expect(await page.locator('head link[rel="stylesheet"]').count()).toBe(0);
  expect(await page.locator('head link[rel="preload"], head link[rel="modulepreload"]').count()).toBe(0);
  // The inline stylesheet is in force: the large body text.
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe("20px");

  await page.reload();
  await expect(page.locator("h1")).toBeVisible();
  expect(await page.locator("head style[nonce]").count()).toBe(0);
  expect(await page.locator('head link[rel="stylesheet"]').count()).toBe(1);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe("20px");

  // An island (the step form's checks) wakes up and the navigation script moves in the page.
  await startBirthRegistration(page);
  await page.waitForFunction(() => (window as any).__mcReady === true);
  expect(refused).toEqual([]);
});
