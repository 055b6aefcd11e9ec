import { expect, test } from "@playwright/test";

// The server under test trusts X-Forwarded-For (MC_TRUSTED_PROXY=1 in playwright.config.ts), so
// this test is its own client and its wrong codes hold back no other test.
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.42" }, javaScriptEnabled: false });

test("after ten wrong codes the citizen is asked to wait a few minutes, and what was typed stays", async ({ page }) => {
  const wrongCode = (n: number) => `K7M2Q-8XTR4-WN${"23456789ABCDEFGHJK"[n]}HD`;
  await page.goto("/");
  for (let n = 0; n < 10; n++) {
    await page.getByLabel("Mã hồ sơ nháp").fill(wrongCode(n));
    await page.getByRole("button", { name: "Làm tiếp" }).click();
    await expect(page.getByText("Không tìm thấy hồ sơ nháp với mã này.")).toBeVisible();
  }
  await page.getByLabel("Mã hồ sơ nháp").fill(wrongCode(10));
  await page.getByRole("button", { name: "Làm tiếp" }).click();
  await expect(page.getByText("hãy đợi vài phút rồi nhập lại mã")).toBeVisible();
  await expect(page.getByLabel("Mã hồ sơ nháp")).toHaveValue(wrongCode(10));
});
