//! Terminal conventions, through the real binary: `--color`, `NO_COLOR` (set but empty
//! means not set), the man page, and the hint on stderr when standard input is a terminal.
//!
//! A terminal is made with util-linux `script`, which runs a command on a pseudo-terminal;
//! the tests that need one fail (saying so) when `script` is not installed.

use crate::common;

use std::process::{Command, Stdio};

use common::*;

const ARTICLE: &str = "fixtures/01-summit-meeting.txt";
const BOLD: &str = "\x1b[1m";
const HINT: &str = "analyze: reading an article from standard input";

/// Runs `shell_command` (with `$BIN` the binary) on a pseudo-terminal: its stdin, stdout
/// and stderr are the terminal unless the command redirects them. `no_color`: the value
/// of NO_COLOR, or None to remove it. Returns what the terminal showed.
fn on_terminal(shell_command: &str, no_color: Option<&str>) -> String {
    let mut c = Command::new("script");
    c.current_dir(root())
        .args(["-qec", shell_command, "/dev/null"])
        .env("BIN", bin())
        .stdin(Stdio::null());
    match no_color {
        Some(v) => c.env("NO_COLOR", v),
        None => c.env_remove("NO_COLOR"),
    };
    let out = c
        .output()
        .expect("util-linux `script` is needed to run a command on a terminal");
    assert!(out.status.success(), "{shell_command}: {}", describe(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_report(args: &[&str], no_color: Option<&str>) -> String {
    let mut c = cmd();
    c.args(["--format", "text"]).args(args).arg(ARTICLE);
    if let Some(v) = no_color {
        c.env("NO_COLOR", v);
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn color_always_and_never_ignore_the_terminal_and_no_color() {
    assert!(text_report(&["--color", "always"], None).contains(BOLD));
    assert!(text_report(&["--color", "always"], Some("1")).contains(BOLD));
    assert!(!text_report(&["--color", "never"], None).contains('\x1b'));
    // auto (the default) into a pipe: no colour, NO_COLOR or not
    assert!(!text_report(&[], None).contains('\x1b'));
    assert!(!text_report(&["--color", "auto"], Some("")).contains('\x1b'));
}

#[test]
fn color_auto_on_a_terminal_follows_no_color_set_and_non_empty() {
    let run = "\"$BIN\" --format text fixtures/01-summit-meeting.txt";
    assert!(
        on_terminal(run, None).contains(BOLD),
        "a terminal, NO_COLOR unset: colour"
    );
    assert!(
        on_terminal(run, Some("")).contains(BOLD),
        "NO_COLOR set but empty is not set: colour"
    );
    assert!(
        !on_terminal(run, Some("1")).contains('\x1b'),
        "NO_COLOR=1: no colour"
    );
    assert!(
        !on_terminal(&format!("{run} --color never"), None).contains('\x1b'),
        "--color never on a terminal"
    );
}

#[test]
fn hint_on_stderr_when_stdin_is_a_terminal_and_nothing_was_given() {
    // stdout to /dev/null, stderr to the terminal; stdin is the terminal (EOF at once)
    let shown = on_terminal("\"$BIN\" --format jsonl 2>&1 >/dev/null", None);
    let lines: Vec<&str> = shown.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert_eq!(
        lines,
        [
            "analyze: reading an article from standard input (Ctrl-D to end; analyze --help for usage)"
        ],
        "exactly one hint line"
    );
    let records = on_terminal("\"$BIN\" --input jsonl 2>&1 >/dev/null", None);
    assert!(records.contains("JSON Lines records"), "{records:?}");
    // a FILE given, or `-` given on purpose, or --files-from: no hint
    for args in [ARTICLE, "-", "--files-from /dev/null"] {
        let shown = on_terminal(&format!("\"$BIN\" {args} 2>&1 >/dev/null"), None);
        assert!(!shown.contains(HINT), "{args}: {shown:?}");
    }
}

#[test]
fn no_hint_when_stdin_is_not_a_terminal() {
    let out = cmd()
        .write_stdin("삼성전자는 21일 발표했다.\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(HINT),
        "{}",
        describe(&out)
    );
}

#[test]
fn man_subcommand_prints_a_page_with_the_options() {
    let out = cmd().arg("man").output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let page = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(page.contains(".TH analyze 1"), "a section-1 roff page");
    for opt in [
        "date",
        "format",
        "input",
        "rules",
        "explain",
        "jobs",
        "files\\-from",
        "null",
        "max\\-bytes",
        "schema",
        "color",
        "help",
        "version",
    ] {
        assert!(page.contains(&format!("\\-\\-{opt}")), "--{opt}");
    }
    assert!(page.contains(".SH SUBCOMMANDS") && page.contains("completions"));
    assert!(page.contains("NO_COLOR"), "the --color help");
    assert!(out.stderr.is_empty(), "{}", describe(&out));
}
