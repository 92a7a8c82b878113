//! The output of one article: the serde types of `../shared/contract/OUTPUT.md`
//! (schema_version 1), in the contract's key order, plus the `--format text`
//! report (rendered in [`crate::text`]).
//!
//! Offsets (`start`, `end`) count characters (Unicode scalar values) of the decoded input,
//! end exclusive, so that `text == input[start..end]` by characters. Every list is in
//! order of first appearance. Fields marked `skip_serializing_if` appear only with
//! `--explain` (`rule`).

use schemars::{JsonSchema, Schema};
use serde::Serialize;
use serde_json::{Value, json};

/// The closed value sets of the output (OUTPUT.md), in one place: `--schema` lists them as
/// `enum`s, and the tests check that every output and every built-in table keeps to them.
pub mod values {
    /// `entities[].type`.
    pub const ENTITY_TYPES: &[&str] = &["person", "organization", "product", "place"];
    /// `entities[].subtype` of an organization (`organizations.tsv`, `org_suffixes.tsv`).
    pub const ORGANIZATION_SUBTYPES: &[&str] = &[
        "company",
        "government",
        "university",
        "unit",
        "media",
        "party",
        "international",
        "other",
    ];
    /// `entities[].subtype` of a product (`products.tsv`).
    pub const PRODUCT_SUBTYPES: &[&str] = &["chip", "ai_model", "device", "service", "other"];
    /// `entities[].subtype` of a place: its kind (`places.tsv`).
    pub const PLACE_SUBTYPES: &[&str] = &["country", "city", "region", "venue"];
    /// `sentences[].kind`.
    pub const SENTENCE_KINDS: &[&str] = &["headline", "body", "boilerplate"];
    /// `quantities[].kind`.
    pub const QUANTITY_KINDS: &[&str] = &["money", "count", "percent", "other"];
    /// `meetings[].status`.
    pub const MEETING_STATUSES: &[&str] = &[
        "happened",
        "planned",
        "requested",
        "cancelled",
        "speculated",
    ];
    /// `partnerships[].status`.
    pub const PARTNERSHIP_STATUSES: &[&str] = &[
        "discussed",
        "planned",
        "agreed",
        "ongoing",
        "speculated",
        "ended",
    ];
    /// `meetings[].hedge`, `partnerships[].hedge` (or null).
    pub const HEDGES: &[&str] = &["reported", "expected", "speculated"];
    /// `entities[].roles[].qualifier` (or null).
    pub const QUALIFIERS: &[&str] = &["former", "at_the_time", "late", "acting"];
    /// `reference_date.origin`.
    pub const DATE_ORIGINS: &[&str] = &["option", "input", "text"];
    /// `error.kind` of a failed input.
    pub const ERROR_KINDS: &[&str] = &[
        "not_found",
        "permission",
        "decode",
        "not_text",
        "too_large",
        "io",
        "bad_record",
        "internal",
    ];
}

/// Schema transform: property `field` of an object schema takes only `allowed` (or null).
/// The generated type and description stay; an `enum` is added.
fn closed(schema: &mut Schema, field: &str, allowed: &[&str], nullable: bool) {
    let mut list: Vec<Value> = allowed.iter().map(|v| json!(v)).collect();
    if nullable {
        list.push(Value::Null);
    }
    if let Some(Value::Object(p)) = schema.pointer_mut(&format!("/properties/{field}")) {
        p.insert("enum".into(), Value::Array(list));
    }
}

fn closed_reference_date(s: &mut Schema) {
    closed(s, "origin", values::DATE_ORIGINS, false);
}
fn closed_sentence(s: &mut Schema) {
    closed(s, "kind", values::SENTENCE_KINDS, false);
}
fn closed_role(s: &mut Schema) {
    closed(s, "qualifier", values::QUALIFIERS, true);
}
fn closed_quantity(s: &mut Schema) {
    closed(s, "kind", values::QUANTITY_KINDS, false);
}
fn closed_meeting(s: &mut Schema) {
    closed(s, "status", values::MEETING_STATUSES, false);
    closed(s, "hedge", values::HEDGES, true);
}
fn closed_partnership(s: &mut Schema) {
    closed(s, "status", values::PARTNERSHIP_STATUSES, false);
    closed(s, "hedge", values::HEDGES, true);
}
fn closed_error(s: &mut Schema) {
    closed(s, "kind", values::ERROR_KINDS, false);
}

/// `type` from its list; `subtype` null for a person and from the type's own list otherwise.
fn closed_entity(s: &mut Schema) {
    use values::*;
    let all: Vec<&str> = [ORGANIZATION_SUBTYPES, PRODUCT_SUBTYPES, PLACE_SUBTYPES]
        .concat()
        .into_iter()
        .fold(Vec::new(), |mut v, x| {
            if !v.contains(&x) {
                v.push(x);
            }
            v
        });
    closed(s, "type", ENTITY_TYPES, false);
    closed(s, "subtype", &all, true);
    let by_type = |t: &str, subtype: Value| {
        json!({
            "if": {"properties": {"type": {"const": t}}, "required": ["type"]},
            "then": {"properties": {"subtype": subtype}}
        })
    };
    s.insert(
        "allOf".into(),
        json!([
            by_type("person", json!({"type": "null"})),
            by_type("organization", json!({"enum": ORGANIZATION_SUBTYPES})),
            by_type("product", json!({"enum": PRODUCT_SUBTYPES})),
            by_type("place", json!({"enum": PLACE_SUBTYPES})),
        ]),
    );
}

// Only for the schema: a report and an error object are serialized on their own.
/// What `analyze` prints for each input (one JSON Lines line, or one document with
/// `--format json`): the analysis of the input, or the error object of a failed input.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "analyze output")]
#[allow(dead_code)]
enum OutputLine {
    /// The analysis of one input.
    Report(Box<Report>),
    /// A failed input.
    Error(ErrorReport),
}

/// The JSON Schema of what `analyze` prints for each input (`--schema`): exactly one of a
/// report and an error object (`oneOf`), with the closed fields' values as `enum`s.
pub fn output_schema() -> Schema {
    let mut schema = schemars::schema_for!(OutputLine);
    if let Some(any) = schema.remove("anyOf") {
        schema.insert("oneOf".into(), any);
    }
    schema
}

/// Where the article came from.
#[derive(Debug, Clone, Serialize, JsonSchema, Default)]
pub struct Source {
    /// File path, `-` for standard input, or null for a `--input jsonl` record.
    pub path: Option<String>,
    /// The record id from `--input jsonl` (string or number), else null.
    pub id: Option<serde_json::Value>,
    /// The encoding the input was decoded from.
    pub encoding: String,
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Size of the decoded text in characters.
    pub chars: usize,
    /// A `--input jsonl` record with a `title`: the analyzed document is the title, a line
    /// break, then the record's `text`, and every offset counts in that document; the text
    /// starts at this character offset (the title's length + 1). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_start: Option<usize>,
}

/// The date relative expressions were resolved against.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_reference_date)]
pub struct ReferenceDate {
    /// `YYYY-MM-DD`.
    pub value: String,
    /// `option` (--date), `input` (the record's date) or `text` (a dateline).
    pub origin: &'static str,
}

/// A sentence.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_sentence)]
pub struct SentenceOut {
    /// Index, from 0.
    pub id: usize,
    /// First character.
    pub start: usize,
    /// After the last character.
    pub end: usize,
    /// The sentence text.
    pub text: String,
    /// headline, body or boilerplate.
    pub kind: &'static str,
    /// The rule that made it boilerplate (--explain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A reference to an entity by id and name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Ref {
    /// Entity id (p1, o2 …).
    pub id: String,
    /// Entity name.
    pub name: String,
}

/// A person's title and affiliation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_role)]
pub struct RoleOut {
    /// The title as written.
    pub title: String,
    /// The organization named with it.
    pub organization: Option<Ref>,
    /// null, former, at_the_time, late, acting.
    pub qualifier: Option<&'static str>,
}

/// One occurrence of an entity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MentionOut {
    /// Sentence id.
    pub sentence: usize,
    /// First character.
    pub start: usize,
    /// After the last character.
    pub end: usize,
    /// The surface form, without particles.
    pub text: String,
    /// Rule or table line that found it (--explain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// An entity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_entity)]
pub struct EntityOut {
    /// p1, o1, x1 (product), l1 (place).
    pub id: String,
    /// person, organization, product, place.
    #[serde(rename = "type")]
    pub etype: &'static str,
    /// Organization or product subtype, or the kind of place; null for people.
    pub subtype: Option<String>,
    /// The fullest form used in the article.
    pub name: String,
    /// Every other form used for it.
    pub aliases: Vec<String>,
    /// English name when a table knows it.
    pub english: Option<String>,
    /// People: titles and affiliations.
    pub roles: Vec<RoleOut>,
    /// Occurrences.
    pub mentions: Vec<MentionOut>,
}

/// A date expression.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DateOut {
    /// d1, d2 …
    pub id: String,
    /// The expression.
    pub text: String,
    /// TIMEX3 value or null.
    pub value: Option<String>,
    /// Sentence id.
    pub sentence: usize,
    /// First character.
    pub start: usize,
    /// After the last character.
    pub end: usize,
    /// Rule (--explain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// An amount.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_quantity)]
pub struct QuantityOut {
    /// The expression.
    pub text: String,
    /// Its value (5,000만 → 50000000).
    pub value: serde_json::Value,
    /// KRW, USD, %, 개 … or null.
    pub unit: Option<String>,
    /// money, count, percent, other.
    pub kind: &'static str,
    /// Sentence id.
    pub sentence: usize,
    /// First character.
    pub start: usize,
    /// After the last character.
    pub end: usize,
}

/// A date reference inside an event.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DateRef {
    /// Date id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its value.
    pub value: Option<String>,
}

/// A meeting.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_meeting)]
pub struct MeetingOut {
    /// m1, m2 …
    pub id: String,
    /// People (or organizations) who meet.
    pub participants: Vec<Ref>,
    /// When.
    pub date: Option<DateRef>,
    /// Where.
    pub place: Option<String>,
    /// happened, planned, requested, cancelled, speculated.
    pub status: &'static str,
    /// null, reported, expected, speculated.
    pub hedge: Option<&'static str>,
    /// What about.
    pub topics: Vec<String>,
    /// Sentence ids.
    pub evidence: Vec<usize>,
    /// One line.
    pub summary: String,
    /// Rule (--explain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A partnership.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_partnership)]
pub struct PartnershipOut {
    /// r1, r2 …
    pub id: String,
    /// Organizations.
    pub parties: Vec<Ref>,
    /// What about.
    pub topics: Vec<String>,
    /// discussed, planned, agreed, ongoing, speculated, ended.
    pub status: &'static str,
    /// null, reported, expected, speculated.
    pub hedge: Option<&'static str>,
    /// When.
    pub date: Option<DateRef>,
    /// Sentence ids.
    pub evidence: Vec<usize>,
    /// One line.
    pub summary: String,
    /// Rule (--explain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// The analysis of one article.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// Always 1.
    pub schema_version: u32,
    /// Input description.
    pub source: Source,
    /// Reference date, or null.
    pub reference_date: Option<ReferenceDate>,
    /// The title line, or null.
    pub headline: Option<String>,
    /// Sentences.
    pub sentences: Vec<SentenceOut>,
    /// Entities.
    pub entities: Vec<EntityOut>,
    /// Dates.
    pub dates: Vec<DateOut>,
    /// Amounts.
    pub quantities: Vec<QuantityOut>,
    /// Meetings.
    pub meetings: Vec<MeetingOut>,
    /// Partnerships.
    pub partnerships: Vec<PartnershipOut>,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
}

/// The error object of a failed input.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorReport {
    /// Always 1.
    pub schema_version: u32,
    /// Where the input came from.
    pub source: ErrorSource,
    /// What went wrong.
    pub error: ErrorBody,
}

/// Source of a failed input.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorSource {
    /// Path, when the input was a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Record id, when the input was a jsonl record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// Line number of a bad `--input jsonl` record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// Kind and message of a failure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(transform = closed_error)]
pub struct ErrorBody {
    /// not_found, permission, decode, not_text, too_large, io, bad_record, internal (a bug).
    pub kind: &'static str,
    /// A one-line message naming the input.
    pub message: String,
}

/// Removes control characters (and bidirectional controls) so that article text never
/// drives the terminal; see [`crate::text::printable`].
pub fn printable(s: &str) -> String {
    crate::text::printable(s)
}

impl Report {
    /// The `--format text` report (tables that line up in a terminal; see [`crate::text`]).
    /// `color` adds ANSI bold to headings.
    pub fn to_text(&self, color: bool) -> String {
        crate::text::report(self, color)
    }
}
