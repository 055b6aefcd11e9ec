//! What each page of the wizard shows, read from the draft: a step, the task list, check
//! answers, the receipt, the resume code.

use super::*;

pub async fn load_step(
    step_id: &str,
    show_errors: bool,
    from_check: bool,
    show_conflict: bool,
) -> Result<DraftPage<StepPageData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let answers = &draft.answers;
    let visible: Vec<&Step> = procedure.visible_steps(answers).collect();
    let Some(number) = visible.iter().position(|step| step.id == step_id) else {
        return Ok(DraftPage::NoSuchStep {
            first_step_url: resume_url(procedure, answers, false),
        });
    };
    let step = visible[number];
    let back_url = if from_check {
        CHECK_URL.to_string()
    } else {
        match procedure.previous_step(&step.id, answers) {
            Some(previous) if procedure.task_list && previous.section != step.section => {
                TASKS_URL.to_string()
            }
            Some(previous) => step_url(&previous.id, false, false),
            None if procedure.task_list => TASKS_URL.to_string(),
            None => format!("/thu-tuc/{}", procedure.id),
        }
    };
    let fields: Vec<_> = step.visible_fields(answers).cloned().collect();
    let values: Answers = answers
        .iter()
        .filter(|(input, _)| fields.iter().any(|field| field.owns(input)))
        .map(|(input, value)| (input.clone(), value.clone()))
        .collect();
    // What this step's rules compare with on the client: the answers ID numbers are checked against.
    let context: Answers = fields
        .iter()
        .filter_map(|field| field.id_check.as_ref())
        .flat_map(|check| std::iter::once(&check.birth).chain(check.sex.as_ref()))
        .filter_map(|id| procedure.field(id))
        .filter(|other| !fields.iter().any(|field| field.id == other.id))
        .flat_map(|other| other.inputs())
        .filter_map(|input| answers.get(&input).map(|value| (input, value.clone())))
        .collect();
    let multipart = fields
        .iter()
        .any(|field| field.kind == FieldKind::Attachment);
    let waiting = match show_conflict {
        true => store::pending(&state.db, &draft.id).await?,
        false => None,
    };
    let conflicts = waiting
        .filter(|waiting| waiting.step == step.id)
        .map(|waiting| {
            let mine = merge(step, answers, &waiting.answers, &GroupAction::Continue);
            differing_answers(step, &mine, answers, None)
        })
        .filter(|differing| !differing.is_empty());
    let errors = if show_errors {
        check_step(step, answers, today(), &crate::i18n::page())
    } else {
        Vec::new()
    };
    Ok(DraftPage::Ready(StepPageData {
        procedure_name: procedure.name.clone(),
        section: step.section.clone(),
        title: step.title.clone(),
        hint: step.hint.clone(),
        meaning: step.meaning.clone(),
        number: number + 1,
        count: visible.len(),
        back_url,
        resume_code: resume_code::grouped(&code),
        conflicts,
        form: StepFormData {
            base: serde_json::to_string(&values).unwrap_or_default(),
            version: draft.version,
            action: if multipart {
                SaveStepWithFiles::url()
            } else {
                SaveStep::url()
            }
            .to_string(),
            multipart,
            step_id: step.id.clone(),
            from_check,
            fields,
            values,
            context,
            errors,
        },
    }))
}

use crate::summary::sections_of;

pub async fn load_tasks() -> Result<DraftPage<TaskListData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let today = today();
    let answers = &draft.answers;
    let mut tasks: Vec<Task> = Vec::new();
    for (title, steps) in sections_of(procedure, answers) {
        let unfinished = steps
            .iter()
            .find(|step| !check_step(step, answers, today, &crate::i18n::page()).is_empty());
        let answered = steps.iter().flat_map(|step| &step.fields).any(|field| {
            answers.iter().any(|(input, value)| {
                field.owns(input)
                    && !value.trim().is_empty()
                    && field.default.as_deref() != Some(value)
            })
        });
        let status = match (unfinished, answered) {
            (None, _) => TaskStatus::Done,
            (Some(_), true) => TaskStatus::InProgress,
            (Some(_), false) => TaskStatus::NotStarted,
        };
        let start = unfinished.copied().unwrap_or(steps[0]);
        tasks.push(Task {
            title: title.to_string(),
            url: step_url(&start.id, false, false),
            status,
        });
    }
    let complete = tasks.iter().all(|task| task.status == TaskStatus::Done);
    Ok(DraftPage::Ready(TaskListData {
        procedure_name: procedure.name.clone(),
        tasks,
        resume_code: resume_code::grouped(&code),
        complete,
    }))
}

pub async fn load_check() -> Result<DraftPage<CheckPageData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let today = today();
    let answers = &draft.answers;
    // A kiosk never opens a document: the next person would find it in its downloads.
    let on_kiosk = crate::channel::in_kiosk();
    let sections = crate::summary::sections(procedure, answers, !on_kiosk);
    let complete = sections
        .iter()
        .flat_map(|section| &section.rows)
        .all(|row| row.error.is_none());
    let assisted = crate::assist::check_block(&state, &draft.id, draft.version)
        .await
        .map_err(StoreError::from)?;
    let warnings = domain::plausibility::plausibility_warnings(procedure, answers, today)
        .into_iter()
        .map(|warning| CheckWarning {
            message: warning.problem.render(&crate::i18n::page()),
            change_url: warning
                .fields
                .first()
                .and_then(|field| {
                    procedure
                        .steps
                        .iter()
                        .find(|step| step.fields.iter().any(|f| &f.id == field))
                })
                .map(|step| step_url(&step.id, true, false))
                .unwrap_or_default(),
        })
        .collect();
    Ok(DraftPage::Ready(CheckPageData {
        warnings,
        procedure_name: procedure.name.clone(),
        sections,
        resume_code: resume_code::grouped(&code),
        documents: procedure.documents.clone(),
        complete,
        assisted,
    }))
}

pub async fn load_receipt() -> Result<DraftPage<ReceiptData>> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        return Ok(DraftPage::NoDraft);
    };
    let Some(dossier) = crate::dossiers::store::dossier_for_draft(&state.db, &draft.id).await?
    else {
        return Ok(DraftPage::NoSuchStep {
            first_step_url: CHECK_URL.to_string(),
        });
    };
    let today = today();
    let answer = |field: &Option<String>| {
        field
            .as_ref()
            .and_then(|id| procedure.field(id))
            .map(|field| display_value(field, &dossier.answers, today, &crate::i18n::page()))
            .unwrap_or_default()
    };
    let applicant = &procedure.applicant;
    // The draft cookie (or the resume code) opens this page for as long as the draft is kept;
    // the browser may not be the citizen's by then (a shared phone, a kiosk left open).
    let details_hidden = crate::state::now() - dossier.submitted_at
        >= chrono::Duration::minutes(RECEIPT_DETAILS_MINUTES);
    let detail = |field: &Option<String>| {
        if details_hidden {
            String::new()
        } else {
            answer(field)
        }
    };
    let received = local(dossier.submitted_at);
    let attachments = procedure
        .steps
        .iter()
        .flat_map(|step| &step.fields)
        .filter(|field| field.kind == FieldKind::Attachment)
        .filter_map(|field| {
            let name = domain::validate::attachment_name(dossier.answers.get(&field.id)?);
            (!name.is_empty()).then(|| format!("{}: {name}", field.label))
        })
        .collect();
    let official = crate::dossiers::store::receipt(&state.db, &dossier.code)
        .await?
        .map(|receipt| crate::dossiers::reception::official(&receipt, &procedure.name));
    let filed = crate::assist::helped::filed_with(&state.db, &dossier.code, true)
        .await
        .map_err(StoreError::from)?;
    Ok(DraftPage::Ready(ReceiptData {
        filed,
        official,
        lookup_qr_svg: qr_of_page(&state, &crate::dossiers::status_path(&dossier)),
        details_hidden,
        dossier_code: dossier.code,
        office: dossier.office,
        procedure_name: procedure.name.clone(),
        applicant_name: answer(&Some(applicant.name.clone())),
        applicant_id: detail(&applicant.id_number),
        applicant_address: detail(&applicant.address),
        applicant_phone: detail(&applicant.phone),
        documents: procedure.documents.clone(),
        processing: processing_time(procedure),
        received_at: tr!(
            "receipt.received_at",
            hour = received.format("%H"),
            minute = received.format("%M"),
            date = format_date(received.date())
        ),
        due: format_date(dossier.due_date),
        delivery: answer(&procedure.delivery_field),
        result: procedure.result.clone(),
        attachments,
    }))
}

use crate::web::qr_of_page;

pub async fn load_code() -> Result<DraftPage<CodeData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    // Scanning it opens the home page with the code already typed in.
    let grouped = resume_code::grouped(&code);
    Ok(DraftPage::Ready(CodeData {
        procedure_name: procedure.name.clone(),
        qr_svg: qr_of_page(&state, &format!("/?ma={grouped}#tiep-tuc")),
        resume_code: grouped,
        back_url: resume_url(procedure, &draft.answers, false),
    }))
}
