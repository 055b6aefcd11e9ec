//! What keeping a 1 MB upload and reading it back costs: in the database (SQLite, PostgreSQL)
//! against files on the local disk as before. A measurement, not a test (its figures depend on
//! the machine): `scripts/bench-documents.sh` runs it in release and docs/benchmarks.md keeps
//! the figures. Settings: `MC_BENCH_ROUNDS` (50), `MC_BENCH_DIR` (a folder on the disk to
//! measure; `target/bench-documents` by default, not /tmp, which may be in memory),
//! `MC_TEST_POSTGRES_URL` (PostgreSQL measured when set).

use super::*;
use std::time::{Duration, Instant};

const MB: usize = 1024 * 1024;

struct Figures {
    store: String,
    writes: Vec<Duration>,
    reads: Vec<Duration>,
    /// What the store grew by, per MB kept (`None`: not measured).
    growth: Option<f64>,
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

impl Figures {
    fn line(&mut self) -> String {
        self.writes.sort();
        self.reads.sort();
        let mean = |all: &[Duration]| all.iter().sum::<Duration>() / all.len() as u32;
        format!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.0} | {:.1} | {:.1} | {} |",
            self.store,
            ms(percentile(&self.writes, 50)),
            ms(percentile(&self.writes, 90)),
            ms(mean(&self.writes)),
            1000.0 / ms(mean(&self.writes)),
            ms(percentile(&self.reads, 50)),
            ms(percentile(&self.reads, 90)),
            self.growth
                .map_or_else(|| "-".to_string(), |growth| format!("{growth:.2} MB")),
        )
    }
}

/// 1 MB that does not compress, like a JPEG.
fn upload() -> Vec<u8> {
    use rand::RngCore;
    let mut bytes = vec![0; MB];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

async fn on_disk(dir: &Path, rounds: usize, fsync: bool) -> Figures {
    let bytes = upload();
    let (mut writes, mut reads) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let folder = dir.join(crate::random::letters(24));
        let file = folder.join(format!("{}.jpg", crate::random::letters(20)));
        let started = Instant::now();
        tokio::fs::create_dir_all(&folder).await.unwrap();
        if fsync {
            let (file, bytes) = (file.clone(), bytes.clone());
            tokio::task::spawn_blocking(move || {
                use std::io::Write;
                let mut written = std::fs::File::create(&file).unwrap();
                written.write_all(&bytes).unwrap();
                written.sync_all().unwrap();
            })
            .await
            .unwrap();
        } else {
            // What attachments.rs did before: a plain write, left to the page cache.
            tokio::fs::write(&file, &bytes).await.unwrap();
        }
        writes.push(started.elapsed());
        let started = Instant::now();
        let read = tokio::fs::read(&file).await.unwrap();
        reads.push(started.elapsed());
        assert_eq!(read.len(), MB);
    }
    Figures {
        store: if fsync {
            "local disk, each file fsync'd".into()
        } else {
            "local disk, as before (no fsync)".into()
        },
        writes,
        reads,
        growth: None,
    }
}

/// The bytes the document tables take, and the rest of the database with them on SQLite.
async fn database_bytes(db: &Db) -> i64 {
    let sql = match db.engine {
        crate::db::Engine::Sqlite => {
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        }
        crate::db::Engine::Postgres => {
            "SELECT CAST(pg_total_relation_size('document_chunks')
                 + pg_total_relation_size('documents') AS BIGINT)"
        }
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

async fn in_database(db: &Db, name: &str, rounds: usize) -> Figures {
    let store = Documents::in_database(db.clone());
    let bytes = upload();
    let (mut writes, mut reads) = (Vec::new(), Vec::new());
    let before = database_bytes(db).await;
    for _ in 0..rounds {
        let (draft_id, name) = (
            crate::random::letters(24),
            format!("{}.jpg", crate::random::letters(20)),
        );
        let started = Instant::now();
        // What an upload asks of the store: the dossier's total, then the document.
        store.total_bytes_for_draft(&draft_id).await.unwrap();
        store
            .put(&draft_id, &name, "image/jpeg", &bytes, Utc::now())
            .await
            .unwrap();
        writes.push(started.elapsed());
        let started = Instant::now();
        let read = store
            .get(&draft_id, &name)
            .await
            .unwrap()
            .unwrap()
            .read_all()
            .await
            .unwrap();
        reads.push(started.elapsed());
        assert_eq!(read.len(), MB);
    }
    let growth = (database_bytes(db).await - before) as f64 / (rounds * MB) as f64;
    Figures {
        store: name.into(),
        writes,
        reads,
        growth: Some(growth),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, not a test: scripts/bench-documents.sh"]
async fn cost_of_a_1_mb_upload() {
    let rounds: usize = std::env::var("MC_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let dir = std::env::var("MC_BENCH_DIR").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-documents"),
        PathBuf::from,
    );
    let dir = dir.join(crate::random::letters(8));
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = vec![
        on_disk(&dir.join("uploads"), rounds, false).await,
        on_disk(&dir.join("uploads-fsync"), rounds, true).await,
    ];
    let sqlite = Db::connect(&format!("sqlite://{}/mot-cua.db", dir.display()))
        .await
        .unwrap();
    sqlite.migrate().await.unwrap();
    all.push(in_database(&sqlite, "SQLite (WAL, synchronous=FULL)", rounds).await);
    if let Ok(url) = std::env::var("MC_TEST_POSTGRES_URL") {
        let schema = format!("mc_bench_{}", crate::random::letters(10).to_lowercase());
        let admin = Db::connect(&url).await.unwrap();
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&admin.pool)
            .await
            .unwrap();
        let separator = if url.contains('?') { '&' } else { '?' };
        let pg = Db::connect(&format!(
            "{url}{separator}options=-c%20search_path%3D{schema}"
        ))
        .await
        .unwrap();
        pg.migrate().await.unwrap();
        all.push(in_database(&pg, "PostgreSQL (local, fsync on)", rounds).await);
        pg.pool.close().await;
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("MC_TEST_POSTGRES_URL is not set: PostgreSQL not measured");
    }
    println!(
        "\n1 MB uploads, {rounds} rounds, one at a time, in {}\n",
        dir.display()
    );
    println!(
        "| store | write p50 ms | write p90 ms | write mean ms | writes/s | read p50 ms | read p90 ms | size per MB |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for figures in &mut all {
        println!("{}", figures.line());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
