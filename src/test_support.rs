//! Helpers shared by the unit tests: a deterministic PRNG and the corpus reader.

/// A small deterministic PRNG (xorshift64*).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    /// Appends `n` random digits to `s`.
    pub(crate) fn digits(&mut self, n: usize, s: &mut String) {
        for _ in 0..n {
            s.push(char::from(b'0' + self.below(10) as u8));
        }
    }

    /// Appends nothing (most often), a space, a tab or two spaces to `s`.
    pub(crate) fn blank(&mut self, s: &mut String) {
        s.push_str(["", "", "", " ", " ", " ", "\t", "  "][self.below(8)]);
    }

    /// One of `items`.
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A text of fewer than `max` of `pieces`, picked at random.
    pub(crate) fn text(&mut self, pieces: &[&str], max: usize) -> String {
        let n = self.below(max);
        (0..n).map(|_| self.pick(pieces)).collect()
    }
}

/// Every character boundary of `text`, its end included.
pub(crate) fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// What a test that reads `../shared` says when it is run without it: such tests are
/// `#[ignore = "needs ../shared (run with --include-ignored)"]` and fail loudly, with this,
/// when run by `--include-ignored` where `../shared` is missing.
pub(crate) const NEEDS_SHARED: &str = "this test needs ../shared beside the clone (without it, run plain `cargo test`: it is then ignored)";

/// The lines of a gzip file of the corpus directory, or None (with a note) if it is not
/// there.
pub(crate) fn corpus_lines(name: &str) -> Option<Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if !path.exists() {
        println!("note: {} is missing; skipped", path.display());
        return None;
    }
    let out = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(&path)
        .output()
        .expect("gzip runs");
    assert!(out.status.success(), "gzip -dc {}", path.display());
    let text = String::from_utf8(out.stdout).expect("UTF-8 corpus");
    Some(text.lines().map(str::to_string).collect())
}

/// The texts of the news corpus (title and body of each article, each alone), or None
/// (with a note) if it is not there.
pub(crate) fn corpus_texts() -> Option<Vec<String>> {
    let mut texts = Vec::new();
    for r in corpus_lines("news-articles.jsonl.gz")? {
        let v: serde_json::Value = serde_json::from_str(&r).expect("JSON line");
        for key in ["title", "text"] {
            texts.push(
                v.get(key)
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    Some(texts)
}
