//! The head of office's dashboard and its CSV: the figures of the dossiers they may see.

use super::*;

/// The facts of the dossiers of the member's office, for the dashboard, and their scope as the
/// audit log names it.
async fn facts_for(
    state: &AppState,
    member: &StaffMember,
) -> Result<(String, Vec<Facts>), BackofficeError> {
    let ratings: std::collections::HashMap<String, i64> =
        store::all_ratings(&state.db).await?.into_iter().collect();
    let dossiers = store::dossiers_since(&state.db, None).await?;
    let scope = member.office.clone();
    let facts = dossiers
        .into_iter()
        .filter(|d| member.of_office(&d.office))
        .map(|d| super::dashboard::Facts::of(&d, ratings.get(&d.code).copied()))
        .collect();
    Ok((scope, facts))
}

/// The member's office's dossiers by channel, the last weeks to today.
async fn channels_for(
    state: &AppState,
    member: &StaffMember,
) -> Result<super::channels::Channels, sqlx::Error> {
    let today = today();
    let first = super::channels::first_day(today);
    let since = crate::state::utc_of(first.and_time(chrono::NaiveTime::MIN));
    let facts: Vec<_> = crate::assist::helped::channels_since(&state.db, &member.office, since)
        .await?
        .into_iter()
        .map(|(at, channel)| (local(at).date(), channel))
        .collect();
    Ok(super::channels::compute(&facts, today))
}

/// The figures, procedures named in `lang`.
fn figures(state: &AppState, facts: &[Facts], lang: Lang) -> dashboard::Dashboard {
    dashboard::compute(&state.calendar, facts, |id| {
        state
            .catalog
            .procedures_in(lang)
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    })
}

pub async fn load_dashboard() -> Result<DashboardData, ServerFnError> {
    let member = crate::identity::require(Role::may_see_figures).await?;
    let state = expect_context::<AppState>();
    let (scope, facts) = facts_for(&state, &member)
        .await
        .map_err(failed(Area::Office))?;
    let channels = channels_for(&state, &member)
        .await
        .map_err(failed(Area::Office))?;
    let lang = crate::prefs::lang();
    let figures = figures(&state, &facts, lang);
    audit(
        &state,
        &member,
        crate::audit::VIEW_DASHBOARD,
        &scope,
        String::new(),
    )
    .await;
    // Day and month: "23/11" in Vietnamese, "23 Nov" in English (a number first would be
    // misread by an American reader).
    let short_date = match lang {
        Lang::Vi => "%d/%m",
        Lang::En => "%-d %b",
    };
    // The last twelve weeks are enough to see a trend on a phone-sized chart.
    let weeks: Vec<Group> = figures
        .weeks
        .iter()
        .rev()
        .take(12)
        .rev()
        .map(|w| Group {
            label: w.start.format(short_date).to_string(),
            values: vec![w.received as f64, w.done as f64],
        })
        .collect();
    let medians: Vec<Group> = figures
        .procedures
        .iter()
        .filter_map(|p| {
            p.median_days.map(|m| Group {
                label: p.name.clone(),
                values: vec![m],
            })
        })
        .collect();
    let ratings: Vec<Group> = figures
        .ratings
        .iter()
        .enumerate()
        .map(|(i, n)| Group {
            label: crate::tr!("office.chart.score", score = i + 1),
            values: vec![*n as f64],
        })
        .collect();
    let year = chrono::Datelike::year(&today());
    let missing = state.calendar.missing_years(year, year + 1);
    let uncertain: Vec<i32> = (year..=year + 1)
        .filter(|y| !missing.contains(y) && state.calendar.is_uncertain(*y))
        .collect();
    let years = |list: &[i32]| {
        list.iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let calendar_warning = match (missing.is_empty(), uncertain.is_empty()) {
        (true, true) => None,
        (false, _) => Some(crate::tr!(
            "office.dashboard.calendar_missing",
            years = years(&missing)
        )),
        (true, false) => Some(crate::tr!(
            "office.dashboard.calendar_uncertain",
            years = years(&uncertain)
        )),
    };
    Ok(DashboardData {
        channels,
        calendar_warning,
        scope,
        weekly_svg: dashboard::bar_chart(
            &crate::tr!("office.chart.weekly"),
            &[
                &crate::tr!("office.dashboard.col_received"),
                &crate::tr!("office.dashboard.col_done_week"),
            ],
            &weeks,
        ),
        median_svg: dashboard::bar_chart(
            &crate::tr!("office.chart.medians"),
            &[&crate::tr!("office.chart.working_days")],
            &medians,
        ),
        ratings_svg: dashboard::bar_chart(
            &crate::tr!("office.chart.ratings"),
            &[&crate::tr!("office.chart.rating_count")],
            &ratings,
        ),
        figures,
    })
}

/// `/can-bo/bang-theo-doi.csv`: the dashboard's figures as a spreadsheet.
pub async fn dashboard_csv(
    state: AppState,
    request: http::request::Parts,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{StatusCode, header};
    let lang = lang_of(&request.headers);
    let client = crate::limits::client_of(&request, &state.trusted_proxies);
    let member = crate::identity::signed_in_by(&state, &request.headers).await;
    let member = match member {
        Some(member) if member.role.may_see_figures() => member,
        refused => {
            if let Some(member) = refused {
                audit_refused_page(&state, &member, DASHBOARD_CSV_URL, client).await;
            }
            return (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    format!("{}?tiep={DASHBOARD_CSV_URL}", crate::paths::STAFF_LOGIN_URL),
                )],
            )
                .into_response();
        }
    };
    let found = match facts_for(&state, &member).await {
        Ok(found) => channels_for(&state, &member)
            .await
            .map(|channels| (found, channels))
            .map_err(BackofficeError::from),
        Err(error) => Err(error),
    };
    let ((scope, facts), channels) = match found {
        Ok(found) => found,
        Err(error) => {
            tracing::error!("dashboard csv: {error}");
            let busy = rust_i18n::t!("office.error.busy_short", locale = lang.code());
            return (StatusCode::SERVICE_UNAVAILABLE, busy.into_owned()).into_response();
        }
    };
    audit_from(
        &state,
        &member,
        crate::audit::EXPORT_DASHBOARD,
        &scope,
        String::new(),
        client,
    )
    .await;
    let mut csv = dashboard::to_csv(&figures(&state, &facts, lang), lang);
    csv.push_str(&super::channels::to_csv(&channels, lang));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"bang-theo-doi-{}.csv\"", today()),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        csv,
    )
        .into_response()
}
