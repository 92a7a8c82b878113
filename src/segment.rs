//! Sentence segmentation: text → sentences with byte spans and a kind.
//!
//! Invariants: sentences are in order, never overlap, never start or end with whitespace,
//! and together cover every non-whitespace character of the text exactly once.
//!
//! Rules, in order:
//! 1. Every line break ends a sentence (headlines, decks and captions carry no final
//!    punctuation). The first non-empty line is the headline; lines after it that hold no
//!    sentence-final punctuation, before the first body sentence, are decks (kind
//!    `headline`). A headline or deck line is never split further, except at `ㆍ` bullets.
//! 2. Spans matched by `rules/boilerplate.tsv` (bylines, credits, e-mail, `▶` promos,
//!    copyright, timestamps, `댓글0`) become sentences of kind `boilerplate`.
//! 3. In the rest, a sentence ends after `.`, `?` or `!` (plus closing quotes and brackets)
//!    unless it sits inside quotation marks or brackets that close on the same line, is a
//!    decimal point (3.5%), or follows a Latin abbreviation (U.S.). No space is needed
//!    after the period when a Hangul syllable precedes it (전망했다.이어 …).
//! 4. A quotation that ends a sentence (“…했다.” 그는 …) ends it too, unless the speech
//!    continues with a quotative (…”고 말했다, …”라며, …”, “…”).

use crate::rules::{Automaton, LazyRegex, RuleError, RuleSet};

/// What a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The title line or a deck (sub-headline) line.
    Headline,
    /// A sentence of the article body.
    Body,
    /// Byline, credit, timestamp, promo, copyright, comment counter.
    Boilerplate,
}

/// One sentence, as byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Headline, body or boilerplate.
    pub kind: Kind,
    /// The boilerplate rule that matched (`boilerplate.tsv:12`), for `--explain`.
    pub rule: Option<String>,
}

/// How many characters before its needle a boilerplate match may begin (a promise of
/// `boilerplate.tsv`, stated in its header).
const NEEDLE_REACH: usize = 100;

/// The compiled segmentation rules.
pub struct Segmenter {
    /// Each pattern, its rule, and the needles (indices into `needles`) one of which a line
    /// must contain for the pattern to be tried; none means always try.
    boiler: Vec<(LazyRegex, String, Vec<usize>)>,
    /// All needles, found in one pass per line.
    needles: Automaton,
}

impl Segmenter {
    /// Compiles the boilerplate table.
    pub fn new(rules: &RuleSet) -> Result<Segmenter, RuleError> {
        let mut boiler = Vec::new();
        let mut needle_list: Vec<String> = Vec::new();
        for r in rules.rows("boilerplate.tsv") {
            let re = LazyRegex::new(format!("(?m){}", r.get(0)), &r.origin(), !r.builtin)?;
            let ids = r
                .list(2)
                .map(|n| match needle_list.iter().position(|x| *x == n) {
                    Some(i) => i,
                    None => {
                        needle_list.push(n.to_string());
                        needle_list.len() - 1
                    }
                })
                .collect();
            boiler.push((re, r.origin(), ids));
        }
        let needles = Automaton::new(needle_list.iter().map(|n| n.as_bytes().to_vec()).collect())
            .map_err(|e| RuleError {
            file: "boilerplate.tsv".into(),
            line: 0,
            msg: format!("cannot index the needles: {e}"),
        })?;
        Ok(Segmenter { boiler, needles })
    }

    /// Splits `text` into sentences.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        self.split_titled(text, false)
    }

    /// Splits `text` into sentences; with `titled`, its first line is known to be the
    /// headline (a record's `title`), whatever it reads like.
    pub fn split_titled(&self, text: &str, titled: bool) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut seen_body = false;
        let mut line_no = 0usize;
        let mut pos = 0usize;
        // the first line is a headline only when it reads as one and a body follows it:
        // archives often store the body alone, flattened to one line
        let mut has_title = false;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            if content.trim().is_empty() {
                continue;
            }
            line_no += 1;
            let is_title = line_no == 1 && (titled || reads_as_headline(content, &text[pos..]));
            has_title |= is_title;
            let is_deck =
                has_title && !is_title && !seen_body && line_no <= 4 && !has_final_punct(content);
            if is_title || is_deck {
                split_bullets(content, start, &mut out);
                continue;
            }
            let before = out.len();
            self.split_line(content, start, &mut out);
            if out[before..].iter().any(|s| s.kind == Kind::Body) {
                seen_body = true;
            }
        }
        out
    }

    /// A body line: split first where a flattened article hides its line breaks (runs of
    /// three or more spaces outside brackets; `ㆍ` bullets of a line that starts with one),
    /// then into sentences.
    fn split_line(&self, line: &str, base: usize, out: &mut Vec<Sentence>) {
        let bullets = line.trim_start().starts_with('ㆍ');
        // brackets are worked out only when a line has a place to cut (most have none)
        let ranges = std::cell::OnceCell::new();
        let inside = |i: usize| {
            ranges
                .get_or_init(|| quoted_ranges(line))
                .iter()
                .any(|&(o, c)| o < i && i < c)
        };
        let mut cuts = vec![0usize];
        let mut run_start: Option<usize> = None;
        let mut run = 0;
        // a run of three spaces holds three ASCII spaces in a row or another kind of space
        // (most lines have neither: they are not walked)
        let b = line.as_bytes();
        // list bullets (■ ◇ △ ● …: personnel lists, fact boxes) all begin with E2 96 or E2 97
        let has_bullets = memchr::memmem::find(b, b"\xE2\x96").is_some()
            || memchr::memmem::find(b, b"\xE2\x97").is_some();
        let may_cut = bullets
            || has_bullets
            || memchr::memchr(b'\t', b).is_some()
            || memchr::memmem::find(b, b"   ").is_some()
            || memchr::memmem::find(b, "\u{a0}".as_bytes()).is_some()
            || memchr::memmem::find(b, "\u{3000}".as_bytes()).is_some();
        // bullets cut only after the last sentence ending of the line: before it they
        // enumerate inside a sentence
        let list_from = if has_bullets {
            last_sentence_end(line)
        } else {
            0
        };
        if may_cut {
            for (i, c) in line.char_indices() {
                if c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{3000}' {
                    if run == 0 {
                        run_start = Some(i);
                    }
                    run += 1;
                    continue;
                }
                if run >= 3
                    && let Some(rs) = run_start
                    && !inside(rs)
                {
                    cuts.push(rs);
                }
                run = 0;
                // a list bullet begins an item, unless a number follows it (△3.5% is minus
                // 3.5%, ▲ up), it stands inside quotes or brackets, or the items are an
                // enumeration inside a sentence that ends later on the line (협약에 따라
                // ▲공동 연구 ▲기술 자문 등을 하기로 했다.)
                if has_bullets
                    && i > 0
                    && LIST_BULLETS.contains(&c)
                    && i >= list_from
                    && !line[i + c.len_utf8()..]
                        .trim_start()
                        .starts_with(|d: char| d.is_ascii_digit())
                    && !inside(i)
                {
                    cuts.push(i);
                }
                if bullets && c == 'ㆍ' && i > 0 && !inside(i) {
                    cuts.push(i);
                }
            }
        }
        cuts.push(line.len());
        cuts.dedup();
        for w in cuts.windows(2) {
            self.split_piece(&line[w[0]..w[1]], base + w[0], out);
        }
    }

    fn split_piece(&self, line: &str, base: usize, out: &mut Vec<Sentence>) {
        // Boilerplate spans first; they are cut out and the gaps split normally.
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        // which needles occur where: every occurrence of every needle, in one pass, in the
        // order of their starts
        let mut found: Vec<(usize, usize)> = self
            .needles
            .get()
            .find_overlapping_iter(line)
            .map(|m| (m.start(), m.pattern().as_usize()))
            .collect();
        found.sort_by_key(|&(start, _)| start);
        let mut places: Vec<usize> = Vec::new();
        for (re, origin, ids) in &self.boiler {
            if ids.is_empty() {
                for (s, e) in re.get().find_iter(line) {
                    if s != e {
                        spans.push((s, e, origin));
                    }
                }
                continue;
            }
            places.clear();
            places.extend(
                found
                    .iter()
                    .filter(|(_, k)| ids.contains(k))
                    .map(|&(p, _)| p),
            );
            if places.is_empty() {
                continue;
            }
            // A match holds a needle and begins at most NEEDLE_REACH characters before it:
            // the search starts there, not at the start of the line (the same matches as a
            // search of the whole line, found without scanning text far from any needle).
            let re = re.get();
            let mut at = 0;
            for &p in &places {
                if p < at {
                    continue;
                }
                let from = line[..p]
                    .char_indices()
                    .rev()
                    .nth(NEEDLE_REACH - 1)
                    .map_or(0, |(i, _)| i)
                    .max(at);
                let Some((s, e)) = re.find_at(line, from) else {
                    break; // no match anywhere after `from`: none for later needles either
                };
                if s != e {
                    spans.push((s, e, origin));
                }
                at = e.max(p + 1);
            }
        }
        // a span never cuts a word: one that starts inside a word starts after it (the
        // `…무단 전재` row reaches back 40 characters), one that ends inside a word ends after it
        for sp in &mut spans {
            // a sentence end before a span belongs to the sentence before it
            while sp.0 < sp.1 && line[sp.0..].starts_with(['.', '?', '!']) {
                sp.0 += 1;
            }
            sp.0 = word_edge_forward(line, sp.0);
            sp.1 = word_edge_forward(line, sp.1);
        }
        spans.retain(|sp| sp.0 < sp.1);
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut cursor = 0;
        let mut kept: Vec<(usize, usize, &str)> = Vec::new();
        for mut s in spans {
            // a span that overlaps the one before keeps what lies after it (an e-mail line
            // and the copyright line that reaches back into it)
            if s.0 < cursor && s.1 > cursor && !line[cursor..s.1].trim().is_empty() {
                s.0 = cursor;
            }
            if s.0 >= cursor {
                cursor = s.1;
                kept.push(s);
            }
        }
        let mut cursor = 0;
        for (s, e, origin) in kept {
            split_body(&line[cursor..s], base + cursor, out);
            push_trimmed(line, base, s, e, Kind::Boilerplate, Some(origin), out);
            cursor = e;
        }
        split_body(&line[cursor..], base + cursor, out);
    }
}

/// The byte offset after the last sentence ending (a final syllable such as 다, then `.`,
/// `?` or `!`) of `line`, or 0.
fn last_sentence_end(line: &str) -> usize {
    let ending = |c: char| matches!(c, '다' | '요' | '까' | '죠');
    let mut prev = ' ';
    let mut last = 0;
    for (i, c) in line.char_indices() {
        if ending(prev) && matches!(c, '.' | '?' | '!') {
            last = i + 1;
        }
        prev = c;
    }
    last
}

/// Bullets that begin the items of a list inside a line (personnel lists, fact boxes):
/// each item is a sentence of its own.
const LIST_BULLETS: &[char] = &['■', '□', '▲', '△', '▷', '◆', '◇', '○', '●'];

/// `i` when it is no position inside a word of `line`, else the end of that word (where a
/// character that is no letter or digit follows).
fn word_edge_forward(line: &str, i: usize) -> usize {
    let word = |c: char| c.is_alphanumeric();
    let inside = line[..i].chars().next_back().is_some_and(word)
        && line[i..].chars().next().is_some_and(word);
    if !inside {
        return i;
    }
    line[i..]
        .char_indices()
        .find(|&(_, c)| !word(c))
        .map_or(line.len(), |(k, _)| i + k)
}

/// Does a line read as running text rather than a deck (sub-headline)? It does when a
/// sentence ending (다, 요, 까, 죠, 음, 함, 임, 됨) takes a final mark somewhere in it, when
/// it ends with a final mark (and perhaps a closing quote), or when it is long.
fn has_final_punct(line: &str) -> bool {
    let ending = |c: char| matches!(c, '다' | '요' | '까' | '죠' | '음' | '함' | '임' | '됨');
    let fin = |c: char| matches!(c, '.' | '?' | '!');
    let mut prev = ' ';
    for c in line.chars() {
        if ending(prev) && fin(c) {
            return true;
        }
        prev = c;
    }
    let t = line.trim_end_matches([' ', '\t']);
    let t = t
        .strip_suffix(['”', '"', '’', '\''])
        .filter(|u| u.ends_with(fin))
        .unwrap_or(t);
    t.ends_with(fin) || line.chars().nth(200).is_some()
}

/// Does the first line, followed by `rest`, read as a headline? It does when it is short,
/// holds no sentence end ([`has_final_punct`]) and more text follows it.
fn reads_as_headline(line: &str, rest: &str) -> bool {
    const LONGEST: usize = 150;
    !rest.trim().is_empty() && line.chars().nth(LONGEST).is_none() && !has_final_punct(line)
}

/// A headline or deck line: one sentence, or one per `ㆍ`/`·` bullet when it starts with one.
fn split_bullets(line: &str, base: usize, out: &mut Vec<Sentence>) {
    let trimmed = line.trim_start();
    let bullet = trimmed.starts_with('ㆍ') || trimmed.starts_with('•') || trimmed.starts_with('-');
    if !bullet {
        push_trimmed(line, base, 0, line.len(), Kind::Headline, None, out);
        return;
    }
    let lead = trimmed.chars().next().unwrap_or('ㆍ');
    let mut last = 0;
    for (i, c) in line.char_indices() {
        if c == lead && i > last && !line[last..i].trim().is_empty() {
            push_trimmed(line, base, last, i, Kind::Headline, None, out);
            last = i;
        }
    }
    push_trimmed(line, base, last, line.len(), Kind::Headline, None, out);
}

fn push_trimmed(
    line: &str,
    base: usize,
    s: usize,
    e: usize,
    kind: Kind,
    rule: Option<&str>,
    out: &mut Vec<Sentence>,
) {
    let piece = &line[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    out.push(Sentence {
        start: base + s + lead,
        end: base + e - trail,
        kind,
        rule: rule.map(String::from),
    });
}

fn is_open(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '〈' => '〉',
        '(' => ')',
        '[' => ']',
        '【' => '】',
        '<' => '>',
        _ => return None,
    })
}

/// The bytes that begin a quotation mark or bracket: ASCII ones, and E2 / E3, the first
/// byte of “ ” ‘ ’ 「 」 《 》 【 】 and the like.
const MARK_BYTES: [bool; 256] =
    byte_table(&[b'"', b'\'', b'(', b')', b'[', b']', b'<', b'>', 0xE2, 0xE3]);

/// A table of the bytes in `bytes`, for a search that skips all others.
const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// Byte ranges (open, close) of quotation marks and brackets that close on the same span.
/// Straight quotes pair up in order. Unclosed openers are ignored.
fn quoted_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut ranges = Vec::new();
    let mut straight: [Option<usize>; 2] = [None, None];
    // every quotation mark and bracket is ASCII or starts with byte E2 or E3 (“ ” ‘ ’, 「 」
    // 《 》 【 】 …): other bytes (Hangul, letters) are passed over without decoding
    let b = s.as_bytes();
    let mut next = 0;
    // the next byte that can begin a mark, found by a table lookup per byte
    while let Some(k) = b[next..].iter().position(|&x| MARK_BYTES[usize::from(x)]) {
        let i = next + k;
        next = i + 1;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c == '"' || c == '\'' {
            let k = usize::from(c == '\'');
            // An apostrophe between two Latin letters is not a quote (Moody's).
            if c == '\'' {
                let prev = s[..i].chars().next_back();
                let next = s[i + 1..].chars().next();
                if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                    && next.is_some_and(|n| n.is_ascii_alphabetic())
                {
                    continue;
                }
            }
            match straight[k].take() {
                Some(o) => ranges.push((o, i)),
                None => straight[k] = Some(i),
            }
            continue;
        }
        if let Some(close) = is_open(c) {
            if stack.len() < 64 {
                stack.push((close, i));
            }
            continue;
        }
        if let Some(p) = stack.iter().rposition(|&(cl, _)| cl == c) {
            let (_, o) = stack[p];
            stack.truncate(p);
            ranges.push((o, i));
        }
    }
    ranges
}

const CLOSERS: &[char] = &[
    '”', '’', '"', '\'', ')', ']', '」', '』', '》', '〉', '】', '>',
];

/// The bytes that begin a character that can end a sentence: `.` `?` `!` `"` `'`, and E2 /
/// E3, the first byte of ” ’ and 。.
const END_BYTES: [bool; 256] = byte_table(&[b'.', b'?', b'!', b'"', b'\'', 0xE2, 0xE3]);

/// Splits one span of body text at sentence ends.
fn split_body(s: &str, base: usize, out: &mut Vec<Sentence>) {
    if s.trim().is_empty() {
        return;
    }
    // a bracketed deck opening the text ([지난해 3월 … 논의될 듯]본문) is a sentence
    let lead = s.len() - s.trim_start().len();
    if s[lead..].starts_with('[')
        && let Some(&(_, c)) = quoted_ranges(s).iter().find(|&&(o, _)| o == lead)
        && s[lead..c].chars().count() >= 12
        && c + 1 < s.trim_end().len()
    {
        push_trimmed(s, base, 0, c + 1, Kind::Body, None, out);
        return split_body(&s[c + 1..], base + c + 1, out);
    }
    // Quote/bracket depth at byte i, kept by a sweep over the sorted opening and closing
    // events as i grows (no per-byte array: a flattened article can be one huge span).
    let ranges = quoted_ranges(s);
    let mut events: Vec<(usize, i32)> = Vec::with_capacity(ranges.len() * 2);
    for &(o, c) in &ranges {
        events.push((o + 1, 1));
        events.push((c, -1));
    }
    events.sort_unstable();
    let mut ev_pos = 0usize;
    let mut depth = 0i32;
    let mut depth_at = |i: usize| -> i32 {
        while ev_pos < events.len() && events[ev_pos].0 <= i {
            depth += events[ev_pos].1;
            ev_pos += 1;
        }
        depth
    };
    let mut closes: Vec<usize> = ranges.iter().map(|&(_, c)| c).collect();
    let mut opens: Vec<usize> = ranges.iter().map(|&(o, _)| o).collect();
    closes.sort_unstable();
    opens.sort_unstable();

    // only final marks and closing quotes can end a sentence: every other character is
    // passed over at once
    let mut last = 0usize;
    let mut resume = 0usize;
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&x| END_BYTES[usize::from(x)]) {
        let i = from + k;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        let mark = matches!(c, '.' | '?' | '!' | '。');
        if i < resume || !mark && !matches!(c, '”' | '"' | '’' | '\'') {
            continue;
        }
        let prev = s[..i].chars().next_back();
        let after = i + c.len_utf8();
        let next = s[after..].chars().next();
        let outside = depth_at(i) <= 0;
        let mut cut_end: Option<usize> = None;
        if outside && mark {
            // a run of terminal marks (?!, ?!?) but not an ellipsis
            let mut end = after;
            for d in s[after..].chars() {
                if !matches!(d, '?' | '!') {
                    break;
                }
                end += d.len_utf8();
            }
            let is_end = match c {
                '.' => period_ends(s, i, prev, next),
                _ => true,
            };
            if is_end {
                // absorb closing quotes/brackets that belong to this sentence
                for d in s[end..].chars() {
                    if !CLOSERS.contains(&d) || opens.binary_search(&end).is_ok() {
                        break;
                    }
                    end += d.len_utf8();
                }
                cut_end = Some(end);
            }
        } else if outside
            && prev.is_some_and(|p| matches!(p, '.' | '?' | '!'))
            && closes.binary_search(&i).is_ok()
            && quote_ends_sentence(&s[after..])
        {
            cut_end = Some(after);
        }
        if let Some(end) = cut_end {
            push_trimmed(s, base, last, end, Kind::Body, None, out);
            last = end;
            resume = end;
        }
    }
    push_trimmed(s, base, last, s.len(), Kind::Body, None, out);
}

/// Does the period at byte `i` of `s` end a sentence (`prev` and `next` are the characters
/// around it)?
fn period_ends(s: &str, i: usize, prev: Option<char>, next: Option<char>) -> bool {
    let Some(p) = prev else { return false };
    if next == Some('.') || p == '.' {
        return false; // ellipsis "..."
    }
    if p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) {
        return false; // 3.5
    }
    if is_hangul(p) {
        return true; // 했다. / 했다.이어 / 했다.24일
    }
    if p.is_ascii_digit() && next.is_some_and(is_hangul) && ends_with_dotted_date(&s[..i]) {
        return true; // a caption's date stamp: …하고 있다. 2023.06.20.윤석열 대통령이 …
    }
    let spaced = next.is_none_or(|n| n.is_whitespace() || CLOSERS.contains(&n));
    if p.is_ascii_alphabetic() {
        // U.S. / Inc. / e.g.: a single letter or a short capitalised word before the period
        let word: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '.')
            .collect();
        if word.len() <= 1 || word.contains('.') {
            return false;
        }
        return spaced;
    }
    spaced
}

/// Does `s` end with a dotted date, `2023.06.20` or `2023.6.2`?
fn ends_with_dotted_date(s: &str) -> bool {
    let mut parts = s.rsplit('.');
    let (Some(d), Some(m), Some(y)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let y = y.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)
}

/// After a closing quote preceded by sentence-final punctuation (`after` is the text after
/// the quote): does the sentence end here?
fn quote_ends_sentence(after: &str) -> bool {
    let trimmed = after.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == after.len() {
        return false; // ”고 / ”, / ”라며
    }
    let rest: String = trimmed.chars().take(4).collect();
    const GO_ON: &[&str] = &[
        "고 ", "라고", "라며", "며 ", "이라", "하고", "라는", "등", "는 ", "란 ",
    ];
    !(rest.starts_with(',') || GO_ON.iter().any(|g| rest.starts_with(g)))
}

/// Is `c` a precomposed Hangul syllable?
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_punctuation_marks_running_text() {
        for line in [
            "두 정상은 회담을 가졌다. 이어 만찬을 했다",
            "끝났다.",
            "그렇습니까?",
            "“잘 될 것”이라고 했다.”",
            "이것으로 끝.  ",
            "정말이요!\t",
        ] {
            assert!(has_final_punct(line), "{line}");
        }
        for line in [
            "삼성전자, 엔비디아와 AI 칩 협력",
            "3.5% 오른 주가",
            "“협력 강화”",
            "끝.”.x",
        ] {
            assert!(!has_final_punct(line), "{line}");
        }
        assert!(has_final_punct(&"가".repeat(201)));
    }

    fn split(text: &str) -> Vec<String> {
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        seg.split(text)
            .into_iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn headline_decks_and_body() {
        let t = "제목 줄\n부제 줄\n본문 첫 문장이다. 둘째 문장이다.";
        assert_eq!(
            split(t),
            ["제목 줄", "부제 줄", "본문 첫 문장이다.", "둘째 문장이다."]
        );
    }

    #[test]
    fn first_line_is_a_headline_only_when_it_reads_as_one() {
        // a body stored without its title, flattened to one line
        let t = "정부가 반도체 지원에 착수했다.24일 업계에 따르면 삼성전자는 투자를 늘린다.";
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let got = seg.split(t);
        assert_eq!(
            split(t),
            [
                "정부가 반도체 지원에 착수했다.",
                "24일 업계에 따르면 삼성전자는 투자를 늘린다."
            ]
        );
        assert!(got.iter().all(|s| s.kind == Kind::Body));
        // a first line with a sentence end is body, and the next short line no deck
        let t = "삼성전자가 투자를 늘렸다. 업계가 반겼다.\n다음 단락\n끝이다.";
        let kinds: Vec<Kind> = seg.split(t).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Body; 4]);
        // a short line without an ending, followed by a body, is the headline
        let t = "삼성전자, 반도체 투자 확대\n삼성전자가 투자를 늘렸다.";
        let kinds: Vec<Kind> = seg.split(t).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Headline, Kind::Body]);
        // a lone line with nothing after it is no headline of anything
        let kinds: Vec<Kind> = seg
            .split("반도체 투자 확대")
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(kinds, [Kind::Body]);
        // a long line is running text even without a final mark
        let long = format!("{}\n본문이다.", "반도체 투자 확대 ".repeat(20));
        assert_eq!(seg.split(&long)[0].kind, Kind::Body);
    }

    #[test]
    fn no_space_after_period_and_numbers() {
        let t =
            "제목\n매출이 3.5% 늘었다고 밝혔다.이어 5,000만 원을 냈다.24일 업계에 따르면 그렇다.";
        assert_eq!(
            split(t),
            [
                "제목",
                "매출이 3.5% 늘었다고 밝혔다.",
                "이어 5,000만 원을 냈다.",
                "24일 업계에 따르면 그렇다."
            ]
        );
    }

    #[test]
    fn quotes_are_not_cut() {
        let t = "제목\n그는 “큰 나라다. 여당끼리 하자”고 밝혔다. 다음 문장이다.";
        assert_eq!(
            split(t),
            [
                "제목",
                "그는 “큰 나라다. 여당끼리 하자”고 밝혔다.",
                "다음 문장이다."
            ]
        );
        let t = "제목\n“우리가 최고다.” 그는 이렇게 말했다.";
        assert_eq!(
            split(t),
            ["제목", "“우리가 최고다.”", "그는 이렇게 말했다."]
        );
        let t = "제목\n“느낀다.”, “싸움이다.” 등의 반응을 보였다.";
        assert_eq!(
            split(t),
            ["제목", "“느낀다.”, “싸움이다.” 등의 반응을 보였다."]
        );
    }

    #[test]
    fn bylines_and_trailers() {
        let t = "제목\n(서울=연합뉴스) 홍길동 기자 = 삼성전자가 발표했다.\n홍길동 기자 hong@yna.co.kr\n무단전재 및 재배포 금지\n댓글0";
        let got = split(t);
        assert_eq!(
            got,
            [
                "제목",
                "(서울=연합뉴스) 홍길동 기자 =",
                "삼성전자가 발표했다.",
                "홍길동 기자 hong@yna.co.kr",
                "무단전재 및 재배포 금지",
                "댓글0"
            ]
        );
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let kinds: Vec<Kind> = seg.split(t).iter().map(|s| s.kind).collect();
        assert_eq!(kinds[1], Kind::Boilerplate);
        assert_eq!(kinds[2], Kind::Body);
        assert_eq!(kinds[5], Kind::Boilerplate);
    }

    /// Boilerplate is searched from shortly before each needle: far into a long one-line
    /// article, and with several needles of one pattern, every span is still found.
    #[test]
    fn boilerplate_far_into_a_long_line() {
        let body = "정부는 반도체 지원책을 내놓았다. ".repeat(60);
        let t = format!(
            "제목\n{body}홍길동 기자 hong@hanbit.kr {body}김철수 기자 kim@hanbit.kr {body}저작권자 © 한빛일보 무단 전재 및 재배포 금지"
        );
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let boiler: Vec<&str> = seg
            .split(&t)
            .iter()
            .filter(|s| s.kind == Kind::Boilerplate)
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            boiler,
            [
                "홍길동 기자 hong@hanbit.kr",
                "김철수 기자 kim@hanbit.kr",
                "저작권자 © 한빛일보 무단 전재 및 재배포 금지"
            ]
        );
    }

    #[test]
    fn boilerplate_never_cuts_a_word() {
        // the copyright row reaches back up to 40 characters: never into a word
        let t = "에마뉘엘 마크롱?저커버그【서울=뉴시스】김민수 기자 =서울<저작권자 ⓒ 뉴시스, 무단 전재-재배포 금지>";
        let got = split(t);
        assert_eq!(got[0], "에마뉘엘 마크롱?");
        for s in &got {
            let i = t.find(s.as_str()).unwrap();
            assert_eq!(word_edge_forward(t, i), i, "{s:?} starts inside a word");
        }
    }

    #[test]
    fn list_items_each_a_sentence() {
        let t = "■한빛부 ◇승진 △기획관 홍길동 ◇전보 △대변인 김철수■다음부 △국장 이영희";
        assert_eq!(
            split(t),
            [
                "■한빛부",
                "◇승진",
                "△기획관 홍길동",
                "◇전보",
                "△대변인 김철수",
                "■다음부",
                "△국장 이영희"
            ]
        );
        // an enumeration inside a sentence stays in it
        let t = "양측은 ▲공동 연구 ▲기술 자문 ▲교육 등을 하기로 했다. ◇승진 △국장 이영희 ◇전보 △과장 박민수";
        assert_eq!(
            split(t),
            [
                "양측은 ▲공동 연구 ▲기술 자문 ▲교육 등을 하기로 했다.",
                "◇승진",
                "△국장 이영희",
                "◇전보",
                "△과장 박민수"
            ]
        );
        // a number after △/▲ is a sign (minus, up), not an item
        assert_eq!(
            split("영업이익은 △3.5% 줄었고 주가는 ▲ 2% 올랐다."),
            ["영업이익은 △3.5% 줄었고 주가는 ▲ 2% 올랐다."]
        );
    }

    #[test]
    fn bylines_inside_a_one_line_body() {
        // a record whose byline bracket lost its opening, and a byline after a sentence
        let t =
            "서울=한빛통신) 김철수 기자 = 삼성전자가 발표했다.이영희 기자 = 두 회사는 협력한다.";
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let boiler: Vec<&str> = seg
            .split(t)
            .iter()
            .filter(|s| s.kind == Kind::Boilerplate)
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(boiler, [") 김철수 기자 =", "이영희 기자 ="]);
        // 기자 without `=` in running text stays text
        assert_eq!(
            split("제목\n그는 김철수 기자에게 말했다."),
            ["제목", "그는 김철수 기자에게 말했다."]
        );
    }

    #[test]
    fn promo_items_each_a_sentence() {
        let t = "제목\n끝났다.▶첫 링크▶둘째 링크";
        assert_eq!(split(t), ["제목", "끝났다.", "▶첫 링크", "▶둘째 링크"]);
    }

    #[test]
    fn a_date_stamp_ends_a_caption() {
        let t = "악수하고 있다. 2023.06.20.윤석열 대통령이 회담을 가졌다.";
        assert_eq!(
            split(t),
            [
                "악수하고 있다.",
                "2023.06.20.",
                "윤석열 대통령이 회담을 가졌다."
            ]
        );
        // a decimal or a list number is no date stamp
        assert_eq!(
            split("규모가 2.5배다. 전년 대비 3.5.이라는 숫자"),
            ["규모가 2.5배다.", "전년 대비 3.5.이라는 숫자"]
        );
    }

    #[test]
    fn abbreviations_and_decimals() {
        let t = "제목\nU.S. Steel이 2.5배 늘었다. 끝이다.";
        assert_eq!(split(t), ["제목", "U.S. Steel이 2.5배 늘었다.", "끝이다."]);
    }

    #[test]
    fn covers_all_non_space_text() {
        let t = "제목...?\n\n  본문(괄호. 안)이다. “열린 따옴표 끝\n마지막";
        let joined: String = split(t)
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let orig: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, orig);
    }
}
