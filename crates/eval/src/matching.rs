//! Matching rules of `../shared/spec/gold.md`: when a predicted item matches
//! a gold item, and the one-to-one assignment of predictions to gold items.
//!
//! Owns the rules only; it must not count or report (that is `score`). Every
//! text comparison goes through [`fold`], the scoring normalisation.

use rasid_text::normalize::fold_for_scoring;

use crate::gold::GoldPlace;

/// The scoring normalisation of gold.md.
pub(crate) fn fold(s: &str) -> String {
    fold_for_scoring(s)
}

/// Within this distance two point places are the same place.
pub(crate) const POINT_KM: f64 = 30.0;
/// Within this distance two admin1/region places are the same place.
pub(crate) const AREA_KM: f64 = 150.0;

/// Great-circle distance in km.
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
}

/// What a place's level says about how to compare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LevelClass {
    Country,
    Area,
    Point,
}

/// country → Country; admin1 / region → Area; anything else (or unknown) → Point.
pub(crate) fn level_class(level: Option<&str>) -> LevelClass {
    match level.map(str::trim) {
        Some(l) if l.eq_ignore_ascii_case("country") => LevelClass::Country,
        Some(l) if l.eq_ignore_ascii_case("admin1") || l.eq_ignore_ascii_case("region") => {
            LevelClass::Area
        }
        _ => LevelClass::Point,
    }
}

/// A predicted place, from mentions or from an event's location.
#[derive(Debug, Clone, Default)]
pub(crate) struct PredPlace {
    pub id: Option<String>,
    /// Folded texts of its mentions.
    pub texts: Vec<String>,
    pub level: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// gold.md's place rule: same id; both points within 30 km; both
/// admin1/region within 150 km; both countries with the same code; or a
/// mention text equal to one of `ar`.
pub(crate) fn place_matches(p: &PredPlace, g: &GoldPlace) -> bool {
    if let (Some(a), Some(b)) = (&p.id, &g.id)
        && a.trim() == b.trim()
    {
        return true;
    }
    let (pc, gc) = (
        level_class(p.level.as_deref()),
        level_class(g.level.as_deref()),
    );
    if pc == gc
        && let (Some(plat), Some(plon), Some(glat), Some(glon)) = (p.lat, p.lon, g.lat, g.lon)
    {
        let d = haversine_km(plat, plon, glat, glon);
        match pc {
            LevelClass::Point if d <= POINT_KM => return true,
            LevelClass::Area if d <= AREA_KM => return true,
            _ => {}
        }
    }
    if pc == LevelClass::Country
        && gc == LevelClass::Country
        && let (Some(a), Some(b)) = (&p.country, &g.country)
        && a.trim().eq_ignore_ascii_case(b.trim())
    {
        return true;
    }
    g.ar.iter()
        .map(|a| fold(a))
        .any(|a| !a.is_empty() && p.texts.contains(&a))
}

/// gold.md's person rule on folded names: equal, or the same last two tokens.
pub(crate) fn person_matches(pred: &str, gold_names: &[String]) -> bool {
    let last_two = |s: &str| -> Option<Vec<String>> {
        let toks: Vec<String> = s.split(' ').map(str::to_string).collect();
        (toks.len() >= 2).then(|| toks[toks.len() - 2..].to_vec())
    };
    let pl = last_two(pred);
    gold_names
        .iter()
        .map(|n| fold(n))
        .any(|g| g == pred || (pl.is_some() && pl == last_two(&g)))
}

/// Two folded texts overlap when one contains the other (neither empty).
pub(crate) fn texts_overlap(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a))
}

/// A gold date value against a predicted `YYYY-MM-DD`: equal, or the gold
/// value is a month / year and the predicted day lies in it.
pub(crate) fn date_value_matches(gold: &str, pred: &str) -> bool {
    let (g, p) = (gold.trim(), pred.trim());
    g == p || (g.len() < p.len() && p.starts_with(g) && p[g.len()..].starts_with('-'))
}

/// The outcome of assigning predictions to gold items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Assignment {
    /// Predictions matched to a required gold item.
    pub tp: usize,
    /// Predictions matched to nothing (incl. the surplus on a full gold item).
    pub fp: usize,
    /// Predictions matched to an optional gold item: neither hit nor miss.
    pub neutral: usize,
    /// Required gold items.
    pub gold: usize,
    /// Required gold items with no prediction.
    pub missed: usize,
    /// (prediction, gold) pairs, required and optional.
    pub pairs: Vec<(usize, usize)>,
}

/// Assigns predictions to gold items; gold item `g` is `(required, capacity)`
/// and takes at most `capacity` predictions. Required items are filled first
/// with a maximum matching that first covers as many distinct items as it
/// can, then uses the extra capacity; leftovers then go to optional items;
/// what is still left is a false positive. Predictions are tried in the
/// order given, so an earlier one wins a tie.
pub(crate) fn assign(
    n_pred: usize,
    gold: &[(bool, usize)],
    matches: impl Fn(usize, usize) -> bool,
) -> Assignment {
    let adj: Vec<Vec<usize>> = (0..n_pred)
        .map(|p| (0..gold.len()).filter(|&g| matches(p, g)).collect())
        .collect();
    let mut m = Matcher {
        adj: &adj,
        cap: vec![0; gold.len()],
        owners: vec![Vec::new(); gold.len()],
        taken: vec![None; n_pred],
    };
    let required: Vec<bool> = gold.iter().map(|g| g.0).collect();
    // Required items: one prediction each, then the rest of their capacity.
    for (g, &(req, cap)) in gold.iter().enumerate() {
        m.cap[g] = usize::from(req && cap > 0);
    }
    m.run();
    for (g, &(req, cap)) in gold.iter().enumerate() {
        m.cap[g] = if req { cap } else { 0 };
    }
    m.run();
    let tp = m.taken.iter().flatten().count();
    // Optional items take what is left, without moving required matches.
    let frozen: Vec<bool> = m.taken.iter().map(Option::is_some).collect();
    for (g, &(req, cap)) in gold.iter().enumerate() {
        m.cap[g] = if req { 0 } else { cap };
    }
    m.run_only(|p| !frozen[p]);
    let neutral = m.taken.iter().flatten().count() - tp;
    let pairs: Vec<(usize, usize)> = m
        .taken
        .iter()
        .enumerate()
        .filter_map(|(p, g)| g.map(|g| (p, g)))
        .collect();
    let gold_required = required.iter().filter(|&&r| r).count();
    let found = (0..gold.len())
        .filter(|&g| required[g] && !m.owners[g].is_empty())
        .count();
    Assignment {
        tp,
        fp: n_pred - tp - neutral,
        neutral,
        gold: gold_required,
        missed: gold_required - found,
        pairs,
    }
}

/// Kuhn's augmenting paths with capacities.
struct Matcher<'a> {
    adj: &'a [Vec<usize>],
    cap: Vec<usize>,
    owners: Vec<Vec<usize>>,
    taken: Vec<Option<usize>>,
}

impl Matcher<'_> {
    fn run(&mut self) {
        self.run_only(|_| true);
    }

    fn run_only(&mut self, eligible: impl Fn(usize) -> bool) {
        for p in 0..self.taken.len() {
            if self.taken[p].is_none() && eligible(p) {
                let mut seen = vec![false; self.cap.len()];
                self.place(p, usize::MAX, &mut seen);
            }
        }
    }

    /// Finds an item for `q` other than `from` (where it sits now, or
    /// `usize::MAX` for a free prediction), moving others along a path.
    /// `q` stays listed on `from` until the caller overwrites that slot.
    fn place(&mut self, q: usize, from: usize, seen: &mut [bool]) -> bool {
        for &g in &self.adj[q] {
            if g == from || seen[g] || self.cap[g] == 0 {
                continue;
            }
            seen[g] = true;
            if self.owners[g].len() < self.cap[g] {
                self.owners[g].push(q);
                self.taken[q] = Some(g);
                return true;
            }
            for i in 0..self.owners[g].len() {
                let r = self.owners[g][i];
                if self.place(r, g, seen) {
                    self.owners[g][i] = q;
                    self.taken[q] = Some(g);
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gp(level: &str, lat: f64, lon: f64) -> GoldPlace {
        GoldPlace {
            level: Some(level.into()),
            lat: Some(lat),
            lon: Some(lon),
            required: true,
            ..GoldPlace::default()
        }
    }

    fn pp(level: &str, lat: f64, lon: f64) -> PredPlace {
        PredPlace {
            level: Some(level.into()),
            lat: Some(lat),
            lon: Some(lon),
            ..PredPlace::default()
        }
    }

    #[test]
    fn haversine_is_right_on_a_known_distance() {
        // One degree of latitude is about 111.2 km.
        let d = haversine_km(35.0, 43.0, 36.0, 43.0);
        assert!((d - 111.2).abs() < 0.5, "{d}");
        assert_eq!(haversine_km(35.0, 43.0, 35.0, 43.0), 0.0);
    }

    #[test]
    fn place_rules() {
        // 0.01° of latitude ≈ 1.112 km: 26 → ~28.9 km, 28 → ~31.1 km.
        let deg = |km: f64| km / 111.195;
        let country = |c: &str| GoldPlace {
            level: Some("country".into()),
            country: Some(c.into()),
            ..GoldPlace::default()
        };
        let pcountry = |c: &str| PredPlace {
            level: Some("country".into()),
            country: Some(c.into()),
            lat: Some(33.0),
            lon: Some(44.0),
            ..PredPlace::default()
        };
        let cases: Vec<(&str, PredPlace, GoldPlace, bool)> = vec![
            (
                "point 29 km",
                pp("town", 35.0 + deg(29.0), 43.0),
                gp("city", 35.0, 43.0),
                true,
            ),
            (
                "point 31 km",
                pp("town", 35.0 + deg(31.0), 43.0),
                gp("city", 35.0, 43.0),
                false,
            ),
            (
                "unknown level is a point",
                PredPlace {
                    level: None,
                    ..pp("x", 35.0 + deg(10.0), 43.0)
                },
                gp("village", 35.0, 43.0),
                true,
            ),
            (
                "admin1 149 km",
                pp("admin1", 35.0 + deg(149.0), 43.0),
                gp("region", 35.0, 43.0),
                true,
            ),
            (
                "admin1 151 km",
                pp("admin1", 35.0 + deg(151.0), 43.0),
                gp("admin1", 35.0, 43.0),
                false,
            ),
            (
                "point vs admin1 nearby",
                pp("city", 35.0, 43.0),
                gp("admin1", 35.0, 43.0),
                false,
            ),
            ("country same code", pcountry("IQ"), country("iq"), true),
            ("country other code", pcountry("SY"), country("IQ"), false),
            (
                "city in country",
                PredPlace {
                    level: Some("city".into()),
                    ..pcountry("IQ")
                },
                country("IQ"),
                false,
            ),
            (
                "same id far apart",
                PredPlace {
                    id: Some("geonames:1".into()),
                    ..pp("city", 10.0, 10.0)
                },
                GoldPlace {
                    id: Some("geonames:1".into()),
                    ..gp("city", 35.0, 43.0)
                },
                true,
            ),
            (
                "text equals ar after folding",
                PredPlace {
                    texts: vec![fold("الرَّقَّة")],
                    ..PredPlace::default()
                },
                GoldPlace {
                    ar: vec!["الرقه".into(), "مدينة الرقة".into()],
                    ..GoldPlace::default()
                },
                true,
            ),
            (
                "text only contained is not equal",
                PredPlace {
                    texts: vec![fold("ريف الرقة")],
                    ..PredPlace::default()
                },
                GoldPlace {
                    ar: vec!["الرقة".into()],
                    ..GoldPlace::default()
                },
                false,
            ),
        ];
        for (name, p, g, want) in cases {
            assert_eq!(place_matches(&p, &g), want, "{name}");
        }
    }

    #[test]
    fn person_rules() {
        let names = vec!["اللواء يحيى رسول".to_string(), "يحيى رسول".to_string()];
        let cases = [
            ("يحيى رسول", true),
            ("الناطق العسكري يحيى رسول", true),
            ("يحيي رسول", true), // ى → ي after folding
            ("رسول", false),
            ("يحيى عبد الرسول", false),
        ];
        for (pred, want) in cases {
            assert_eq!(person_matches(&fold(pred), &names), want, "{pred}");
        }
        assert!(person_matches("خالد", &["خالد".to_string()]));
    }

    #[test]
    fn overlap_and_date_values() {
        assert!(texts_overlap(&fold("مساء الخميس"), &fold("الخميس")));
        assert!(texts_overlap(&fold("الخميس"), &fold("مساء الخميس الماضي")));
        assert!(!texts_overlap(&fold("الخميس"), &fold("الجمعة")));
        assert!(!texts_overlap("", "الجمعة"));
        let cases = [
            ("2020-03-12", "2020-03-12", true),
            ("2020-03", "2020-03-12", true),
            ("2020", "2020-03-12", true),
            ("2020-03-1", "2020-03-12", false),
            ("2020-03-12", "2020-03-13", false),
        ];
        for (g, p, want) in cases {
            assert_eq!(date_value_matches(g, p), want, "{g} {p}");
        }
    }

    #[test]
    fn assignment_rules() {
        // (gold (required, capacity), match matrix rows per prediction, tp, fp, neutral, missed)
        type Case = (
            &'static str,
            Vec<(bool, usize)>,
            Vec<Vec<usize>>,
            [usize; 4],
        );
        let cases: Vec<Case> = vec![
            ("one to one", vec![(true, 1)], vec![vec![0]], [1, 0, 0, 0]),
            (
                "duplicate is fp",
                vec![(true, 1)],
                vec![vec![0], vec![0]],
                [1, 1, 0, 0],
            ),
            (
                "capacity two",
                vec![(true, 2)],
                vec![vec![0], vec![0], vec![0]],
                [2, 1, 0, 0],
            ),
            (
                "optional is neutral",
                vec![(false, 1)],
                vec![vec![0]],
                [0, 0, 1, 0],
            ),
            (
                "second on optional is fp",
                vec![(false, 1)],
                vec![vec![0], vec![0]],
                [0, 1, 1, 0],
            ),
            (
                "unmatched gold is missed",
                vec![(true, 1), (true, 1)],
                vec![vec![1]],
                [1, 0, 0, 1],
            ),
            // Greedy would give p0 the first item and leave p1 nothing.
            (
                "augmenting path",
                vec![(true, 1), (true, 1)],
                vec![vec![0, 1], vec![0]],
                [2, 0, 0, 0],
            ),
            // Capacity must not let one item swallow both when two items can be covered.
            (
                "cover before capacity",
                vec![(true, 2), (true, 1)],
                vec![vec![0, 1], vec![0]],
                [2, 0, 0, 0],
            ),
            (
                "required beats optional",
                vec![(false, 1), (true, 1)],
                vec![vec![0, 1]],
                [1, 0, 0, 0],
            ),
        ];
        for (name, gold, rows, [tp, fp, neutral, missed]) in cases {
            let a = assign(rows.len(), &gold, |p, g| rows[p].contains(&g));
            assert_eq!(
                (a.tp, a.fp, a.neutral, a.missed),
                (tp, fp, neutral, missed),
                "{name}"
            );
        }
        let a = assign(2, &[(true, 2), (true, 1)], |p, g| {
            [vec![0, 1], vec![0]][p].contains(&g)
        });
        let mut pairs = a.pairs.clone();
        pairs.sort();
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }
}
