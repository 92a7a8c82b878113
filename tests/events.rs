//! The event cases of `tests/events/*.txt` (sentences written for these tests, one file per
//! phenomenon; the format is in `tests/events/README.md`): each case's meetings and
//! partnerships must be exactly the expected ones; a case marked `todo:` is a known miss
//! and must still fail (when it passes, its `todo:` line goes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use analyze::report::Report;

/// One expected event: `M`/`P`, accepted statuses, participants (each a set of accepted
/// names, spaces removed), date text, place (`Some("-")`: none).
#[derive(Debug)]
struct Expected {
    meeting: bool,
    statuses: Vec<String>,
    names: Vec<Vec<String>>,
    date: Option<String>,
    place: Option<String>,
}

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    text: String,
    date: String,
    todo: Option<String>,
    expected: Vec<Expected>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn parse_expected(line: &str, at: &str) -> Expected {
    let mut parts = line.splitn(3, ' ');
    let kind = parts.next().unwrap_or_default();
    let statuses = parts.next().unwrap_or_default();
    let mut rest = parts
        .next()
        .unwrap_or_else(|| panic!("{at}: an event line is `M|P STATUS A + B [@date] [#place]`"))
        .to_string();
    let mut place = None;
    if let Some(i) = rest.rfind(" #") {
        place = Some(squeeze(&rest[i + 2..]));
        rest.truncate(i);
    }
    let mut date = None;
    if let Some(i) = rest.rfind(" @") {
        date = Some(squeeze(&rest[i + 2..]));
        rest.truncate(i);
    }
    assert!(
        kind == "M" || kind == "P",
        "{at}: an event line starts with M or P, not {kind:?}"
    );
    let names: Vec<Vec<String>> = rest
        .split(" + ")
        .map(|n| n.split('|').map(squeeze).collect())
        .collect();
    assert!(names.len() >= 2, "{at}: an event has two sides or more");
    Expected {
        meeting: kind == "M",
        statuses: statuses.split('|').map(str::to_string).collect(),
        names,
        date,
        place,
    }
}

fn parse(path: &Path) -> Vec<Case> {
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let mut cases = Vec::new();
    let mut cur: Option<(Case, bool)> = None;
    let mut lines: Vec<&str> = text.lines().collect();
    lines.push("");
    for (i, line) in lines.iter().enumerate() {
        let at = format!("{file}:{}", i + 1);
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if let Some((c, none)) = cur.take() {
                assert!(
                    none == c.expected.is_empty(),
                    "{}:{}: a case says `none` or lists events (one of the two)",
                    c.file,
                    c.line
                );
                cases.push(c);
            }
            continue;
        }
        let (case, none) = cur.get_or_insert_with(|| {
            (
                Case {
                    file: file.clone(),
                    line: i + 1,
                    text: String::new(),
                    date: "2024-02-21".into(),
                    todo: None,
                    expected: Vec::new(),
                },
                false,
            )
        });
        if let Some(t) = line.strip_prefix("> ") {
            if !case.text.is_empty() {
                case.text.push('\n');
            }
            case.text.push_str(t);
        } else if let Some(d) = line.strip_prefix("date: ") {
            case.date = d.to_string();
        } else if let Some(t) = line.strip_prefix("todo: ") {
            case.todo = Some(t.to_string());
        } else if *line == "none" {
            *none = true;
        } else {
            case.expected.push(parse_expected(line, &at));
        }
    }
    cases
}

/// A found event as the comparison sees it.
#[derive(Debug)]
struct Found {
    meeting: bool,
    status: String,
    names: Vec<String>,
    date: Option<String>,
    place: Option<String>,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.meeting { "M" } else { "P" };
        write!(f, "{kind} {} {}", self.status, self.names.join(" + "))?;
        if let Some(d) = &self.date {
            write!(f, " @{d}")?;
        }
        if let Some(p) = &self.place {
            write!(f, " #{p}")?;
        }
        Ok(())
    }
}

fn found(report: &Report) -> Vec<Found> {
    let mut out: Vec<Found> = report
        .meetings
        .iter()
        .map(|m| Found {
            meeting: true,
            status: m.status.to_string(),
            names: m.participants.iter().map(|p| p.name.clone()).collect(),
            date: m.date.as_ref().map(|d| d.text.clone()),
            place: m.place.clone(),
        })
        .collect();
    out.extend(report.partnerships.iter().map(|p| Found {
        meeting: false,
        status: p.status.to_string(),
        names: p.parties.iter().map(|x| x.name.clone()).collect(),
        date: None,
        place: None,
    }));
    out
}

fn matches(f: &Found, x: &Expected) -> bool {
    let names: Vec<String> = f.names.iter().map(|n| squeeze(n)).collect();
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    f.meeting == x.meeting
        && x.statuses.contains(&f.status)
        && distinct.len() == names.len()
        && names.len() == x.names.len()
        && x.names
            .iter()
            .all(|alts| names.iter().any(|n| alts.contains(n)))
        && x.date
            .as_ref()
            .is_none_or(|d| f.date.as_deref().map(squeeze).as_ref() == Some(d))
        && match x.place.as_deref() {
            None => true,
            Some("-") => f.place.is_none(),
            Some(p) => f.place.as_deref().map(squeeze).as_deref() == Some(p),
        }
}

/// Whether the case's events are exactly the expected ones.
fn passes(case: &Case, got: &[Found]) -> bool {
    let mut used = vec![false; got.len()];
    for x in &case.expected {
        match (0..got.len()).find(|&i| !used[i] && matches(&got[i], x)) {
            Some(i) => used[i] = true,
            None => return false,
        }
    }
    used.iter().all(|&u| u)
}

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/events");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn event_cases() {
    let analyzer = analyze::Analyzer::builtin();
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let files = case_files();
    assert!(files.len() >= 12, "the event case files are missing");
    for path in files {
        let cases = parse(&path);
        assert!(
            cases.len() >= 5,
            "{}: at least five cases per phenomenon",
            path.display()
        );
        for case in cases {
            let opts = analyze::Options {
                reference_date: analyze::dates::Ymd::parse(&case.date),
                ..Default::default()
            };
            let report = analyzer.analyze(&case.text, &opts);
            let got = found(&report);
            let ok = passes(&case, &got);
            let row = table.entry(case.file.clone()).or_default();
            row.0 += 1;
            match (&case.todo, ok) {
                (None, true) => row.1 += 1,
                (Some(_), false) => row.2 += 1,
                (None, false) | (Some(_), true) => {
                    let got: Vec<String> = got.iter().map(|f| f.to_string()).collect();
                    let what = if ok {
                        "passes now: remove its todo line"
                    } else {
                        "fails"
                    };
                    failures.push(format!(
                        "{}:{}: {what}\n    text: {}\n    got:  {}",
                        case.file,
                        case.line,
                        case.text.replace('\n', " / "),
                        if got.is_empty() {
                            "none".into()
                        } else {
                            got.join("; ")
                        }
                    ));
                }
            }
        }
    }
    println!(
        "{:<32} {:>5} {:>6} {:>5}",
        "file", "cases", "passed", "todo"
    );
    for (f, (n, ok, todo)) in &table {
        println!("{f:<32} {n:>5} {ok:>6} {todo:>5}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
