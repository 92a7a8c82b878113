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
//!
//! Files: [`headline`] (headline and deck lines), [`lines`] (the cuts of a flattened body
//! line), [`boilerplate`] (the spans of `rules/boilerplate.tsv`), [`ends`] (sentence ends in
//! running text).

mod boilerplate;
mod ends;
mod headline;
mod lines;

use crate::rules::{Automaton, LazyRegex, RuleError, RuleSet};

use headline::{has_final_punct, reads_as_headline, split_bullets};

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

/// The compiled segmentation rules.
pub struct Segmenter {
    /// Each pattern, its rule, and the needles (indices into `needles`) one of which a line
    /// must contain for the pattern to be tried; none means always try.
    boiler: Vec<(LazyRegex, String, Vec<usize>)>,
    /// All needles, found in one pass per line.
    needles: Automaton,
    /// What goes on the sentence after a closing quote (`quote_continuations.tsv`), each as
    /// the text after the quote starts with it (a whole word with its space after it).
    quote_continuations: Vec<String>,
}

impl Segmenter {
    /// Compiles the boilerplate table and reads the words that go on after a quote.
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
        let quote_continuations = rules
            .rows("quote_continuations.tsv")
            .map(|r| match r.get(1) {
                "word" => format!("{} ", r.get(0)),
                _ => r.get(0).to_string(),
            })
            .collect();
        Ok(Segmenter {
            boiler,
            needles,
            quote_continuations,
        })
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
}

/// Pushes `line[s..e]`, without its leading and trailing whitespace, as a sentence of
/// `kind` at offset `base` (nothing when only whitespace is left).
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

/// Is `c` a precomposed Hangul syllable?
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text` as written (also used by the tests of the submodules).
    pub(super) fn split(text: &str) -> Vec<String> {
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

    #[test]
    fn blank_text_gives_nothing() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n\u{3000}\n").is_empty());
    }

    #[test]
    fn a_known_title_is_the_headline() {
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let t = "공장이 문을 열었다.\n첫 제품이 나왔다.";
        let kinds: Vec<Kind> = seg.split_titled(t, true).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Headline, Kind::Body]);
        let kinds: Vec<Kind> = seg.split_titled(t, false).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Body, Kind::Body]);
    }
}
