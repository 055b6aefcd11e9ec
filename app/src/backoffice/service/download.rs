//! Staff downloads of a dossier's documents: only staff of its office whose role works on
//! dossiers; every download and every refusal in the audit log, with the client address.

use super::*;

/// `/can-bo/tep/<code>/<stored name>`: a dossier's document, for staff of its office.
pub async fn staff_download(
    state: AppState,
    code: String,
    name: String,
    request: http::request::Parts,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{StatusCode, header};
    let headers = &request.headers;
    let lang = lang_of(headers);
    let client = crate::limits::client_of(&request, &state.trusted_proxies);
    let not_found = || {
        let text = rust_i18n::t!("office.error.no_document", locale = lang.code());
        (StatusCode::NOT_FOUND, text.into_owned()).into_response()
    };
    let Some(member) = crate::identity::signed_in_by(&state, headers).await else {
        return (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, crate::paths::STAFF_LOGIN_URL.to_string())],
        )
            .into_response();
    };
    if !member.role.may_open_dossiers() {
        audit_refused_page(&state, &member, request.uri.path(), client).await;
        let text = rust_i18n::t!(
            "office.error.role_no_dossiers",
            locale = lang.code(),
            role = rust_i18n::t!(member.role.key(), locale = lang.code())
        );
        return (StatusCode::FORBIDDEN, text.into_owned()).into_response();
    }
    let stored_name = crate::documents::is_stored_name(&name);
    let Ok(Some(dossier)) = store::dossier(&state.db, &code).await else {
        return not_found();
    };
    if !member.may_open(&dossier.office) {
        refused_other_office(&state, &member, &dossier, client).await;
        return not_found();
    }
    let prefix = format!("{name}/");
    if !stored_name || !dossier.answers.values().any(|a| a.starts_with(&prefix)) {
        return not_found();
    }
    let document = match state.documents.get(&dossier.draft_id, &name).await {
        Ok(Some(document)) => document,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!("a staff download: {error}");
            return not_found();
        }
    };
    audit_from(
        &state,
        &member,
        audit::DOWNLOAD_DOCUMENT,
        &code,
        name.clone(),
        client,
    )
    .await;
    (
        [
            (header::CONTENT_TYPE, document.content_type.clone()),
            (header::CONTENT_LENGTH, document.size.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            // A citizen's file never runs as our page, even if a browser shows it.
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        document.into_body(),
    )
        .into_response()
}
