//! Errors: [`Error`] for starting the server, [`ApiError`] for one request
//! (rendered as a JSON body with its HTTP status). Must not log or retry.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// What stops the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder holds no store.
    #[error("{path}: no store here (run `rasid ingest PATHS --data DIR` first)")]
    NoStore {
        /// The database file looked for.
        path: PathBuf,
    },
    /// SQLite refused to open the store.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The address could not be bound, or serving it failed.
    #[error("{addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// The server's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// A request that failed: its status and a JSON body
/// `{"error": {"status", "code", "message", "parameter"}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// Machine-readable kind: `bad_parameter`, `unknown_parameter`,
    /// `not_found`, `internal`.
    pub code: &'static str,
    /// What was wrong, for a person.
    pub message: String,
    /// The query or path parameter at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    /// A parameter with a value that cannot be used.
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            message: message.into(),
            parameter: Some(parameter.to_string()),
        }
    }

    /// A parameter the endpoint does not take (a typo would otherwise be
    /// silently ignored and return everything).
    pub fn unknown(parameter: &str, allowed: &[&str]) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "unknown_parameter",
            message: format!(
                "unknown parameter `{parameter}`; this endpoint takes: {}",
                allowed.join(", ")
            ),
            parameter: Some(parameter.to_string()),
        }
    }

    /// Nothing stored under that id.
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("no {what} with id `{id}`"),
            parameter: None,
        }
    }

    /// The store failed.
    pub fn internal(message: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: message.to_string(),
            parameter: None,
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(format!("store: {e}"))
    }
}

impl From<rasid_store::Error> for ApiError {
    fn from(e: rasid_store::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        (
            status,
            Json(serde_json::json!({ "error": {
                "status": status.as_u16(),
                "code": self.code,
                "message": self.message,
                "parameter": self.parameter,
            }})),
        )
            .into_response()
    }
}
