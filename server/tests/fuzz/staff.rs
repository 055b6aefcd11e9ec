//! The staff, lookup and kiosk routes: pages and form posts, from a stranger (no session, or a
//! session token of their own making) and from a clerk of office A signed in, with forms that
//! name real dossiers of offices A and B.

use super::*;
use crate::values::percent_encode;

/// Staff pages that need a session: a stranger is sent to the sign-in page.
const STAFF_PAGES: [&str; 8] = [
    "/can-bo",
    "/can-bo/quan-tri",
    "/can-bo/nhat-ky",
    "/can-bo/nop-ho-so",
    "/can-bo/ho-so",
    "/can-bo/bang-theo-doi",
    "/can-bo/ho-so?trang=999999&tim=%00",
    "/can-bo/nhat-ky?ai=%27%20OR%201%3D1",
];

const POSTS: [&str; 41] = [
    "/api/can-bo/dang-nhap",
    "/api/can-bo/tiep-tuc-phien",
    "/api/can-bo/dang-xuat",
    "/api/can-bo/dang-xuat-moi-noi",
    "/api/can-bo/xu-ly",
    "/api/can-bo/xu-ly",
    "/api/can-bo/xu-ly",
    "/api/can-bo/ho-so",
    "/api/can-bo/ho-so/xem",
    "/api/can-bo/ho-so/xem",
    "/api/can-bo/bang-theo-doi",
    "/api/can-bo/nop-ho-so",
    "/api/can-bo/khai-giup",
    "/api/can-bo/mo-bang-ma",
    "/api/can-bo/xac-nhan-nop",
    "/api/can-bo/cach-xac-nhan",
    "/api/can-bo/ban-khai-in",
    "/api/can-bo/da-ky-ban-in",
    "/api/can-bo/gui-ma-sms",
    "/api/can-bo/nhap-ma-sms",
    "/api/can-bo/xac-nhan-dt",
    "/api/can-bo/xac-nhan-dt/trang-thai",
    "/api/can-bo/tao-tai-khoan",
    "/api/can-bo/dat-lai-mat-khau",
    "/api/can-bo/trang-thai-tai-khoan",
    "/api/can-bo/kiosk/tao",
    "/api/can-bo/kiosk/thu-hoi",
    "/api/can-bo/nhat-ky",
    "/api/can-bo/quan-tri",
    "/api/tra-cuu",
    "/api/tra-cuu/xem",
    "/api/tra-cuu/phieu",
    "/api/danh-gia",
    "/api/bo-sung",
    "/api/kiosk/dang-ky",
    "/api/kiosk/ket-thuc",
    "/api/kiosk/day-la",
    "/api/kiosk/lien-ket",
    "/api/xac-nhan/mo",
    "/api/xac-nhan/tra-loi",
    "/api/xac-nhan/xem",
];

const NAMES: [&str; 22] = [
    "ma",
    "ma",
    "phien_ban",
    "hanh_dong",
    "ghi_chu",
    "ngay_hen",
    "ten",
    "mat_khau",
    "tiep",
    "diem",
    "y_kien",
    "so_cuoi",
    "so",
    "trang",
    "tim",
    "vai_tro",
    "co_quan",
    "tra_loi",
    "giay_to[0]",
    "id",
    "ai",
    "x[y][z]",
];

/// A clerk of office A signed in, and dossiers of offices A and B with their applicants' names,
/// which a stranger may never be shown, nor the clerk those of office B.
pub(crate) struct Offices {
    pub clerk: String,
    pub own: Vec<app::dossiers::store::Dossier>,
    pub other: Vec<app::dossiers::store::Dossier>,
    pub own_names: Vec<String>,
    pub other_names: Vec<String>,
}

impl Fuzzer {
    /// A request to a staff, lookup or kiosk route; `Some` names the applicants the answer may
    /// not show (a stranger: none of the dossiers; the clerk: office B's).
    pub(crate) fn staff_case(&mut self) -> (Request<Body>, Follow) {
        let clerk = self.rng.random_bool(0.4);
        let cookie = if clerk {
            Some(self.offices.clerk.clone())
        } else {
            match self.rng.random_range(0..4) {
                0 => None,
                1 => Some(format!("mc_can_bo={}", self.garbage_token())),
                2 => Some("mc_can_bo=; mc_can_bo=x; mc_kiosk=abc".into()),
                _ => self.cookie(),
            }
        };
        let hidden = if clerk {
            Follow::Hides(self.offices.other_names.clone())
        } else {
            let mut all = self.offices.own_names.clone();
            all.extend(self.offices.other_names.iter().cloned());
            Follow::Hides(all)
        };
        if self.rng.random_bool(0.35) {
            let (path, stranger_signs_in) = self.staff_page();
            let mut request = Request::get(&path)
                .header(header::HOST, HOST)
                .header(header::ACCEPT, "text/html");
            if let Some(cookie) = &cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let follow = if stranger_signs_in && !clerk {
                Follow::SignIn
            } else {
                hidden
            };
            return (request.body(Body::empty()).unwrap(), follow);
        }
        let mut path = POSTS.choose(&mut self.rng).unwrap().to_string();
        // Argon2 makes a sign-in slow by design; a few are enough. Nor does the clerk sign out.
        let slow = path == "/api/can-bo/dang-nhap" && self.rng.random_bool(0.8);
        if slow || (clerk && path.contains("dang-xuat")) {
            path = "/api/can-bo/ho-so/xem".into();
        }
        let form = self.staff_form();
        let body = if self.rng.random_bool(0.8) {
            self.encode_cleanly(&form)
        } else {
            self.encode(&form)
        };
        let content_type = self.form_content_type();
        let request = self.post_as(cookie, &path, content_type, body);
        (request, hidden)
    }

    /// A staff page, and whether a stranger must be sent to sign in.
    fn staff_page(&mut self) -> (String, bool) {
        let dossier = self.any_dossier();
        let code = dossier
            .as_ref()
            .map(|d| d.code.clone())
            .unwrap_or_else(|| percent_encode(&self.garbage_text(20)));
        let garbage = percent_encode(&self.garbage_text(30));
        match self.rng.random_range(0..12) {
            0..=3 => (STAFF_PAGES.choose(&mut self.rng).unwrap().to_string(), true),
            4 => (app::backoffice::dossier_url(&code), true),
            5 => (format!("/can-bo/ho-so/{garbage}"), true),
            6 => (
                format!("/can-bo/tep/{code}/ABCDEFGHJKLMNPQRSTUV.png"),
                false,
            ),
            7 => ("/can-bo/bang-theo-doi.csv".into(), false),
            8 => (
                format!("/can-bo/dang-nhap?tiep={garbage}&loi={garbage}"),
                false,
            ),
            9 => (
                [
                    format!("/tra-cuu?ma={code}"),
                    format!("/tra-cuu/phieu?ma={code}&so=1"),
                    format!("/tra-cuu?ma={garbage}"),
                    "/tra-cuu".into(),
                ]
                .choose(&mut self.rng)
                .unwrap()
                .clone(),
                false,
            ),
            10 => (
                [
                    "/kiosk".to_string(),
                    format!("/kiosk/dang-ky?ma={garbage}"),
                    format!("/kiosk/dang-ky?ma={}", "A".repeat(300)),
                ]
                .choose(&mut self.rng)
                .unwrap()
                .clone(),
                false,
            ),
            _ => (format!("/xac-nhan/{garbage}"), false),
        }
    }

    /// A form a staff, lookup or kiosk page might send, naming real dossiers now and then.
    fn staff_form(&mut self) -> Vec<(String, String)> {
        let mut form = Vec::new();
        if let Some(dossier) = self.any_dossier() {
            form.push(("ma".to_string(), dossier.code.clone()));
            form.push(("phien_ban".to_string(), dossier.version.to_string()));
            let action = domain::lifecycle::ALL_ACTIONS
                .choose(&mut self.rng)
                .unwrap()
                .as_str()
                .to_string();
            form.push(("hanh_dong".to_string(), action));
        }
        for _ in 0..self.rng.random_range(0..6) {
            let name = NAMES.choose(&mut self.rng).unwrap().to_string();
            let value = if self.rng.random_bool(0.5) {
                self.bad_value()
            } else {
                [
                    "co",
                    "1",
                    "5",
                    "admin",
                    "head",
                    OFFICE_B,
                    "2099-01-01",
                    "//evil.example",
                ]
                .choose(&mut self.rng)
                .unwrap()
                .to_string()
            };
            form.push((name, value));
        }
        if self.rng.random_bool(0.2) {
            self.mutate(&mut form);
        }
        form
    }

    fn any_dossier(&mut self) -> Option<app::dossiers::store::Dossier> {
        if self.rng.random_bool(0.3) {
            return None;
        }
        let own = self.rng.random_bool(0.5);
        let list = if own {
            &self.offices.own
        } else {
            &self.offices.other
        };
        list.choose(&mut self.rng).cloned()
    }

    fn garbage_token(&mut self) -> String {
        (0..self.rng.random_range(0..60))
            .map(|_| self.rng.random_range(b'!'..=b'~') as char)
            .filter(|c| *c != ';')
            .collect()
    }
}
