//! Status and hedge of an event: the cues of `status_cues.tsv` and `hedges.tsv`, read on
//! the clause from the trigger to the end of the sentence (quoted speech left out), the
//! tense of the trigger's own word, and the date of the sentence.

use crate::dates::DateMention;
use crate::rules::{LazyRegex, Origin, RuleError, RuleSet};

pub(crate) const MEETING_STATUS: &[&str] = crate::report::values::MEETING_STATUSES;
pub(crate) const PARTNERSHIP_STATUS: &[&str] = crate::report::values::PARTNERSHIP_STATUSES;
pub(crate) const HEDGES: &[&str] = crate::report::values::HEDGES;

/// Statuses of a meeting that has not taken place, strongest first: the same participants
/// told as planned in one sentence and requested in the next are one event.
pub(super) const NOT_YET: &[&str] = &["cancelled", "requested", "planned", "speculated"];

/// One line of `status_cues.tsv` for one scope.
pub(super) struct Cue {
    re: std::sync::Arc<LazyRegex>,
    status: &'static str,
    origin: String,
}

/// The compiled status cues (by scope, in file order) and hedges.
pub(super) struct Cues {
    meeting: Vec<Cue>,
    partnership: Vec<Cue>,
    hedges: Vec<(LazyRegex, &'static str)>,
}

impl Cues {
    /// Compiles every cue now (they are otherwise compiled on first use).
    pub(super) fn compile_all(&self) {
        for c in self.meeting.iter().chain(&self.partnership) {
            c.re.get();
        }
        for (re, _) in &self.hedges {
            re.get();
        }
    }
}

/// The status of a cue that says the event did not take place (만나지 않았다): no event.
/// Only cues carry it; no event in the output does.
pub(crate) const NO_EVENT: &str = "none";

fn intern(s: &str, set: &[&'static str], origin: Origin) -> Result<&'static str, RuleError> {
    if s == NO_EVENT {
        return Ok(NO_EVENT);
    }
    set.iter().copied().find(|x| *x == s).ok_or_else(|| {
        RuleError::at(
            origin,
            format!("unknown value {s:?}; expected one of {}", set.join(", ")),
        )
    })
}

impl Cues {
    /// Compiles `status_cues.tsv` and `hedges.tsv`.
    pub(super) fn new(rules: &RuleSet) -> Result<Cues, RuleError> {
        let mut meeting = Vec::new();
        let mut partnership = Vec::new();
        for r in rules.rows("status_cues.tsv") {
            let re = std::sync::Arc::new(LazyRegex::for_short_texts(
                r.get(1).to_string(),
                r.at(),
                !r.builtin,
            )?);
            let cue = |re, set| -> Result<Cue, RuleError> {
                Ok(Cue {
                    re,
                    status: intern(r.get(2), set, r.at())?,
                    origin: r.origin(),
                })
            };
            match r.get(0) {
                "meeting" => meeting.push(cue(re, MEETING_STATUS)?),
                "partnership" => partnership.push(cue(re, PARTNERSHIP_STATUS)?),
                "any" => {
                    meeting.push(cue(re.clone(), MEETING_STATUS)?);
                    partnership.push(cue(re, PARTNERSHIP_STATUS)?);
                }
                other => {
                    return Err(RuleError::at(
                        r.at(),
                        format!("unknown scope {other:?}; expected meeting, partnership or any"),
                    ));
                }
            }
        }
        let hedges = rules
            .rows("hedges.tsv")
            .map(|r| {
                Ok((
                    LazyRegex::for_short_texts(r.get(0).to_string(), r.at(), !r.builtin)?,
                    intern(r.get(1), HEDGES, r.at())?,
                ))
            })
            .collect::<Result<_, RuleError>>()?;
        Ok(Cues {
            meeting,
            partnership,
            hedges,
        })
    }

    /// The hedge of the first line of `hedges.tsv` that matches `clause`.
    pub(super) fn hedge(&self, clause: &str) -> Option<&'static str> {
        self.hedges
            .iter()
            .find(|(re, _)| re.get().is_match(clause))
            .map(|(_, h)| *h)
    }

    /// The status of a meeting whose trigger starts `clause`, and the rule that says so.
    pub(super) fn meeting(&self, clause: &str) -> (&'static str, String) {
        // the trigger's own word may carry the tense (만났고, 회담했으며): that decides,
        // whatever the end of the sentence plans next
        let own = clause.split(char::is_whitespace).next().unwrap_or("");
        if PAST_WORD.is_match(own)
            && !self
                .meeting
                .iter()
                .take_while(|c| c.status != "planned")
                .any(|c| c.re.get().is_match(clause))
        {
            ("happened", "pattern/past_tense_trigger".to_string())
        } else if own.ends_with("에서") || own.ends_with("에서는") || own.ends_with("에선") {
            // "이번 회동에서 … 제안할 것": the meeting is the setting; what is proposed or
            // cancelled there is something else, so only its tense counts
            let tense: Vec<&Cue> = self
                .meeting
                .iter()
                .filter(|c| matches!(c.status, "planned" | "happened"))
                .collect();
            tense
                .iter()
                .find(|c| c.re.get().is_match(clause))
                .map(|c| (c.status, c.origin.clone()))
                .unwrap_or(("happened", "default".into()))
        } else {
            status_of(&self.meeting, clause, "happened")
        }
    }

    /// The status of a partnership whose trigger (of kind `kind`) starts `clause`, and the
    /// rule that says so.
    pub(super) fn partnership(&self, clause: &str, kind: &str) -> (&'static str, String) {
        // no cue: an agreement word (MOU, 협약) names a signed agreement, a negotiation one
        // under discussion, any other an existing collaboration
        let default = match kind {
            "agreement" => "agreed",
            "discuss" => "discussed",
            _ => "ongoing",
        };
        status_of(&self.partnership, clause, default)
    }
}

fn status_of(cues: &[Cue], clause: &str, default: &'static str) -> (&'static str, String) {
    for c in cues {
        if c.re.get().is_match(clause) {
            return (c.status, c.origin.clone());
        }
    }
    (default, "default".into())
}

/// Builds this stage's fixed word list now (it is otherwise built on first use).
pub(super) fn warm_up() {
    std::sync::LazyLock::force(&PAST_WORD);
}

/// A past-tense verb ending (만났다, 회담했으며): 36 words, searched as words.
static PAST_WORD: std::sync::LazyLock<crate::rules::Pattern> = std::sync::LazyLock::new(|| {
    crate::rules::Pattern::new(r"(났|했|였|었|았|졌)(다|고|으며|는데|지만|던)", file!())
        .expect("static pattern")
});

/// A meeting told without tense (`status` happened by `cue` default) but dated ahead is
/// planned: by its words (다음 주, 오는 28일, 내년), whether or not a reference date
/// resolves them, or by a resolved date after the reference date.
pub(super) fn planned_if_ahead(
    status: &'static str,
    cue: &str,
    date: Option<usize>,
    dates: &[DateMention],
    reference: Option<crate::dates::Ymd>,
) -> &'static str {
    if status == "happened" && cue == "default" && dated_ahead(date, dates, reference) {
        "planned"
    } else {
        status
    }
}

/// Is the date `date` ahead: by its words (다음 달, 오는 28일), or resolved after the
/// reference date?
pub(super) fn dated_ahead(
    date: Option<usize>,
    dates: &[DateMention],
    reference: Option<crate::dates::Ymd>,
) -> bool {
    date.is_some_and(|d| {
        dates[d].direction == Some(1)
            || matches!((dates[d].value.as_deref(), reference), (Some(v), Some(r)) if after_reference(v, r))
    })
}

/// Is the TIMEX3 value `v` (2024-02-28, 2024-W09, 2024-03, 2025) wholly after `r`?
fn after_reference(v: &str, r: crate::dates::Ymd) -> bool {
    if let Some(d) = crate::dates::Ymd::parse(v) {
        return d > r;
    }
    let ref_week = r.iso_week();
    if v.contains("-W") {
        return v > ref_week.as_str();
    }
    let ym = format!("{:04}-{:02}", r.y, r.m);
    match v.len() {
        7 if v.as_bytes()[4] == b'-' => v > ym.as_str(),
        4 => v > format!("{:04}", r.y).as_str(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Ymd;

    fn cues() -> Cues {
        Cues::new(&RuleSet::builtin().unwrap()).unwrap()
    }

    #[test]
    fn the_clause_decides_a_meeting_status() {
        let c = cues();
        assert_eq!(c.meeting("만났다.").0, "happened");
        assert_eq!(c.meeting("만났다.").1, "pattern/past_tense_trigger");
        assert_eq!(c.meeting("만날 예정이다.").0, "planned");
        assert_eq!(c.meeting("면담을 요청했다.").0, "requested");
        assert_eq!(c.meeting("회동이 취소됐다.").0, "cancelled");
        // no cue at all: happened, by default
        assert_eq!(c.meeting("회동 자리").1, "default");
    }

    #[test]
    fn a_meeting_as_setting_keeps_only_its_tense() {
        // what is proposed at the meeting is not a request for it
        let c = cues();
        assert_eq!(c.meeting("회동에서 새 사업을 제안했다.").0, "happened");
        assert_eq!(c.meeting("회동을 제안했다.").0, "requested");
    }

    #[test]
    fn a_demand_made_at_a_meeting_is_not_a_request_for_it() {
        let c = cues();
        assert_eq!(c.meeting("만나 예산 지원을 요청했다.").0, "happened");
        assert_eq!(c.meeting("만나서 협조를 당부했다.").0, "happened");
        assert_eq!(c.meeting("만나 달라고 요청했다.").0, "requested");
        assert_eq!(c.meeting("만나고 싶다고 밝혔다.").0, "requested");
        assert_eq!(c.meeting("만나 지원을 요청할 예정이다.").0, "planned");
    }

    #[test]
    fn doubt_and_questions_are_speculated() {
        let c = cues();
        assert_eq!(c.meeting("회동할까").0, "speculated");
        assert_eq!(c.meeting("만날 듯").0, "speculated");
        assert_eq!(c.partnership("손잡나?", "alliance").0, "speculated");
        assert_eq!(
            c.partnership("협력 여부는 확인해 줄 수 없다고 했다.", "cooperate")
                .0,
            "speculated"
        );
    }

    #[test]
    fn a_decision_to_work_together_is_agreed_a_signing_ahead_planned() {
        let c = cues();
        assert_eq!(
            c.partnership("협력을 강화하기로 했다.", "cooperate").0,
            "agreed"
        );
        assert_eq!(
            c.partnership("협력하기로 합의했다.", "cooperate").0,
            "agreed"
        );
        assert_eq!(c.partnership("파트너가 됐다.", "alliance").0, "agreed");
        assert_eq!(
            c.partnership("협약을 체결하기로 했다.", "agreement").0,
            "planned"
        );
        assert_eq!(
            c.partnership("합작법인을 해산하기로 했다.", "joint").0,
            "ended"
        );
        assert_eq!(c.partnership("사업에서 손을 뗐다.", "joint").0, "ended");
    }

    #[test]
    fn a_partnership_without_cue_takes_its_kind() {
        let c = cues();
        assert_eq!(
            c.partnership("협약", "agreement"),
            ("agreed", "default".into())
        );
        assert_eq!(c.partnership("협상", "discuss").0, "discussed");
        assert_eq!(c.partnership("협력", "cooperate").0, "ongoing");
    }

    #[test]
    fn hedges_by_the_words_of_the_clause() {
        let c = cues();
        assert_eq!(c.hedge("만난 것으로 알려졌다"), Some("reported"));
        assert_eq!(c.hedge("만날 것으로 보인다"), Some("expected"));
        assert_eq!(c.hedge("만났다"), None);
    }

    /// A bad value in a user's `status_cues.tsv` names `file:line:` (once read as
    /// `file:2:0:`), whether the table check or the stage's own reading finds it.
    #[test]
    fn a_bad_user_cue_names_file_and_line() {
        let o = Origin {
            file: "내 규칙/status_cues.tsv",
            line: 2,
        };
        let e = intern("agreed", MEETING_STATUS, o).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("내 규칙/status_cues.tsv:2: unknown value \"agreed\""),
            "{e}"
        );
        let dir = std::env::temp_dir().join(format!("analyze-cues-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("status_cues.tsv");
        std::fs::write(&p, "# 내 단서\nmeeting\t합의\tagreed\n").unwrap();
        let e = RuleSet::builtin().unwrap().extend_from(&p).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("{}:2: ", p.display())), "{msg}");
        assert!(!msg.contains(":2:0"), "{msg}");
    }

    #[test]
    fn values_after_the_reference_date() {
        let r = Ymd::parse("2024-02-21").unwrap();
        assert!(after_reference("2024-02-22", r));
        assert!(!after_reference("2024-02-21", r));
        assert!(after_reference("2024-03", r));
        assert!(!after_reference("2024-02", r));
        assert!(after_reference("2025", r));
        assert!(!after_reference("2024", r));
        assert!(after_reference("2024-W09", r));
        assert!(!after_reference("PRESENT_REF", r));
    }
}
