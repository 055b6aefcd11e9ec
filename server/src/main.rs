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
    /// Add generated dossiers over the past weeks (demo, dashboard, benchmark), then exit.
    SeedDossiers {
        #[arg(long, default_value_t = 500)]
        count: usize,
        /// The same seed gives the same dossiers.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 8)]
        weeks: u32,
    },
    /// Staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Kiosks: browsers in an office's hall that citizens use one after another.
    Kiosk {
        #[command(subcommand)]
        command: KioskCommand,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create a staff account (the first admin, or accounts for tests and demos).
    Create {
        /// What they type to sign in: lower case letters, digits, . - _
        #[arg(long)]
        username: String,
        /// Full name, as shown on staff pages and in the audit log.
        #[arg(long)]
        name: String,
        /// Office name exactly as dossiers carry it, e.g. "UBND phường Tân An".
        #[arg(long)]
        office: String,
        /// counter, clerk, head, admin or volunteer.
        #[arg(long)]
        role: app::staff::Role,
        /// At least 12 characters, not a common one. Prefer MC_STAFF_PASSWORD: arguments show in `ps`.
        #[arg(long, env = "MC_STAFF_PASSWORD", hide_env_values = true)]
        password: String,
        /// If the username exists, change its name, office, role and password instead of failing
        /// (its sessions end). A disabled account is refused unless --enable is given too.
        #[arg(long)]
        update: bool,
        /// With --update: enable the account again if it was disabled.
        #[arg(long, requires = "update")]
        enable: bool,
    },
}

#[derive(Subcommand)]
enum KioskCommand {
    /// Print a one-time link (valid 60 minutes); opening it in the kiosk's browser enrols it.
    Enrol {
        /// The office, as dossiers name it ("UBND phường Tân An").
        #[arg(long)]
        office: String,
        #[arg(long, default_value = "Kiosk")]
        name: String,
        /// Quiet seconds before the warning.
        #[arg(long, default_value_t = app::kiosk::rules::DEFAULT_IDLE_SECONDS)]
        idle_seconds: u32,
        /// Seconds the warning counts down before the kiosk resets.
        #[arg(long, default_value_t = app::kiosk::rules::DEFAULT_WARNING_SECONDS)]
        warning_seconds: u32,
        /// The receipt printer's paper: a4, a5 or 80mm.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// The address citizens reach the site at (default: http://MC_ADDR).
        #[arg(long, env = "MC_PUBLIC_URL")]
        base_url: Option<String>,
    },
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
            settings.open_database().await?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::SeedDossiers { count, seed, weeks } => {
            let catalog = domain::catalog::Catalog::load(&settings.procedures_dir)?;
            let calendar = domain::working_days::Calendar::from_toml(&std::fs::read_to_string(
                &settings.calendar_file,
            )?)?;
            let db = settings.open_database().await?;
            let seeded = app::backoffice::seed::generate(
                &catalog,
                &calendar,
                count,
                seed,
                app::state::today(),
                weeks,
            );
            app::backoffice::seed::insert(&db, &seeded).await?;
            tracing::info!("added {count} dossiers (seed {seed}) over {weeks} weeks");
            Ok(())
        }
        Command::Serve { demo } => web::serve(settings, demo).await,
        Command::Staff {
            command:
                StaffCommand::Create {
                    username,
                    name,
                    office,
                    role,
                    password,
                    update,
                    enable,
                },
        } => {
            use app::staff::accounts::{self, AccountError, AccountForm, Existing, Outcome};
            let db = settings.open_database().await?;
            let form = AccountForm {
                username,
                name,
                office,
                role,
                password,
            };
            let existing = match (update, enable) {
                (false, _) => Existing::Refuse,
                (true, false) => Existing::Update,
                (true, true) => Existing::UpdateAndEnable,
            };
            match accounts::create(&db, &form, existing, None, "cli").await {
                Ok(Outcome::Created(member)) => {
                    println!(
                        "created {} ({}, {})",
                        member.username, member.role, member.office
                    );
                    Ok(())
                }
                Ok(Outcome::Updated) => {
                    println!("updated {}", form.username.trim().to_lowercase());
                    Ok(())
                }
                Err(
                    error @ (AccountError::Invalid(_)
                    | AccountError::Taken(_)
                    | AccountError::Disabled(_)),
                ) => {
                    eprintln!("{error}");
                    std::process::exit(2);
                }
                Err(error) => Err(error.into()),
            }
        }
        Command::Kiosk {
            command:
                KioskCommand::Enrol {
                    office,
                    name,
                    idle_seconds,
                    warning_seconds,
                    paper,
                    base_url,
                },
        } => {
            use app::kiosk::rules::{Paper, Timings, clean_name};
            let new = app::kiosk::store::NewKiosk {
                office: clean_name(&office, "tên cơ quan").map_err(anyhow::Error::msg)?,
                name: clean_name(&name, "tên kiosk").map_err(anyhow::Error::msg)?,
                timings: Timings::new(idle_seconds, warning_seconds).map_err(anyhow::Error::msg)?,
                paper: Paper::parse(&paper).map_err(anyhow::Error::msg)?,
                enrolled_by: "cli".into(),
            };
            let db = settings.open_database().await?;
            let (_, code) = app::kiosk::store::create(&db, &new, chrono::Utc::now()).await?;
            let base = base_url.unwrap_or_else(|| settings.public_url.clone());
            println!(
                "{}{}",
                base.trim_end_matches('/'),
                app::kiosk::enrol_path(&code)
            );
            Ok(())
        }
    }
}
