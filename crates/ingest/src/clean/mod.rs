//! Cleaning: a [`Page`] to an [`Article`] — the main text and nothing of the
//! page around it, plus title, publication date, bylines, translation notice,
//! outlet and reference date.
//!
//! Dispatch only: HTML goes through [`html`] (main content, head metadata)
//! and then, like scraped text and container text, through [`text_page`]
//! (article block, chrome lines). Line classifiers live in [`chrome`],
//! [`byline`], [`dateline`] and [`translation`]. This stage must not look for
//! places, actors, counts or events.

mod byline;
mod chrome;
mod dateline;
mod html;
mod text_page;
mod translation;

use crate::{Article, Content, Page, Source};

/// Cleans one page into an article.
pub fn clean(page: &Page) -> Article {
    let meta = &page.meta;
    let (reading, mut title, meta_published, mut authors, mut outlet) = match &page.content {
        Content::Text(text) => {
            let r = text_page::clean_text(text, meta.title.as_deref());
            (r, None, None, Vec::new(), None)
        }
        Content::Html(html) => {
            let h = html::read(html);
            let r = text_page::clean_text(&h.text, h.title.as_deref());
            (r, h.title, h.published, h.authors, h.outlet)
        }
    };
    // Container metadata first, then the page's own.
    title = meta
        .title
        .clone()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or(title)
        .or(reading.title.clone());
    let published = meta
        .published
        .as_deref()
        .and_then(dateline::from_meta)
        .or_else(|| meta_published.as_deref().and_then(dateline::from_meta))
        .or(reading.published.clone());
    if let Some(a) = meta.author.as_deref() {
        // A container author may be a whole byline ("جدة - NAME", "بقلم: NAME").
        // "CITY: «OUTLET»" is a credit that names no person: it stands.
        let names = byline::read(a, true)
            .map(|b| b.names)
            .filter(|n| !n.is_empty() || a.contains(':'))
            .unwrap_or_else(|| byline::names_of(a));
        if !names.is_empty() {
            authors = names;
        }
    }
    if authors.is_empty() {
        authors = reading.authors.clone();
    }
    outlet = meta
        .outlet
        .clone()
        .filter(|o| !o.trim().is_empty())
        .or(outlet)
        .or(reading.outlet.clone());
    let translated_from = reading.translated_from.clone();
    let reference_date = published
        .as_ref()
        .filter(|p| p.precision == "day")
        .map(|p| p.date.clone())
        .or_else(|| {
            translated_from
                .as_ref()
                .and_then(|t| t.url.as_deref())
                .and_then(translation::date_in_url)
        });
    let body = strip_title_lead(&reading.body, title.as_deref());
    Article {
        source: Source {
            uri: page.uri.clone(),
            outlet,
        },
        title,
        published,
        authors,
        translated_from,
        reference_date,
        body,
    }
}

/// Drops a first paragraph that only repeats the title.
fn strip_title_lead(body: &str, title: Option<&str>) -> String {
    let Some(t) = title.map(chrome::fold) else {
        return body.to_string();
    };
    let mut paras: Vec<&str> = body.split("\n\n").collect();
    while paras.first().is_some_and(|p| chrome::fold(p) == t) {
        paras.remove(0);
    }
    paras.join("\n\n")
}

#[cfg(test)]
mod tests;
