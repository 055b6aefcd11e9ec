// Helpers that file the seven other procedures the way a citizen would, each through its
// longest branch. Dates are computed from today, so the journeys keep working in later years.
import { expect, Locator, Page } from "@playwright/test";
import { daysAgo, expectQuestion, next, typeDate } from "./journey";

const HOME_ADDRESS = "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk";

/** From the home page to the first question (or the task list of a long procedure). */
export async function startProcedure(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("button", { name: "Bắt đầu" }).click();
}

/** A field's fieldset (dates, addresses, choices), found by its legend. */
function group(page: Page, legend: string): Locator {
  return page.getByRole("group", { name: legend, exact: true });
}

/** The three boxes of a date inside the fieldset with this legend. */
export async function typeDateIn(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  const box = group(page, legend);
  await box.getByLabel("Ngày", { exact: true }).fill(day);
  await box.getByLabel("Tháng", { exact: true }).fill(month);
  await box.getByLabel("Năm", { exact: true }).fill(year);
}

/** A date some days ahead, as the three boxes take it. */
export function daysAhead(days: number): [string, string, string] {
  return daysAgo(-days);
}

/** dd/mm/yyyy, as the check-answers page and the receipt show dates. */
export function shown([day, month, year]: [string, string, string]): string {
  return `${day.padStart(2, "0")}/${month.padStart(2, "0")}/${year}`;
}

export async function choose(page: Page, option: string) {
  await page.getByLabel(option, { exact: true }).check();
}

export async function answerYesNo(page: Page, question: string, yes: boolean) {
  await expectQuestion(page, question);
  await choose(page, yes ? "Có" : "Không");
  await next(page);
}

export async function chooseOffice(page: Page, office: string) {
  await expectQuestion(page, "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?");
  await choose(page, office);
  await next(page);
}

/** Province, commune or ward, and street of an address field. */
export async function typeAddress(page: Page, legend: string, commune: string, street: string) {
  const box = group(page, legend);
  await box.getByLabel("Tỉnh, thành phố").selectOption("Tỉnh Đắk Lắk");
  await box.getByLabel("Xã, phường").selectOption(commune);
  await box.getByLabel("Số nhà, đường phố, tổ dân phố hoặc thôn, buôn").fill(street);
}

/**
 * Business lines in the repeating group: fills each line, adding a row when needed ("Thêm ...":
 * done in the page with JavaScript, by the server without), and marks the first one as main.
 */
export async function typeBusinessLines(page: Page, lines: [string, string][]) {
  for (const [i, [name, code]] of lines.entries()) {
    const names = page.getByLabel("Tên ngành", { exact: true });
    if ((await names.count()) <= i) {
      await page.getByRole("button", { name: "Thêm ngành, nghề kinh doanh" }).click();
      await expect(names).toHaveCount(i + 1);
    }
    await names.nth(i).fill(name);
    await page.getByLabel("Mã ngành (4 chữ số)", { exact: true }).nth(i).fill(code);
  }
  await page.getByLabel(/^Đây là .+ chính$/).first().check();
}

/** The answer shown on the check-answers page for a label. */
export function answerRow(page: Page, label: string): Locator {
  return page
    .locator(".summary-list__row", { has: page.locator(".summary-list__key", { hasText: label }) })
    .first()
    .locator(".summary-list__value");
}

export async function expectCheckPage(page: Page) {
  await expectQuestion(page, "Kiểm tra lại trước khi nộp");
  await expect(page.locator(".summary-list .error-message")).toHaveCount(0);
}

/** Submits from the check-answers page; returns the dossier code shown on the receipt. */
export async function submitAndReadReceipt(page: Page, prefix: string, office: string, applicant: string) {
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đã nộp hồ sơ");
  const code = ((await page.locator(".dossier-code").textContent()) ?? "").trim();
  expect(code).toMatch(new RegExp(`^${prefix}-\\d{6}-[2-9A-Z]{11}$`));
  const receipt = page.locator(".summary-list");
  await expect(receipt).toContainText(office);
  await expect(receipt).toContainText(applicant);
  await expect(receipt).toContainText(/Dự kiến trả kết quả \(nếu được tiếp nhận hôm nay\)\s*\d{2}\/\d{2}\/\d{4}/);
  await expect(page.locator(".qr svg")).toBeVisible();
  return code;
}

/** The task list of a long procedure: open one part by its title. */
export async function openTask(page: Page, procedure: string, title: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(procedure);
  await page.getByRole("link", { name: title, exact: true }).click();
}

export async function expectTaskDone(page: Page, procedure: string, title: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(procedure);
  const task = page.locator(".task-list__item", {
    has: page.getByRole("link", { name: title, exact: true }),
  });
  await expect(task).toContainText("Đã xong");
}

// --- Đăng ký khai tử: the deceased's ID given, copies wanted ---

export async function fileDeathRegistration(page: Page) {
  const died = daysAgo(3);
  await startProcedure(page, "Đăng ký khai tử");
  await chooseOffice(page, "UBND phường Ea Kao");
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await page.getByLabel("Họ, chữ đệm và tên", { exact: true }).fill("Y Bih Niê");
  await next(page);
  await expectQuestion(page, "Bạn sinh ngày nào?");
  await typeDate(page, "5", "6", "1970");
  await next(page);
  await expectQuestion(page, "Giấy tờ tùy thân của bạn");
  await page.getByLabel("Số định danh cá nhân").fill("066 070 012 345");
  await typeDate(page, "15", "3", "2021");
  await next(page);
  await expectQuestion(page, "Bạn đang sống ở đâu?");
  await page.getByLabel("Nơi cư trú").fill(HOME_ADDRESS);
  await next(page);
  await expectQuestion(page, "Bạn là gì của người đã mất?");
  await choose(page, "Con");
  await next(page);
  await expectQuestion(page, "Số điện thoại để báo cho bạn khi có kết quả");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);

  await expectQuestion(page, "Họ và tên của người đã mất");
  await page.getByLabel("Họ, chữ đệm và tên của người đã mất").fill("H'Ngọc Niê");
  await next(page);
  await expectQuestion(page, "Người đã mất sinh ngày nào?");
  await typeDate(page, "2", "9", "1945");
  await next(page);
  await expectQuestion(page, "Giới tính của người đã mất");
  await choose(page, "Nữ");
  await next(page);
  await expectQuestion(page, "Dân tộc và quốc tịch của người đã mất");
  await page.getByLabel("Dân tộc").fill("Ê Đê");
  await expect(page.getByLabel("Việt Nam")).toBeChecked();
  await next(page);
  await expectQuestion(page, "Trước khi mất, người đó sống ở đâu?");
  await page.getByLabel("Nơi cư trú cuối cùng").fill(HOME_ADDRESS);
  await next(page);
  await expectQuestion(page, "Số căn cước của người đã mất");
  await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066 145 001 234");
  await next(page);

  await expectQuestion(page, "Người đó mất lúc nào?");
  const when = group(page, "Thời điểm mất");
  await typeDateIn(page, "Thời điểm mất", died);
  await when.getByLabel("Giờ", { exact: true }).fill("14");
  await when.getByLabel("Phút", { exact: true }).fill("30");
  await next(page);
  await expectQuestion(page, "Người đó mất ở đâu?");
  await page.getByLabel("Nơi mất").fill("Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk");
  await next(page);
  await expectQuestion(page, "Nguyên nhân mất");
  await page.getByLabel("Nguyên nhân mất").fill("Tuổi già");
  await next(page);
  await expectQuestion(page, "Bạn có giấy tờ gì xác nhận việc mất?");
  await choose(page, "Giấy báo tử của bệnh viện hoặc trạm y tế");
  await next(page);
  await expectQuestion(page, "Thông tin trên giấy báo tử");
  await page.getByLabel("Số giấy").fill("125/GBT");
  await page.getByLabel("Nơi cấp").fill("Bệnh viện Đa khoa vùng Tây Nguyên");
  await typeDateIn(page, "Ngày cấp", daysAgo(2));
  // A file that only pretends to be a photo is refused by its content, with what was typed kept.
  await page.getByLabel("Ảnh chụp giấy báo tử").setInputFiles({
    name: "giay bao tu.png",
    mimeType: "image/png",
    buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
  });
  await next(page);
  await expect(page.getByRole("alert")).toContainText("Tệp phải là ảnh chụp (JPG, PNG) hoặc tệp PDF.");
  await expect(page.getByLabel("Số giấy")).toHaveValue("125/GBT");
  await page.getByLabel("Ảnh chụp giấy báo tử").setInputFiles({
    name: "giay bao tu.png",
    mimeType: "image/png",
    buffer: Buffer.from(ONE_PIXEL_PNG, "base64"),
  });
  await next(page);

  await answerYesNo(page, "Bạn có cần bản sao trích lục khai tử không?", true);
  await expectQuestion(page, "Bạn cần mấy bản sao?");
  await page.getByLabel("Số bản sao").fill("2");
  await next(page);
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận trực tiếp tại bộ phận một cửa");
  await next(page);

  await expectCheckPage(page);
  await expect(answerRow(page, "Thời điểm mất")).toHaveText(`14 giờ 30, ngày ${shown(died)}`);
  await expect(answerRow(page, "Họ, chữ đệm và tên của người đã mất")).toHaveText("H'Ngọc Niê");
  await expect(answerRow(page, "Ảnh chụp giấy báo tử")).toHaveText("giay bao tu.png");
  // The citizen can open what they sent; someone without their draft cannot.
  const link = answerRow(page, "Ảnh chụp giấy báo tử").getByRole("link");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("giay bao tu.png");
  const href = (await link.getAttribute("href")) ?? "";
  const stranger = await page.context().browser()!.newContext();
  expect((await stranger.request.get(new URL(href, page.url()).toString())).status()).toBe(404);
  await stranger.close();
  const code = await submitAndReadReceipt(page, "KT", "UBND phường Ea Kao", "Y Bih Niê");
  await expect(page.getByText("Ảnh chụp giấy báo tử: giay bao tu.png")).toBeVisible();
  return code;
}

// --- Đăng ký kết hôn: both were married before ---

async function answerSpouse(
  page: Page,
  side: "nữ" | "nam",
  person: { name: string; born: [string, string, string]; ethnicity: string; home: string; id: string },
  ended: string,
) {
  await expectQuestion(page, `Họ và tên của bên ${side} (${side === "nữ" ? "cô dâu" : "chú rể"})`);
  await page.getByLabel(`Họ, chữ đệm và tên của bên ${side}`).fill(person.name);
  await next(page);
  await expectQuestion(page, `Bên ${side} sinh ngày nào?`);
  await typeDate(page, ...person.born);
  await next(page);
  await expectQuestion(page, `Dân tộc và quốc tịch của bên ${side}`);
  await page.getByLabel("Dân tộc").fill(person.ethnicity);
  await next(page);
  await expectQuestion(page, `Bên ${side} đang sống ở đâu?`);
  await page.getByLabel(`Nơi cư trú của bên ${side}`).fill(person.home);
  await next(page);
  await expectQuestion(page, `Số căn cước của bên ${side}`);
  await page.getByLabel("Số căn cước (số định danh cá nhân)").fill(person.id);
  await next(page);
  await answerYesNo(page, `Bên ${side} đã từng kết hôn chưa?`, true);
  await expectQuestion(page, `Cuộc hôn nhân trước của bên ${side}`);
  await page.getByLabel("Lần này là lần kết hôn thứ mấy?").fill("2");
  await choose(page, ended);
  await next(page);
}

export async function fileMarriageRegistration(page: Page) {
  await startProcedure(page, "Đăng ký kết hôn");
  await chooseOffice(page, "UBND phường Tân Lập");
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await page.getByLabel("Họ, chữ đệm và tên", { exact: true }).fill("H'Linh Mlô");
  await next(page);
  await expectQuestion(page, "Chúng tôi liên lạc với bạn thế nào?");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await page.getByLabel("Thư điện tử (email)").fill("hlinh@vidu.vn");
  await next(page);
  await expectQuestion(page, "Địa chỉ liên lạc của bạn");
  await page.getByLabel("Địa chỉ liên lạc").fill(HOME_ADDRESS);
  await next(page);
  await answerSpouse(
    page,
    "nữ",
    { name: "H'Linh Mlô", born: ["8", "3", "2000"], ethnicity: "Ê Đê", home: HOME_ADDRESS, id: "066 300 012 345" },
    "Đã ly hôn",
  );
  await answerSpouse(
    page,
    "nam",
    {
      name: "Nguyễn Văn Bình",
      born: ["14", "7", "1998"],
      ethnicity: "Kinh",
      home: "5 Phan Bội Châu, phường Tân Lập, Đắk Lắk",
      id: "066098012345",
    },
    "Vợ trước đã mất",
  );
  await expectQuestion(page, "Lời cam đoan của hai người");
  await page.getByRole("checkbox").check();
  await next(page);
  await answerYesNo(page, "Bạn có cần bản sao trích lục kết hôn không?", true);
  await expectQuestion(page, "Bạn cần mấy bản sao?");
  await page.getByLabel("Số bản sao").fill("1");
  await next(page);

  await expectCheckPage(page);
  await expect(answerRow(page, "Họ, chữ đệm và tên của bên nam")).toHaveText("Nguyễn Văn Bình");
  await expect(answerRow(page, "Thư điện tử (email)")).toHaveText("hlinh@vidu.vn");
  return submitAndReadReceipt(page, "KH", "UBND phường Tân Lập", "H'Linh Mlô");
}

// --- Đăng ký hộ kinh doanh: household-founded, filed by someone else, tax letters elsewhere ---

const REGISTRATION = "Đăng ký hộ kinh doanh";

export async function fileHouseholdBusinessRegistration(page: Page) {
  const meeting = daysAgo(7);
  await startProcedure(page, REGISTRATION);

  await openTask(page, REGISTRATION, "Địa điểm kinh doanh");
  await expectQuestion(page, "Hộ kinh doanh đặt ở đâu?");
  await typeAddress(page, "Địa chỉ kinh doanh", "Phường Ea Kao", "45 Y Jút, Tổ dân phố 2");
  await next(page);
  await chooseOffice(page, "UBND phường Ea Kao");
  await expectQuestion(page, "Điện thoại và thư điện tử của cửa hàng");
  await page.getByLabel("Số điện thoại của cửa hàng").fill("0987 654 321");
  await page.getByLabel("Thư điện tử (email)").fill("caphebanme@vidu.vn");
  await next(page);
  await expectTaskDone(page, REGISTRATION, "Địa điểm kinh doanh");

  await openTask(page, REGISTRATION, "Ngành, nghề kinh doanh");
  await expectQuestion(page, "Hộ kinh doanh sẽ làm những ngành, nghề nào?");
  await typeBusinessLines(page, [
    ["Dịch vụ phục vụ đồ uống", "5630"],
    ["Bán lẻ thực phẩm", "4722"],
  ]);
  await next(page);
  await expectTaskDone(page, REGISTRATION, "Ngành, nghề kinh doanh");

  await openTask(page, REGISTRATION, "Tên hộ kinh doanh");
  await expectQuestion(page, "Hộ kinh doanh tên là gì?");
  await page.getByLabel(/^Tên riêng/).fill("Cà Phê Ban Mê");
  await page.getByLabel("Tên bằng tiếng nước ngoài").fill("Ban Me Coffee");
  await next(page);

  await openTask(page, REGISTRATION, "Chủ hộ kinh doanh");
  await expectQuestion(page, "Họ và tên của chủ hộ kinh doanh");
  await page.getByLabel("Họ, chữ đệm và tên của chủ hộ").fill("H'Hen Niê");
  await next(page);
  await expectQuestion(page, "Chủ hộ sinh ngày nào?");
  await typeDate(page, "12", "4", "1985");
  await next(page);
  await expectQuestion(page, "Giới tính của chủ hộ");
  await choose(page, "Nữ");
  await next(page);
  await expectQuestion(page, "Dân tộc và quốc tịch của chủ hộ");
  await page.getByLabel("Dân tộc").fill("Ê Đê");
  await next(page);
  await expectQuestion(page, "Số căn cước của chủ hộ");
  await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066 185 012 345");
  // One household business per owner, in the whole country: an undertaking.
  await page.getByRole("checkbox").check();
  await next(page);
  await expectQuestion(page, "Chủ hộ đang sống ở đâu?");
  await page.getByLabel("Nơi cư trú của chủ hộ").fill(HOME_ADDRESS);
  await next(page);
  await expectQuestion(page, "Số điện thoại của chủ hộ");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
  await answerYesNo(page, "Hộ kinh doanh có do các thành viên hộ gia đình cùng thành lập không?", true);
  await expectQuestion(page, "Biên bản họp hộ gia đình và giấy ủy quyền");
  await typeDateIn(page, "Ngày họp hộ gia đình", meeting);
  await page.getByLabel("Số thành viên cùng thành lập, kể cả chủ hộ").fill("3");
  await typeDateIn(page, "Ngày ký giấy ủy quyền cho chủ hộ", meeting);
  await next(page);
  await expectQuestion(page, "Các thành viên hộ gia đình cùng thành lập");
  await page
    .getByLabel("Danh sách thành viên")
    .fill("Y Bih Niê, 1983, 066083012345\nH'Ly Niê, 2001, 066301012345");
  await next(page);
  await expectTaskDone(page, REGISTRATION, "Chủ hộ kinh doanh");

  await openTask(page, REGISTRATION, "Vốn kinh doanh");
  await expectQuestion(page, "Vốn kinh doanh là bao nhiêu?");
  await page.getByLabel("Vốn kinh doanh (đồng)").fill("50.000.000");
  await next(page);

  await openTask(page, REGISTRATION, "Thông tin về thuế");
  await answerYesNo(page, "Thông báo thuế có gửi về địa chỉ khác không?", true);
  await expectQuestion(page, "Địa chỉ nhận thông báo thuế");
  await page.getByLabel("Địa chỉ nhận thông báo thuế").fill("5 Phan Bội Châu, phường Tân Lập, Đắk Lắk");
  await next(page);
  await expectQuestion(page, "Ngày bắt đầu kinh doanh và số người làm");
  await typeDateIn(page, "Ngày bắt đầu hoạt động", daysAhead(7));
  await page.getByLabel("Số người lao động dự kiến").fill("2");
  await next(page);

  await openTask(page, REGISTRATION, "Người nộp hồ sơ");
  await answerYesNo(page, "Chủ hộ có tự đi nộp hồ sơ không?", false);
  await expectQuestion(page, "Người nộp thay chủ hộ");
  await page.getByLabel("Họ, chữ đệm và tên của người nộp").fill("Y Bih Niê");
  await typeDateIn(page, "Ngày sinh của người nộp", ["3", "5", "1983"]);
  await page.getByLabel("Số căn cước của người nộp").fill("066 083 012 345");
  await page.getByLabel("Địa chỉ của người nộp").fill(HOME_ADDRESS);
  await next(page);
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận trực tiếp tại bộ phận một cửa");
  await next(page);

  await expect(page.locator(".task-list__item", { hasText: "Chưa làm" })).toHaveCount(0);
  await page.getByRole("link", { name: "Kiểm tra lại và nộp" }).click();
  await expectCheckPage(page);
  await expect(answerRow(page, "Vốn kinh doanh (đồng)")).toHaveText("50.000.000 đồng");
  await expect(answerRow(page, "Ngành, nghề kinh doanh")).toHaveText(
    "Dịch vụ phục vụ đồ uống – 5630 (chính); Bán lẻ thực phẩm – 4722",
  );
  await expect(answerRow(page, "Địa chỉ kinh doanh")).toHaveText(
    "45 Y Jút, Tổ dân phố 2, Phường Ea Kao, Tỉnh Đắk Lắk",
  );
  return submitAndReadReceipt(page, "HKD", "UBND phường Ea Kao", "H'Hen Niê");
}

// --- Cấp lại giấy chứng nhận: destroyed in another way, so the details are asked ---

export async function fileCertificateReissue(page: Page) {
  await startProcedure(page, "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh");
  await chooseOffice(page, "UBND phường Tân An");
  await expectQuestion(page, "Tên của hộ kinh doanh");
  await page.getByLabel("Tên hộ kinh doanh").fill("Hộ kinh doanh Tạp Hóa Hòa Bình");
  await next(page);
  await expectQuestion(page, "Giấy chứng nhận đã được cấp");
  // Since July 2025 the tax number is the owner's 12-digit personal ID number.
  await page.getByLabel("Mã số hộ kinh doanh hoặc mã số thuế").fill("066085012345");
  await page.getByLabel("Số giấy chứng nhận").fill("066085012345");
  await typeDateIn(page, "Ngày cấp (lần gần nhất)", ["20", "5", "2019"]);
  await page.getByLabel("Cơ quan cấp").fill("Phòng Tài chính - Kế hoạch thành phố Buôn Ma Thuột");
  await next(page);
  await expectQuestion(page, "Vì sao cần cấp lại giấy chứng nhận?");
  await choose(page, "Bị tiêu hủy dưới hình thức khác");
  await next(page);
  await expectQuestion(page, "Giấy bị tiêu hủy thế nào?");
  await page.getByLabel("Mô tả").fill("Bị ngập nước trong trận lũ tháng 10.");
  await next(page);
  await expectQuestion(page, "Họ và tên của chủ hộ kinh doanh");
  await page.getByLabel("Họ, chữ đệm và tên của chủ hộ").fill("trần văn hòa");
  await next(page);
  await expectQuestion(page, "Ngày sinh và giới tính của chủ hộ");
  await typeDateIn(page, "Ngày sinh của chủ hộ", ["12", "4", "1985"]);
  await choose(page, "Nam");
  await next(page);
  await expectQuestion(page, "Số căn cước của chủ hộ");
  await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066085012345");
  await next(page);
  await expectQuestion(page, "Số điện thoại của chủ hộ");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận qua bưu điện");
  await next(page);

  await expectCheckPage(page);
  await expect(answerRow(page, "Lý do")).toHaveText("Bị tiêu hủy dưới hình thức khác");
  return submitAndReadReceipt(page, "CLHKD", "UBND phường Tân An", "Trần Văn Hòa");
}

// --- Thay đổi nội dung: every part changes, including the owner ---

const CHANGE = "Thay đổi nội dung đăng ký hộ kinh doanh";

export async function fileHouseholdBusinessChange(page: Page) {
  await startProcedure(page, CHANGE);

  await openTask(page, CHANGE, "Hộ kinh doanh");
  await chooseOffice(page, "UBND phường Thành Nhất");
  await expectQuestion(page, "Hộ kinh doanh của bạn");
  await page.getByLabel("Tên hộ kinh doanh").fill("Hộ kinh doanh Cà Phê Ban Mê");
  await page.getByLabel("Mã số hộ kinh doanh hoặc mã số thuế").fill("066085012345");
  await typeDateIn(page, "Ngày cấp (lần gần nhất)", ["20", "5", "2019"]);
  await next(page);
  await expectQuestion(page, "Chủ hộ đang đứng tên trên giấy chứng nhận");
  await page.getByLabel("Họ, chữ đệm và tên của chủ hộ").fill("Trần Văn Hòa");
  await page.getByLabel("Số căn cước của chủ hộ").fill("066 085 012 345");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
  await expectQuestion(page, "Việc thay đổi xảy ra ngày nào?");
  await typeDate(page, ...daysAgo(5));
  await next(page);
  await expectTaskDone(page, CHANGE, "Hộ kinh doanh");

  await openTask(page, CHANGE, "Địa chỉ kinh doanh");
  await answerYesNo(page, "Hộ kinh doanh có chuyển sang địa chỉ khác không?", true);
  await expectQuestion(page, "Địa chỉ kinh doanh mới");
  await typeAddress(page, "Địa chỉ kinh doanh mới", "Phường Thành Nhất", "89 Nguyễn Tất Thành");
  await next(page);

  await openTask(page, CHANGE, "Ngành, nghề kinh doanh");
  await answerYesNo(page, "Hộ kinh doanh có thêm, bớt hoặc đổi ngành, nghề không?", true);
  await expectQuestion(page, "Các ngành, nghề sau khi thay đổi");
  await typeBusinessLines(page, [["Dịch vụ phục vụ đồ uống", "5630"]]);
  await next(page);

  await openTask(page, CHANGE, "Tên hộ kinh doanh");
  await answerYesNo(page, "Hộ kinh doanh có đổi tên không?", true);
  await expectQuestion(page, "Tên mới của hộ kinh doanh");
  await page.getByLabel(/^Tên riêng mới/).fill("Cà Phê Ban Mê Xưa");
  await next(page);

  await openTask(page, CHANGE, "Chủ hộ kinh doanh");
  await answerYesNo(page, "Hộ kinh doanh có đổi sang chủ hộ khác không?", true);
  await expectQuestion(page, "Vì sao đổi chủ hộ?");
  await choose(page, "Bán hoặc tặng cho hộ kinh doanh");
  await page
    .getByLabel("Số và ngày của hợp đồng, văn bản thừa kế hoặc biên bản họp gia đình")
    .fill(`Hợp đồng số 12 ngày ${shown(daysAgo(6))}`);
  await next(page);
  await expectQuestion(page, "Họ và tên của chủ hộ mới");
  await page.getByLabel("Họ, chữ đệm và tên của chủ hộ mới").fill("Lê Thị Mai");
  await next(page);
  await expectQuestion(page, "Ngày sinh và giới tính của chủ hộ mới");
  await typeDateIn(page, "Ngày sinh của chủ hộ mới", ["20", "1", "1992"]);
  await choose(page, "Nữ");
  await next(page);
  await expectQuestion(page, "Dân tộc và quốc tịch của chủ hộ mới");
  await page.getByLabel("Dân tộc").fill("Kinh");
  await next(page);
  await expectQuestion(page, "Số căn cước và nơi ở của chủ hộ mới");
  await page.getByLabel("Số căn cước của chủ hộ mới").fill("066 192 012 345");
  await page.getByLabel("Nơi cư trú của chủ hộ mới").fill(HOME_ADDRESS);
  await page.getByLabel("Số điện thoại của chủ hộ mới").fill("0987 654 321");
  await next(page);
  await answerYesNo(page, "Thông tin cá nhân của chủ hộ có thay đổi không?", false);
  await expectTaskDone(page, CHANGE, "Chủ hộ kinh doanh");

  await openTask(page, CHANGE, "Vốn kinh doanh");
  await answerYesNo(page, "Vốn kinh doanh có thay đổi không?", true);
  await expectQuestion(page, "Vốn kinh doanh sau khi thay đổi");
  await page.getByLabel("Vốn kinh doanh mới (đồng)").fill("80 000 000");
  await next(page);

  await openTask(page, CHANGE, "Thông tin về thuế");
  await answerYesNo(page, "Thông tin về thuế có thay đổi không?", true);
  await expectQuestion(page, "Thông tin thuế mới");
  await page.getByLabel("Số người lao động mới").fill("3");
  await next(page);

  await openTask(page, CHANGE, "Nhận kết quả");
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận trực tiếp tại bộ phận một cửa");
  await next(page);

  await page.getByRole("link", { name: "Kiểm tra lại và nộp" }).click();
  await expectCheckPage(page);
  await expect(answerRow(page, "Vốn kinh doanh mới (đồng)")).toHaveText("80.000.000 đồng");
  await expect(answerRow(page, "Họ, chữ đệm và tên của chủ hộ mới")).toHaveText("Lê Thị Mai");
  return submitAndReadReceipt(page, "TDHKD", "UBND phường Thành Nhất", "Trần Văn Hòa");
}

// --- Chấm dứt hoạt động: household-founded, so the meeting minutes are asked ---

export async function fileHouseholdBusinessTermination(page: Page) {
  await startProcedure(page, "Chấm dứt hoạt động hộ kinh doanh");
  await chooseOffice(page, "UBND xã Hòa Phú");
  await expectQuestion(page, "Hộ kinh doanh thôi hoạt động");
  await page.getByLabel("Tên hộ kinh doanh").fill("Hộ kinh doanh Tạp Hóa Hòa Bình");
  await page.getByLabel("Mã số hộ kinh doanh hoặc mã số thuế").fill("066065012345");
  await typeDateIn(page, "Ngày cấp (lần gần nhất)", ["20", "5", "2019"]);
  await next(page);
  await expectQuestion(page, "Hộ kinh doanh thôi hoạt động từ ngày nào?");
  await typeDate(page, ...daysAhead(6));
  await next(page);
  await expectQuestion(page, "Vì sao hộ kinh doanh thôi hoạt động?");
  await page.getByLabel("Lý do chấm dứt").fill("Chủ hộ đã lớn tuổi, không còn người trông cửa hàng.");
  await next(page);
  await answerYesNo(page, "Hộ kinh doanh có do các thành viên hộ gia đình cùng thành lập không?", true);
  await expectQuestion(page, "Biên bản họp hộ gia đình");
  await typeDate(page, ...daysAgo(10));
  await page.getByLabel("Số thành viên dự họp").fill("3");
  await next(page);
  await expectQuestion(page, "Cam kết của chủ hộ");
  await page.getByRole("checkbox").check();
  await next(page);
  await expectQuestion(page, "Bạn là ai đối với hộ kinh doanh?");
  await choose(page, "Chủ hộ kinh doanh");
  await next(page);
  await expectQuestion(page, "Họ và tên của bạn là gì?");
  await page.getByLabel("Họ, chữ đệm và tên", { exact: true }).fill("Trần Văn Hòa");
  await next(page);
  await expectQuestion(page, "Ngày sinh và số căn cước của bạn");
  await typeDate(page, "12", "4", "1965");
  await page.getByLabel("Số căn cước (số định danh cá nhân)").fill("066065012345");
  await next(page);
  await expectQuestion(page, "Địa chỉ và số điện thoại của bạn");
  await page.getByLabel("Địa chỉ", { exact: true }).fill("Thôn 3, xã Hòa Phú, Đắk Lắk");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận bản điện tử qua mạng");
  await next(page);

  await expectCheckPage(page);
  await expect(answerRow(page, "Tôi cam kết")).toHaveText("Đã cam kết");
  return submitAndReadReceipt(page, "CDHKD", "UBND xã Hòa Phú", "Trần Văn Hòa");
}

// --- Gia hạn giấy phép xây dựng: an organisation, so its representative is asked ---

export async function fileConstructionPermitExtension(page: Page) {
  await startProcedure(page, "Gia hạn giấy phép xây dựng");
  await chooseOffice(page, "UBND phường Buôn Ma Thuột");
  // Works of grade I and above go to the province: the ward stops them, saying where to go.
  await expectQuestion(page, "Công trình thuộc loại nào?");
  await choose(page, "Công trình cấp đặc biệt, cấp I hoặc cấp II");
  await next(page);
  await expectQuestion(page, "Công trình thuộc loại nào?");
  await expect(page.getByRole("alert")).toContainText("Sở Xây dựng tỉnh");
  await choose(page, "Công trình cấp III hoặc cấp IV");
  await next(page);
  await expectQuestion(page, "Ai là chủ đầu tư của công trình?");
  await choose(page, "Cơ quan, tổ chức, doanh nghiệp");
  await next(page);
  await expectQuestion(page, "Tên chủ đầu tư");
  await page.getByLabel("Tên chủ đầu tư").fill("Công ty TNHH Xây dựng Ban Mê");
  await next(page);
  await expectQuestion(page, "Người đại diện của tổ chức");
  await page.getByLabel("Họ, chữ đệm và tên người đại diện").fill("Nguyễn Văn An");
  await page.getByLabel("Chức vụ").fill("Giám đốc");
  await next(page);
  await expectQuestion(page, "Địa chỉ liên hệ và số điện thoại");
  await page.getByLabel("Địa chỉ liên hệ").fill("1 Lý Nam Đế, phường Buôn Ma Thuột, Đắk Lắk");
  await page.getByLabel("Số điện thoại di động").fill("0912 345 678");
  await next(page);
  await expectQuestion(page, "Công trình ở đâu?");
  await typeAddress(page, "Địa chỉ công trình", "Phường Buôn Ma Thuột", "20 Lý Thường Kiệt");
  await next(page);
  await expectQuestion(page, "Lô đất xây dựng");
  await page.getByLabel("Số thửa đất, số tờ bản đồ").fill("Thửa số 125, tờ bản đồ số 18");
  await page.getByLabel("Diện tích lô đất (m²)").fill("120,5");
  await next(page);
  await expectQuestion(page, "Giấy phép xây dựng đã được cấp");
  await page.getByLabel("Số giấy phép").fill("245/GPXD");
  await typeDateIn(page, "Ngày cấp", daysAgo(330));
  await page.getByLabel("Cơ quan cấp").fill("Ủy ban nhân dân thành phố Buôn Ma Thuột");
  await next(page);
  await expectQuestion(page, "Đây là lần gia hạn thứ mấy?");
  await choose(page, "Lần thứ nhất");
  await next(page);
  await expectQuestion(page, "Vì sao chưa khởi công được?");
  await page.getByLabel("Lý do xin gia hạn").fill("Chưa thu xếp đủ tiền để khởi công.");
  await next(page);
  await expectQuestion(page, "Dự kiến bao lâu thì xây xong?");
  await page.getByLabel("Số tháng dự kiến").fill("8");
  await next(page);
  await expectQuestion(page, "Cam kết của chủ đầu tư");
  await page.getByRole("checkbox").check();
  await next(page);
  await expectQuestion(page, "Bạn muốn nhận kết quả bằng cách nào?");
  await choose(page, "Nhận trực tiếp tại bộ phận một cửa");
  await next(page);

  await expectCheckPage(page);
  await expect(answerRow(page, "Địa chỉ công trình")).toHaveText(
    "20 Lý Thường Kiệt, Phường Buôn Ma Thuột, Tỉnh Đắk Lắk",
  );
  await expect(answerRow(page, "Lý do xin gia hạn")).toHaveText("Chưa thu xếp đủ tiền để khởi công.");
  return submitAndReadReceipt(page, "GHXD", "UBND phường Buôn Ma Thuột", "Công ty TNHH Xây dựng Ban Mê");
}

/** The smallest real PNG: one pixel. */
const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
