//! The analyst's page, bundled into the binary: HTML, CSS, ES modules, the
//! vendored Leaflet and the admin-1 boundaries (`data/boundaries/`). Nothing
//! is fetched from elsewhere, so the page works offline. Owns the table of
//! files and their media types; must not build any page content itself.

/// One bundled file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Path under `/` it is served at.
    pub path: &'static str,
    /// Media type.
    pub mime: &'static str,
    /// Contents.
    pub body: &'static str,
}

macro_rules! asset {
    ($path:literal, $mime:literal, $file:literal) => {
        Asset {
            path: $path,
            mime: $mime,
            body: include_str!($file),
        }
    };
}

/// Every bundled file.
pub const ASSETS: &[Asset] = &[
    asset!(
        "index.html",
        "text/html; charset=utf-8",
        "../assets/index.html"
    ),
    asset!(
        "app.js",
        "text/javascript; charset=utf-8",
        "../assets/app.js"
    ),
    asset!(
        "i18n.js",
        "text/javascript; charset=utf-8",
        "../assets/i18n.js"
    ),
    asset!(
        "spans.js",
        "text/javascript; charset=utf-8",
        "../assets/spans.js"
    ),
    asset!(
        "style.css",
        "text/css; charset=utf-8",
        "../assets/style.css"
    ),
    asset!(
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        "../assets/vendor/leaflet/leaflet.js"
    ),
    asset!(
        "vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        "../assets/vendor/leaflet/leaflet.css"
    ),
    asset!(
        "vendor/leaflet/LICENSE",
        "text/plain; charset=utf-8",
        "../assets/vendor/leaflet/LICENSE"
    ),
    asset!(
        "boundaries.geojson",
        "application/geo+json",
        "../../../data/boundaries/boundaries.geojson"
    ),
];

/// The OpenAPI 3 description of the API (`/api/openapi.json`).
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// The bundled file served at `path` (without its leading `/`).
pub fn get(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}
