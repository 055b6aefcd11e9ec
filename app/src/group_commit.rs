//! Group commit: writes that arrive together share one transaction, so one fsync makes many
//! saves durable. Each caller is answered only after the commit that holds its write.
//!
//! One writer task owns the batching. While it commits a batch (the fsync is the slow part), new
//! writes queue; when the commit returns it takes everything queued, up to `MAX_BATCH`, as the next
//! batch. A lone write is committed at once: batching adds no waiting, only sharing.

use sqlx::{AnyConnection, AnyPool};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// What one write returns: how many rows it changed (a conditional update that changed none
/// tells its caller that the row moved on).
pub type WriteFuture<'c> = Pin<Box<dyn Future<Output = Result<u64, sqlx::Error>> + Send + 'c>>;

/// One write, run on the connection of the batch's transaction. It may run twice (in a batch
/// that failed, then alone), so it must do nothing but its statements.
pub type Write = Arc<dyn for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c> + Send + Sync>;

/// Enough to share one fsync among every client of a busy office, small enough that one batch
/// holds SQLite's write lock only for milliseconds.
const MAX_BATCH: usize = 256;
/// Writes waiting beyond this make their callers wait to queue (back-pressure, not memory).
const QUEUE: usize = 4096;

struct Job {
    write: Write,
    done: oneshot::Sender<Result<u64, sqlx::Error>>,
}

/// The handle callers queue writes on; cloning it shares the one writer task.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("group_commit::Writer")
    }
}

impl Writer {
    /// Starts the writer task on the current Tokio runtime; it ends when the last handle goes.
    pub fn start(pool: AnyPool) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, jobs));
        Self { queue }
    }

    /// Queues a write and waits until the transaction holding it is committed.
    pub async fn write(&self, write: Write) -> Result<u64, sqlx::Error> {
        let (done, answer) = oneshot::channel();
        self.queue
            .send(Job { write, done })
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answer.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }

    /// Waits until every write queued before this call is committed, including those whose
    /// callers stopped waiting: a server that is stopping calls it last, so no batch it took
    /// is cut off with the process.
    pub async fn flush(&self) -> Result<(), sqlx::Error> {
        // Writes are taken in order: once this empty one is answered, the ones before it are.
        self.write(Arc::new(|_| Box::pin(async { Ok(0) })))
            .await
            .map(|_| ())
    }
}

async fn run(pool: AnyPool, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit(&pool, std::mem::take(&mut batch)).await;
    }
}

async fn commit(pool: &AnyPool, batch: Vec<Job>) {
    match together(pool, &batch).await {
        Ok(rows) => {
            for (job, rows) in batch.into_iter().zip(rows) {
                // A caller that stopped waiting (its request was cancelled) needs no answer.
                let _ = job.done.send(Ok(rows));
            }
        }
        Err(error) if batch.len() == 1 => {
            let _ = batch
                .into_iter()
                .next()
                .map(|job| job.done.send(Err(error)));
        }
        // One bad write must not fail the others: each runs again in its own transaction.
        Err(error) => {
            tracing::warn!(
                "a batch of {} saves failed ({error}); retrying them one by one",
                batch.len()
            );
            for job in batch {
                let result = together(pool, std::slice::from_ref(&job))
                    .await
                    .map(|rows| rows[0]);
                let _ = job.done.send(result);
            }
        }
    }
}

/// Runs the writes in one transaction and commits it; nothing is kept if any fails.
async fn together(pool: &AnyPool, jobs: &[Job]) -> Result<Vec<u64>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut rows = Vec::with_capacity(jobs.len());
    for job in jobs {
        rows.push((job.write)(&mut tx).await?);
    }
    tx.commit().await?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use crate::db::GroupCommit;
    use crate::db::testing::databases_with;
    use futures::future::join_all;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn flush_returns_once_the_queued_writes_are_committed_even_when_nobody_waits_for_them() {
        for db in databases_with(GroupCommit::On).await {
            let table = format!("gc_flush_{}", crate::random::letters(8));
            sqlx::query(&format!("CREATE TABLE {table} (n BIGINT PRIMARY KEY)"))
                .execute(&db.pool)
                .await
                .unwrap();
            // Ten slow writes whose requests were cancelled once they were queued: one poll
            // queues a write, then it waits for its commit; dropping it stops the waiting.
            for n in 0..10i64 {
                let table = table.clone();
                let mut write = Box::pin(db.write(move |conn| {
                    let sql = format!("INSERT INTO {table} (n) VALUES ($1)");
                    Box::pin(async move {
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        Ok(sqlx::query(&sql)
                            .bind(n)
                            .execute(conn)
                            .await?
                            .rows_affected())
                    })
                }));
                assert!(futures::poll!(&mut write).is_pending());
            }
            db.flush().await.unwrap();
            let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&db.pool)
                .await
                .unwrap();
            assert_eq!(rows, 10, "writes still queued when flush returned");
            sqlx::query(&format!("DROP TABLE {table}"))
                .execute(&db.pool)
                .await
                .unwrap();
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_write_fails_alone_and_the_others_in_its_batch_are_kept() {
        for db in databases_with(GroupCommit::On).await {
            let table = format!("gc_test_{}", crate::random::letters(8));
            sqlx::query(&format!("CREATE TABLE {table} (n BIGINT PRIMARY KEY)"))
                .execute(&db.pool)
                .await
                .unwrap();
            let writes = (0..40).map(|n: i64| {
                let (db, table) = (db.clone(), table.clone());
                async move {
                    db.write(move |conn| {
                        // Write 13 inserts a row that is already there: a constraint violation.
                        let sql = format!("INSERT INTO {table} (n) VALUES ($1)");
                        let value = if n == 13 { 12 } else { n };
                        Box::pin(async move {
                            let done = sqlx::query(&sql).bind(value).execute(conn).await?;
                            Ok(done.rows_affected())
                        })
                    })
                    .await
                }
            });
            let results = join_all(writes).await;
            for (n, result) in results.iter().enumerate() {
                match n {
                    // Whichever of 12 and 13 came second was refused; the other was kept.
                    12 | 13 => {}
                    _ => assert_eq!(result.as_ref().unwrap(), &1, "write {n}"),
                }
            }
            assert_eq!(results[12..14].iter().filter(|r| r.is_err()).count(), 1);
            let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&db.pool)
                .await
                .unwrap();
            assert_eq!(rows, 39);
            sqlx::query(&format!("DROP TABLE {table}"))
                .execute(&db.pool)
                .await
                .unwrap();
        }
    }
}
