//! A generator of realistic dossiers over several weeks (procedures, offices, supplements, late
//! ones, ratings), from a seed: the same seed gives the same dossiers. The demo, the dashboard
//! test and the benchmark use it (`server seed-dossiers --count N --seed S`).
//!
//! Each dossier is simulated as a clerk would move it, and the plan (how many working days it
//! took, whether it was late) is kept so tests can check the dashboard against it.

use crate::db::Db;
use crate::dossiers::store::{self, Actor, BackofficeError};
use crate::i18n::PageCatalog;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use domain::catalog::Catalog;
use domain::lifecycle::{Action, Status};
use domain::procedure::{Answers, Procedure};
use domain::working_days::Calendar;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The wards of Buôn Ma Thuột the demo offices are (app/procedures/lists.toml).
pub const OFFICES: [&str; 6] = [
    "UBND phường Buôn Ma Thuột",
    "UBND phường Tân An",
    "UBND phường Tân Lập",
    "UBND phường Thành Nhất",
    "UBND phường Ea Kao",
    "UBND xã Hòa Phú",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Y",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức"];
const GIVEN: [&str; 10] = [
    "An", "Bình", "Châu", "Dung", "Hoa", "Khoa", "Lan", "Nam", "Phúc", "Sa",
];
const MISSING: [&str; 4] = [
    "Bản sao giấy chứng sinh",
    "Ảnh chụp rõ căn cước công dân hai mặt",
    "Giấy xác nhận tình trạng hôn nhân",
    "Hợp đồng thuê địa điểm kinh doanh",
];
const COMMENTS: [&str; 4] = [
    "Nhanh, cán bộ nhiệt tình.",
    "Phải bổ sung giấy tờ nhiều lần.",
    "Dễ làm trên điện thoại.",
    "Trả kết quả chậm.",
];

/// One generated dossier: its final state, its history, its rating, and the plan behind it.
#[derive(Clone, Debug)]
pub struct Seeded {
    pub dossier: store::Dossier,
    pub events: Vec<(DateTime<Utc>, Action, Status, Option<String>)>,
    pub rating: Option<(i64, Option<String>)>,
    /// Working days of processing (pauses left out), when done.
    pub planned_days: Option<u32>,
    /// Done after the statutory due date.
    pub planned_late: bool,
    /// The Mẫu 01 receipt of a received dossier.
    pub reception: Option<store::Reception>,
}

fn utc(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    crate::state::vietnam()
        .from_local_datetime(&day.and_time(time))
        .single()
        .expect("UTC+7 has no gaps")
        .with_timezone(&Utc)
}

/// The working day on or before `day`.
fn working_on_or_before(calendar: &Calendar, mut day: NaiveDate) -> NaiveDate {
    while !calendar.is_working_day(day) {
        day -= Duration::days(1);
    }
    day
}

fn applicant_answers(procedure: &Procedure, rng: &mut StdRng) -> Answers {
    let mut answers = Answers::new();
    let name = format!(
        "{} {} {}",
        FAMILY[rng.random_range(0..FAMILY.len())],
        MIDDLE[rng.random_range(0..MIDDLE.len())],
        GIVEN[rng.random_range(0..GIVEN.len())]
    );
    answers.insert(procedure.applicant.name.clone(), name);
    if let Some(field) = &procedure.applicant.id_number {
        answers.insert(
            field.clone(),
            format!("0660{:08}", rng.random_range(0..100_000_000u32)),
        );
    }
    if let Some(field) = &procedure.applicant.phone {
        answers.insert(
            field.clone(),
            format!("09{:08}", rng.random_range(0..100_000_000u32)),
        );
    }
    answers
}

/// `count` dossiers submitted over the `weeks` weeks before `today`.
pub fn generate(
    catalog: &Catalog,
    calendar: &Calendar,
    count: usize,
    seed: u64,
    today: NaiveDate,
    weeks: u32,
) -> Vec<Seeded> {
    let mut rng = StdRng::seed_from_u64(seed);
    let procedures = catalog.procedures();
    let clerk = Actor {
        id: "seed-clerk".into(),
        name: "Cán bộ (dữ liệu mẫu)".into(),
    };
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let procedure = &procedures[rng.random_range(0..procedures.len())];
        let office = OFFICES[rng.random_range(0..OFFICES.len())];
        let back = rng.random_range(0..(weeks * 7).max(1));
        let submitted_day = working_on_or_before(calendar, today - Duration::days(i64::from(back)));
        // Received in the morning, so a same-day procedure is due the day it is received.
        let submitted_at = utc(
            submitted_day,
            NaiveTime::from_hms_opt(rng.random_range(7..11), rng.random_range(0..60), 0).unwrap(),
        );
        let received_at = submitted_at + Duration::minutes(rng.random_range(5..55));
        let due = calendar.due_date(
            crate::state::local(received_at),
            procedure.processing_days,
            procedure.same_day_cutoff(),
        );
        let code = format!(
            "{}-{}-M{:03}{n:05}",
            procedure.code_prefix,
            submitted_day.format("%y%m%d"),
            seed % 1000
        );
        let mut dossier = store::Dossier {
            code,
            draft_id: format!("seed{seed}n{n}"),
            procedure_id: procedure.id.clone(),
            office: office.into(),
            answers: applicant_answers(procedure, &mut rng),
            status: Status::Submitted,
            version: 1,
            submitted_at,
            received_at: None,
            done_at: None,
            returned_at: None,
            due_date: due,
            first_due_date: due,
            supplement_note: None,
            paused_on: None,
            paused_days: 0,
            supplements: 0,
            due_at: None,
            apologies: 0,
        };
        let mut events = Vec::new();
        let mut seeded = Seeded {
            dossier: dossier.clone(),
            events: Vec::new(),
            rating: None,
            planned_days: None,
            planned_late: false,
            reception: None,
        };
        let push = |dossier: &mut store::Dossier,
                    events: &mut Vec<(DateTime<Utc>, Action, Status, Option<String>)>,
                    at: DateTime<Utc>,
                    action: Action,
                    note: Option<String>| {
            let change = store::Change {
                action,
                actor: clerk.clone(),
                note: note.clone(),
                new_due: None,
                add_answers: Answers::new(),
                clock: None,
                reception: (action == Action::Receive).then(|| {
                    crate::dossiers::reception::reception(
                        calendar,
                        procedure,
                        dossier,
                        at,
                        crate::dossiers::reception::listed_documents(procedure),
                        1,
                    )
                }),
                now: at,
                today: crate::state::local(at).date(),
            };
            let after = store::changed(calendar, dossier, &change).expect("a planned move");
            *dossier = after;
            events.push((at, action, dossier.status, note));
        };
        // The newest dossiers, submitted today, may still wait to be received.
        if submitted_day == today && rng.random_bool(0.5) {
            seeded.dossier = dossier;
            out.push(seeded);
            continue;
        }
        push(
            &mut dossier,
            &mut events,
            received_at,
            Action::Receive,
            None,
        );
        if rng.random_bool(0.03) {
            push(
                &mut dossier,
                &mut events,
                received_at + Duration::minutes(30),
                Action::Stop,
                Some("Hồ sơ không thuộc thẩm quyền của phường.".into()),
            );
            seeded.dossier = dossier;
            seeded.events = events;
            out.push(seeded);
            continue;
        }
        let received_day = crate::state::local(received_at).date();
        push(
            &mut dossier,
            &mut events,
            received_at + Duration::minutes(60),
            Action::StartProcessing,
            None,
        );
        // Planned working days of processing: most on time, some late by 1-3 days.
        let statutory = procedure.processing_days;
        let late = rng.random_bool(0.15);
        let k = if late {
            statutory + rng.random_range(1..=3)
        } else {
            rng.random_range(0..=statutory)
        };
        // A fifth need a supplement, asked the day of receipt, supplied 0-4 working days later.
        let mut paused = 0;
        if rng.random_bool(0.2) {
            let asked_at = received_at + Duration::minutes(90);
            push(
                &mut dossier,
                &mut events,
                asked_at,
                Action::RequestSupplement,
                Some(MISSING[rng.random_range(0..MISSING.len())].into()),
            );
            paused = rng.random_range(0..=4);
            let supplied_day = calendar.add_working_days(received_day, paused);
            if supplied_day > today {
                seeded.dossier = dossier;
                seeded.events = events;
                out.push(seeded);
                continue;
            }
            let supplied_at = utc(supplied_day, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
            push(
                &mut dossier,
                &mut events,
                supplied_at,
                Action::ProvideSupplement,
                None,
            );
        }
        let done_day = calendar.add_working_days(received_day, k + paused);
        if done_day > today {
            seeded.dossier = dossier;
            seeded.events = events;
            out.push(seeded);
            continue;
        }
        let done_at = utc(done_day, NaiveTime::from_hms_opt(16, 0, 0).unwrap());
        push(&mut dossier, &mut events, done_at, Action::MarkDone, None);
        seeded.planned_days = Some(k);
        seeded.planned_late = k > statutory;
        let returned_day = calendar.add_working_days(done_day, rng.random_range(0..=2));
        if returned_day <= today {
            let returned_at = utc(returned_day, NaiveTime::from_hms_opt(16, 30, 0).unwrap());
            push(
                &mut dossier,
                &mut events,
                returned_at,
                Action::ReturnResult,
                None,
            );
            if rng.random_bool(0.7) {
                let score = if late {
                    rng.random_range(1..=4)
                } else {
                    rng.random_range(3..=5)
                };
                let comment = rng
                    .random_bool(0.3)
                    .then(|| COMMENTS[rng.random_range(0..COMMENTS.len())].to_string());
                seeded.rating = Some((score, comment));
            }
        }
        seeded.dossier = dossier;
        seeded.events = events;
        out.push(seeded);
    }
    for seeded in &mut out {
        let dossier = &seeded.dossier;
        let procedure = catalog.procedure(&dossier.procedure_id);
        seeded.reception = procedure.zip(dossier.received_at).map(|(procedure, at)| {
            let documents = crate::dossiers::reception::listed_documents(procedure);
            crate::dossiers::reception::reception(calendar, procedure, dossier, at, documents, 1)
        });
    }
    out
}

/// Writes generated dossiers (with a draft each, their history and ratings).
pub async fn insert(db: &Db, seeded: &[Seeded]) -> Result<(), BackofficeError> {
    let clerk_id = "seed-clerk";
    for chunk in seeded.chunks(200) {
        let mut tx = db.pool.begin().await?;
        for s in chunk {
            let d = &s.dossier;
            let answers = serde_json::to_string(&d.answers)
                .map_err(|e| BackofficeError::Corrupt(e.to_string()))?;
            let submitted = d.submitted_at.to_rfc3339();
            sqlx::query(
                "INSERT INTO drafts (id, code_hash, procedure_id, answers, version, created_at,
                     updated_at, dossier_code)
                 VALUES ($1, $2, $3, $4, 2, $5, $5, $6)",
            )
            .bind(&d.draft_id)
            .bind(crate::drafts::store::code_hash(&d.draft_id))
            .bind(&d.procedure_id)
            .bind(&answers)
            .bind(&submitted)
            .bind(&d.code)
            .execute(&mut *tx)
            .await?;
            let opt = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339());
            sqlx::query(
                "INSERT INTO dossiers (code, draft_id, procedure_id, office, answers, status,
                     submitted_at, due_date, version, received_at, done_at, returned_at,
                     supplement_note, paused_on, paused_days, supplements, first_due_date,
                     due_at, apologies, portal_code)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                     $17, $18, $19, $20)",
            )
            .bind(&d.code)
            .bind(&d.draft_id)
            .bind(&d.procedure_id)
            .bind(&d.office)
            .bind(&answers)
            .bind(d.status.as_str())
            .bind(&submitted)
            .bind(d.due_date.to_string())
            .bind(1 + s.events.len() as i64)
            .bind(opt(d.received_at))
            .bind(opt(d.done_at))
            .bind(opt(d.returned_at))
            .bind(d.supplement_note.clone())
            .bind(d.paused_on.map(|p| p.to_string()))
            .bind(d.paused_days)
            .bind(d.supplements)
            .bind(d.first_due_date.to_string())
            .bind(opt(d.due_at))
            .bind(d.apologies)
            .bind(i64::from(d.status.portal_code()))
            .execute(&mut *tx)
            .await?;
            if let (Some(reception), Some(at)) = (&s.reception, d.received_at) {
                let clerk = Actor {
                    id: clerk_id.into(),
                    name: "Cán bộ (dữ liệu mẫu)".into(),
                };
                store::issue_receipt(&mut tx, d, &clerk, at, reception).await?;
            }
            store::insert_event(
                &mut tx,
                &d.code,
                1,
                d.submitted_at,
                &Actor::citizen(),
                "submit",
                None,
                Status::Submitted,
                None,
            )
            .await?;
            let mut from = Status::Submitted;
            for (i, (at, action, to, note)) in s.events.iter().enumerate() {
                let actor = if *action == Action::ProvideSupplement {
                    Actor::citizen()
                } else {
                    Actor {
                        id: clerk_id.into(),
                        name: "Cán bộ (dữ liệu mẫu)".into(),
                    }
                };
                store::insert_event(
                    &mut tx,
                    &d.code,
                    2 + i as i64,
                    *at,
                    &actor,
                    action.as_str(),
                    Some(from),
                    *to,
                    note.as_deref(),
                )
                .await?;
                from = *to;
            }
            if let Some((score, comment)) = &s.rating {
                sqlx::query(
                    "INSERT INTO ratings (dossier_code, score, comment, created_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&d.code)
                .bind(score)
                .bind(comment.clone())
                .bind(d.returned_at.unwrap_or(d.submitted_at).to_rfc3339())
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backoffice::dashboard;
    use crate::db::testing::databases;
    use std::collections::{BTreeMap, HashMap};

    fn catalog() -> Catalog {
        Catalog::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures")).unwrap()
    }

    fn calendar() -> Calendar {
        Calendar::from_toml(include_str!("../../calendar/holidays.toml")).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_dossiers() {
        let (catalog, calendar) = (catalog(), calendar());
        let a = generate(&catalog, &calendar, 50, 7, today(), 6);
        let b = generate(&catalog, &calendar, 50, 7, today(), 6);
        let c = generate(&catalog, &calendar, 50, 8, today(), 6);
        let key = |s: &[Seeded]| {
            s.iter()
                .map(|s| (s.dossier.code.clone(), s.dossier.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&a), key(&b));
        assert_ne!(
            a.iter()
                .map(|s| s.dossier.answers.clone())
                .collect::<Vec<_>>(),
            c.iter()
                .map(|s| s.dossier.answers.clone())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_set_is_realistic() {
        let seeded = generate(&catalog(), &calendar(), 600, 42, today(), 8);
        let count = |f: &dyn Fn(&Seeded) -> bool| seeded.iter().filter(|s| f(s)).count();
        assert!(count(&|s| s.dossier.supplements > 0) > 60, "supplements");
        assert!(count(&|s| s.planned_late) > 30, "late ones");
        assert!(count(&|s| s.rating.is_some()) > 150, "ratings");
        assert!(
            count(&|s| s.dossier.status == Status::Stopped) > 3,
            "refusals"
        );
        assert!(count(&|s| s.dossier.status.is_open()) > 5, "open ones");
        let offices: std::collections::HashSet<&str> =
            seeded.iter().map(|s| s.dossier.office.as_str()).collect();
        assert_eq!(offices.len(), OFFICES.len());
    }

    /// The dashboard, read back from the database, against answers worked out here from the
    /// generator's plan (not from the dashboard's own arithmetic).
    #[tokio::test]
    async fn the_dashboard_of_a_seeded_set_gives_the_known_answers() {
        let (catalog, calendar) = (catalog(), calendar());
        let seeded = generate(&catalog, &calendar, 400, 2026, today(), 6);
        for db in databases().await {
            insert(&db, &seeded).await.unwrap();
            let ratings: HashMap<String, i64> =
                store::all_ratings(&db).await.unwrap().into_iter().collect();
            let facts: Vec<_> = store::dossiers_since(&db, None)
                .await
                .unwrap()
                .iter()
                .map(|d| crate::backoffice::dashboard::Facts::of(d, ratings.get(&d.code).copied()))
                .collect();
            assert_eq!(facts.len(), 400);
            let figures = dashboard::compute(&calendar, &facts, |id| id.to_string());

            let received = seeded
                .iter()
                .filter(|s| s.dossier.received_at.is_some())
                .count();
            let done: Vec<&Seeded> = seeded.iter().filter(|s| s.planned_days.is_some()).collect();
            let on_time = done.iter().filter(|s| !s.planned_late).count();
            let supplemented = seeded.iter().filter(|s| s.dossier.supplements > 0).count();
            let mut days: Vec<u32> = done.iter().map(|s| s.planned_days.unwrap()).collect();
            days.sort();
            let median = if days.len() % 2 == 1 {
                f64::from(days[days.len() / 2])
            } else {
                f64::from(days[days.len() / 2 - 1] + days[days.len() / 2]) / 2.0
            };
            let mut stars = [0usize; 5];
            for s in &seeded {
                if let Some((score, _)) = s.rating {
                    stars[score as usize - 1] += 1;
                }
            }
            assert_eq!(figures.received, received);
            assert_eq!(figures.done, done.len());
            assert_eq!(figures.on_time, on_time);
            assert_eq!(figures.with_supplement, supplemented);
            assert_eq!(figures.median_days, Some(median));
            assert_eq!(figures.ratings, stars);
            // Per procedure: done counts and medians from the plan.
            let mut per: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
            for s in &done {
                per.entry(s.dossier.procedure_id.as_str())
                    .or_default()
                    .push(s.planned_days.unwrap());
            }
            for p in &figures.procedures {
                let planned = per
                    .get(p.procedure_id.as_str())
                    .cloned()
                    .unwrap_or_default();
                assert_eq!(p.done, planned.len(), "{}", p.procedure_id);
                assert_eq!(
                    p.median_days,
                    dashboard::median(&mut planned.clone()),
                    "{}",
                    p.procedure_id
                );
            }
            // Weeks: done per Monday-starting week, from the plan's done dates.
            let mut weekly: BTreeMap<NaiveDate, usize> = BTreeMap::new();
            for s in &done {
                let day = crate::state::local(s.dossier.done_at.unwrap()).date();
                *weekly.entry(dashboard::week_start(day)).or_default() += 1;
            }
            let from_dashboard: BTreeMap<NaiveDate, usize> = figures
                .weeks
                .iter()
                .filter(|w| w.done > 0)
                .map(|w| (w.start, w.done))
                .collect();
            assert_eq!(from_dashboard, weekly);
            assert!(figures.on_time < figures.done && figures.on_time * 10 > figures.done * 7);
        }
    }
}
