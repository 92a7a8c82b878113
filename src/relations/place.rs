//! Where a meeting takes place (`place_words.tsv`): the word before the locative particle of
//! the trigger's sentence (`…에서 만났다`, `…에서 열린 회담`) or the object of a visit
//! (`…을 방문했다`), when it is a known place, a word ending in a venue noun (`…본사`,
//! `…청사`, `…호텔`), or an organization's premises; else the first place named with a
//! particle (`한국에 방문한다`). A bare place before a noun (`프랑스 대통령`, `미국 기업`)
//! is a nationality or a modifier, not where the meeting is.

use crate::entities::EType;
use crate::rules::RuleSet;

use super::participants::Slot;
use super::{Article, Scene};

/// Where a meeting is, and how closely: the merge of several sentences about one meeting
/// keeps the most detailed place (a venue over a city over a country).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The place.
    pub at: PlaceRef,
    /// How closely it says where.
    pub detail: Detail,
}

/// How closely a place says where: a country, a city or region, a venue or premises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// A country.
    Country,
    /// A city or region.
    Area,
    /// A venue, premises, or a name at the end of an address.
    Venue,
}

/// A place entity, or a span of the article text (a venue no table knows, with the names
/// before it: `외교부 청사`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRef {
    /// A place entity (its index).
    Entity(usize),
    /// Byte offsets into the article text.
    Span(usize, usize),
}

/// The words of `place_words.tsv`, by role.
pub(super) struct PlaceWords {
    locative: Vec<&'static str>,
    object: Vec<&'static str>,
    visit: Vec<&'static str>,
    venue: Vec<&'static str>,
    indefinite: Vec<&'static str>,
}

impl PlaceWords {
    /// Reads `place_words.tsv` (the longest locative first, so `에서는` wins over `에서`).
    pub(super) fn new(rules: &RuleSet) -> PlaceWords {
        let mut w = PlaceWords {
            locative: Vec::new(),
            object: Vec::new(),
            visit: Vec::new(),
            venue: Vec::new(),
            indefinite: Vec::new(),
        };
        for r in rules.rows("place_words.tsv") {
            let list = match r.get(1) {
                "locative" => &mut w.locative,
                "object" => &mut w.object,
                "visit" => &mut w.visit,
                "indefinite" => &mut w.indefinite,
                _ => &mut w.venue, // (the table check allows only these five)
            };
            list.push(r.get(0));
        }
        w.locative.sort_by_key(|l| std::cmp::Reverse(l.len()));
        w
    }
}

/// How good a candidate is: a venue or a place beats an organization's premises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Place,
    Premises,
}

/// The place of the meeting whose trigger starts at byte `at` of the sentence `sc`.
pub(super) fn of_meeting(art: &Article, sc: &Scene, at: usize) -> Option<Place> {
    let at = of_trigger(art, sc, at)?;
    let detail = match at {
        PlaceRef::Span(..) => Detail::Venue,
        PlaceRef::Entity(e) => match art.entities[e].subtype.as_deref() {
            Some("country") => Detail::Country,
            Some("city" | "region") => Detail::Area,
            _ => Detail::Venue,
        },
    };
    Some(Place { at, detail })
}

/// [`of_meeting`], the place alone.
fn of_trigger(art: &Article, sc: &Scene, at: usize) -> Option<PlaceRef> {
    let base = sc.sent.start;
    let mut found: Vec<(Rank, usize, PlaceRef)> = Vec::new();
    for (stem_start, stem_end) in marked_stems(&art.rules.places, sc.s) {
        if let Some((rank, place)) = classify(art, sc, base + stem_start, base + stem_end) {
            found.push((rank, stem_start, place));
        }
    }
    // the best rank; of it, the last before the trigger, else the first after it
    let best = found.iter().map(|f| f.0).min();
    let of_best = || found.iter().filter(|f| Some(f.0) == best);
    of_best()
        .rfind(|f| f.1 < at)
        .or_else(|| of_best().next())
        .map(|f| f.2)
        .or_else(|| {
            art.places[sc.si]
                .iter()
                .find(|p| {
                    !p.tail.is_empty() && p.tail != "의" && !super::groups::grouped(art, sc.si, p)
                })
                .map(|p| PlaceRef::Entity(p.ent))
        })
}

/// The words of sentence `s` marked as a place (byte spans within `s`): before a locative
/// particle, or before an object particle with a visit verb at most one word later.
fn marked_stems(w: &PlaceWords, s: &str) -> Vec<(usize, usize)> {
    let words: Vec<(usize, &str)> = words(s);
    let mut out = Vec::new();
    for (i, &(start, word)) in words.iter().enumerate() {
        let core = word.trim_end_matches(|c: char| !crate::morph::is_alnum(c));
        let marked = w
            .locative
            .iter()
            .find(|l| core.len() > l.len() && core.ends_with(*l))
            .map(|l| core.len() - l.len())
            .or_else(|| {
                let o = w
                    .object
                    .iter()
                    .find(|o| core.len() > o.len() && core.ends_with(*o))?;
                let visits = words[i + 1..]
                    .iter()
                    .take(2)
                    .any(|(_, next)| w.visit.iter().any(|v| next.starts_with(v)));
                visits.then(|| core.len() - o.len())
            });
        let Some(stem_len) = marked else { continue };
        let quote = |c: char| "'\"‘’“”「」『』<>《》()[]".contains(c);
        let stem = &core[..stem_len];
        let trimmed_end = stem.trim_end_matches(quote);
        let trimmed = trimmed_end.trim_start_matches(quote);
        if trimmed.is_empty() {
            continue;
        }
        let lead = trimmed_end.len() - trimmed.len();
        out.push((start + lead, start + trimmed_end.len()));
    }
    out
}

/// The whitespace-separated words of `s` with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// What the marked word at article bytes `start..end` is: a place entity ending there, a
/// word ending in a venue noun (with the place and organization names before it), or an
/// organization's premises.
fn classify(art: &Article, sc: &Scene, start: usize, end: usize) -> Option<(Rank, PlaceRef)> {
    let ends_here = |v: &[Slot]| {
        v.iter()
            .find(|p| p.end == end && p.start >= start)
            .map(|p| p.ent)
    };
    if let Some(p) = ends_here(&art.places[sc.si]) {
        return Some((Rank::Place, PlaceRef::Entity(p)));
    }
    let word = &art.text[start..end];
    if art.rules.places.venue.iter().any(|v| word.ends_with(v)) {
        let alone = art.rules.places.venue.contains(&word);
        return Some((
            Rank::Place,
            PlaceRef::Span(owner_start(art, sc, start, alone), end),
        ));
    }
    // the last word of an address (`서울 을지로 누리마당에서`) is the venue
    let after_place = art.places[sc.si].iter().any(|p| {
        p.end + 1 == start
            && art.text.as_bytes()[p.end] == b' '
            && !super::groups::grouped(art, sc.si, p)
    });
    if after_place && !word.is_empty() && word.chars().all(crate::morph::is_alnum) {
        return Some((Rank::Place, PlaceRef::Span(start, end)));
    }
    let o = ends_here(&art.orgs[sc.si])?;
    (art.entities[o].etype == EType::Organization).then_some((Rank::Premises, PlaceRef::Entity(o)))
}

/// Where a venue's name starts: for a venue noun standing `alone`, the places right before
/// it (`서울 본사`); then at most one organization, its owner (`현대자동차 서울 본사`,
/// `외교부 청사`, `한빛전자 제1공장`).
fn owner_start(art: &Article, sc: &Scene, mut start: usize, alone: bool) -> usize {
    let before = |v: &[Slot], at: usize| {
        v.iter()
            .find(|p| p.end + 1 == at && art.text.as_bytes()[p.end] == b' ')
            .map(|p| p.start)
    };
    if !alone {
        return before(&art.orgs[sc.si], start).unwrap_or(start);
    }
    while let Some(s) = before(&art.places[sc.si], start) {
        start = s;
    }
    if let Some(o) = before(&art.orgs[sc.si], start) {
        return o;
    }
    // `강남구의 한 식당`: an indefinite venue takes the place it is in
    let head = &art.text[..start];
    let Some(det) = art.rules.places.indefinite.iter().find(|d| {
        head.strip_suffix(' ')
            .and_then(|h| h.strip_suffix(**d))
            .is_some_and(|h| h.is_empty() || h.ends_with(' '))
    }) else {
        return start;
    };
    start -= det.len() + 1;
    let of = art.places[sc.si]
        .iter()
        .find(|p| matches!(art.text.get(p.end..start), Some(" ") | Some("의 ")));
    match of {
        Some(p) => {
            start = p.start;
            while let Some(s) = before(&art.places[sc.si], start) {
                start = s;
            }
            start
        }
        None => start,
    }
}

#[cfg(test)]
mod tests {
    /// The place of each meeting of `text`, as the report gives it.
    fn places(text: &str) -> Vec<Option<String>> {
        let r = super::super::tests::run(text);
        r.meetings.iter().map(|m| m.place.clone()).collect()
    }

    #[test]
    fn a_venue_noun_names_the_place_with_its_owner() {
        assert_eq!(
            places(
                "한빛전자 김하람 사장은 3일 서울 종로구 누리은행 청사에서 박도윤 누리은행장을 만났다."
            ),
            [Some("누리은행 청사".to_string())]
        );
        assert_eq!(
            places("김하람 사장은 지난 5일 한빛전자 부산 본사에서 박도윤 회장과 회동했다."),
            [Some("한빛전자 부산 본사".to_string())]
        );
    }

    #[test]
    fn an_indefinite_venue_takes_the_place_it_is_in() {
        assert_eq!(
            places("김하람 대표는 28일 서울 강남구의 한 식당에서 박도윤 회장과 만났다."),
            [Some("서울 강남구의 한 식당".to_string())]
        );
        assert_eq!(
            places("김하람 대표는 어젯밤 한 식당에서 박도윤 회장과 만났다."),
            [Some("한 식당".to_string())]
        );
    }

    #[test]
    fn the_last_word_of_an_address_is_the_venue() {
        assert_eq!(
            places("김하람 대표와 박도윤 회장은 4일 서울 을지로 한마루호텔에서 만났다."),
            [Some("한마루호텔".to_string())]
        );
    }

    #[test]
    fn an_unknown_name_after_an_address_is_the_venue() {
        assert_eq!(
            places("김하람 대표는 4일 부산 해운대 누리마당에서 박도윤 회장과 만났다."),
            [Some("누리마당".to_string())]
        );
    }

    #[test]
    fn the_most_detailed_place_of_a_meeting_told_twice() {
        assert_eq!(
            places(
                "김하람 대표는 지난 3일 부산을 찾아 박도윤 회장을 만났다. \
                 김하람 대표는 지난 3일 누리은행 본점에서 박도윤 회장과 만나 협력을 논의했다."
            ),
            [Some("누리은행 본점".to_string())]
        );
    }

    #[test]
    fn a_visited_place_is_the_place() {
        assert_eq!(
            places("김하람 대표는 지난 9일 부산을 비공개로 방문해 박도윤 전 의원과 만났다."),
            [Some("부산".to_string())]
        );
    }

    #[test]
    fn a_nationality_is_no_place() {
        // 프랑스 before a title says whose president he is, not where they met
        assert_eq!(
            places("김하람 대표는 미셸 뒤랑 프랑스 대통령과 만났다."),
            [None]
        );
        assert_eq!(places("김하람 대표는 박도윤 한국 대사와 만났다."), [None]);
    }

    #[test]
    fn an_event_noun_before_eseo_is_no_venue() {
        // 정상회담에서: the occasion, not a place; the venue before it is
        assert_eq!(
            places(
                "김하람 대표는 21일 도쿄 한마루호텔에서 열린 정상회담에서 박도윤 회장과 만났다."
            ),
            [Some("한마루호텔".to_string())]
        );
        assert_eq!(
            places("김하람 대표는 회의에서 박도윤 회장과 만났다."),
            [None]
        );
    }

    #[test]
    fn an_organization_hosting_the_meeting_is_the_place() {
        assert_eq!(
            places("김하람 대표는 어제 국회에서 박도윤 의원을 만났다."),
            [Some("국회".to_string())]
        );
    }
}
