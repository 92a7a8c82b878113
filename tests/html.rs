//! `--format html`: the page is well-formed, marks every mention, date and amount at the
//! JSON's offsets with the mention's exact text, fetches nothing, and escapes the article.
//!
//! The page is parsed here by a small strict parser ([`parse`]) rather than a browser-grade
//! one: an HTML5 parser repairs broken markup silently (an unclosed `<mark>` is closed for
//! you), which is exactly what these tests must catch. It accepts only what a careful
//! generator writes: balanced tags, double-quoted attributes, text with `<`, `>`, `"` and
//! `'` escaped, `&` only in a known character reference, no control or bidi characters.

use crate::common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

/// An element of the page: tag, attributes, and its text content (character references
/// decoded, a control badge read back as the character it stands for).
#[derive(Debug, Clone)]
struct Element {
    tag: String,
    attrs: BTreeMap<String, String>,
    text: String,
    /// Tags of the elements it is inside, outermost first.
    path: Vec<String>,
}

impl Element {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(String::as_str)
    }
    fn has_class(&self, c: &str) -> bool {
        self.attr("class")
            .is_some_and(|v| v.split(' ').any(|x| x == c))
    }
}

const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
const ALLOWED: [&str; 24] = [
    "html", "head", "body", "meta", "title", "style", "script", "h1", "h2", "h3", "nav", "ol",
    "ul", "li", "a", "section", "div", "span", "mark", "aside", "p", "b", "bdi", "br",
];

fn is_bidi_or_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Decodes the character references of a text run or attribute value; an error for a bare
/// `&`, an unknown reference, or a raw character that must have been escaped.
fn decode(s: &str, in_attr: bool) -> Result<String, String> {
    let mut o = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let end = rest
                .find(';')
                .filter(|&e| e <= 10)
                .ok_or_else(|| format!("bare & at {:?}", &rest[..rest.len().min(20)]))?;
            let name = &rest[1..end];
            let ch = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "#39" => '\'',
                "#10" => '\n',
                _ => return Err(format!("unknown reference &{name};")),
            };
            o.push(ch);
            rest = &rest[end + 1..];
            continue;
        }
        if matches!(c, '<' | '>' | '"' | '\'') {
            let place = if in_attr { "attribute" } else { "text" };
            return Err(format!("raw {c:?} in {place}"));
        }
        if is_bidi_or_control(c) {
            return Err(format!("raw control or bidi character U+{:04X}", c as u32));
        }
        o.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(o)
}

/// Parses a page strictly; every element, in document order of their end tags.
fn parse(page: &str) -> Result<Vec<Element>, String> {
    let mut rest = page
        .strip_prefix("<!DOCTYPE html>\n")
        .ok_or("no <!DOCTYPE html> first")?;
    let mut open: Vec<Element> = Vec::new();
    let mut done: Vec<Element> = Vec::new();
    let mut seen_html = false;
    let push_text = |open: &mut Vec<Element>, t: &str| {
        for e in open.iter_mut() {
            e.text.push_str(t);
        }
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or("unterminated end tag")?;
            let name = &r[..end];
            let top = open.pop().ok_or(format!("</{name}> with nothing open"))?;
            if top.tag != name {
                return Err(format!("</{name}> closes <{}>", top.tag));
            }
            done.push(top);
            rest = &r[end + 1..];
            if name == "html" {
                if !rest.trim().is_empty() {
                    return Err(format!(
                        "content after </html>: {:?}",
                        &rest[..rest.len().min(40)]
                    ));
                }
                break;
            }
            continue;
        }
        if let Some(r) = rest.strip_prefix('<') {
            let name_end = r
                .find(|c: char| !c.is_ascii_alphanumeric())
                .ok_or("unterminated tag")?;
            let tag = r[..name_end].to_string();
            if tag.is_empty() || !ALLOWED.contains(&tag.as_str()) {
                return Err(format!("unexpected tag <{tag}"));
            }
            if tag == "html" {
                if seen_html || !open.is_empty() {
                    return Err("a second <html>".into());
                }
                seen_html = true;
            } else if open.is_empty() {
                return Err(format!("<{tag}> outside <html>"));
            }
            let mut r = &r[name_end..];
            let mut attrs = BTreeMap::new();
            loop {
                if let Some(x) = r.strip_prefix('>') {
                    r = x;
                    break;
                }
                let x = r
                    .strip_prefix(' ')
                    .ok_or(format!("<{tag}: bad attribute syntax"))?;
                let eq = x
                    .find("=\"")
                    .ok_or(format!("<{tag}: attribute without =\"\""))?;
                let name = &x[..eq];
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    return Err(format!("<{tag}: bad attribute name {name:?}"));
                }
                let v = &x[eq + 2..];
                let close = v
                    .find('"')
                    .ok_or(format!("<{tag}: unterminated attribute"))?;
                let value =
                    decode(&v[..close], true).map_err(|e| format!("<{tag} {name}>: {e}"))?;
                if attrs.insert(name.to_string(), value).is_some() {
                    return Err(format!("<{tag}: duplicate attribute {name}"));
                }
                r = &v[close + 1..];
            }
            rest = r;
            let path: Vec<String> = open.iter().map(|e| e.tag.clone()).collect();
            let mut el = Element {
                tag: tag.clone(),
                attrs,
                text: String::new(),
                path,
            };
            if el.has_class("ctl") {
                // a badge stands for one character of the article
                let cp = el.attr("data-cp").ok_or("ctl badge without data-cp")?;
                let n = u32::from_str_radix(cp.trim_start_matches("U+"), 16)
                    .map_err(|_| format!("bad data-cp {cp}"))?;
                let c = char::from_u32(n).ok_or("data-cp is no character")?;
                push_text(&mut open, &c.to_string());
            }
            if VOID.contains(&tag.as_str()) {
                done.push(el);
            } else if tag == "style" || tag == "script" {
                let close = format!("</{tag}>");
                let end = rest.find(&close).ok_or(format!("unterminated <{tag}>"))?;
                el.text = rest[..end].to_string();
                if el.text.contains("</") || el.text.contains("<!--") {
                    return Err(format!("<{tag}> holds markup"));
                }
                done.push(el);
                rest = &rest[end + close.len()..];
            } else {
                open.push(el);
            }
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let t = decode(&rest[..end], false)?;
        if open.is_empty() && !t.trim().is_empty() {
            return Err(format!("text outside <html>: {t:?}"));
        }
        push_text(&mut open, &t);
        rest = &rest[end..];
    }
    if let Some(e) = open.last() {
        return Err(format!("<{}> never closed", e.tag));
    }
    if !seen_html {
        return Err("no <html>".into());
    }
    Ok(done)
}

fn parse_ok(page: &str, label: &str) -> Vec<Element> {
    parse(page).unwrap_or_else(|e| panic!("{label}: the page is not well-formed: {e}"))
}

#[test]
fn the_checker_rejects_broken_pages() {
    let good = "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>a &amp; b</p></body></html>\n";
    assert!(parse(good).is_ok(), "{:?}", parse(good));
    for bad in [
        "<html><body></body></html>",                              // no doctype
        "<!DOCTYPE html>\n<html><body><mark>x</body></html>",      // unclosed
        "<!DOCTYPE html>\n<html><body><p>a < b</p></body></html>", // raw <
        "<!DOCTYPE html>\n<html><body><p>a & b</p></body></html>", // bare &
        "<!DOCTYPE html>\n<html><body><p title=\"a\"b\">x</p></body></html>", // quote
        "<!DOCTYPE html>\n<html><body><p>\u{202E}x</p></body></html>", // RLO
        "<!DOCTYPE html>\n<html><body><p>\u{1b}x</p></body></html>", // ESC
        "<!DOCTYPE html>\n<html><body><script>alert(1)</script><script>x</script></body></html><p>",
        "<!DOCTYPE html>\n<html><body><style></style></style></body></html>",
        "<!DOCTYPE html>\n<html><body><iframe></iframe></body></html>",
        "<!DOCTYPE html>\n<html><body><p>x</b></body></html>",
    ] {
        assert!(parse(bad).is_err(), "accepted: {bad:?}");
    }
}

/// Runs the binary; stdout and exit status.
fn run(args: &[&str], stdin: Option<&str>) -> (String, Option<i32>, String) {
    let mut c = cmd();
    c.args(args);
    if let Some(s) = stdin {
        c.write_stdin(s.to_string());
    }
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).expect("the page is UTF-8"),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What the JSON says should be marked: (id, start, end, text, css type).
fn expected_marks(report: &Value) -> Vec<(String, u64, u64, String, String)> {
    let mut v = Vec::new();
    for e in report["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            v.push((
                e["id"].as_str().unwrap().to_string(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
                e["type"].as_str().unwrap().to_string(),
            ));
        }
    }
    for d in report["dates"].as_array().unwrap() {
        v.push((
            d["id"].as_str().unwrap().to_string(),
            d["start"].as_u64().unwrap(),
            d["end"].as_u64().unwrap(),
            d["text"].as_str().unwrap().to_string(),
            "date".into(),
        ));
    }
    for (i, q) in report["quantities"].as_array().unwrap().iter().enumerate() {
        v.push((
            format!("q{}", i + 1),
            q["start"].as_u64().unwrap(),
            q["end"].as_u64().unwrap(),
            q["text"].as_str().unwrap().to_string(),
            "amount".into(),
        ));
    }
    v.sort();
    v
}

/// What the page marks, in the same form.
fn page_marks(els: &[Element]) -> Vec<(String, u64, u64, String, String)> {
    let mut v: Vec<_> = els
        .iter()
        .filter(|e| e.tag == "mark")
        .map(|e| {
            let class = e.attr("class").unwrap_or("");
            (
                e.attr("data-id").unwrap_or("").to_string(),
                e.attr("data-start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(u64::MAX),
                e.attr("data-end")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(u64::MAX),
                e.text.clone(),
                class.strip_prefix("t-").unwrap_or(class).to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// No URL leads off the page: every href is a `#` anchor, nothing has a src, the style
/// loads nothing.
fn assert_self_contained(page: &str, els: &[Element], label: &str) {
    for e in els {
        assert!(e.attr("src").is_none(), "{label}: <{} src>", e.tag);
        if let Some(h) = e.attr("href") {
            assert!(
                h.starts_with('#') && !h.starts_with("#/"),
                "{label}: href {h:?}"
            );
        }
        if e.tag == "style" {
            assert!(
                !e.text.contains("url(") && !e.text.contains("@import"),
                "{label}: the style loads something"
            );
        }
        if e.tag == "style" || e.tag == "script" {
            for u in [
                "http:",
                "https:",
                "//",
                "fetch(",
                "XMLHttpRequest",
                "import",
            ] {
                assert!(!e.text.contains(u), "{label}: {u} in <{}>", e.tag);
            }
        }
    }
    assert!(!page.contains("<link"), "{label}: a <link>");
    for tag in ["style", "script", "title", "head", "body", "html"] {
        assert_eq!(
            els.iter().filter(|e| e.tag == tag).count(),
            1,
            "{label}: one <{tag}>"
        );
    }
}

/// Every `#id` link has its target.
fn assert_links_resolve(els: &[Element], label: &str) {
    let ids: std::collections::HashSet<&str> = els.iter().filter_map(|e| e.attr("id")).collect();
    assert_eq!(
        ids.len(),
        els.iter().filter(|e| e.attr("id").is_some()).count(),
        "{label}: ids are unique"
    );
    for e in els {
        if let Some(h) = e.attr("href") {
            assert!(ids.contains(&h[1..]), "{label}: {h} leads nowhere");
        }
        if let Some(ev) = e.attr("data-ev") {
            for t in ev.split(' ') {
                assert!(ids.contains(t), "{label}: evidence {t} leads nowhere");
            }
        }
    }
}

#[test]
fn the_page_of_every_fixture_is_well_formed_and_marks_every_mention() {
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 8);
    for path in fixtures {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let (json, code, err) = run(&["--date", "2024-06-20", "--format", "json", &rel], None);
        assert_eq!(code, Some(0), "{rel}: {err}");
        let report = one_json(json.as_bytes());
        let (page, code, err) = run(&["--date", "2024-06-20", "--format", "html", &rel], None);
        assert_eq!(code, Some(0), "{rel}: {err}");
        let els = parse_ok(&page, &rel);
        assert_self_contained(&page, &els, &rel);
        assert_links_resolve(&els, &rel);

        // one mark per mention, date and amount, at its offsets, with its exact text
        let want = expected_marks(&report);
        let got = page_marks(&els);
        assert!(!want.is_empty(), "{rel}: the fixture has findings");
        assert_eq!(got, want, "{rel}: marks differ from the JSON");
        assert!(
            !page.contains("not drawn"),
            "{rel}: every span was drawn (no note)"
        );
        // every mark can be focused and says what it is
        for m in els.iter().filter(|e| e.tag == "mark") {
            assert_eq!(m.attr("tabindex"), Some("0"), "{rel}");
            let tip = m.attr("data-tip").unwrap_or("");
            assert!(
                tip.contains(m.attr("data-id").unwrap()),
                "{rel}: tooltip {tip:?}"
            );
            assert_eq!(m.attr("title"), Some(tip), "{rel}");
        }
        // entity tooltips: name, English name and roles
        for e in report["entities"].as_array().unwrap() {
            let id = e["id"].as_str().unwrap();
            let m = els
                .iter()
                .find(|m| m.tag == "mark" && m.attr("data-id") == Some(id))
                .unwrap_or_else(|| panic!("{rel}: no mark of {id}"));
            let tip = m.attr("data-tip").unwrap();
            assert!(tip.contains(e["name"].as_str().unwrap()), "{rel}: {tip}");
            if let Some(en) = e["english"].as_str() {
                assert!(tip.contains(en), "{rel}: {tip} lacks {en}");
            }
            for r in e["roles"].as_array().unwrap() {
                assert!(tip.contains(r["title"].as_str().unwrap()), "{rel}: {tip}");
            }
        }

        // the article text is all there, in order: the document's text content is the
        // decoded input itself
        let doc = els.iter().find(|e| e.has_class("doc")).expect("a document");
        assert_eq!(
            doc.text,
            read_text(&path),
            "{rel}: the page's text is the article"
        );
        // one span per sentence, with its kind; boilerplate greyed by class
        let sentences = report["sentences"].as_array().unwrap();
        let spans: Vec<&Element> = els
            .iter()
            .filter(|e| e.tag == "span" && e.attr("data-s").is_some())
            .collect();
        assert_eq!(spans.len(), sentences.len(), "{rel}: sentences");
        for s in sentences {
            let id = format!("a1-s{}", s["id"]);
            let el = spans
                .iter()
                .find(|e| e.attr("id") == Some(id.as_str()))
                .unwrap_or_else(|| panic!("{rel}: no {id}"));
            assert!(
                el.has_class(s["kind"].as_str().unwrap()),
                "{rel}: {id} kind"
            );
            assert_eq!(el.text, s["text"].as_str().unwrap(), "{rel}: {id} text");
        }
        // every meeting and partnership has a card with its status and evidence links
        for (key, n) in [("meetings", "m"), ("partnerships", "r")] {
            for m in report[key].as_array().unwrap() {
                let id = format!("a1-{}", m["id"].as_str().unwrap());
                assert!(m["id"].as_str().unwrap().starts_with(n));
                let card = els
                    .iter()
                    .find(|e| e.attr("id") == Some(id.as_str()))
                    .unwrap_or_else(|| panic!("{rel}: no card {id}"));
                assert!(
                    card.text.contains(m["status"].as_str().unwrap()),
                    "{rel}: {id}"
                );
                if let Some(h) = m["hedge"].as_str() {
                    assert!(card.text.contains(h), "{rel}: {id} hedge");
                }
                if let Some(p) = m["place"].as_str() {
                    assert!(card.text.contains(p), "{rel}: {id} place");
                }
                if let Some(d) = m["date"]["text"].as_str() {
                    assert!(card.text.contains(d), "{rel}: {id} date");
                }
                let links: Vec<&str> = els
                    .iter()
                    .filter(|e| e.tag == "a" && e.attr("data-rel") == Some(id.as_str()))
                    .filter_map(|e| e.attr("href"))
                    .collect();
                let want: Vec<String> = m["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| format!("#a1-s{s}"))
                    .collect();
                assert_eq!(links, want, "{rel}: {id} evidence links");
            }
        }
    }
}

#[test]
fn boilerplate_is_greyed() {
    // fixture 02 ends with a reporter e-mail line and 무단전재 및 재배포 금지
    let (page, _, _) = run(&["--format", "html", "fixtures/02-mou-signing.txt"], None);
    let els = parse_ok(&page, "02");
    let greyed: Vec<&Element> = els
        .iter()
        .filter(|e| e.has_class("s") && e.has_class("boilerplate") && e.attr("id").is_some())
        .collect();
    assert!(
        greyed.iter().any(|e| e.text.contains("무단전재")),
        "the trailer is boilerplate"
    );
    assert!(page.contains(".s.boilerplate{color:"), "and drawn grey");
}

#[test]
fn several_inputs_make_one_page_with_contents_and_errors_in_place() {
    let (page, code, err) = run(
        &[
            "--date",
            "2024-06-20",
            "--format",
            "html",
            "fixtures/01-summit-meeting.txt",
            "missing.txt",
            "fixtures/04-chip-partnership.txt",
        ],
        None,
    );
    assert_eq!(code, Some(1), "a failed input: {err}");
    assert!(err.contains("missing.txt"));
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1, "one page");
    let els = parse_ok(&page, "three inputs");
    assert_self_contained(&page, &els, "three inputs");
    assert_links_resolve(&els, "three inputs");
    let toc = els
        .iter()
        .find(|e| e.tag == "nav")
        .expect("a table of contents");
    for (i, name) in ["01-summit-meeting", "missing.txt", "04-chip-partnership"]
        .iter()
        .enumerate()
    {
        assert!(toc.text.contains(name), "contents name {name}");
        let sec = els
            .iter()
            .find(|e| e.tag == "section" && e.attr("id") == Some(&format!("a{}", i + 1)))
            .unwrap_or_else(|| panic!("section a{}", i + 1));
        assert!(sec.text.contains(name), "section a{} is {name}", i + 1);
    }
    let failed = els
        .iter()
        .find(|e| e.tag == "section" && e.has_class("failed"))
        .expect("the error in place");
    assert_eq!(failed.attr("id"), Some("a2"));
    assert!(failed.text.contains("not_found"), "{}", failed.text);
    // the sections' marks are those of their own JSON
    let (json, _, _) = run(
        &[
            "--date",
            "2024-06-20",
            "--format",
            "jsonl",
            "fixtures/01-summit-meeting.txt",
            "missing.txt",
            "fixtures/04-chip-partnership.txt",
        ],
        None,
    );
    let lines = json_lines(json.as_bytes());
    let mut want: Vec<_> = expected_marks(&lines[0]);
    want.extend(expected_marks(&lines[2]));
    want.sort();
    assert_eq!(page_marks(&els), want);
    // and the same page from several workers (the writer orders them)
    let (page2, _, _) = run(
        &[
            "-j",
            "2",
            "--date",
            "2024-06-20",
            "--format",
            "html",
            "fixtures/01-summit-meeting.txt",
            "missing.txt",
            "fixtures/04-chip-partnership.txt",
        ],
        None,
    );
    assert_eq!(page, page2, "the page does not depend on -j");
}

/// The article is untrusted: markup, quotes, control characters and bidi controls in the
/// text and in the record id are escaped; the page keeps its structure and shows the text.
#[test]
fn hostile_input_is_escaped() {
    let text = "삼성전자 <script>alert(1)</script> 신제품 \"공개\" 'x' </style></title><!-- &amp; &lt;\n\
                이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다.\u{1b}[31m \u{7}\u{7f}\u{85}\n\
                두 사람은 \u{202E}AI 협력\u{202C} 방안을 \u{2066}논의\u{2069}했다. <img src=x onerror=alert(2)> javascript:alert(3) https://evil.example/x.js";
    let id = "\"</title><script>alert(4)</script>\u{202E}";
    let rec = serde_json::json!({"id": id, "text": text, "date": "2024-02-21"}).to_string();
    let (page, code, err) = run(&["--input", "jsonl", "--format", "html"], Some(&rec));
    assert_eq!(code, Some(0), "{err}");
    let els = parse_ok(&page, "hostile");
    assert_eq!(
        els.iter().filter(|e| e.tag == "script").count(),
        1,
        "only our script"
    );
    assert!(
        !els.iter().any(|e| e.tag == "img"),
        "no element from the article"
    );
    assert!(!page.contains("<script>alert"), "no live script");
    assert!(
        !page.contains("<img"),
        "no live tag (its text is shown escaped)"
    );
    assert!(
        !page.contains('\u{202E}') && !page.contains('\u{1b}'),
        "no raw controls"
    );
    for e in &els {
        for (k, v) in &e.attrs {
            assert!(!k.starts_with("on"), "an event attribute {k}={v}");
        }
    }
    assert_self_contained(&page, &els, "hostile");
    // the text is shown whole: the document's text content is the article itself
    let doc = els.iter().find(|e| e.has_class("doc")).expect("a document");
    assert_eq!(doc.text, text);
    // the controls are visible badges
    assert!(page.contains("data-cp=\"U+202E\""), "the RLO is shown");
    assert!(page.contains("data-cp=\"U+001B\""), "the ESC is shown");
    // the id is escaped in the heading and the title
    let title = els.iter().find(|e| e.tag == "title").unwrap();
    assert!(title.text.contains("</title><script>"), "{}", title.text);
    // the findings are still marked
    assert!(els.iter().any(|e| e.tag == "mark" && e.text == "이재용"));
}

/// Marks at offsets the page cannot honour (nested, crossing, out of range, wrong text)
/// never break the markup: nested spans nest, the others are left out and counted.
#[test]
fn overlapping_and_bad_spans_keep_the_markup_balanced() {
    use analyze::html::{Entry, page};
    use analyze::report::MentionOut;
    let doc = "이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다.";
    let mut report = analyze::Analyzer::builtin().analyze(doc, &analyze::Options::default());
    let n = doc.chars().count();
    let slice = |s: usize, e: usize| doc.chars().skip(s).take(e - s).collect::<String>();
    let m = |s: usize, e: usize, t: String| MentionOut {
        sentence: 0,
        start: s,
        end: e,
        text: t,
        rule: None,
    };
    let before = report.entities[0].mentions.len();
    // nested: the whole "이재용 삼성전자" around the existing 이재용 and 삼성전자 marks
    report.entities[0].mentions.push(m(0, 8, slice(0, 8)));
    // crossing: "재용 삼" crosses the 이재용 mark (and is inside the nested one)
    report.entities[0].mentions.push(m(1, 5, slice(1, 5)));
    // out of range, reversed, empty, and a text that is not at its offsets
    report.entities[0]
        .mentions
        .push(m(n - 2, n + 5, "x".into()));
    report.entities[0].mentions.push(m(5, 2, String::new()));
    report.entities[0].mentions.push(m(3, 3, String::new()));
    report.entities[0].mentions.push(m(0, 3, "삼성전".into()));
    let p = page(&[Entry::Article {
        report: Box::new(report.clone()),
        document: doc.to_string(),
    }]);
    let els = parse_ok(&p, "overlaps");
    let marks: Vec<&Element> = els.iter().filter(|e| e.tag == "mark").collect();
    let outer = marks
        .iter()
        .find(|e| e.attr("data-start") == Some("0") && e.attr("data-end") == Some("8"))
        .expect("the enclosing mark is drawn");
    assert_eq!(outer.text, slice(0, 8));
    let inner = marks
        .iter()
        .find(|e| e.text == "이재용" && e.attr("data-start") == Some("0"))
        .expect("the inner mark is drawn");
    assert_eq!(
        inner.path.iter().filter(|t| *t == "mark").count(),
        1,
        "inside the enclosing mark"
    );
    assert!(
        !marks.iter().any(|e| e.attr("data-start") == Some("1")),
        "the crossing span is left out"
    );
    assert!(
        p.contains("4 span(s) not drawn: offsets do not match"),
        "counted"
    );
    assert!(
        p.contains("1 span(s) not drawn: they cross another"),
        "counted"
    );
    assert!(before >= 1);
    // a document that is not the report's (shorter, or other text): nothing panics and
    // the page is still well-formed
    for other in ["", "이재용", "전혀 다른 글"] {
        let p = page(&[Entry::Article {
            report: Box::new(report.clone()),
            document: other.to_string(),
        }]);
        parse_ok(&p, other);
    }
}
