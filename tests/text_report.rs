//! `--format text`: the tables line up in display width (Hangul and emoji are two cells)
//! and long names are cut with `…` between grapheme clusters.

use crate::common;

use common::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width as a terminal draws it: cluster by cluster, at most two cells each.
fn cells(s: &str) -> usize {
    s.graphemes(true).map(|g| g.width().min(2)).sum()
}

/// The cells of a table row and the display column each starts at (cells are separated
/// by two or more spaces; a cell never holds two spaces in a row).
fn columns(line: &str) -> Vec<(usize, String)> {
    let mut v = Vec::new();
    let mut col = 0usize;
    let mut cell = String::new();
    let mut start = 0usize;
    let mut spaces = 0usize;
    for g in line.graphemes(true) {
        if g == " " {
            spaces += 1;
        } else {
            if spaces >= 2 || (cell.is_empty() && v.is_empty() && spaces > 0) {
                if !cell.is_empty() {
                    v.push((start, std::mem::take(&mut cell)));
                }
                start = col;
            } else {
                for _ in 0..spaces {
                    cell.push(' ');
                }
            }
            spaces = 0;
            if cell.is_empty() {
                start = col;
            }
            cell.push_str(g);
        }
        col += cells(g);
    }
    if !cell.is_empty() {
        v.push((start, cell));
    }
    v
}

fn report(path: &str) -> String {
    let out = cmd()
        .args(["--format", "text", "--date", "2024-06-20", path])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// Every table of a report: its header row and data rows, split into cells.
fn tables(s: &str) -> Vec<Vec<Vec<(usize, String)>>> {
    let mut out = Vec::new();
    let mut cur: Vec<Vec<(usize, String)>> = Vec::new();
    for l in s.lines() {
        if l.starts_with("  ") && !cur.is_empty()
            || l.starts_with("  id  ")
            || l.starts_with("  text  ")
        {
            cur.push(columns(l));
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn assert_lined_up(s: &str, label: &str) {
    let tables = tables(s);
    assert!(tables.len() >= 3, "{label}: tables in\n{s}");
    for t in &tables {
        let head: Vec<usize> = t[0].iter().map(|(c, _)| *c).collect();
        for row in &t[1..] {
            let starts: Vec<usize> = row.iter().map(|(c, _)| *c).collect();
            assert_eq!(
                starts, head,
                "{label}: a row does not line up with its header (display columns):\n{row:?}\n{s}"
            );
        }
    }
}

#[test]
fn columns_line_up_with_hangul_latin_and_emoji_names() {
    let s = report("tests/fixtures/wide-names.txt");
    assert_lined_up(&s, "wide-names");
    // the fixture does have the names the test is about
    let family = "👨\u{200D}👩\u{200D}👧";
    for name in [
        "샘 올트먼",
        "Sam Altman",
        "OpenAI",
        "Galaxy Ring 👍🏽",
        // written as decomposed jamo in the fixture; the name is the composed form
        "하나링🇰🇷 X2",
    ] {
        assert!(s.contains(name), "{name} in\n{s}");
    }
    // a name 25 cells long is cut to fit its 24-cell column, before the family emoji (a
    // ZWJ sequence that would not fit), never inside it
    assert!(s.contains("헬스링 패밀리에디션ABC…  "), "{s}");
    let all_zwj = s.matches('\u{200D}').count();
    assert_eq!(
        all_zwj,
        2 * s.matches(family).count(),
        "no broken ZWJ sequence:\n{s}"
    );
    for l in s.lines() {
        assert!(!l.ends_with(' '), "no trailing blanks: {l:?}");
    }
}

#[test]
fn columns_line_up_on_every_fixture() {
    for path in all_fixtures() {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let s = report(&rel);
        assert_lined_up(&s, &rel);
        for l in s.lines() {
            assert!(cells(l) <= 200, "{rel}: a line of {} cells: {l}", cells(l));
        }
    }
}
