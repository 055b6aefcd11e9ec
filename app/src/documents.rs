//! The documents citizens send (photos and scans of their papers), where every server behind one
//! address finds them: one store behind one interface. The database is the store (SQLite alone,
//! PostgreSQL when `DATABASE_URL` says so); an S3-compatible object store could be a second
//! backend behind the same methods, its bytes in a bucket and its `documents` row here (not
//! built: docs/decisions.md, "Documents in the database").
//!
//! A document belongs to a draft and is named by the stored name its answer begins with
//! (`<random letters>.<extension>/<the citizen's file name>`). Its bytes are rows of 256 KB, so a
//! download holds one chunk in memory and no connection between chunks, however slow the phone.
//!
//! With the draft's answers: a document is committed before the answer naming it is saved, so no
//! answer ever names a missing document, whatever moment a crash comes; a document no answer
//! names (a crash between the two, a photo replaced, a discarded conflict) is removed by the
//! hourly purge once it is an hour old (`purge_unnamed`).

use crate::db::Db;
use axum::body::Bytes;
use chrono::{DateTime, Utc};
use futures::stream::{self, BoxStream, StreamExt};
use std::path::{Path, PathBuf};

/// The bytes of one row of `document_chunks`.
pub const CHUNK_BYTES: usize = 256 * 1024;
/// A document no answer names is kept this long: its answer is saved moments after it.
pub const UNNAMED_GRACE: chrono::Duration = chrono::Duration::hours(1);

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("document {name} of draft {draft_id} has no part {seq}")]
    MissingChunk {
        draft_id: String,
        name: String,
        seq: i64,
    },
    #[error("{path}: {error}")]
    Folder { path: String, error: std::io::Error },
}

/// Where documents are kept (`AppState::documents`).
#[derive(Clone, Debug)]
pub struct Documents {
    db: Db,
}

/// A document being read: what it is, and its bytes as they arrive.
pub struct Document {
    pub content_type: String,
    pub size: u64,
    pub bytes: BoxStream<'static, Result<Bytes, DocumentError>>,
}

impl Document {
    /// The response body: the chunks as they are read. A chunk that fails ends the body short
    /// of its `Content-Length`, so the download fails visibly instead of saving half a file.
    pub fn into_body(self) -> axum::body::Body {
        axum::body::Body::from_stream(self.bytes)
    }

    /// All the bytes at once (tests, and moving documents elsewhere).
    pub async fn read_all(mut self) -> Result<Vec<u8>, DocumentError> {
        let mut all = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        while let Some(chunk) = self.bytes.next().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all)
    }
}

/// What moving an old uploads folder into the store did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FolderMoved {
    /// Documents copied into the store.
    pub copied: usize,
    /// Documents the store already had (a move interrupted, then started again).
    pub already_there: usize,
    /// Files that are no document of ours, left in the renamed folder.
    pub left: Vec<PathBuf>,
    /// Where the folder is now (`None`: another server moved it meanwhile).
    pub renamed_to: Option<PathBuf>,
}

/// The content type of a stored name, from the extension the upload's content gave it.
pub fn content_type_of(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "png" => Some("image/png"),
        "jpg" => Some("image/jpeg"),
        "pdf" => Some("application/pdf"),
        _ => None,
    }
}

/// A name we could have given: random letters and digits, a dot, an extension we accept.
pub fn is_stored_name(name: &str) -> bool {
    !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && content_type_of(name).is_some()
}

impl Documents {
    pub fn in_database(db: Db) -> Self {
        Self { db }
    }

    /// Keeps a document, committed before this returns.
    pub async fn put(
        &self,
        draft_id: &str,
        name: &str,
        content_type: &str,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<(), DocumentError> {
        self.insert(draft_id, name, content_type, bytes, now, false)
            .await
            .map(|_| ())
    }

    /// The row and every chunk in one transaction: a document is there whole or not at all.
    /// With `if_absent`, a document already there is left as it is; returns whether it was added.
    async fn insert(
        &self,
        draft_id: &str,
        name: &str,
        content_type: &str,
        bytes: &[u8],
        now: DateTime<Utc>,
        if_absent: bool,
    ) -> Result<bool, DocumentError> {
        let mut tx = self.db.pool.begin().await?;
        let sql = if if_absent {
            "INSERT INTO documents (draft_id, name, content_type, size, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (draft_id, name) DO NOTHING"
        } else {
            "INSERT INTO documents (draft_id, name, content_type, size, created_at)
             VALUES ($1, $2, $3, $4, $5)"
        };
        let added = sqlx::query(sql)
            .bind(draft_id)
            .bind(name)
            .bind(content_type)
            .bind(bytes.len() as i64)
            .bind(crate::db::stamp(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if added == 0 {
            return Ok(false);
        }
        for (seq, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
            sqlx::query(
                "INSERT INTO document_chunks (draft_id, name, seq, bytes) VALUES ($1, $2, $3, $4)",
            )
            .bind(draft_id)
            .bind(name)
            .bind(seq as i64)
            .bind(chunk)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A document of the draft, its bytes read one chunk at a time as the body is sent.
    pub async fn get(&self, draft_id: &str, name: &str) -> Result<Option<Document>, DocumentError> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT content_type, size FROM documents WHERE draft_id = $1 AND name = $2",
        )
        .bind(draft_id)
        .bind(name)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some((content_type, size)) = row else {
            return Ok(None);
        };
        let chunks = (size.max(0) as u64).div_ceil(CHUNK_BYTES as u64) as i64;
        let (pool, draft_id, name) = (self.db.pool.clone(), draft_id.to_string(), name.to_string());
        // One query per chunk, on whichever connection is free: a slow download holds none.
        let bytes = stream::unfold(Some(0), move |seq| {
            let (pool, draft_id, name) = (pool.clone(), draft_id.clone(), name.clone());
            async move {
                let seq = seq.filter(|seq| *seq < chunks)?;
                let chunk: Result<Option<Vec<u8>>, _> = sqlx::query_scalar(
                    "SELECT bytes FROM document_chunks WHERE draft_id = $1 AND name = $2 AND seq = $3",
                )
                .bind(&draft_id)
                .bind(&name)
                .bind(seq)
                .fetch_optional(&pool)
                .await;
                let read = match chunk {
                    Ok(Some(bytes)) => Ok(Bytes::from(bytes)),
                    Ok(None) => Err(DocumentError::MissingChunk {
                        draft_id,
                        name,
                        seq,
                    }),
                    Err(error) => Err(error.into()),
                };
                if let Err(error) = &read {
                    tracing::error!("reading a document: {error}");
                }
                let next = read.is_ok().then_some(seq + 1);
                Some((read, next))
            }
        })
        .boxed();
        Ok(Some(Document {
            content_type,
            size: u64::try_from(size).unwrap_or(0),
            bytes,
        }))
    }

    /// What the draft's documents weigh together (those no answer names any more included,
    /// until the purge removes them).
    pub async fn total_bytes_for_draft(&self, draft_id: &str) -> Result<u64, DocumentError> {
        let total: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM documents WHERE draft_id = $1",
        )
        .bind(draft_id)
        .fetch_one(&self.db.pool)
        .await?;
        Ok(u64::try_from(total).unwrap_or(0))
    }

    /// Removes every document of the draft (a purged draft's); returns how many.
    pub async fn delete_for_draft(&self, draft_id: &str) -> Result<u64, DocumentError> {
        let mut tx = self.db.pool.begin().await?;
        sqlx::query("DELETE FROM document_chunks WHERE draft_id = $1")
            .bind(draft_id)
            .execute(&mut *tx)
            .await?;
        let deleted = sqlx::query("DELETE FROM documents WHERE draft_id = $1")
            .bind(draft_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted)
    }

    /// Removes the documents made before `before` that no answer names: not the draft's answers,
    /// nor the answers it keeps while the citizen resolves a conflict, nor its dossier's (where
    /// supplements are added). Their draft may be gone too. Returns how many.
    ///
    /// Only drafts still open change which documents they name, so a submitted dossier's
    /// documents are looked at for a day after they were made (a supplement whose answer was
    /// not saved), not at every purge for the years the dossiers are kept.
    pub async fn purge_unnamed(&self, before: DateTime<Utc>) -> Result<u64, DocumentError> {
        // An answer is JSON text holding `"<name>/<file name>"`; a stored name has no character
        // LIKE or JSON treats specially.
        let unnamed: Vec<(String, String)> = sqlx::query_as(
            "SELECT draft_id, name FROM documents d WHERE created_at < $1
             AND (created_at >= $2 OR NOT EXISTS (SELECT 1 FROM drafts
                 WHERE drafts.id = d.draft_id AND drafts.dossier_code IS NOT NULL))
             AND NOT EXISTS (SELECT 1 FROM drafts WHERE drafts.id = d.draft_id
                 AND (drafts.answers LIKE ('%\"' || d.name || '/%')
                      OR COALESCE(drafts.pending, '') LIKE ('%\"' || d.name || '/%')))
             AND NOT EXISTS (SELECT 1 FROM dossiers WHERE dossiers.draft_id = d.draft_id
                 AND dossiers.answers LIKE ('%\"' || d.name || '/%'))",
        )
        .bind(crate::db::stamp(before))
        .bind(crate::db::stamp(before - chrono::Duration::days(1)))
        .fetch_all(&self.db.pool)
        .await?;
        for (draft_id, name) in &unnamed {
            let mut tx = self.db.pool.begin().await?;
            for table in ["document_chunks", "documents"] {
                sqlx::query(&format!(
                    "DELETE FROM {table} WHERE draft_id = $1 AND name = $2"
                ))
                .bind(draft_id)
                .bind(name)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
        Ok(unnamed.len() as u64)
    }

    /// Copies the documents of an old uploads folder (`<folder>/<draft id>/<stored name>`, how
    /// they were kept before) into the store, then renames the folder
    /// `<folder>.migrated-<UTC date and time>`: it is never deleted. Copying again what is
    /// already there changes nothing, so a move interrupted is finished at the next start. No
    /// folder, nothing to do (`None`).
    pub async fn migrate_from_folder(
        &self,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<Option<FolderMoved>, DocumentError> {
        if !tokio::fs::try_exists(folder).await.unwrap_or(false) {
            return Ok(None);
        }
        match self.copy_folder(folder, now).await {
            Ok(mut moved) => {
                let renamed = folder.with_file_name(format!(
                    "{}.migrated-{}",
                    folder.file_name().unwrap_or_default().to_string_lossy(),
                    now.format("%Y%m%dT%H%M%SZ")
                ));
                moved.renamed_to = match tokio::fs::rename(folder, &renamed).await {
                    Ok(()) => Some(renamed),
                    // Several servers sharing the folder: another finished first.
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
                    Err(error) => return Err(folder_error(folder, error)),
                };
                Ok(Some(moved))
            }
            // Another server moved it while this one copied: every file was copied by then.
            Err(DocumentError::Folder { error, .. })
                if error.kind() == std::io::ErrorKind::NotFound
                    && !tokio::fs::try_exists(folder).await.unwrap_or(true) =>
            {
                Ok(Some(FolderMoved::default()))
            }
            Err(error) => Err(error),
        }
    }

    async fn copy_folder(
        &self,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<FolderMoved, DocumentError> {
        let mut moved = FolderMoved::default();
        for (draft_dir, is_dir) in entries(folder).await? {
            let draft_id = file_name(&draft_dir);
            if !is_dir
                || draft_id.is_empty()
                || !draft_id.chars().all(|c| c.is_ascii_alphanumeric())
            {
                moved.left.push(draft_dir);
                continue;
            }
            for (file, is_dir) in entries(&draft_dir).await? {
                let name = file_name(&file);
                let Some(content_type) = content_type_of(&name).filter(|_| !is_dir) else {
                    moved.left.push(file);
                    continue;
                };
                if !is_stored_name(&name) {
                    moved.left.push(file);
                    continue;
                }
                let bytes = tokio::fs::read(&file)
                    .await
                    .map_err(|error| folder_error(&file, error))?;
                if self
                    .insert(&draft_id, &name, content_type, &bytes, now, true)
                    .await?
                {
                    moved.copied += 1;
                } else {
                    moved.already_there += 1;
                }
            }
        }
        Ok(moved)
    }
}

fn folder_error(path: &Path, error: std::io::Error) -> DocumentError {
    DocumentError::Folder {
        path: path.display().to_string(),
        error,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A folder's entries, sorted (the same order at every start), each with whether it is a folder.
async fn entries(folder: &Path) -> Result<Vec<(PathBuf, bool)>, DocumentError> {
    let mut read = tokio::fs::read_dir(folder)
        .await
        .map_err(|error| folder_error(folder, error))?;
    let mut all = Vec::new();
    while let Some(entry) = read
        .next_entry()
        .await
        .map_err(|error| folder_error(folder, error))?
    {
        let is_dir = entry
            .file_type()
            .await
            .map_err(|error| folder_error(&entry.path(), error))?
            .is_dir();
        all.push((entry.path(), is_dir));
    }
    all.sort();
    Ok(all)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod bench;
