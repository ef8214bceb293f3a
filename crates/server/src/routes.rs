//! The routes: one handler per endpoint, each reading its parameters through
//! [`crate::params`], running its query on a blocking thread and answering
//! JSON. Owns URLs, status codes and response headers; the queries live in
//! [`crate::db`], the statistics in [`crate::alerts`].

use crate::alerts::{self, GroupBy};
use crate::db::Db;
use crate::params::{self, DEFAULT_LIMIT, FILTERS, MAX_LIMIT, Params};
use crate::{ApiError, AppState, assets};
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;
type ApiResult = Result<Response, ApiError>;

/// The API and the page over `state`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/meta", get(meta))
        .route("/api/incidents", get(incidents))
        .route("/api/incidents/{id}", get(incident))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
        .route("/api/trends", get(trends))
        .route("/api/alerts", get(alerts))
        .fallback(asset)
        .with_state(state)
}

/// Reads the query string, allowing only `allowed`.
fn params(query: Pairs, allowed: &[&str]) -> Result<Params, ApiError> {
    let Query(pairs) = query.map_err(|e| ApiError::bad("query", e.body_text()))?;
    Params::new(pairs, allowed)
}

/// Runs `f` on a blocking thread once a connection slot is free.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Db) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = state
        .permits
        .clone()
        .acquire_owned()
        .await
        .map_err(ApiError::internal)?;
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || f(&db))
        .await
        .map_err(ApiError::internal)?
}

/// A JSON body that is already serialised.
fn json_text(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn to_json<T: serde::Serialize>(value: &T) -> ApiResult {
    Ok(json_text(
        serde_json::to_string(value).map_err(ApiError::internal)?,
    ))
}

async fn openapi(query: Pairs) -> ApiResult {
    params(query, &[])?;
    Ok(json_text(assets::OPENAPI.to_string()))
}

async fn meta(State(state): State<AppState>, query: Pairs) -> ApiResult {
    params(query, &[])?;
    let overview = blocking(&state, |db| db.overview()).await?;
    let taxonomy: Vec<_> = params::TAXONOMY
        .iter()
        .map(|(t, subs)| json!({ "event_type": t, "sub_event_types": subs }))
        .collect();
    to_json(&json!({ "store": overview, "taxonomy": taxonomy, "alert_test": alerts::TEST }))
}

async fn incidents(State(state): State<AppState>, query: Pairs) -> ApiResult {
    let allowed: Vec<&str> = FILTERS.iter().copied().chain(["limit", "offset"]).collect();
    let p = params(query, &allowed)?;
    let q = params::read_query(&p)?;
    let limit = p
        .uint("limit", 1..=MAX_LIMIT, Some(DEFAULT_LIMIT))?
        .unwrap_or(DEFAULT_LIMIT);
    let offset = p.uint("offset", 0..=i64::MAX as u64, Some(0))?.unwrap_or(0);
    let page = blocking(&state, move |db| db.incidents(&q, limit, offset)).await?;
    to_json(&page)
}

/// `12` or its ACLED-style form `IRQ12`.
fn incident_id(s: &str) -> Result<(Option<&str>, i64), ApiError> {
    let digits = s.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let prefix = &s[..s.len() - digits.len()];
    match digits.parse::<i64>() {
        Ok(n) if n > 0 && (prefix.is_empty() || prefix.len() == 3) && !digits.starts_with('+') => {
            Ok(((!prefix.is_empty()).then_some(prefix), n))
        }
        _ => Err(ApiError::bad(
            "id",
            format!("an incident id is a number (12) or an event id (IRQ12), not `{s}`"),
        )),
    }
}

async fn incident(
    State(state): State<AppState>,
    Path(id): Path<String>,
    query: Pairs,
) -> ApiResult {
    params(query, &[])?;
    let (prefix, n) = incident_id(&id)?;
    let found = blocking(&state, move |db| db.incident(n)).await?;
    match found {
        Some(inc) if prefix.is_none() || inc.incident.event_id.eq_ignore_ascii_case(&id) => {
            to_json(&inc)
        }
        _ => Err(ApiError::not_found("incident", &id)),
    }
}

async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    query: Pairs,
) -> ApiResult {
    params(query, &[])?;
    if !(8..=64).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad(
            "id",
            format!("a document id is hexadecimal (the record's `id`), not `{id}`"),
        ));
    }
    let key = id.to_ascii_lowercase();
    match blocking(&state, move |db| db.record_json(&key)).await? {
        Some(record) => Ok(json_text(record)),
        None => Err(ApiError::not_found("document", &id)),
    }
}

/// Longest query `/api/search` reads.
const MAX_QUERY_CHARS: usize = 200;

async fn search(State(state): State<AppState>, query: Pairs) -> ApiResult {
    let p = params(query, &["q", "limit"])?;
    let Some(q) = p.text("q").map(str::to_string) else {
        return Err(ApiError::bad(
            "q",
            "`q` (the words to look for) is required",
        ));
    };
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad(
            "q",
            format!("`q` is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let limit = p.uint("limit", 1..=100, Some(20))?.unwrap_or(20) as usize;
    let text = q.clone();
    let hits = blocking(&state, move |db| {
        db.with_store(|s| Ok(s.search(&text, limit)?))
    })
    .await?;
    to_json(&json!({ "query": q, "hits": hits }))
}

async fn trends(State(state): State<AppState>, query: Pairs) -> ApiResult {
    let allowed: Vec<&str> = FILTERS.iter().copied().chain(["by"]).collect();
    let p = params(query, &allowed)?;
    let by = match p.text("by") {
        None | Some("type") => GroupBy::Type,
        Some("admin1") => GroupBy::Admin1,
        Some(other) => {
            return Err(ApiError::bad(
                "by",
                format!("`by` is `type` or `admin1`, not `{other}`"),
            ));
        }
    };
    let q = params::read_query(&p)?;
    let dated = blocking(&state, move |db| db.dated(&q)).await?;
    to_json(&alerts::trends(&dated, by))
}

async fn alerts(State(state): State<AppState>, query: Pairs) -> ApiResult {
    let allowed: Vec<&str> = FILTERS
        .iter()
        .copied()
        .filter(|f| !matches!(*f, "from" | "to"))
        .chain(["week", "baseline", "alpha", "limit"])
        .collect();
    let p = params(query, &allowed)?;
    let q = params::read_query(&p)?;
    let week = p
        .date("week")?
        .map(|d| alerts::week_of(&d).expect("checked date"));
    let baseline = p.uint("baseline", 2..=52, Some(8))?.unwrap_or(8);
    let alpha = p.float("alpha", 1e-9..=0.5, 0.01)?;
    let limit = p.uint("limit", 1..=MAX_LIMIT, Some(50))?.unwrap_or(50) as usize;
    let dated = blocking(&state, move |db| db.dated(&q)).await?;
    let mut report = alerts::rising(&dated, week, baseline, alpha);
    report.cells.truncate(limit);
    to_json(&report)
}

/// The page's files; a JSON 404 under `/api/`.
async fn asset(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return ApiError::not_found("endpoint", uri.path()).into_response();
    }
    let path = if path.is_empty() { "index.html" } else { path };
    let Some(a) = assets::get(path) else {
        return (axum::http::StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mut res = ([(header::CONTENT_TYPE, a.mime)], a.body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The page loads nothing from elsewhere and runs no inline script.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
             connect-src 'self'; object-src 'none'; base-uri 'none'",
        ),
    );
    res
}
