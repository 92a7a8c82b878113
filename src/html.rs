//! The `--format html` page: the article with every finding marked in place.
//!
//! One self-contained page per run (the CSS and the script are inline; nothing is fetched):
//! each article's text with its entity mentions, dates and amounts marked, one colour per
//! type and a legend; hovering or focusing a mark shows what it is; boilerplate sentences
//! are greyed; the meetings and partnerships are listed beside the text, each with links
//! that scroll to and highlight its evidence sentences. Several inputs make one page with a
//! table of contents and a section per input; a failed input is a section with its error.
//!
//! The marks are drawn from the [`Report`] itself, at its character offsets into the
//! analyzed document (`document.chars()[start..end] == text`), so the page is a visual
//! check of the JSON. A mark whose offsets do not hold is not drawn and the section says so.
//! Marks nest when one span lies inside another; a span that crosses another is not drawn
//! (and counted in the same note), so the markup is always balanced.
//!
//! The article is untrusted: every piece of it is escaped (`& < > " '`), and control
//! characters and bidirectional controls (U+202E …) are never copied into the page: each is
//! shown as a small `U+XXXX` badge (`<span class="ctl" data-cp="U+XXXX">`) that takes its
//! place, so nothing in an article can reorder or hide the text around it.

use std::fmt::Write;

use crate::report::{ErrorReport, Report};

/// One input of the page.
#[derive(Debug, Clone)]
pub enum Entry {
    /// An analyzed input: its report and the document its offsets count in.
    Article {
        /// The report.
        report: Box<Report>,
        /// The analyzed document (the decoded file, or the record's document).
        document: String,
    },
    /// An input that failed.
    Failed(Box<ErrorReport>),
}

/// The types that get a colour, in legend order: CSS class and label.
const TYPES: [(&str, &str); 6] = [
    ("person", "person"),
    ("organization", "organization"),
    ("product", "product"),
    ("place", "place"),
    ("date", "date"),
    ("amount", "amount"),
];

/// A character that must not be copied into the page as it is: C0 and C1 controls (but tab
/// line feed and carriage return), bidirectional formatting
/// characters, and the noncharacters U+FFFE/U+FFFF. (A carriage return is left: the HTML
/// parser reads it as a line break.)
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Escapes text for an HTML text node or a double- or single-quoted attribute value.
/// Hidden controls become the visible text `U+XXXX` (see [`text`] for the badge form).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        push_escaped(&mut o, c, false);
    }
    o
}

/// Escapes one character; `badge`: a hidden control becomes a badge element (text nodes
/// only), else its `U+XXXX` name.
fn push_escaped(o: &mut String, c: char, badge: bool) {
    match c {
        '&' => o.push_str("&amp;"),
        '<' => o.push_str("&lt;"),
        '>' => o.push_str("&gt;"),
        '"' => o.push_str("&quot;"),
        '\'' => o.push_str("&#39;"),
        c if is_hidden_control(c) => {
            if badge {
                let _ = write!(
                    o,
                    "<span class=\"ctl\" data-cp=\"U+{:04X}\" title=\"U+{:04X}\"></span>",
                    c as u32, c as u32
                );
            } else {
                let _ = write!(o, "U+{:04X}", c as u32);
            }
        }
        c => o.push(c),
    }
}

/// Escapes article text for a text node, with hidden controls as badges.
fn text(o: &mut String, chars: &[char]) {
    for &c in chars {
        push_escaped(o, c, true);
    }
}

/// A span to draw over the document, in characters.
struct Span {
    start: usize,
    end: usize,
    /// Sentences (rank 0) enclose marks; at equal bounds the lower rank is outside.
    rank: u8,
    /// The opening tag.
    open: String,
    /// `span` or `mark`.
    tag: &'static str,
}

/// The tooltip of an entity: name, id, English name, type and roles, one per line.
fn entity_tip(e: &crate::report::EntityOut) -> String {
    let mut t = format!("{} · {}", e.name, e.id);
    if let Some(en) = &e.english {
        let _ = write!(t, "\n{en}");
    }
    let _ = write!(t, "\n{}", e.etype);
    if let Some(s) = &e.subtype {
        let _ = write!(t, " ({s})");
    }
    for r in &e.roles {
        let q = r.qualifier.map(|q| format!("{q} ")).unwrap_or_default();
        match &r.organization {
            Some(org) => {
                let _ = write!(t, "\n{q}{} {} ({})", org.name, r.title, org.id);
            }
            None => {
                let _ = write!(t, "\n{q}{}", r.title);
            }
        }
    }
    if !e.aliases.is_empty() {
        let _ = write!(t, "\nalso: {}", e.aliases.join(", "));
    }
    t
}

/// The opening tag of a mark.
fn mark_open(class: &str, id: &str, start: usize, end: usize, tip: &str) -> String {
    let tip = escape(tip).replace('\n', "&#10;");
    format!(
        "<mark class=\"t-{class}\" tabindex=\"0\" data-id=\"{}\" data-start=\"{start}\" data-end=\"{end}\" title=\"{tip}\" data-tip=\"{tip}\">",
        escape(id)
    )
}

/// The spans of a report: sentences, then entity mentions, dates and amounts. Spans whose
/// offsets do not hold in `chars` are left out and counted.
fn spans(prefix: &str, r: &Report, chars: &[char]) -> (Vec<Span>, usize) {
    let mut v = Vec::new();
    let mut bad = 0usize;
    let holds = |start: usize, end: usize, t: &str| {
        start < end && end <= chars.len() && chars[start..end].iter().copied().eq(t.chars())
    };
    for s in &r.sentences {
        if !holds(s.start, s.end, &s.text) {
            bad += 1;
            continue;
        }
        v.push(Span {
            start: s.start,
            end: s.end,
            rank: 0,
            open: format!(
                "<span class=\"s {}\" id=\"{prefix}-s{}\" data-s=\"{}\">",
                escape(s.kind),
                s.id,
                s.id
            ),
            tag: "span",
        });
    }
    for e in &r.entities {
        let tip = entity_tip(e);
        for m in &e.mentions {
            if !holds(m.start, m.end, &m.text) {
                bad += 1;
                continue;
            }
            v.push(Span {
                start: m.start,
                end: m.end,
                rank: 1,
                open: mark_open(e.etype, &e.id, m.start, m.end, &tip),
                tag: "mark",
            });
        }
    }
    for d in &r.dates {
        if !holds(d.start, d.end, &d.text) {
            bad += 1;
            continue;
        }
        let tip = format!(
            "{} · {}\ndate\nvalue: {}",
            d.text,
            d.id,
            d.value.as_deref().unwrap_or("unresolved")
        );
        v.push(Span {
            start: d.start,
            end: d.end,
            rank: 2,
            open: mark_open("date", &d.id, d.start, d.end, &tip),
            tag: "mark",
        });
    }
    for (i, q) in r.quantities.iter().enumerate() {
        if !holds(q.start, q.end, &q.text) {
            bad += 1;
            continue;
        }
        let tip = format!(
            "{} · q{}\namount ({})\nvalue: {}{}",
            q.text,
            i + 1,
            q.kind,
            q.value,
            q.unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default()
        );
        v.push(Span {
            start: q.start,
            end: q.end,
            rank: 3,
            open: mark_open("amount", &format!("q{}", i + 1), q.start, q.end, &tip),
            tag: "mark",
        });
    }
    (v, bad)
}

/// The document with the spans drawn over it: nested where one lies inside another, and a
/// span that crosses one already open is left out (counted in the returned number).
fn marked_text(o: &mut String, chars: &[char], mut v: Vec<Span>) -> usize {
    v.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rank.cmp(&b.rank))
    });
    let mut crossing = 0usize;
    let mut stack: Vec<(usize, &'static str)> = Vec::new();
    let mut pos = 0usize;
    // writes the text up to `to`, closing every span that ends on the way
    let advance =
        |o: &mut String, stack: &mut Vec<(usize, &'static str)>, pos: &mut usize, to: usize| {
            while let Some(&(end, tag)) = stack.last() {
                if end > to {
                    break;
                }
                text(o, &chars[*pos..end]);
                let _ = write!(o, "</{tag}>");
                *pos = end;
                stack.pop();
            }
            text(o, &chars[*pos..to]);
            *pos = to;
        };
    for s in v {
        if s.start < pos || s.end > chars.len() {
            crossing += 1;
            continue;
        }
        advance(o, &mut stack, &mut pos, s.start);
        if stack.last().is_some_and(|&(end, _)| s.end > end) {
            crossing += 1;
            continue;
        }
        o.push_str(&s.open);
        stack.push((s.end, s.tag));
    }
    advance(o, &mut stack, &mut pos, chars.len());
    crossing
}

/// The name shown for an input: its path, else its record id, else `-`.
fn source_name(path: Option<&str>, id: Option<&serde_json::Value>) -> String {
    match (path, id) {
        (Some(p), Some(id)) => format!("{p} #{id}"),
        (Some(p), None) => p.to_string(),
        (None, Some(id)) => format!("#{id}"),
        (None, None) => "-".to_string(),
    }
}

/// The name of the input of an entry.
fn entry_name(e: &Entry) -> String {
    match e {
        Entry::Article { report, .. } => {
            source_name(report.source.path.as_deref(), report.source.id.as_ref())
        }
        Entry::Failed(err) => source_name(err.source.path.as_deref(), err.source.id.as_ref()),
    }
}

/// The evidence links of a relation.
fn evidence_links(o: &mut String, prefix: &str, rel: &str, evidence: &[usize]) {
    let targets: Vec<String> = evidence.iter().map(|s| format!("{prefix}-s{s}")).collect();
    let _ = write!(
        o,
        "<div class=\"ev\" data-ev=\"{}\"><span class=\"k\">evidence</span> ",
        targets.join(" ")
    );
    for (s, t) in evidence.iter().zip(&targets) {
        let _ = write!(
            o,
            "<a href=\"#{t}\" data-rel=\"{prefix}-{}\">s{s}</a> ",
            escape(rel)
        );
    }
    o.push_str("</div>");
}

/// A definition line of a relation card; nothing when `value` is empty.
fn field(o: &mut String, key: &str, value: &str) {
    if !value.is_empty() {
        let _ = write!(
            o,
            "<div><span class=\"k\">{key}</span> {}</div>",
            escape(value)
        );
    }
}

/// A date reference as `text (value)`.
fn date_text(d: &Option<crate::report::DateRef>) -> String {
    d.as_ref()
        .map(|d| match &d.value {
            Some(v) => format!("{} ({v})", d.text),
            None => d.text.clone(),
        })
        .unwrap_or_default()
}

/// The section of one analyzed article: the legend with counts, the marked text, and beside
/// it the meetings, partnerships, entities and warnings.
fn article(o: &mut String, prefix: &str, name: &str, r: &Report, document: &str) {
    let chars: Vec<char> = document.chars().collect();
    let (v, bad) = spans(prefix, r, &chars);
    let _ = write!(
        o,
        "<section class=\"article\" id=\"{prefix}\"><h2>{}</h2>",
        escape(name)
    );
    let mut body = String::with_capacity(document.len() * 3);
    let crossing = marked_text(&mut body, &chars, v);
    legend(o, r);
    if let Some(d) = &r.reference_date {
        let _ = write!(
            o,
            "<p class=\"meta\">reference date {} ({})</p>",
            escape(&d.value),
            escape(d.origin)
        );
    }
    if bad + crossing > 0 {
        let _ = write!(
            o,
            "<p class=\"note\">{bad} span(s) not drawn: offsets do not match the text; {crossing} span(s) not drawn: they cross another</p>"
        );
    }
    o.push_str("<div class=\"cols\"><div class=\"doc\" lang=\"ko\">");
    o.push_str(&body);
    o.push_str("</div><aside>");
    meetings(o, prefix, r);
    partnerships(o, prefix, r);
    entity_list(o, r);
    if !r.warnings.is_empty() {
        o.push_str("<h3>Warnings</h3><ul class=\"warn\">");
        for w in &r.warnings {
            let _ = write!(o, "<li>{}</li>", escape(w));
        }
        o.push_str("</ul>");
    }
    o.push_str("</aside></div></section>\n");
}

/// The legend: each type's colour with its number of marks (mentions, dates, amounts).
fn legend(o: &mut String, r: &Report) {
    let counts: Vec<usize> = TYPES
        .iter()
        .map(|(t, _)| match *t {
            "date" => r.dates.len(),
            "amount" => r.quantities.len(),
            t => r
                .entities
                .iter()
                .filter(|e| e.etype == t)
                .map(|e| e.mentions.len())
                .sum(),
        })
        .collect();
    o.push_str("<div class=\"legend\">");
    for ((t, label), n) in TYPES.iter().zip(&counts) {
        let _ = write!(o, "<span class=\"t-{t}\">{label} <b>{n}</b></span>");
    }
    o.push_str("<span class=\"s boilerplate\">boilerplate</span></div>");
}

/// The opening of one meeting's or partnership's box: its id and summary, its status and
/// hedge.
fn event_head(
    o: &mut String,
    prefix: &str,
    id: &str,
    summary: &str,
    status: &str,
    hedge: Option<&str>,
) {
    let _ = write!(
        o,
        "<div class=\"rel\" id=\"{prefix}-{}\"><div class=\"sum\"><span class=\"rid\">{}</span> {}</div>",
        escape(id),
        escape(id),
        escape(summary)
    );
    let _ = write!(
        o,
        "<div><span class=\"k\">status</span> <span class=\"st st-{}\">{}</span>",
        escape(status),
        escape(status)
    );
    if let Some(h) = hedge {
        let _ = write!(
            o,
            " <span class=\"k\">hedge</span> <span class=\"hedge\">{}</span>",
            escape(h)
        );
    }
    o.push_str("</div>");
}

fn meetings(o: &mut String, prefix: &str, r: &Report) {
    let _ = write!(o, "<h3>Meetings <b>{}</b></h3>", r.meetings.len());
    for m in &r.meetings {
        event_head(o, prefix, &m.id, &m.summary, m.status, m.hedge);
        let names: Vec<String> = m
            .participants
            .iter()
            .map(|p| format!("{} ({})", p.name, p.id))
            .collect();
        field(o, "who", &names.join(", "));
        field(o, "date", &date_text(&m.date));
        field(o, "place", m.place.as_deref().unwrap_or(""));
        field(o, "topics", &m.topics.join(", "));
        evidence_links(o, prefix, &m.id, &m.evidence);
        o.push_str("</div>");
    }
}

fn partnerships(o: &mut String, prefix: &str, r: &Report) {
    let _ = write!(o, "<h3>Partnerships <b>{}</b></h3>", r.partnerships.len());
    for p in &r.partnerships {
        event_head(o, prefix, &p.id, &p.summary, p.status, p.hedge);
        let names: Vec<String> = p
            .parties
            .iter()
            .map(|p| format!("{} ({})", p.name, p.id))
            .collect();
        field(o, "parties", &names.join(", "));
        field(o, "date", &date_text(&p.date));
        field(o, "topics", &p.topics.join(", "));
        evidence_links(o, prefix, &p.id, &p.evidence);
        o.push_str("</div>");
    }
}

/// The entities, in order of first appearance, with their English name and mention count.
fn entity_list(o: &mut String, r: &Report) {
    let _ = write!(
        o,
        "<h3>Entities <b>{}</b></h3><ul class=\"ents\">",
        r.entities.len()
    );
    for e in &r.entities {
        let _ = write!(
            o,
            "<li><span class=\"sw t-{}\"></span><span class=\"rid\">{}</span> <bdi>{}</bdi>",
            escape(e.etype),
            escape(&e.id),
            escape(&e.name)
        );
        if let Some(en) = &e.english {
            let _ = write!(o, " <span class=\"en\">{}</span>", escape(en));
        }
        let _ = write!(o, " <span class=\"n\">×{}</span></li>", e.mentions.len());
    }
    o.push_str("</ul>");
}

/// The section of a failed input.
fn failure(o: &mut String, prefix: &str, name: &str, e: &ErrorReport) {
    let _ = writeln!(
        o,
        "<section class=\"article failed\" id=\"{prefix}\"><h2>{}</h2><p class=\"error\"><span class=\"k\">error</span> <b>{}</b> {}</p></section>",
        escape(name),
        escape(e.error.kind),
        escape(&e.error.message)
    );
}

const STYLE: &str = r#"
:root{--person:#fde68a;--person-b:#d97706;--organization:#bfdbfe;--organization-b:#2563eb;
--product:#e9d5ff;--product-b:#9333ea;--place:#bbf7d0;--place-b:#16a34a;--date:#fecdd3;
--date-b:#e11d48;--amount:#fed7aa;--amount-b:#ea580c;--ink:#1f2937;--muted:#6b7280}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:16px/1.75 "Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",system-ui,sans-serif;color:var(--ink);background:#f8fafc}
h1{font-size:20px;margin:0 0 12px}
h2{font-size:17px;margin:0 0 8px;word-break:break-all}
h3{font-size:14px;margin:16px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
h3 b{color:var(--ink)}
aside h3:first-child{margin-top:0}
nav.toc{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 16px;margin-bottom:20px}
nav.toc li.failed a{color:#b91c1c}
section.article{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:18px 22px;margin-bottom:24px}
.legend{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0 10px;font-size:13px}
.legend span{padding:1px 8px;border-radius:4px}
.meta,.note{font-size:13px;color:var(--muted);margin:0 0 8px}
.note{color:#b45309}
.cols{display:flex;gap:28px;align-items:flex-start}
.doc{flex:1 1 62%;white-space:pre-wrap;word-break:keep-all;overflow-wrap:anywhere}
aside{flex:1 1 38%;max-width:460px;font-size:14px;line-height:1.5}
@media (max-width:900px){.cols{display:block}aside{max-width:none}}
.s{unicode-bidi:isolate;border-radius:3px;transition:background .3s}
.s.headline{font-weight:700;font-size:1.15em}
.s.boilerplate{color:#9ca3af}
.s.boilerplate mark{opacity:.55}
.s:target,.s.hl{background:#fef9c3;box-shadow:0 0 0 2px #facc15}
mark{position:relative;unicode-bidi:isolate;color:inherit;padding:1px 2px;border-radius:3px;border-bottom:2px solid;cursor:help}
mark mark{padding:0}
mark:focus{outline:2px solid var(--ink);outline-offset:1px}
mark[data-tip]:hover::after,mark[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:calc(100% + 4px);z-index:10;min-width:12em;max-width:26em;width:max-content;white-space:pre-line;background:#111827;color:#f9fafb;font:13px/1.45 inherit;font-weight:400;padding:6px 9px;border-radius:6px;box-shadow:0 4px 12px rgba(0,0,0,.25);pointer-events:none}
.t-person{background:var(--person);border-color:var(--person-b)}
.t-organization{background:var(--organization);border-color:var(--organization-b)}
.t-product{background:var(--product);border-color:var(--product-b)}
.t-place{background:var(--place);border-color:var(--place-b)}
.t-date{background:var(--date);border-color:var(--date-b)}
.t-amount{background:var(--amount);border-color:var(--amount-b)}
.legend .s.boilerplate{background:#f3f4f6}
.ctl{unicode-bidi:isolate;display:inline-block;font:11px/1.3 ui-monospace,monospace;color:#b91c1c;border:1px solid #fca5a5;border-radius:3px;padding:0 2px;margin:0 1px}
.ctl::before{content:attr(data-cp)}
.rel{border:1px solid #e5e7eb;border-left:4px solid #6366f1;border-radius:6px;padding:6px 10px;margin-bottom:8px;background:#fafafa}
.rel.hl{border-left-color:#facc15;background:#fefce8}
.rel .sum{font-weight:600}
.rid{font:12px ui-monospace,monospace;color:var(--muted)}
.k{font-size:12px;color:var(--muted);margin-right:2px}
.st{font-weight:600}
.st-happened,.st-agreed,.st-ongoing{color:#15803d}
.st-planned,.st-requested,.st-discussed{color:#1d4ed8}
.st-cancelled,.st-ended{color:#b91c1c}
.st-speculated{color:#a16207}
.hedge{font-style:italic}
.ev a{display:inline-block;font:12px ui-monospace,monospace;padding:0 5px;margin-right:2px;border-radius:4px;background:#eef2ff;color:#3730a3;text-decoration:none}
.ev a:hover,.ev a:focus{background:#c7d2fe}
ul.ents{list-style:none;padding:0;margin:0;columns:2;column-gap:16px}
ul.ents li{break-inside:avoid}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;border:1px solid}
.en{color:var(--muted);font-size:12px}
.n{color:var(--muted);font-size:12px}
ul.warn{margin:0;padding-left:18px;color:#92400e;font-size:13px}
.error{color:#b91c1c}
"#;

const SCRIPT: &str = r#"
(function(){
  document.querySelectorAll('mark[title]').forEach(function(m){m.removeAttribute('title');});
  document.querySelectorAll('.ev a').forEach(function(a){
    a.addEventListener('click',function(ev){
      ev.preventDefault();
      document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl');});
      var ids=a.parentNode.getAttribute('data-ev').split(' ');
      ids.forEach(function(id){var s=document.getElementById(id);if(s)s.classList.add('hl');});
      var rel=document.getElementById(a.getAttribute('data-rel'));
      if(rel)rel.classList.add('hl');
      var t=document.getElementById(a.getAttribute('href').slice(1));
      if(t){t.scrollIntoView({behavior:'smooth',block:'center'});history.replaceState(null,'','#'+t.id);}
    });
  });
})();
"#;

/// The whole page for the entries, in order: a table of contents when there are several,
/// then one section per entry.
pub fn page(entries: &[Entry]) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let names: Vec<String> = entries.iter().map(entry_name).collect();
    let title = match names.as_slice() {
        [one] => format!("analyze: {one}"),
        _ => format!("analyze: {} inputs", names.len()),
    };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"analyze {}\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    if entries.len() > 1 {
        let failed = entries
            .iter()
            .filter(|e| matches!(e, Entry::Failed(_)))
            .count();
        let _ = write!(
            o,
            "<h1>{} inputs{}</h1><nav class=\"toc\"><ol>",
            entries.len(),
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        );
        for (i, (e, name)) in entries.iter().zip(&names).enumerate() {
            match e {
                Entry::Article { report, .. } => {
                    let _ = write!(
                        o,
                        "<li><a href=\"#a{}\">{}</a> <span class=\"n\">{} entities, {} meetings, {} partnerships</span></li>",
                        i + 1,
                        escape(name),
                        report.entities.len(),
                        report.meetings.len(),
                        report.partnerships.len()
                    );
                }
                Entry::Failed(err) => {
                    let _ = write!(
                        o,
                        "<li class=\"failed\"><a href=\"#a{}\">{}</a> <span class=\"n\">error: {}</span></li>",
                        i + 1,
                        escape(name),
                        escape(err.error.kind)
                    );
                }
            }
        }
        o.push_str("</ol></nav>\n");
    }
    for (i, (e, name)) in entries.iter().zip(&names).enumerate() {
        let prefix = format!("a{}", i + 1);
        match e {
            Entry::Article { report, document } => article(&mut o, &prefix, name, report, document),
            Entry::Failed(err) => failure(&mut o, &prefix, name, err),
        }
    }
    let _ = write!(o, "<script>{SCRIPT}</script>\n</body></html>\n");
    o
}
