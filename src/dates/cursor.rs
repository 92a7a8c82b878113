//! The cursor both hand-written date readers use: the digit-date grammar
//! ([`super::digits`]) and the dateline reader ([`super::dateline`]). Each method matches one
//! item at byte `i` (always a char boundary: the items are ASCII bytes or whole words) and
//! moves past it.

/// A position in a text, moved forward item by item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor<'a> {
    pub(super) s: &'a str,
    pub(super) i: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at byte `i` of `s`.
    pub(super) fn at(s: &'a str, i: usize) -> Cursor<'a> {
        Cursor { s, i }
    }

    /// `[ \t]?` before an item that cannot start with a blank: the blank if there is one.
    pub(super) fn blank(&mut self) -> &mut Self {
        if matches!(self.s.as_bytes().get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        self
    }

    /// `[ \t]*`: every blank here; how many there were.
    pub(super) fn blanks(&mut self) -> usize {
        let from = self.i;
        let b = self.s.as_bytes();
        while self.i < b.len() && matches!(b[self.i], b' ' | b'\t') {
            self.i += 1;
        }
        self.i - from
    }

    /// `[0-9]{min,max}` before an item that cannot start with a digit: the whole run of
    /// digits here, if its length is allowed.
    pub(super) fn digits(&mut self, min: usize, max: usize) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let from = self.i;
        let mut j = from;
        // one digit more than `max` is enough to know the run is too long
        while j < b.len() && j - from <= max && b[j].is_ascii_digit() {
            j += 1;
        }
        if !(min..=max).contains(&(j - from)) {
            return None;
        }
        self.i = j;
        Some(&self.s[from..j])
    }

    /// At least `min` and at most `max` digits here as a number, taking no more than `max`
    /// even when more digits follow (the cursor stays put when there are fewer than `min`).
    pub(super) fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let b = self.s.as_bytes();
        let from = self.i;
        let mut j = from;
        let mut v = 0u32;
        while j < b.len() && j - from < max && b[j].is_ascii_digit() {
            v = v * 10 + u32::from(b[j] - b'0');
            j += 1;
        }
        if j - from < min {
            return None;
        }
        self.i = j;
        Some(v)
    }

    /// The first of `words` written here (an alternation: the first that matches wins).
    pub(super) fn one_of(&mut self, words: &[&str]) -> Option<&'a str> {
        let rest = &self.s.as_bytes()[self.i..];
        let w = words.iter().find(|w| rest.starts_with(w.as_bytes()))?;
        let from = self.i;
        self.i += w.len();
        Some(&self.s[from..self.i])
    }

    /// `word` written here.
    pub(super) fn lit(&mut self, word: &str) -> bool {
        self.one_of(&[word]).is_some()
    }

    /// An optional group `(?:…)?`: `f` if it matches here, else nothing (and the cursor
    /// stays where it was).
    pub(super) fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let from = self.i;
        let r = f(self);
        if r.is_none() {
            self.i = from;
        }
        r
    }

    /// Is the whole text read?
    pub(super) fn at_end(&self) -> bool {
        self.i == self.s.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_take_the_whole_run_number_takes_at_most_max() {
        // a run of five digits is no 4-digit year for the grammar...
        assert_eq!(Cursor::at("12345년", 0).digits(4, 4), None);
        // ...but the dateline reader stops after four
        let mut c = Cursor::at("12345년", 0);
        assert_eq!(c.number(4, 4), Some(1234));
        assert_eq!(c.i, 4);
        let mut c = Cursor::at("7월", 0);
        assert_eq!(c.number(2, 2), None);
        assert_eq!(c.i, 0, "stays put on failure");
    }

    #[test]
    fn words_blanks_and_optional_groups() {
        let mut c = Cursor::at(" \t 하반기에", 0);
        assert_eq!(c.blanks(), 3);
        assert_eq!(c.one_of(&["하반", "하반기"]), Some("하반"));
        let mut c = Cursor::at("오는 5일", 0);
        assert!(c.lit("오는"));
        assert_eq!(c.opt(|c| c.blank().digits(2, 2)), None);
        assert_eq!(c.i, "오는".len());
        assert_eq!(c.blank().digits(1, 2), Some("5"));
        assert!(c.lit("일") && c.at_end());
    }
}
