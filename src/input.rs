//! Inputs: files, standard input, `--files-from` lists and `--input jsonl` records, read
//! into [`Job`]s. [`stream_records`] hands each record's job to a callback as soon as its
//! line is read; the command's batch engine (`src/batch.rs`) schedules the jobs.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::decode::{DecodeError, decode};
use crate::report::{ErrorBody, ErrorReport, ErrorSource, Source};

/// A unit of work: one article, or one input that already failed.
#[derive(Debug)]
pub enum Job {
    /// A file (or `-`) to read and decode. File names need not be UTF-8.
    File(std::ffi::OsString),
    /// A decoded `--input jsonl` record.
    Record {
        /// Where the record came from (file and line), for messages.
        origin: String,
        /// The file the record was read from (`-` for standard input).
        path: String,
        /// The record's `id`.
        id: serde_json::Value,
        /// The article text.
        text: String,
        /// The record's `title`, when given (the headline the archive stored apart).
        title: Option<String>,
        /// The record's `date`: absent, `null` or `""` is None.
        date: Option<String>,
        /// Whether the record had a `date` field at all (an empty one earns a warning).
        date_field: bool,
    },
    /// An input that failed before analysis (bad record, unreadable file list entry).
    Failed(Box<ErrorReport>),
}

/// A failure of one input.
#[derive(Debug, Clone)]
pub struct InputError {
    /// Contract error kind.
    pub kind: &'static str,
    /// One-line message naming the input.
    pub message: String,
}

impl InputError {
    /// The error object of the contract.
    pub fn report(
        &self,
        path: Option<String>,
        id: Option<serde_json::Value>,
        line: Option<usize>,
    ) -> ErrorReport {
        ErrorReport {
            schema_version: 1,
            source: ErrorSource { path, id, line },
            error: ErrorBody {
                kind: self.kind,
                message: self.message.clone(),
            },
        }
    }
}

fn io_kind(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not_found",
        std::io::ErrorKind::PermissionDenied => "permission",
        _ => "io",
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// The name of an input as messages and `source.path` show it (lossy for non-UTF-8 names).
pub fn display(path: &std::ffi::OsStr) -> String {
    path.to_string_lossy().into_owned()
}

/// Reads a whole input (a file, or standard input for `-`) with a size limit.
pub fn read_input(os_path: &std::ffi::OsStr, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let shown = display(os_path);
    let path = shown.as_str();
    let fail = |e: std::io::Error| InputError {
        kind: io_kind(&e),
        message: format!("{path}: {}", describe(&e)),
    };
    let too_large = || InputError {
        kind: "too_large",
        message: format!(
            "{path}: larger than the limit of {max_bytes} bytes (raise it with --max-bytes)"
        ),
    };
    let mut buf = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(fail)?;
    } else {
        let p = Path::new(os_path);
        let meta = std::fs::metadata(p).map_err(fail)?;
        if meta.is_dir() {
            return Err(InputError {
                kind: "io",
                message: format!("{path}: is a directory"),
            });
        }
        if meta.is_file() && meta.len() > max_bytes {
            return Err(too_large());
        }
        std::fs::File::open(p)
            .map_err(fail)?
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(fail)?;
    }
    if buf.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(buf)
}

/// Decodes input bytes, turning a decode failure into the contract's error kinds.
pub fn decode_input(path: &str, bytes: &[u8]) -> Result<crate::decode::Decoded, InputError> {
    decode(bytes).map_err(|e| InputError {
        kind: match e {
            DecodeError::NotText(_) => "not_text",
            DecodeError::Decode { .. } => "decode",
        },
        message: format!("{path}: {e}"),
    })
}

/// Source description of a file input.
pub fn file_source(path: &str, encoding: &str, bytes: usize) -> Source {
    Source {
        path: Some(path.to_string()),
        id: None,
        encoding: encoding.to_string(),
        bytes,
        chars: 0,
        text_start: None,
    }
}

/// Parses one `--input jsonl` line into a job. `line_no` is 1-based.
pub fn parse_record(origin_path: &str, line_no: usize, line: &str) -> Job {
    let bad = |msg: String| {
        Job::Failed(Box::new(
            InputError {
                kind: "bad_record",
                message: format!("{origin_path}:{line_no}: {msg}"),
            }
            .report(Some(origin_path.to_string()), None, Some(line_no)),
        ))
    };
    let v: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return bad(format!("not a JSON object: {e}")),
    };
    let Some(obj) = v.as_object() else {
        return bad("not a JSON object".into());
    };
    let id = obj.get("id").cloned().unwrap_or(serde_json::Value::Null);
    if !(id.is_string() || id.is_number() || id.is_null()) {
        return bad("\"id\" must be a string or a number".into());
    }
    let Some(text) = obj.get("text").and_then(|t| t.as_str()) else {
        return bad("missing string field \"text\"".into());
    };
    let date = match obj.get("date") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return bad(format!("\"date\" must be a string: {DATE_FORMS}")),
    };
    let title = match obj.get("title") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return bad("\"title\" must be a string".into()),
    };
    Job::Record {
        origin: format!("{origin_path}:{line_no}"),
        path: origin_path.to_string(),
        id,
        text: text.to_string(),
        title,
        date,
        date_field: obj.contains_key("date"),
    }
}

/// Reads a JSON Lines input (a file, or standard input for `-`) and hands one job per line
/// to `each`, saying with each whether more input is already buffered (`more_ready`: the
/// caller may wait for more before handing the jobs on). A line larger than `max_bytes`, a
/// blank line and a line that is not UTF-8 are failed jobs; an unreadable input is one
/// failed job. `each` returns false to stop; so does this function then.
pub fn stream_records(
    os_path: &std::ffi::OsStr,
    max_bytes: u64,
    mut each: impl FnMut(Job, bool) -> bool,
) -> bool {
    let shown = display(os_path);
    let path = shown.as_str();
    let reader: std::io::BufReader<Box<dyn std::io::Read>> = if os_path == "-" {
        std::io::BufReader::with_capacity(1 << 16, Box::new(std::io::stdin()))
    } else {
        match std::fs::File::open(os_path) {
            Ok(f) => std::io::BufReader::with_capacity(1 << 16, Box::new(f)),
            Err(e) => {
                let err = read_input(os_path, max_bytes).err().unwrap_or(InputError {
                    kind: "io",
                    message: format!("{path}: {e}"),
                });
                return each(
                    Job::Failed(Box::new(err.report(Some(path.to_string()), None, None))),
                    false,
                );
            }
        }
    };
    stream_lines(reader, path, max_bytes, each)
}

/// The lines of an open JSON Lines input, as [`stream_records`] hands them on; `path` names
/// the input in messages.
fn stream_lines(
    mut reader: std::io::BufReader<Box<dyn std::io::Read>>,
    path: &str,
    max_bytes: u64,
    mut each: impl FnMut(Job, bool) -> bool,
) -> bool {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match std::io::Read::take(&mut reader, max_bytes + 1).read_until(b'\n', &mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => {
                let err = InputError {
                    kind: "io",
                    message: format!("{path}: {e}"),
                };
                return each(
                    Job::Failed(Box::new(err.report(
                        Some(path.to_string()),
                        None,
                        Some(line_no + 1),
                    ))),
                    false,
                );
            }
        }
        line_no += 1;
        let job = line_job(path, line_no, &buf, max_bytes);
        // more records at hand: keep filling the batch; else send it now (a stream is
        // answered line by line as it comes)
        let more_ready = !reader.buffer().is_empty();
        if !each(job, more_ready) {
            return false;
        }
        if buf.len() as u64 > max_bytes {
            // skip the rest of an oversized line
            let mut sink = Vec::new();
            if reader.read_until(b'\n', &mut sink).is_err() {
                return true;
            }
        }
    }
}

/// The job of line `line_no` (1-based) of a JSON Lines input, as read (`buf`, with its line
/// end; cut at `max_bytes + 1` bytes when longer).
fn line_job(path: &str, line_no: usize, buf: &[u8], max_bytes: u64) -> Job {
    let failed = |kind: &'static str, message: String| {
        Job::Failed(Box::new(InputError { kind, message }.report(
            Some(path.to_string()),
            None,
            Some(line_no),
        )))
    };
    // (validated with SIMD: the standard library's check takes ~10 instructions a byte of
    // Korean text, a tenth of the whole read and parse of a record)
    match simdutf8::basic::from_utf8(buf) {
        _ if buf.len() as u64 > max_bytes => failed(
            "too_large",
            format!("{path}:{line_no}: record larger than {max_bytes} bytes"),
        ),
        // one output line per input line: a blank line is a bad record, not skipped
        Ok(s) if s.trim().is_empty() => failed(
            "bad_record",
            format!("{path}:{line_no}: empty line; every line must be a record"),
        ),
        Ok(s) => parse_record(path, line_no, s.trim_end().trim_start_matches('\u{feff}')),
        Err(_) => failed("bad_record", format!("{path}:{line_no}: not UTF-8")),
    }
}

/// A record made ready for analysis: the document, its reference date and source.
#[derive(Debug)]
pub struct Prepared {
    /// The analyzed document: the text, or the title, a line break and the text.
    pub document: String,
    /// The options to analyze it with.
    pub options: crate::Options,
    /// Warnings about the record (an empty date) for the report.
    pub warnings: Vec<String>,
}

/// Turns a record's fields into the document to analyze and its options, the way
/// `analyze --input jsonl` does: with a title, the document is the title (its line breaks
/// read as spaces), `\n`, then the text, and `source.text_start` says where the text
/// begins; the record's date wins over `fallback` (`--date`); an empty or null date is no
/// date, with a warning. A date in no accepted form fails the record (`bad_record`).
pub fn prepare_record(
    id: serde_json::Value,
    text: String,
    title: Option<String>,
    date: Option<&str>,
    had_date_field: bool,
    fallback: Option<crate::dates::Ymd>,
    explain: bool,
) -> Result<Prepared, String> {
    let mut warnings = Vec::new();
    let (reference, origin) = match date {
        Some(d) => (
            Some(parse_date(d).map_err(|e| format!("\"date\" {e}"))?),
            Some("input"),
        ),
        None => {
            if had_date_field {
                warnings.push(match fallback {
                    Some(_) => "the record's date is empty: --date is used".to_string(),
                    None => {
                        "the record's date is empty: no reference date from the record".to_string()
                    }
                });
            }
            (fallback, fallback.map(|_| "option"))
        }
    };
    let (document, text_start) = match title {
        Some(t) => {
            let t: String = t
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            let start = t.chars().count() + 1;
            (format!("{t}\n{text}"), Some(start))
        }
        None => (text, None),
    };
    let source = Source {
        path: None,
        id: Some(id),
        encoding: "UTF-8".into(),
        bytes: document.len(),
        chars: 0,
        text_start,
    };
    Ok(Prepared {
        document,
        options: crate::Options {
            reference_date: reference,
            date_origin: origin,
            explain,
            source,
        },
        warnings,
    })
}

/// The date forms accepted by `--date` and by a record's `date`, as messages name them.
pub const DATE_FORMS: &str =
    "give YYYY-MM-DD (also YYYY.MM.DD, YYYY/MM/DD or YYYYMMDD, optionally followed by a time)";

/// Parses a reference date as `--date` and records give it: `2024-02-21`, `2024.02.21`,
/// `2024/2/21`, `20240221`, or any of these followed by a time (`2024-02-21T09:30:00+09:00`,
/// `2024.02.21 09:30`); impossible dates are rejected. The error names the accepted forms.
pub fn parse_date(s: &str) -> Result<crate::dates::Ymd, String> {
    let t = s.trim();
    // the date part: up to a `T` or a space that begins a time
    let day = t
        .find(['T', ' '])
        .map_or(t, |i| &t[..i])
        .trim_end_matches('.');
    let parsed = if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        crate::dates::Ymd::parse(&format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]))
    } else {
        let sep = day.chars().find(|c| matches!(c, '-' | '.' | '/'));
        // one separator throughout, a four-digit year first
        let consistent = sep.is_some_and(|c| {
            let parts: Vec<&str> = day.split(c).collect();
            parts.len() == 3
                && parts[0].len() == 4
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        });
        consistent.then(|| crate::dates::Ymd::parse(day)).flatten()
    };
    parsed.ok_or_else(|| format!("{s:?} is not a date: {DATE_FORMS}"))
}

/// What a file that is not a regular file is, as messages name it (a directory, a FIFO …).
pub fn file_kind(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() {
        "a regular file"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// For an input named in a `--files-from` list: the error when it is neither a regular file
/// nor a directory (a FIFO, a device, a socket), which is skipped rather than read, since
/// reading it could wait for a writer forever or never end. (An input named on the
/// command line is read whatever it is, as Unix tools do.) A missing file is left to the
/// reading, which reports it.
pub fn not_listable(os_path: &std::ffi::OsStr) -> Option<InputError> {
    let t = std::fs::metadata(os_path).ok()?.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    let what = file_kind(t);
    Some(InputError {
        kind: "io",
        message: format!(
            "{}: {what}, skipped: --files-from reads regular files only (name it on the command line to read it)",
            display(os_path)
        ),
    })
}

/// Reads `--files-from` lists: one path per line, or NUL-separated with `nul`. Names are
/// taken byte for byte (they need not be UTF-8). Each name is handed over as soon as it is
/// read; `each` returns false to stop.
pub fn read_list(
    reader: impl BufRead,
    nul: bool,
    mut each: impl FnMut(std::ffi::OsString) -> bool,
) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStringExt;
    let sep = if nul { 0u8 } else { b'\n' };
    for item in reader.split(sep) {
        let mut item = item?;
        if !nul && item.last() == Some(&b'\r') {
            item.pop();
        }
        if item.is_empty() {
            continue;
        }
        if !each(std::ffi::OsString::from_vec(item)) {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        assert!(matches!(
            parse_record("-", 1, r#"{"id": 7, "text": "본문"}"#),
            Job::Record { .. }
        ));
        match parse_record("in.jsonl", 3, "{nope") {
            Job::Failed(r) => {
                assert_eq!(r.error.kind, "bad_record");
                assert_eq!(r.source.line, Some(3));
                assert!(r.error.message.starts_with("in.jsonl:3:"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_record("-", 1, r#"{"id": 1}"#),
            Job::Failed(_)
        ));
        assert!(matches!(parse_record("-", 1, r#"[1]"#), Job::Failed(_)));
    }

    #[test]
    fn lists() {
        let mut v = Vec::new();
        read_list(&b"a.txt\n\nb c.txt\r\n"[..], false, |s| {
            v.push(s);
            true
        })
        .unwrap();
        assert_eq!(v, ["a.txt", "b c.txt"]);
        let mut v = Vec::new();
        read_list(&b"a\nb\0c\xe9\0"[..], true, |s| {
            v.push(s);
            true
        })
        .unwrap();
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(v[0], "a\nb");
        assert_eq!(v[1].as_bytes(), b"c\xe9");
    }

    #[test]
    fn record_lines_become_jobs_in_order_with_their_failures() {
        let input: &'static [u8] =
            b"{\"id\": 1, \"text\": \"\xea\xb0\x80\"}\n\n\xff\n{\"text\": \"x\"}\r\n";
        let reader = std::io::BufReader::new(Box::new(input) as Box<dyn Read>);
        let mut jobs = Vec::new();
        assert!(stream_lines(reader, "in.jsonl", 100, |job, _| {
            jobs.push(job);
            true
        }));
        assert_eq!(jobs.len(), 4, "one job per line, blank ones included");
        assert!(matches!(&jobs[0], Job::Record { origin, .. } if origin == "in.jsonl:1"));
        let Job::Failed(blank) = &jobs[1] else {
            panic!("{:?}", jobs[1])
        };
        assert_eq!(
            (blank.error.kind, blank.source.line),
            ("bad_record", Some(2))
        );
        assert!(blank.error.message.contains("empty line"));
        let Job::Failed(bytes) = &jobs[2] else {
            panic!("{:?}", jobs[2])
        };
        assert_eq!(bytes.error.message, "in.jsonl:3: not UTF-8");
        assert!(matches!(&jobs[3], Job::Record { text, .. } if text == "x"));
    }

    #[test]
    fn an_oversized_line_fails_alone_and_the_next_is_read() {
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n",
            "a".repeat(40)
        );
        let input: &'static [u8] = Box::leak(long.into_bytes().into_boxed_slice());
        let reader = std::io::BufReader::new(Box::new(input) as Box<dyn Read>);
        let mut jobs = Vec::new();
        stream_lines(reader, "-", 20, |job, _| {
            jobs.push(job);
            true
        });
        assert_eq!(jobs.len(), 2);
        assert!(matches!(&jobs[0], Job::Failed(r) if r.error.kind == "too_large"));
        assert!(
            matches!(&jobs[1], Job::Record { text, origin, .. } if text == "ok" && origin == "-:2")
        );
    }

    #[test]
    fn streaming_stops_when_the_callback_says_so() {
        let input: &'static [u8] = b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n";
        let reader = std::io::BufReader::new(Box::new(input) as Box<dyn Read>);
        let mut n = 0;
        assert!(!stream_lines(reader, "-", 100, |_, more_ready| {
            n += 1;
            assert!(more_ready, "the second line is already buffered");
            false
        }));
        assert_eq!(n, 1);
        let mut failed = None;
        assert!(stream_records(
            "/nonexistent/r.jsonl".as_ref(),
            100,
            |job, _| {
                failed = Some(job);
                true
            }
        ));
        assert!(matches!(failed, Some(Job::Failed(r)) if r.error.kind == "not_found"));
    }

    #[test]
    fn missing_file_and_directory() {
        let e = read_input("/nonexistent/x.txt".as_ref(), 100).unwrap_err();
        assert_eq!(e.kind, "not_found");
        assert_eq!(e.message, "/nonexistent/x.txt: No such file or directory");
        let e = read_input("/".as_ref(), 100).unwrap_err();
        assert!(e.message.contains("is a directory"));
    }
}
