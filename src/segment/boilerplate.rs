//! Boilerplate: the spans of a line matched by `rules/boilerplate.tsv` (bylines, credits,
//! e-mail, promos, copyright, timestamps) become sentences of kind `boilerplate`; the text
//! between them is split into sentences ([`super::ends`]).

use super::ends::split_body;
use super::{Kind, Segmenter, Sentence, push_trimmed};

/// How many characters before its needle a boilerplate match may begin (a promise of
/// `boilerplate.tsv`, stated in its header).
const NEEDLE_REACH: usize = 100;

impl Segmenter {
    /// A piece of a body line: its boilerplate spans, and the text between them split at
    /// sentence ends.
    pub(super) fn split_piece(&self, line: &str, base: usize, out: &mut Vec<Sentence>) {
        // Boilerplate spans first; they are cut out and the gaps split normally.
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        // which needles occur where: every occurrence of every needle, in one pass, in the
        // order of their starts
        let mut found: Vec<(usize, usize)> = Vec::new();
        self.needles
            .for_each_match(line.as_bytes(), |start, _, k| found.push((start, k)));
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
            split_body(
                &self.quote_continuations,
                &line[cursor..s],
                base + cursor,
                out,
            );
            push_trimmed(line, base, s, e, Kind::Boilerplate, Some(origin), out);
            cursor = e;
        }
        split_body(
            &self.quote_continuations,
            &line[cursor..],
            base + cursor,
            out,
        );
    }
}

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

#[cfg(test)]
mod tests {
    use super::super::tests::split;
    use super::*;
    use crate::rules::RuleSet;

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
    fn word_edges() {
        let line = "한빛 전자";
        assert_eq!(word_edge_forward(line, 3), "한빛".len());
        assert_eq!(word_edge_forward(line, "한빛".len()), "한빛".len());
        assert_eq!(word_edge_forward(line, 0), 0);
        assert_eq!(word_edge_forward(line, "한빛 전".len()), line.len());
    }

    #[test]
    fn running_text_is_no_boilerplate() {
        let seg = Segmenter::new(&RuleSet::builtin().unwrap()).unwrap();
        let t = "새 공장\n기자회견이 열렸다. 저작권 문제도 다뤘다.";
        assert!(seg.split(t).iter().all(|s| s.kind != Kind::Boilerplate));
    }
}
