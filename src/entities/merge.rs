use super::organizations::COUNTRY_PREFIX;
use super::{EType, Entity};
use rustc_hash::FxHashSet as HashSet;

/// Orders each entity's mentions, merges the organizations that stand for one another, and
/// orders the entities by first mention (dropping those left with no mention).
pub(super) fn merge_and_order(mut ents: Vec<Entity>, text: &str) -> Vec<Entity> {
    for e in &mut ents {
        e.mentions.sort_by_key(|m| m.start);
    }
    merge_parent_names(&mut ents);
    merge_counted_groups(&mut ents);
    finish(ents, text)
}

/// `택시단체` is the same side as `택시 4단체` / `택시 4개 단체` named earlier: an unnamed
/// group and the same words without the count are one organization.
pub(super) fn merge_counted_groups(ents: &mut [Entity]) {
    let base = |n: &str| -> String {
        n.chars()
            .filter(|c| !c.is_ascii_digit() && *c != ' ' && *c != '개')
            .collect()
    };
    let groups: Vec<(usize, String)> = (0..ents.len())
        .filter(|&i| {
            ents[i].etype == EType::Organization
                && ents[i]
                    .mentions
                    .iter()
                    .any(|m| m.rule == "pattern/counted_group")
        })
        .map(|i| (i, base(&ents[i].name)))
        .collect();
    for (g, gbase) in groups {
        for o in 0..ents.len() {
            if o == g
                || ents[o].etype != EType::Organization
                || ents[o].mentions.is_empty()
                || base(&ents[o].name) != gbase
            {
                continue;
            }
            let moved = std::mem::take(&mut ents[o].mentions);
            let name = ents[o].name.clone();
            ents[g].mentions.extend(moved);
            ents[g].mentions.sort_by_key(|m| m.start);
            if !ents[g].aliases.contains(&name) {
                ents[g].aliases.push(name);
            }
        }
    }
}

/// A loose parent name stands for the one affiliate the article names: `삼성` is an alias of
/// `삼성전자` when no other 삼성… organization appears, `카카오` of `카카오모빌리티`.
pub(super) fn merge_parent_names(ents: &mut [Entity]) {
    let canon = |e: &Entity| -> String {
        e.key
            .split_once(':')
            .map(|(_, n)| n)
            .unwrap_or(&e.name)
            .replace(' ', "")
    };
    let orgs: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].etype == EType::Organization)
        .collect();
    // each organization's name, written once (pairs of organizations are compared)
    let mut canons: Vec<String> = vec![String::new(); ents.len()];
    for &i in &orgs {
        canons[i] = canon(&ents[i]);
    }
    let mut redirect: Vec<Option<usize>> = vec![None; ents.len()];
    for &a in &orgs {
        let ca = &canons[a];
        // a name written as the group (SK그룹) means the group, not one of its companies
        let says_group =
            ents[a].name.ends_with("그룹") || ents[a].aliases.iter().any(|x| x.ends_with("그룹"));
        if ca.chars().count() < 2 || says_group {
            continue;
        }
        let children: Vec<usize> = orgs
            .iter()
            .copied()
            .filter(|&b| b != a && canons[b].len() > ca.len() && canons[b].starts_with(ca.as_str()))
            .filter(|&b| ents[b].subtype.as_deref() != Some("unit"))
            // a spelled-out name of several words (네이버 비즈니스 플랫폼) is a body of its own,
            // not what the parent's name stands for
            .filter(|&b| {
                !ents[b]
                    .name
                    .trim_start_matches(&ents[a].name)
                    .trim_start()
                    .contains(' ')
            })
            .collect();
        if children.len() == 1 {
            redirect[a] = Some(children[0]);
        }
    }
    if redirect.iter().all(Option::is_none) {
        return;
    }
    for a in 0..ents.len() {
        if let Some(b) = redirect[a] {
            let moved = std::mem::take(&mut ents[a].mentions);
            let name = ents[a].name.clone();
            ents[b].mentions.extend(moved);
            ents[b].mentions.sort_by_key(|m| m.start);
            if !ents[b].aliases.contains(&name) {
                ents[b].aliases.push(name);
            }
        }
    }
    for e in ents.iter_mut() {
        for r in &mut e.roles {
            if let Some(o) = r.org
                && let Some(b) = redirect[o]
            {
                r.org = Some(b);
            }
        }
    }
    // entities left without mentions are dropped by finish(); roles were remapped above
}

/// Orders entities by first mention, picks the fullest name, and remaps role organizations.
pub(super) fn finish(mut ents: Vec<Entity>, text: &str) -> Vec<Entity> {
    let mut order: Vec<usize> = (0..ents.len())
        .filter(|&i| !ents[i].mentions.is_empty())
        .collect();
    order.sort_by_key(|&i| ents[i].mentions[0].start);
    let mut new_index = vec![None; ents.len()];
    for (n, &o) in order.iter().enumerate() {
        new_index[o] = Some(n);
    }
    for e in &mut ents {
        for r in &mut e.roles {
            r.org = r.org.and_then(|o| new_index[o]);
        }
        if e.mentions.is_empty() {
            continue;
        }
        // the surfaces used in the text, in order of first use, each once (a short form's
        // surface is the bare surname: it is no name; its alias "이 회장" is added with it)
        let mut used: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
        for m in e
            .mentions
            .iter()
            .filter(|m| m.rule != "pattern/short_form" && !m.rule.ends_with(COUNTRY_PREFIX))
            // a state's one-syllable form in a group (한 of 한미일) is no name
            .filter(|m| {
                m.rule != "pattern/country_group" || text[m.start..m.end].chars().nth(1).is_some()
            })
        {
            let f = &text[m.start..m.end];
            if seen.insert(f) {
                used.push(f);
            }
        }
        // fullest form: the longest surface used, else the name given at creation
        let best = used
            .iter()
            .copied()
            .max_by_key(|f| f.chars().count())
            .map(String::from)
            .unwrap_or_else(|| e.name.clone());
        let mut aliases: Vec<String> = Vec::new();
        let add = |a: String, aliases: &mut Vec<String>| {
            if a != best && !aliases.contains(&a) {
                aliases.push(a);
            }
        };
        for f in &used {
            add(f.to_string(), &mut aliases);
        }
        for a in std::mem::take(&mut e.aliases) {
            add(a, &mut aliases);
        }
        e.name = best;
        e.aliases = aliases;
    }
    let mut slots: Vec<Option<Entity>> = ents.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&o| slots[o].take().expect("each index once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{names, run};

    #[test]
    fn a_parent_name_joins_its_one_affiliate() {
        let e = run("제목\n카카오모빌리티는 새 요금을 냈다. 카카오는 설명했다.");
        let o = names(&e, EType::Organization);
        assert_eq!(o, ["카카오모빌리티"]);
        assert!(e[0].aliases.contains(&"카카오".to_string()));
        // two affiliates: the parent name stands for neither
        let e = run("제목\n카카오뱅크와 카카오페이가 손잡았다. 카카오는 설명했다.");
        assert_eq!(names(&e, EType::Organization).len(), 3);
    }
}
