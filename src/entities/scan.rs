use super::EntityRules;
use crate::morph::{Token, WordScan};
use crate::segment::Sentence;

/// A word of a sentence with the title questions the patterns ask of it again and again
/// (is it a title? does a two-word title start here?), answered once when the sentence is
/// read. Reads as its [`Token`] otherwise.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'a> {
    pub(super) tok: Token<'a>,
    /// The title the word starts with, when the rest of the word is particles.
    pub(super) title: Option<&'a str>,
    /// [`title_at`] for this word: the title, how many words it spans, the particles after it.
    pub(super) title_at: Option<(&'a str, usize, &'a str)>,
    /// [`WordRules::korean_name_lens`] of the word (three syllables or more, two or more):
    /// worked out once, asked by several passes.
    pub(super) name_len: Option<usize>,
    pub(super) name_len2: Option<usize>,
}

impl<'a> std::ops::Deref for Word<'a> {
    type Target = Token<'a>;
    fn deref(&self) -> &Token<'a> {
        &self.tok
    }
}

/// The words of a sentence, with their titles worked out.
pub(super) fn words<'a>(
    rules: &EntityRules,
    text: &'a str,
    sent: &Sentence,
    scan: &WordScan,
) -> Vec<Word<'a>> {
    let toks = scan.tokens(text, sent.start, sent.end);
    let mut out: Vec<Word<'a>> = toks
        .iter()
        .map(|&tok| {
            let lens = rules.korean_name_lens(tok.text);
            Word {
                tok,
                title: rules.title_prefix(tok.text),
                title_at: None,
                name_len: lens[0],
                name_len2: lens[1],
            }
        })
        .collect();
    for k in 0..toks.len() {
        let t = toks[k];
        // a title of two words (최고 경영자) when one space parts them
        let two = toks.get(k + 1).and_then(|n| {
            let joined = &text[t.start..n.end];
            (n.start == t.end + 1
                && text.as_bytes()[t.end] == b' '
                && t.text
                    .chars()
                    .next()
                    .is_some_and(|c| rules.title_first_chars.contains(c))
                && rules.title_first_words.contains(t.text))
            .then(|| rules.title_prefix(joined))
            .flatten()
            .filter(|tt| tt.len() > t.text.len())
            .map(|tt| (tt, 2, &n.text[tt.len() - t.text.len() - 1..]))
        });
        out[k].title_at = two.or_else(|| out[k].title.map(|tt| (tt, 1, &t.text[tt.len()..])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::WordScan;
    use crate::rules::RuleSet;
    use crate::segment::Segmenter;

    #[test]
    fn words_know_their_titles_across_two_words() {
        let rules = RuleSet::builtin().unwrap();
        let er = EntityRules::new(&rules).unwrap();
        let text = "제목\n그는 최고 경영자가 됐고 사장은 아니다.";
        let sents = Segmenter::new(&rules).unwrap().split(text);
        let toks = words(&er, text, &sents[1], &WordScan::new(text));
        let at = |w: &str| toks.iter().find(|t| t.text == w).unwrap().title_at;
        assert_eq!(at("최고"), Some(("최고 경영자", 2, "가")));
        assert_eq!(at("사장은"), Some(("사장", 1, "은")));
        assert_eq!(at("경영자가"), None);
        assert_eq!(at("아니다"), None);
    }
}
