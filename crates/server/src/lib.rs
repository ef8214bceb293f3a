//! Rasid's server: the last stage of the pipeline (`rasid serve`).
//!
//! Owns the HTTP API over a store that `rasid ingest` wrote (incidents with
//! their sources, documents with their mentions, full-text search, weekly
//! trends, rising-activity alerts), its OpenAPI description, and the
//! analyst's page, bundled into the binary so it works offline. It opens the
//! store's database read-only and must not change it, nor hold any reading,
//! coding or storage rule of its own: what it shows is what the store holds.
//!
//! # Endpoints (all `GET`, JSON; described in `assets/openapi.json`)
//!
//! | path | what |
//! |---|---|
//! | `/api/incidents` | filters `country admin1 bbox from to type actor min_fatalities`, paging `limit offset`, with `total` |
//! | `/api/incidents/{id}` | one incident (`12` or `IRQ12`) with every source: document, headline, evidence and its offsets |
//! | `/api/documents/{id}` | the stored record (`../shared/spec/output.md`): body, mentions, events |
//! | `/api/search?q=` | the store's full-text search, with highlight offsets |
//! | `/api/trends?by=type\|admin1` | incidents per week (Monday), same filters |
//! | `/api/alerts` | rising activity per admin-1 and event type ([`alerts`]: Poisson upper-tail test) |
//! | `/api/meta` | totals, date range, types, countries, divisions, actors, the taxonomy |
//! | `/api/openapi.json` | the OpenAPI 3.1 description |
//! | `/` | the page (`assets/`) |
//!
//! A bad parameter is a 400, an unknown id a 404, each with
//! `{"error": {"status", "code", "message", "parameter"}}`; a parameter the
//! endpoint does not take is a 400 too, so a typo never silently widens a
//! query.
//!
//! Layout: [`params`] reads and checks query parameters (every bad one is a
//! JSON 400 naming it), [`db`] holds the read-only connections and the
//! queries the store's own API lacks, [`alerts`] the rising-activity test,
//! [`assets`] the embedded page.

#![deny(missing_docs)]

pub mod alerts;
pub mod assets;
pub mod db;
pub mod error;
pub mod params;
mod routes;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use error::{ApiError, Error, Result};
pub use routes::router;

/// What the handlers share: the store's connections.
#[derive(Clone)]
pub struct AppState {
    /// Read-only access to the store.
    pub db: Arc<db::Db>,
    /// Requests allowed to hold a connection at once (the rest wait their turn).
    pub permits: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State over the store in the data folder `dir`; fails when it holds none.
    pub fn open(dir: &Path) -> Result<AppState> {
        Ok(AppState {
            db: Arc::new(db::Db::open(dir)?),
            permits: Arc::new(tokio::sync::Semaphore::new(db::POOL)),
        })
    }
}

/// How `rasid serve` runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store's folder.
    pub data: PathBuf,
    /// Where to listen (loopback unless told otherwise).
    pub addr: SocketAddr,
}

/// Serves the API and the page until Ctrl-C. Prints the address it bound
/// (`listening on http://…/`) on stdout once it accepts connections, so a
/// caller that asked for port 0 learns the port.
pub fn serve(config: &Config) -> Result<()> {
    let state = AppState::open(&config.data)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Bind {
            addr: config.addr,
            source,
        })?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: config.addr,
                source,
            })?;
        let local = listener.local_addr().map_err(|source| Error::Bind {
            addr: config.addr,
            source,
        })?;
        println!("listening on http://{local}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|source| Error::Bind {
                addr: local,
                source,
            })
    })
}

#[cfg(test)]
mod tests;
