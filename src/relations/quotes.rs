//! Quotation marks of a sentence: what is inside quoted speech neither triggers an event
//! nor decides its status.

/// `s` with the text inside quotation marks blanked (the marks stay), so that cue words
/// inside quoted speech do not decide an event's status.
pub(super) fn without_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut straight = false;
    for c in s.chars() {
        match c {
            '“' | '‘' => {
                depth += 1;
                out.push(c);
            }
            '”' | '’' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            '"' => {
                straight = !straight;
                out.push(c);
            }
            _ if depth > 0 || straight => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Where a sentence's quotation marks are, to tell whether a position is inside a quote
/// in logarithmic time (a sentence can be a whole flattened article).
#[derive(Default)]
pub(super) struct Quotes {
    opens: Vec<usize>,
    closes: Vec<usize>,
    straight: Vec<usize>,
}

impl Quotes {
    pub(super) fn new(s: &str) -> Quotes {
        let mut q = Quotes {
            opens: Vec::new(),
            closes: Vec::new(),
            straight: Vec::new(),
        };
        // “ and ” are E2 80 9C and E2 80 9D in UTF-8: a byte scan finds them and "
        let b = s.as_bytes();
        for (i, &x) in b.iter().enumerate() {
            match x {
                b'"' => q.straight.push(i),
                0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                    Some(0x9C) => q.opens.push(i),
                    Some(0x9D) => q.closes.push(i),
                    _ => {}
                },
                _ => {}
            }
        }
        q
    }

    /// Has the sentence no quotation mark at all?
    pub(super) fn is_empty(&self) -> bool {
        self.opens.is_empty() && self.straight.is_empty()
    }

    /// The quote that byte `pos` of `s` is inside: from its opening mark to its closing
    /// one (or the end of the sentence when it is not closed).
    pub(super) fn span_at(&self, s: &str, pos: usize) -> Option<std::ops::Range<usize>> {
        if !self.inside(pos) {
            return None;
        }
        let open = s.get(..pos)?.rfind(['“', '"'])?;
        let close = s.get(pos..)?.find(['”', '"']).map_or(s.len(), |k| pos + k);
        Some(open..close)
    }

    /// Is byte `pos` (from the sentence start) inside quotation marks?
    pub(super) fn inside(&self, pos: usize) -> bool {
        let before = |v: &Vec<usize>| v.partition_point(|&x| x < pos);
        before(&self.opens) + before(&self.straight) % 2 > before(&self.closes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_speech_is_blanked_and_the_marks_stay() {
        let s = "그는 “내일 만나자”고 말했다";
        let out = without_quotes(s);
        assert_eq!(out.chars().count(), s.chars().count());
        assert!(out.starts_with("그는 “"));
        assert!(out.contains("”고 말했다"));
        assert!(!out.contains("만나자"));
        assert_eq!(without_quotes("따옴표 없는 문장"), "따옴표 없는 문장");
        assert_eq!(without_quotes("a \"bc\" d"), "a \"  \" d");
    }

    #[test]
    fn positions_inside_curly_and_straight_quotes() {
        let s = "가 “나” 다 \"라\" 마";
        let q = Quotes::new(s);
        let at = |w: &str| s.find(w).unwrap();
        assert!(!q.inside(at("가")));
        assert!(q.inside(at("나")));
        assert!(!q.inside(at("다")));
        assert!(q.inside(at("라")));
        assert!(!q.inside(at("마")));
        assert!(!Quotes::default().inside(3));
    }
}
