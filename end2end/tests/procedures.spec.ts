import { expect, test, Page } from "@playwright/test";
import { daysAgo, expectQuestion, next, typeDate } from "./journey";
import {
  chooseOffice,
  fileCertificateReissue,
  fileConstructionPermitExtension,
  fileDeathRegistration,
  fileHouseholdBusinessChange,
  fileHouseholdBusinessRegistration,
  fileHouseholdBusinessTermination,
  fileMarriageRegistration,
  startProcedure,
} from "./procedures-journeys";

// Birth registration is filed in filing.spec.ts; here, the seven others, each through its
// longest branch, ending on the receipt with a dossier code.
test.describe("with JavaScript", () => {
  test("a relative registers a death, with the time of death", async ({ page }) => {
    await fileDeathRegistration(page);
  });

  test("a couple, both married before, registers their marriage", async ({ page }) => {
    await fileMarriageRegistration(page);
  });

  test("a family registers a household business through its task list", async ({ page }) => {
    await fileHouseholdBusinessRegistration(page);
  });

  test("an owner asks for a new certificate after the old one was destroyed", async ({ page }) => {
    await fileCertificateReissue(page);
  });

  test("a household business changes every part, its owner included", async ({ page }) => {
    await fileHouseholdBusinessChange(page);
  });

  test("a household business notifies its termination", async ({ page }) => {
    await fileHouseholdBusinessTermination(page);
  });

  test("a company asks to extend its construction permit", async ({ page }) => {
    await fileConstructionPermitExtension(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a death is registered with plain forms", async ({ page }) => {
    await fileDeathRegistration(page);
  });

  test("a household business is registered, rows of business lines added by the server", async ({ page }) => {
    await fileHouseholdBusinessRegistration(page);
  });

  test("a construction permit extension is filed with plain forms", async ({ page }) => {
    await fileConstructionPermitExtension(page);
  });
});

for (const javaScriptEnabled of [true, false]) {
  test(`an ID number of someone else and a groom under 20 are explained (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await startProcedure(page, "Đăng ký kết hôn");
    await chooseOffice(page, "UBND phường Tân Lập");
    await page.getByLabel("Họ, chữ đệm và tên", { exact: true }).fill("H'Linh Mlô");
    await next(page);
    await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
    await next(page);
    await page.getByLabel("Địa chỉ liên lạc").fill("12 Lê Lợi, phường Ea Kao, Đắk Lắk");
    await next(page);
    await page.getByLabel("Họ, chữ đệm và tên của bên nữ").fill("H'Linh Mlô");
    await next(page);
    await typeDate(page, "8", "3", "2000");
    await next(page);
    await page.getByLabel("Dân tộc").fill("Ê Đê");
    await next(page);
    await page.getByLabel("Nơi cư trú của bên nữ").fill("12 Lê Lợi, phường Ea Kao, Đắk Lắk");
    await next(page);

    // The number of a woman born in 1999, for a bride born in 2000: both answers are named.
    await expectQuestion(page, "Số căn cước của bên nữ");
    await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066 199 012 345");
    await next(page);
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Số căn cước của bên nữ không khớp với ngày sinh");
    await expect(summary).toContainText("sinh năm 1999");
    await expect(summary).toContainText("năm sinh 2000");
    await expect(page.getByLabel("Số căn cước (số định danh cá nhân)")).toHaveValue("066 199 012 345");
    await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066 300 012 345");
    await next(page);

    await expectQuestion(page, "Bên nữ đã từng kết hôn chưa?");
    await page.getByLabel("Không", { exact: true }).check();
    await next(page);
    await page.getByLabel("Họ, chữ đệm và tên của bên nam").fill("Nguyễn Văn Bình");
    await next(page);

    // Nineteen years old today: not yet old enough to marry.
    await expectQuestion(page, "Bên nam sinh ngày nào?");
    // The first of this month (a day that exists in every year), 19 and then 20 years ago.
    const [, month, year] = daysAgo(0);
    await typeDate(page, "1", month, String(Number(year) - 19));
    await next(page);
    await expect(page.getByRole("alert")).toContainText("chưa đủ 20 tuổi");
    await expectQuestion(page, "Bên nam sinh ngày nào?");
    await typeDate(page, "1", month, String(Number(year) - 20));
    await next(page);
    await expectQuestion(page, "Dân tộc và quốc tịch của bên nam");
    await context.close();
  });
}

/** The procedure cards the home page shows, by name. */
async function listedNames(page: Page): Promise<string[]> {
  return (await page.locator(".procedure .procedure__name").allTextContents()).map((name) => name.trim());
}

async function searchFor(page: Page, words: string) {
  await page.getByLabel("Tìm thủ tục").fill(words);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
}

test.describe("the home page", () => {
  test("lists the eight procedures by life event, with the office that decides", async ({ page }) => {
    await page.goto("/");
    for (const event of ["Kết hôn", "Kinh doanh hộ gia đình", "Người thân qua đời", "Sinh con", "Xây dựng nhà ở"]) {
      await expect(page.getByRole("heading", { level: 2, name: event, exact: true })).toBeVisible();
    }
    expect(await listedNames(page)).toHaveLength(8);
    const business = page.getByRole("region", { name: "Kinh doanh hộ gia đình" });
    await expect(business.locator(".procedure")).toHaveCount(4);
    const marriage = page.locator(".procedure", { hasText: "Đăng ký kết hôn" });
    await expect(marriage).toContainText("Nơi giải quyết: Ủy ban nhân dân xã, phường");
    await expect(marriage).toContainText("Miễn phí");
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`search ignores diacritics, case and spaces (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/");
      for (const words of ["ket hon", "KẾT HÔN", "kethon"]) {
        await searchFor(page, words);
        await expect(page).toHaveURL(/[?&]tim=/);
        expect(await listedNames(page)).toEqual(["Đăng ký kết hôn"]);
        await expect(page.getByRole("status")).toContainText("Tìm thấy 1 thủ tục");
        await expect(page.getByLabel("Tìm thủ tục")).toHaveValue(words);
      }
      // The address can be shared: /?tim=... gives the same answer.
      await page.goto("/?tim=giay+phep+xay+dung");
      expect(await listedNames(page)).toEqual(["Gia hạn giấy phép xây dựng"]);
      await searchFor(page, "hộ kinh doanh");
      expect(await listedNames(page)).toHaveLength(4);

      // Nothing found: said plainly, and the full list is offered.
      await searchFor(page, "hộ chiếu");
      await expect(page.getByRole("status")).toContainText("Không tìm thấy thủ tục nào cho “hộ chiếu”");
      expect(await listedNames(page)).toHaveLength(8);
      await page.getByRole("link", { name: "Đăng ký khai tử", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký khai tử");
      await context.close();
    });
  }
});
