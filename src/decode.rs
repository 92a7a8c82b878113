//! Input decoding: raw bytes → `String` plus the name of the encoding used.
//!
//! Order of checks: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides outright; otherwise
//! strict UTF-8; otherwise EUC-KR/CP949 (encoding_rs's `EUC_KR` is the windows-949 superset).
//! Bytes that decode under neither, or text that holds NUL bytes or is mostly control
//! characters, are errors, never garbage output.

use encoding_rs::{EUC_KR, UTF_16BE, UTF_16LE};

/// Why an input could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes look binary (NUL bytes or mostly control characters).
    #[error("not a text file ({0})")]
    NotText(String),
    /// The bytes are neither valid UTF-8 nor valid EUC-KR/CP949.
    #[error("invalid UTF-8 at byte {offset} and not valid EUC-KR/CP949 either")]
    Decode {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
}

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE` or `EUC-KR`.
    pub encoding: &'static str,
}

/// Decodes `bytes` as described in the module documentation.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, "UTF-8 (BOM)");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, UTF_16LE, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE, "UTF-16BE");
    }
    if bytes.contains(&0) {
        return Err(DecodeError::NotText(format!(
            "NUL byte at offset {}",
            bytes.iter().position(|&b| b == 0).unwrap_or(0)
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_owned(), "UTF-8"),
        Err(e) => {
            let offset = e.valid_up_to();
            let (text, had_errors) = EUC_KR.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(DecodeError::Decode { offset });
            }
            check_text(text.into_owned(), "EUC-KR")
        }
    }
}

fn utf8(bytes: &[u8], name: &'static str) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_owned(), name),
        Err(e) => Err(DecodeError::Decode {
            offset: e.valid_up_to() + 3,
        }),
    }
}

fn utf16(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Decode { offset: 2 });
    }
    if text.contains('\0') {
        return Err(DecodeError::NotText("NUL character in UTF-16 text".into()));
    }
    check_text(text.into_owned(), name)
}

/// Rejects text that is mostly control characters (binary data that happens to decode).
fn check_text(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if let Some(i) = text.find('\0') {
        return Err(DecodeError::NotText(format!("NUL character at offset {i}")));
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total >= 16 && control * 10 > total {
        return Err(DecodeError::NotText(format!(
            "{control} of the first {total} characters are control characters"
        )));
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("삼성전자".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("삼성전자", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBF\xEC\x82\xBC").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("삼", "UTF-8 (BOM)"));
    }

    #[test]
    fn euc_kr() {
        let (bytes, _, _) = EUC_KR.encode("이재용 삼성전자 회장은 21일 말했다.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "EUC-KR");
        assert_eq!(d.text, "이재용 삼성전자 회장은 21일 말했다.");
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "메타 AI".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "메타 AI");
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, "메타 AI");
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn binary_and_garbage() {
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::NotText(_))));
        // 0xFF is valid in neither UTF-8 nor EUC-KR.
        assert_eq!(
            decode(b"abc\xFF\xFF").unwrap_err(),
            DecodeError::Decode { offset: 3 }
        );
        let ctl: Vec<u8> = (1u8..32).cycle().take(100).collect();
        assert!(matches!(decode(&ctl), Err(DecodeError::NotText(_))));
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
