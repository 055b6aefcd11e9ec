// Helpers that answer the birth-registration questions the way a citizen would.
import { expect, Page } from "@playwright/test";

export type Family = { fatherKnown: boolean; childName?: string };

export async function next(page: Page) {
  await page.getByRole("button", { name: "Tiếp tục" }).click();
}

export async function expectQuestion(page: Page, title: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

export async function typeDate(page: Page, day: string, month: string, year: string) {
  await page.getByLabel("Ngày", { exact: true }).fill(day);
  await page.getByLabel("Tháng", { exact: true }).fill(month);
  await page.getByLabel("Năm", { exact: true }).fill(year);
}

/** A date some days ago, as the three boxes take it. */
export function daysAgo(days: number): [string, string, string] {
  const d = new Date(Date.now() - days * 86_400_000);
  return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];
}

export async function startBirthRegistration(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: "Đăng ký khai sinh" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký khai sinh");
  await page.getByRole("button", { name: "Bắt đầu" }).click();
  await expectQuestion(page, "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
}

/** The person filing: from the office question to the phone number. */
export async function answerApplicant(page: Page) {
  await page.getByLabel("UBND phường Ea Kao").check();
  await next(page);
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await page.getByLabel("Họ, chữ đệm và tên").fill("Y Bih Niê");
  await next(page);
  // The clerk looks the applicant up by name, date of birth and ID number.
  await expectQuestion(page, "Bạn sinh ngày nào?");
  await typeDate(page, "5", "6", "1990");
  await next(page);
  await expectQuestion(page, "Giấy tờ tùy thân của bạn");
  await page.getByLabel("Thẻ căn cước", { exact: true }).check();
  await page.getByLabel("Số định danh cá nhân").fill("066 090 012 345");
  await page.getByLabel("Nơi cấp").fill("Bộ Công an");
  await typeDate(page, "15", "3", "2021");
  await next(page);
  await expectQuestion(page, "Bạn đang sống ở đâu?");
  await page.getByLabel("Nơi cư trú").fill("12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk");
  await next(page);
  await page.getByLabel("Cha", { exact: true }).check();
  await next(page);
  await expectQuestion(page, "Số điện thoại để báo cho bạn khi có kết quả");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
}

/** The child, the parents and the result, ending on the check-answers page. */
export async function answerTheRest(page: Page, family: Family) {
  await expectQuestion(page, "Họ và tên của trẻ là gì?");
  await page.getByLabel("Họ, chữ đệm và tên của trẻ").fill(family.childName ?? "Y Sao Niê");
  await next(page);
  await expectQuestion(page, "Trẻ sinh ngày nào?");
  await typeDate(page, ...daysAgo(10));
  await next(page);
  await page.getByLabel("Nữ", { exact: true }).check();
  await next(page);
  await expectQuestion(page, "Dân tộc và quốc tịch của trẻ");
  await page.getByLabel("Dân tộc").fill("Ê Đê");
  await expect(page.getByLabel("Việt Nam")).toBeChecked();
  await next(page);
  await page.getByLabel("Nơi sinh").fill("Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk");
  await next(page);
  await page.getByLabel("Quê quán").fill("Phường Ea Kao, Đắk Lắk");
  await next(page);
  await expectQuestion(page, "Đã xác định được cha, mẹ của trẻ chưa?");
  const parents = family.fatherKnown ? "Đã xác định cả cha và mẹ" : "Mới xác định được mẹ";
  await page.getByLabel(parents, { exact: true }).check();
  await next(page);
  await page.getByLabel("Họ, chữ đệm và tên của mẹ").fill("H'Hen Niê");
  await next(page);
  await page.getByLabel("Năm sinh của mẹ").fill("1996");
  await next(page);
  await expectQuestion(page, "Số định danh cá nhân của mẹ");
  await page.getByLabel("Số định danh cá nhân của mẹ").fill("066 196 012 345");
  await next(page);
  await page.getByLabel("Dân tộc").fill("Ê Đê");
  await next(page);
  await page.getByLabel("Nơi cư trú của mẹ").fill("12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk");
  await next(page);
  if (family.fatherKnown) {
    await page.getByLabel("Họ, chữ đệm và tên của cha").fill("Y Bih Niê");
    await next(page);
    await page.getByLabel("Năm sinh của cha").fill("1992");
    await next(page);
    await expectQuestion(page, "Số định danh cá nhân của cha");
    await page.getByLabel("Số định danh cá nhân của cha").fill("066 092 012 345");
    await next(page);
    await page.getByLabel("Dân tộc").fill("Ê Đê");
    await next(page);
    await page.getByLabel("Nơi cư trú của cha").fill("12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk");
    await next(page);
    await expectQuestion(page, "Giấy chứng nhận kết hôn của cha mẹ");
    await page.getByLabel("Số giấy chứng nhận kết hôn").fill("25");
    await next(page);
  }
  await expectQuestion(page, "Bạn có cần bản sao Giấy khai sinh không?");
  await page.getByLabel("Có", { exact: true }).check();
  await next(page);
  await page.getByLabel("Số bản sao").fill("2");
  await next(page);
  await page.getByLabel("Nhận trực tiếp tại bộ phận một cửa").check();
  await next(page);
  await expectQuestion(page, "Kiểm tra lại trước khi nộp");
}

/** The resume code shown on every step, as the citizen would copy it down. */
export async function resumeCode(page: Page): Promise<string> {
  const code = (await page.locator(".resume-code__code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  return code;
}
