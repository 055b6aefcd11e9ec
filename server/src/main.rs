//! The Một Cửa service: `serve` (the default) and `migrate`.

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
use server::{settings, web};

#[derive(Parser)]
#[command(
    name = "mot-cua",
    about = "Một Cửa: the online one-stop public-service office"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve {
        /// Add a demo birth-registration draft and print its resume code.
        #[arg(long, env = "MC_DEMO")]
        demo: bool,
    },
    /// Create or update the database schema, then exit.
    Migrate,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let settings = settings::Settings::from_env()?;
    match Cli::parse()
        .command
        .unwrap_or(Command::Serve { demo: false })
    {
        Command::Migrate => {
            let db = app::db::Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Serve { demo } => web::serve(settings, demo).await,
    }
}
