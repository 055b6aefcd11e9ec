// In English, a page shows no Vietnamese interface text: only names, places and answers the
// citizen typed may stay Vietnamese (and parts marked lang="vi", such as "Tiếng Việt" on the
// language switch).
import { expect, Page } from "@playwright/test";

// Words of the interface, never of a person's or a place's name. A page that still shows one of
// them in English has a text that does not go through the translation files.
const INTERFACE_WORDS = [
  "hồ sơ",
  "tiếp tục",
  "quay lại",
  "đăng nhập",
  "đăng xuất",
  "tra cứu",
  "cán bộ",
  "tiếp nhận",
  "trạng thái",
  "ngày hẹn",
  "của bạn",
  "bạn ",
  "không",
  "tìm",
  "lưu",
  "xem",
  "gửi",
  "giây",
  "mật khẩu",
  "tên đăng nhập",
  "quản trị",
  "nhật ký",
  "thiết bị",
  "kết thúc",
  "bắt đầu",
  "thủ tục",
  "giấy tờ",
  "bổ sung",
  "xử lý",
  "quá hạn",
  "đánh giá",
  "mã ",
  "nhập",
  "chọn",
  "đã ",
  "được",
  "chưa",
  "này",
];

/** The page's own texts (text, labels, placeholders, titles), without parts marked Vietnamese. */
async function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('[lang="vi"], script, style, template').forEach((el) => el.remove());
    const attributes = Array.from(body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")).flatMap(
      (el) => ["aria-label", "placeholder", "title", "alt"].map((name) => el.getAttribute(name) ?? ""),
    );
    return [body.textContent ?? "", ...attributes].join("\n");
  });
}

/** The page is in English: `<html lang="en">`, and no interface word of Vietnamese is left. */
export async function expectEnglish(page: Page, label: string) {
  await expect(page.locator("html"), label).toHaveAttribute("lang", "en");
  await expect(page.locator("main"), `${label}: the main content is not marked Vietnamese`).not.toHaveAttribute(
    "lang",
    "vi",
  );
  const text = (await interfaceText(page)).toLowerCase().replace(/\s+/g, " ");
  const left = INTERFACE_WORDS.filter((word) => {
    const at = text.indexOf(word);
    return at >= 0 && (at === 0 || /[\s"“(]/.test(text[at - 1]));
  }).map((word) => {
    const at = text.indexOf(word);
    return `"${word.trim()}" in …${text.slice(Math.max(0, at - 40), at + 40)}…`;
  });
  expect(left, `${label}: Vietnamese interface text in English`).toEqual([]);
}
