//! The corpus summary as GraphML, CSV and one self-contained HTML page.
//!
//! All text comes from articles, so all of it is escaped for where it goes: XML/HTML
//! entities in markup, `\u003c`-style escapes for the JSON inside the page's `<script>`,
//! quoted CSV fields, percent-encoded links.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use super::build::{Edge, Event, Node, Summary};

/// Escapes text for XML or HTML content and attribute values; characters XML 1.0 does not
/// allow become U+FFFD.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' || c == '\u{7f}' => {
                o.push('\u{fffd}')
            }
            c => o.push(c),
        }
    }
    o
}

/// A JSON value safe to put inside `<script type="application/json">`.
fn script_json(v: &serde_json::Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Percent-encodes all but unreserved characters (and `/` when `keep_slash`).
fn pct(s: &str, keep_slash: bool) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            o.push(b as char);
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(fields: &[String]) -> String {
    let mut o = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    o.push('\n');
    o
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn statuses(m: &BTreeMap<String, u64>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn role_text(n: &Node) -> String {
    n.roles
        .iter()
        .map(|r| {
            let q = r
                .qualifier
                .as_deref()
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            match &r.organization {
                Some(o) => format!("{q}{o} {} ({})", r.title, r.articles),
                None => format!("{q}{} ({})", r.title, r.articles),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// nodes.csv: one row per node.
pub fn nodes_csv(s: &Summary) -> String {
    let mut o = csv_row(
        &[
            "id",
            "type",
            "name",
            "english",
            "aliases",
            "articles",
            "first_seen",
            "last_seen",
            "roles",
            "meetings",
            "partnerships",
        ]
        .map(String::from),
    );
    for n in &s.nodes {
        o += &csv_row(&[
            n.id.clone(),
            n.ntype.clone(),
            n.name.clone(),
            opt(&n.english),
            n.aliases.join("|"),
            n.articles.to_string(),
            opt(&n.first_seen),
            opt(&n.last_seen),
            role_text(n),
            n.meetings.to_string(),
            n.partnerships.to_string(),
        ]);
    }
    o
}

/// edges.csv: one row per edge.
pub fn edges_csv(s: &Summary) -> String {
    let mut o = csv_row(
        &[
            "kind",
            "source",
            "target",
            "source_name",
            "target_name",
            "count",
            "articles",
            "first",
            "last",
            "statuses",
            "events",
        ]
        .map(String::from),
    );
    for e in &s.edges {
        o += &csv_row(&[
            e.kind.clone(),
            e.source.clone(),
            e.target.clone(),
            e.source_name.clone(),
            e.target_name.clone(),
            e.count.to_string(),
            e.articles.to_string(),
            opt(&e.first),
            opt(&e.last),
            statuses(&e.statuses),
            e.events.join(" "),
        ]);
    }
    o
}

fn history_text(e: &Event) -> String {
    e.history
        .iter()
        .map(|h| h.status.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// events.csv: one row per event.
pub fn events_csv(s: &Summary) -> String {
    let mut o = csv_row(
        &[
            "id",
            "kind",
            "date",
            "date_from",
            "date_to",
            "participants",
            "status",
            "status_changed",
            "history",
            "articles",
            "topics",
        ]
        .map(String::from),
    );
    for e in &s.events {
        o += &csv_row(&[
            e.id.clone(),
            e.kind.clone(),
            opt(&e.date),
            opt(&e.date_from),
            opt(&e.date_to),
            e.participants
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            e.status.clone(),
            e.status_changed.to_string(),
            history_text(e),
            e.articles.to_string(),
            e.topics.join("|"),
        ]);
    }
    o
}

/// GraphML (undirected; `met` and `partnered` edges may join the same pair).
pub fn graphml(s: &Summary) -> String {
    let mut o = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, what, name, ty) in [
        ("n_type", "node", "type", "string"),
        ("n_name", "node", "name", "string"),
        ("n_english", "node", "english", "string"),
        ("n_aliases", "node", "aliases", "string"),
        ("n_articles", "node", "articles", "long"),
        ("n_first", "node", "first_seen", "string"),
        ("n_last", "node", "last_seen", "string"),
        ("n_roles", "node", "roles", "string"),
        ("e_kind", "edge", "kind", "string"),
        ("e_count", "edge", "count", "long"),
        ("e_articles", "edge", "articles", "long"),
        ("e_first", "edge", "first", "string"),
        ("e_last", "edge", "last", "string"),
        ("e_statuses", "edge", "statuses", "string"),
        ("e_events", "edge", "events", "string"),
    ] {
        let _ = writeln!(
            o,
            "  <key id=\"{id}\" for=\"{what}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    o += "  <graph id=\"corpus\" edgedefault=\"undirected\">\n";
    let data = |o: &mut String, k: &str, v: &str| {
        let _ = writeln!(o, "      <data key=\"{k}\">{}</data>", esc(v));
    };
    for n in &s.nodes {
        let _ = writeln!(o, "    <node id=\"{}\">", esc(&n.id));
        data(&mut o, "n_type", &n.ntype);
        data(&mut o, "n_name", &n.name);
        if let Some(e) = &n.english {
            data(&mut o, "n_english", e);
        }
        data(&mut o, "n_aliases", &n.aliases.join("|"));
        data(&mut o, "n_articles", &n.articles.to_string());
        if let Some(d) = &n.first_seen {
            data(&mut o, "n_first", d);
        }
        if let Some(d) = &n.last_seen {
            data(&mut o, "n_last", d);
        }
        data(&mut o, "n_roles", &role_text(n));
        o += "    </node>\n";
    }
    for (i, e) in s.edges.iter().enumerate() {
        let _ = writeln!(
            o,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            esc(&e.source),
            esc(&e.target)
        );
        data(&mut o, "e_kind", &e.kind);
        data(&mut o, "e_count", &e.count.to_string());
        data(&mut o, "e_articles", &e.articles.to_string());
        if let Some(d) = &e.first {
            data(&mut o, "e_first", d);
        }
        if let Some(d) = &e.last {
            data(&mut o, "e_last", d);
        }
        data(&mut o, "e_statuses", &statuses(&e.statuses));
        data(&mut o, "e_events", &e.events.join(" "));
        o += "    </edge>\n";
    }
    o += "  </graph>\n</graphml>\n";
    o
}

const CSS: &str = "
body{font-family:system-ui,'Noto Sans CJK KR','Malgun Gothic',sans-serif;margin:0;padding:12px 20px;color:#1a202c;background:#fff}
h1{font-size:20px;margin:4px 0 8px}h2{font-size:16px;margin:18px 0 6px}
.stats{color:#4a5568;font-size:13px}
#net-wrap{display:flex;gap:12px;align-items:flex-start}
#net{border:1px solid #cbd5e0;background:#fcfcfd;flex:0 0 auto}
#net line.met{stroke:#2b6cb0}#net line.partnered{stroke:#dd6b20}
#net g.node{cursor:pointer}#net g.node circle{stroke:#fff;stroke-width:1.5}
#net g.node.sel circle{stroke:#e53e3e;stroke-width:3}
#net text{font-size:11px;fill:#1a202c;paint-order:stroke;stroke:#fff;stroke-width:3px;pointer-events:none}
.person{fill:#38a169}.organization{fill:#805ad5}.country{fill:#718096}
#panel{flex:1 1 300px;min-width:260px;max-height:700px;overflow:auto;font-size:13px;border-left:3px solid #e2e8f0;padding-left:10px}
.legend{font-size:12px;color:#4a5568;margin-bottom:4px}.legend span{margin-right:14px}
.sw{display:inline-block;width:18px;height:4px;vertical-align:middle;margin-right:4px}
table{border-collapse:collapse;font-size:13px;margin-right:24px;vertical-align:top;display:inline-table}
td,th{border-bottom:1px solid #e2e8f0;padding:2px 8px;text-align:left}th{background:#f7fafc}
td.n{text-align:right}
#timeline circle.meeting{fill:#2b6cb0}#timeline circle.partnership{fill:#dd6b20}
#timeline circle.changed{stroke:#e53e3e;stroke-width:2}
#timeline text{font-size:11px;fill:#4a5568}
ul.ev{padding-left:18px}ul.ev li{margin-bottom:6px}.st{font-weight:600}
";

const JS: &str = r#"
(function(){
  var errors=[];
  window.addEventListener('error',function(e){errors.push(String(e.message));document.body.setAttribute('data-selfcheck','error: '+e.message);});
  var data=JSON.parse(document.getElementById('corpus-data').textContent);
  var panel=document.getElementById('panel');
  function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=text;if(cls)e.className=cls;return e;}
  function show(id){
    var n=data.nodes[id]; if(!n) return;
    var gs=document.querySelectorAll('#net g.node');
    for(var i=0;i<gs.length;i++){gs[i].classList.toggle('sel',gs[i].getAttribute('data-id')===id);}
    panel.textContent='';
    panel.appendChild(el('h3',n.name+(n.english?' ('+n.english+')':'')));
    panel.appendChild(el('div',n.type+' · '+n.articles+' articles · '+(n.first||'?')+' – '+(n.last||'?')));
    var ul=el('ul',null,'ev');
    n.events.forEach(function(k){
      var ev=data.events[k]; var li=el('li');
      li.appendChild(el('span',(ev.date||'no date')+' '));
      li.appendChild(el('span',ev.kind==='meeting'?'met ':'partnered ',null));
      li.appendChild(el('span',ev.names+' '));
      li.appendChild(el('span',ev.history,'st'));
      var list=el('div');
      ev.sources.forEach(function(s,j){
        if(j>0) list.appendChild(document.createTextNode(', '));
        var label=s.article+' '+s.item+' ('+s.status+(s.published?', '+s.published:'')+')';
        if(s.href){var a=el('a',label);a.setAttribute('href',s.href);list.appendChild(a);}
        else list.appendChild(el('span',label));
      });
      li.appendChild(list); ul.appendChild(li);
    });
    if(!n.events.length) ul.appendChild(el('li','no listed events'));
    panel.appendChild(ul);
  }
  var gs=document.querySelectorAll('#net g.node');
  for(var i=0;i<gs.length;i++){(function(g){g.addEventListener('click',function(){show(g.getAttribute('data-id'));});})(gs[i]);}
  var rows=document.querySelectorAll('tr[data-id]');
  for(var r=0;r<rows.length;r++){(function(t){t.style.cursor='pointer';t.addEventListener('click',function(){show(t.getAttribute('data-id'));});})(rows[r]);}
  var ok=gs.length===Object.keys(data.nodes).length && errors.length===0;
  var why=ok?'':'mismatch: '+gs.length+' drawn, '+Object.keys(data.nodes).length+' in data';
  // page.html#selftest: click the largest node as a reader would, and check its list
  if(ok && location.hash==='#selftest' && gs.length){
    gs[0].dispatchEvent(new MouseEvent('click',{bubbles:true}));
    var items=panel.querySelectorAll('li').length;
    if(!(panel.querySelector('h3') && items>0)){ok=false;why='click listed nothing';}
  }
  document.body.setAttribute('data-selfcheck', ok ? 'ok' : why);
})();
"#;

/// How many nodes the picture draws at most (the most reported ones).
const MAX_DRAWN: usize = 90;
/// How many events the timeline draws at most (the most reported ones).
const MAX_TIMELINE: usize = 3000;

fn day_number(s: &str) -> Option<i64> {
    analyze::dates::Ymd::parse(s).map(|d| d.days())
}

/// The page: a head with the counts, the network picture, the timeline, the top tables and
/// the data the click panel lists.
pub fn html(s: &Summary, source_url: Option<&str>) -> String {
    let net = Network::new(s);
    let mut o = String::with_capacity(1 << 20);
    write_head(&mut o, s);
    write_network(&mut o, s, &net);
    write_timeline(&mut o, s);
    write_tables(&mut o, s);
    let data = panel_data(s, &net.order, source_url);
    o += "<script type=\"application/json\" id=\"corpus-data\">";
    o += &script_json(&data);
    o += "</script>\n<script>";
    o += JS;
    o += "</script>\n</body>\n</html>\n";
    o
}

/// The part of the graph the picture draws, laid out.
struct Network<'a> {
    /// Indices into `s.nodes` of the drawn nodes, in drawing order.
    order: Vec<usize>,
    /// The edges between drawn nodes, with the positions in `order` of their ends.
    edges: Vec<(&'a Edge, usize, usize)>,
    /// Where each drawn node is (by position in `order`).
    pos: Vec<(f64, f64)>,
    /// The most articles of a drawn node (at least 1): the largest circle.
    max_articles: f64,
}

impl<'a> Network<'a> {
    /// Width and height of the picture.
    const SIZE: (f64, f64) = (1000.0, 720.0);

    /// The drawn nodes (those with edges, most articles and events first, at most
    /// [`MAX_DRAWN`]), their edges and their layout.
    fn new(s: &'a Summary) -> Network<'a> {
        let idx: HashMap<&str, usize> = s
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let order = drawn_nodes(s, &idx);
        let pos_of: HashMap<usize, usize> =
            order.iter().enumerate().map(|(p, &i)| (i, p)).collect();
        let edges: Vec<(&Edge, usize, usize)> = s
            .edges
            .iter()
            .filter_map(|e| {
                let a = *pos_of.get(idx.get(e.source.as_str())?)?;
                let b = *pos_of.get(idx.get(e.target.as_str())?)?;
                Some((e, a, b))
            })
            .collect();
        let (w, h) = Self::SIZE;
        let pos = super::layout::layout(
            order.len(),
            &edges
                .iter()
                .map(|(e, a, b)| (*a, *b, e.count as f64))
                .collect::<Vec<_>>(),
            w,
            h,
        );
        let max_articles = order
            .iter()
            .map(|&i| s.nodes[i].articles)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        Network {
            order,
            edges,
            pos,
            max_articles,
        }
    }
}

/// The nodes to draw: those with edges (all when none has one), by articles plus edge
/// count, then id; at most [`MAX_DRAWN`].
fn drawn_nodes(s: &Summary, idx: &HashMap<&str, usize>) -> Vec<usize> {
    let mut degree = vec![0u64; s.nodes.len()];
    for e in &s.edges {
        for id in [&e.source, &e.target] {
            if let Some(&i) = idx.get(id.as_str()) {
                degree[i] += e.count;
            }
        }
    }
    let mut order: Vec<usize> = (0..s.nodes.len()).filter(|&i| degree[i] > 0).collect();
    if order.is_empty() {
        order = (0..s.nodes.len()).collect();
    }
    order.sort_by(|&a, &b| {
        (s.nodes[b].articles + degree[b])
            .cmp(&(s.nodes[a].articles + degree[a]))
            .then(s.nodes[a].id.cmp(&s.nodes[b].id))
    });
    order.truncate(MAX_DRAWN);
    order
}

/// The document head (with the style sheet) and the heading with the corpus counts.
fn write_head(o: &mut String, s: &Summary) {
    *o += "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n";
    *o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
    *o += "<title>analyze corpus</title>\n<style>";
    *o += CSS;
    *o += "</style>\n</head>\n<body>\n";
    let st = &s.stats;
    let _ = writeln!(
        o,
        "<h1>Corpus: {} articles</h1>\n<div class=\"stats\">{} people, {} organizations, {} countries · {} meetings from {} reports ({} told by several) · {} partnerships from {} reports · {} events changed status · {} error lines and {} unreadable lines skipped</div>",
        s.input.articles,
        st.persons,
        st.organizations,
        st.countries,
        st.meetings,
        st.meeting_reports,
        st.meetings_merged,
        st.partnerships,
        st.partnership_reports,
        st.status_changed,
        s.input.error_lines,
        s.input.bad_lines
    );
}

/// The network picture: an SVG line per edge, a circle per node (the first 45 named), and
/// the panel a click fills.
fn write_network(o: &mut String, s: &Summary, net: &Network) {
    let (w, h) = Network::SIZE;
    let _ = writeln!(
        o,
        "<h2>Network</h2>\n<div class=\"legend\"><span><i class=\"sw\" style=\"background:#2b6cb0\"></i>met</span><span><i class=\"sw\" style=\"background:#dd6b20\"></i>partnered</span><span style=\"color:#38a169\">● person</span><span style=\"color:#805ad5\">● organization</span><span style=\"color:#718096\">● country</span><span>size: articles · {} of {} nodes drawn · click a node</span></div>",
        net.order.len(),
        s.nodes.len()
    );
    let _ = writeln!(
        o,
        "<div id=\"net-wrap\"><svg id=\"net\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
    );
    let pos = &net.pos;
    for (e, a, b) in &net.edges {
        let width = 1.0 + (e.count as f64).sqrt() * 1.2;
        let _ = writeln!(
            o,
            "<line class=\"{}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{width:.1}\" stroke-opacity=\"0.6\"><title>{} – {}: {} {} event(s)</title></line>",
            esc(&e.kind),
            pos[*a].0,
            pos[*a].1,
            pos[*b].0,
            pos[*b].1,
            esc(&e.source_name),
            esc(&e.target_name),
            e.count,
            esc(&e.kind)
        );
    }
    for (p, &i) in net.order.iter().enumerate() {
        let n = &s.nodes[i];
        let r = 4.0 + 16.0 * (n.articles as f64 / net.max_articles).sqrt();
        let (x, y) = pos[p];
        let _ = write!(
            o,
            "<g class=\"node\" data-id=\"{}\"><circle class=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"><title>{} ({} articles)</title></circle>",
            esc(&n.id),
            esc(&n.ntype),
            esc(&n.name),
            n.articles
        );
        if p < 45 {
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + r + 2.0,
                y + 4.0,
                esc(&n.name)
            );
        }
        *o += "</g>\n";
    }
    *o += "</svg>\n<aside id=\"panel\">Click a node to list its meetings and partnerships.</aside></div>\n";
}

/// The dated events (at most [`MAX_TIMELINE`], the most reported ones) with the day
/// numbers of their first and last date.
fn dated_events(s: &Summary) -> Vec<(&Event, i64, i64)> {
    let mut dated: Vec<(&Event, i64, i64)> = s
        .events
        .iter()
        .filter_map(|e| {
            Some((
                e,
                day_number(e.date_from.as_deref()?)?,
                day_number(e.date_to.as_deref()?)?,
            ))
        })
        .collect();
    if dated.len() > MAX_TIMELINE {
        dated.sort_by(|a, b| b.0.articles.cmp(&a.0.articles).then(a.0.id.cmp(&b.0.id)));
        dated.truncate(MAX_TIMELINE);
    }
    dated
}

/// The year of a day number.
fn year_of(day: i64) -> i32 {
    analyze::dates::Ymd {
        y: 1970,
        m: 1,
        d: 1,
    }
    .add_days(day)
    .y
}

/// The timeline: one circle per dated event (meetings above, partnerships below) on an
/// axis with year ticks; a line saying so when no event is dated.
fn write_timeline(o: &mut String, s: &Summary) {
    let dated = dated_events(s);
    *o += "<h2>Timeline</h2>\n";
    let (Some(t0), Some(t1)) = (
        dated.iter().map(|d| d.1).min(),
        dated.iter().map(|d| d.2).max(),
    ) else {
        *o += "<p>No dated events.</p>\n";
        return;
    };
    let (tw, th) = (1300.0, 120.0);
    let span = ((t1 - t0).max(1)) as f64;
    let x = |d: i64| 30.0 + (d - t0) as f64 / span * (tw - 60.0);
    let _ = writeln!(
        o,
        "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{tw}\" height=\"{th}\" viewBox=\"0 0 {tw} {th}\"><line x1=\"30\" y1=\"95\" x2=\"{}\" y2=\"95\" stroke=\"#a0aec0\"/><text x=\"2\" y=\"38\">met</text><text x=\"2\" y=\"73\">partn.</text>",
        tw - 30.0
    );
    let (y0, y1) = (year_of(t0), year_of(t1));
    let step = ((y1 - y0) / 12 + 1).max(1) as usize;
    for y in (y0..=y1 + 1).step_by(step) {
        if let Some(d) = analyze::dates::Ymd::parse(&format!("{y:04}-01-01")) {
            let d = d.days();
            if d >= t0 && d <= t1 {
                let _ = write!(
                    o,
                    "<line x1=\"{0:.1}\" y1=\"92\" x2=\"{0:.1}\" y2=\"98\" stroke=\"#a0aec0\"/><text x=\"{0:.1}\" y=\"112\">{y}</text>",
                    x(d)
                );
            }
        }
    }
    for (e, a, z) in &dated {
        let cx = x((a + z) / 2);
        let cy = if e.kind == "meeting" { 35.0 } else { 70.0 };
        let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
        let _ = writeln!(
            o,
            "<circle class=\"{}{}\" cx=\"{cx:.1}\" cy=\"{cy}\" r=\"{:.1}\" fill-opacity=\"0.6\"><title>{} {} {} ({}, {} articles)</title></circle>",
            esc(&e.kind),
            if e.status_changed { " changed" } else { "" },
            3.0 + (e.articles as f64).sqrt(),
            esc(e.date.as_deref().unwrap_or("")),
            esc(&names.join(" – ")),
            esc(&history_text(e)),
            esc(&e.id),
            e.articles
        );
    }
    *o += "</svg>\n";
}

/// The tables of the top people, organizations and countries, and pairs.
fn write_tables(o: &mut String, s: &Summary) {
    *o += "<h2>Top people, organizations and pairs</h2>\n<div>";
    write_top_nodes(o, s, "person", &["person"]);
    write_top_nodes(o, s, "organization / country", &["organization", "country"]);
    let mut pairs: Vec<&Edge> = s.edges.iter().collect();
    pairs.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.articles.cmp(&a.articles))
            .then((&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)))
    });
    *o += "<table><tr><th>pair</th><th>kind</th><th>events</th><th>articles</th><th>first – last</th></tr>";
    for e in pairs.into_iter().take(20) {
        let _ = write!(
            o,
            "<tr><td>{} – {}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{} – {}</td></tr>",
            esc(&e.source_name),
            esc(&e.target_name),
            esc(&e.kind),
            e.count,
            e.articles,
            esc(e.first.as_deref().unwrap_or("?")),
            esc(e.last.as_deref().unwrap_or("?"))
        );
    }
    *o += "</table></div>\n";
}

/// A table of the 20 nodes of these types in most articles.
fn write_top_nodes(o: &mut String, s: &Summary, title: &str, types: &[&str]) {
    let mut v: Vec<&Node> = s
        .nodes
        .iter()
        .filter(|n| types.contains(&n.ntype.as_str()))
        .collect();
    v.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
    let _ = write!(
        o,
        "<table><tr><th>{}</th><th>articles</th><th>meetings</th><th>partnerships</th></tr>",
        esc(title)
    );
    for n in v.into_iter().take(20) {
        let _ = write!(
            o,
            "<tr data-id=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&n.id),
            esc(&n.name),
            n.articles,
            n.meetings,
            n.partnerships
        );
    }
    o.push_str("</table>");
}

/// The data the panel lists: the drawn nodes (`order`) and the events any of them is in,
/// each event once, in the summary's order.
fn panel_data(s: &Summary, order: &[usize], source_url: Option<&str>) -> serde_json::Value {
    let mut ev_index: HashMap<&str, usize> = HashMap::new();
    let mut events_json: Vec<serde_json::Value> = Vec::new();
    let mut nodes_json = serde_json::Map::new();
    let mut node_events: HashMap<&str, Vec<usize>> = HashMap::new();
    let drawn: std::collections::HashSet<&str> =
        order.iter().map(|&i| s.nodes[i].id.as_str()).collect();
    for e in &s.events {
        let mine: Vec<&str> = e
            .participants
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| drawn.contains(id))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let k = *ev_index.entry(e.id.as_str()).or_insert_with(|| {
            events_json.push(event_json(e, source_url));
            events_json.len() - 1
        });
        for id in mine {
            node_events.entry(id).or_default().push(k);
        }
    }
    for &i in order {
        let n = &s.nodes[i];
        nodes_json.insert(
            n.id.clone(),
            serde_json::json!({
                "name": n.name, "english": n.english, "type": n.ntype, "articles": n.articles,
                "first": n.first_seen, "last": n.last_seen,
                "events": node_events.get(n.id.as_str()).cloned().unwrap_or_default(),
            }),
        );
    }
    serde_json::json!({"nodes": nodes_json, "events": events_json})
}

/// One event as the panel lists it, with a link per source article where one can be made.
fn event_json(e: &Event, source_url: Option<&str>) -> serde_json::Value {
    let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
    let sources: Vec<serde_json::Value> = e
        .sources
        .iter()
        .map(|src| {
            serde_json::json!({
                "article": src.article, "item": src.item, "status": src.status,
                "published": src.published, "href": source_href(&src.article, source_url),
            })
        })
        .collect();
    serde_json::json!({
        "id": e.id, "kind": e.kind, "date": e.date, "names": names.join(" – "),
        "history": history_text(e), "sources": sources,
    })
}

/// The link to a source article: the `--source-url` template with the id filled in, else
/// the article itself when its id looks like a path or file name, else none.
fn source_href(article: &str, source_url: Option<&str>) -> Option<String> {
    match source_url {
        Some(t) => Some(t.replace("{id}", &pct(article, false))),
        None if article.contains('/') || article.contains('.') => Some(pct(article, true)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            esc("<script>\"a\"&'b'\u{1}"),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;\u{fffd}"
        );
        let j = script_json(&serde_json::json!({"a": "</script><b>&"}));
        assert!(
            !j.contains('<') && !j.contains('>') && !j.contains('&'),
            "{j}"
        );
        let back: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back["a"], "</script><b>&");
        assert_eq!(
            pct("javascript:alert(1)", true),
            "javascript%3Aalert%281%29"
        );
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
