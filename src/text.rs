//! The `--format text` report: tables that line up in a terminal.
//!
//! Columns are measured in display cells ([`width`]: Hangul and other wide characters take
//! two, combining marks none), and a cell that is too long is cut with `…` at a grapheme
//! cluster boundary ([`fit`]), never inside one: an emoji ZWJ sequence, a flag or a
//! syllable written as decomposed jamo stays whole or goes whole. Article text never drives
//! the terminal: control characters and bidirectional controls are blanked ([`printable`]).

use std::fmt::Write;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::report::Report;

/// Replaces control characters (but line feeds) and bidirectional formatting characters
/// (U+202E …, which would reorder the rest of a terminal line) with spaces.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\n') || bidi {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Display width of one grapheme cluster in terminal cells (0, 1 or 2).
fn cluster_width(g: &str) -> usize {
    // a cluster is one glyph on the screen: a wide one (an emoji sequence, a flag, a
    // syllable) takes two cells however many characters it is built of
    UnicodeWidthStr::width(g).min(2)
}

/// Display width of `s` in terminal cells, cluster by cluster.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

/// `s` cut to at most `max` cells: whole grapheme clusters, then `…` when anything was cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut o = String::new();
    let mut w = 0usize;
    for g in s.graphemes(true) {
        let gw = cluster_width(g);
        if w + gw > max - 1 {
            break;
        }
        o.push_str(g);
        w += gw;
    }
    // no dangling space before the ellipsis
    let mut o = o.trim_end().to_string();
    o.push('…');
    o
}

/// A table: a header row and rows of cells, each column at most `caps[i]` cells wide
/// (longer cells are cut with [`fit`]), laid out two spaces apart, indented by two. The
/// last column is not padded (no trailing blanks).
fn table(
    o: &mut String,
    header: &[&str],
    rows: Vec<Vec<String>>,
    caps: &[usize],
    dim: (&str, &str),
) {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            r.iter()
                .zip(caps)
                .map(|(c, &cap)| fit(&printable(c).replace('\n', " "), cap))
                .collect()
        })
        .collect();
    let n = header.len();
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| width(c)))
                .chain(std::iter::once(width(header[i])))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |o: &mut String, cells: &[String]| {
        let mut l = String::from("  ");
        for (i, c) in cells.iter().enumerate() {
            l.push_str(c);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(widths[i].saturating_sub(width(c)) + 2));
            }
        }
        let _ = writeln!(o, "{}", l.trim_end());
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    o.push_str(dim.0);
    let mut h = String::new();
    line(&mut h, &head);
    o.push_str(h.trim_end_matches('\n'));
    o.push_str(dim.1);
    o.push('\n');
    for r in &rows {
        line(o, r);
    }
}

/// The escape codes of a report: bold headings and dim column names, or none.
struct Style {
    bold: (&'static str, &'static str),
    dim: (&'static str, &'static str),
}

impl Style {
    fn new(color: bool) -> Style {
        if color {
            Style {
                bold: ("\x1b[1m", "\x1b[0m"),
                dim: ("\x1b[2m", "\x1b[0m"),
            }
        } else {
            Style {
                bold: ("", ""),
                dim: ("", ""),
            }
        }
    }

    fn heading(&self, o: &mut String, title: &str) {
        let (b, x) = self.bold;
        let _ = writeln!(o, "\n{b}{title}{x}");
    }

    /// A heading and its [`table`], or nothing when there are no rows.
    fn section(
        &self,
        o: &mut String,
        title: &str,
        header: &[&str],
        rows: Vec<Vec<String>>,
        caps: &[usize],
    ) {
        if rows.is_empty() {
            return;
        }
        self.heading(o, title);
        table(o, header, rows, caps, self.dim);
    }
}

/// The `--format text` report: the input and its headline, then tables of people (with
/// roles), organizations, products, places, dates, amounts, meetings and partnerships, and
/// the warnings. `color` adds ANSI bold to headings (and dims the column names).
pub fn report(r: &Report, color: bool) -> String {
    let style = Style::new(color);
    let mut o = String::new();
    write_title(&mut o, r, &style);
    style.section(
        &mut o,
        "People",
        &["id", "name", "english", "roles"],
        people_rows(r),
        &[5, 24, 24, 48],
    );
    for (t, title) in [
        ("organization", "Organizations"),
        ("product", "Products"),
        ("place", "Places"),
    ] {
        style.section(
            &mut o,
            title,
            &["id", "name", "english", "kind"],
            entity_rows(r, t),
            &[5, 24, 24, 24],
        );
    }
    style.section(
        &mut o,
        "Dates",
        &["id", "text", "value", "sentence"],
        date_rows(r),
        &[5, 24, 16, 8],
    );
    style.section(
        &mut o,
        "Amounts",
        &["text", "value", "unit", "kind", "sentence"],
        amount_rows(r),
        &[24, 20, 8, 8, 8],
    );
    style.section(
        &mut o,
        "Meetings",
        &[
            "id", "status", "hedge", "date", "place", "evidence", "summary",
        ],
        meeting_rows(r),
        &[5, 10, 10, 14, 16, 14, 56],
    );
    style.section(
        &mut o,
        "Partnerships",
        &["id", "status", "hedge", "date", "evidence", "summary"],
        partnership_rows(r),
        &[5, 10, 10, 14, 14, 56],
    );
    if !r.warnings.is_empty() {
        style.heading(&mut o, "Warnings");
        for w in &r.warnings {
            let _ = writeln!(o, "  {}", printable(w));
        }
    }
    o
}

/// The first lines: which input (path, else id, else `-`), its headline and its reference
/// date.
fn write_title(o: &mut String, r: &Report, style: &Style) {
    let (b, x) = style.bold;
    let name = r
        .source
        .path
        .clone()
        .or_else(|| r.source.id.as_ref().map(|v| v.to_string()))
        .unwrap_or_else(|| "-".into());
    let _ = writeln!(o, "{b}== {}{x}", printable(&name));
    if let Some(h) = &r.headline {
        let _ = writeln!(o, "{b}{}{x}", printable(h).replace('\n', " "));
    }
    if let Some(d) = &r.reference_date {
        let _ = writeln!(o, "date: {} ({})", d.value, d.origin);
    }
}

/// A cell of an optional value: `-` when there is none.
fn opt(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

/// A role as the article would write it: `전 삼성전자 회장`.
fn role_text(r: &crate::report::RoleOut) -> String {
    let q = match r.qualifier {
        Some("former") => "전 ",
        Some("at_the_time") => "당시 ",
        Some("late") => "고 ",
        Some("acting") => "대행 ",
        _ => "",
    };
    match &r.organization {
        Some(org) => format!("{q}{} {}", org.name, r.title),
        None => format!("{q}{}", r.title),
    }
}

fn people_rows(r: &Report) -> Vec<Vec<String>> {
    r.entities
        .iter()
        .filter(|e| e.etype == "person")
        .map(|e| {
            let roles: Vec<String> = e.roles.iter().map(role_text).collect();
            vec![
                e.id.clone(),
                e.name.clone(),
                opt(e.english.as_deref()),
                if roles.is_empty() {
                    "-".into()
                } else {
                    roles.join(", ")
                },
            ]
        })
        .collect()
}

/// The rows of the entities of one type (not people): id, name, English name, subtype.
fn entity_rows(r: &Report, etype: &str) -> Vec<Vec<String>> {
    r.entities
        .iter()
        .filter(|e| e.etype == etype)
        .map(|e| {
            vec![
                e.id.clone(),
                e.name.clone(),
                opt(e.english.as_deref()),
                opt(e.subtype.as_deref()),
            ]
        })
        .collect()
}

fn date_rows(r: &Report) -> Vec<Vec<String>> {
    r.dates
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.text.clone(),
                opt(d.value.as_deref()),
                format!("s{}", d.sentence),
            ]
        })
        .collect()
}

fn amount_rows(r: &Report) -> Vec<Vec<String>> {
    r.quantities
        .iter()
        .map(|q| {
            vec![
                q.text.clone(),
                q.value.to_string(),
                opt(q.unit.as_deref()),
                q.kind.to_string(),
                format!("s{}", q.sentence),
            ]
        })
        .collect()
}

/// An event's date: its value, else its text, else `-`.
fn event_date(d: &Option<crate::report::DateRef>) -> String {
    d.as_ref()
        .map(|d| d.value.clone().unwrap_or_else(|| d.text.clone()))
        .unwrap_or_else(|| "-".into())
}

/// The evidence sentences: `s1 s3`.
fn evidence(e: &[usize]) -> String {
    e.iter()
        .map(|s| format!("s{s}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn meeting_rows(r: &Report) -> Vec<Vec<String>> {
    r.meetings
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.status.to_string(),
                opt(m.hedge),
                event_date(&m.date),
                opt(m.place.as_deref()),
                evidence(&m.evidence),
                m.summary.clone(),
            ]
        })
        .collect()
}

fn partnership_rows(r: &Report) -> Vec<Vec<String>> {
    r.partnerships
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                p.status.to_string(),
                opt(p.hedge),
                event_date(&p.date),
                evidence(&p.evidence),
                p.summary.clone(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cells_per_cluster() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("이재용"), 6);
        // decomposed jamo: one syllable, two cells
        assert_eq!(width("\u{1112}\u{1161}\u{11AB}"), 2);
        // a family (ZWJ sequence), a flag, a skin tone: one glyph each, two cells
        assert_eq!(width("👨\u{200D}👩\u{200D}👧"), 2);
        assert_eq!(width("🇰🇷"), 2);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn fit_cuts_between_clusters_with_an_ellipsis() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        // Hangul: two cells each; 5 cells hold two syllables and the ellipsis
        assert_eq!(fit("삼성전자서비스", 5), "삼성…");
        for s in [
            "👨\u{200D}👩\u{200D}👧👨\u{200D}👩\u{200D}👧👨\u{200D}👩\u{200D}👧",
            "🇰🇷🇺🇸🇯🇵🇫🇷",
            "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}\u{1112}\u{1161}\u{11AB}",
            "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
        ] {
            for max in 0..=width(s) + 1 {
                let f = fit(s, max);
                assert!(width(&f) <= max, "{s:?} in {max}: {f:?}");
                let kept = f.trim_end_matches('…');
                assert!(s.starts_with(kept), "{s:?}: {f:?}");
                // the cut falls on a cluster boundary
                let bounds: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
                assert!(
                    kept.len() == s.len() || bounds.contains(&kept.len()),
                    "{s:?} cut inside a cluster at {max}: {f:?}"
                );
            }
        }
    }

    #[test]
    fn printable_blanks_controls_and_bidi() {
        assert_eq!(printable("a\u{1b}[31mb\u{202E}c\nd"), "a [31mb c\nd");
    }
}
