//! A clerk's queue: their office's dossiers, filtered, in a stable order, one page at a time.
//! Every view is in the audit log, a search by ID number as such.

use super::*;

fn row_of(state: &AppState, dossier: &store::Dossier, today: NaiveDate) -> QueueRow {
    let (name, id_number) = applicant(state, dossier);
    QueueRow {
        code: dossier.code.clone(),
        procedure_id: dossier.procedure_id.clone(),
        procedure_name: state
            .catalog
            .procedure(&dossier.procedure_id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| dossier.procedure_id.clone()),
        applicant: name,
        id_number,
        status: dossier.status,
        submitted: crate::i18n::format_date_time(local(dossier.submitted_at)),
        due_date: dossier.due_date,
        urgency: Urgency::of(dossier.status, dossier.due_date, today),
    }
}

pub async fn load_queue(filters: QueueFilters, page: usize) -> Result<QueueData, ServerFnError> {
    let member = crate::identity::require(Role::may_open_dossiers).await?;
    let state = expect_context::<AppState>();
    let today = today();
    let filters = QueueFilters {
        search: filters.search.chars().take(100).collect(),
        ..filters
    };
    let dossiers =
        store::office_dossiers_in(&state.db, &member.office, filters.statuses().as_deref())
            .await
            .map_err(failed(Area::Office))?;
    let mut rows: Vec<QueueRow> = dossiers
        .iter()
        // The store asked for this office's only; said again where it counts.
        .filter(|dossier| member.may_open(&dossier.office))
        .map(|dossier| row_of(&state, dossier, today))
        .collect();
    let overdue = rows
        .iter()
        .filter(|r| r.urgency == Urgency::Overdue)
        .count();
    let due_today = rows
        .iter()
        .filter(|r| r.urgency == Urgency::DueToday)
        .count();
    rows.retain(|row| filters.keeps(row));
    order_queue(&mut rows);
    let total = rows.len();
    let (page, pages) = paginate(total, page);
    let rows: Vec<QueueRow> = rows
        .into_iter()
        .skip((page - 1) * QUEUE_PAGE_SIZE)
        .take(QUEUE_PAGE_SIZE)
        .collect();
    let shown = stored!(
        "stored.queue_page",
        page = page,
        pages = pages,
        count = total
    );
    let (action, subject, detail) = match id_number_searched(&filters.search) {
        Some(digits) => (
            audit::SEARCH_ID_NUMBER,
            digits,
            stored!(
                "stored.queue_search",
                page = shown,
                search = &filters.search
            ),
        ),
        None if filters.search.trim().is_empty() => {
            (audit::VIEW_QUEUE, member.office.clone(), shown)
        }
        None => (
            audit::VIEW_QUEUE,
            member.office.clone(),
            stored!(
                "stored.queue_search",
                page = shown,
                search = &filters.search
            ),
        ),
    };
    audit(&state, &member, action, &subject, detail).await;
    Ok(QueueData {
        office: member.office.clone(),
        staff_name: member.name.clone(),
        rows,
        procedures: state
            .catalog
            .procedures()
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
        filters,
        overdue,
        due_today,
        total,
        page,
        pages,
    })
}
