//! Escaping of untrusted text (candidate names, versions, messages, standard error, document
//! previews) for each output: terminal, Markdown, XML, HTML.

/// One line for a terminal: every control character (line breaks and ESC included) and every
/// Unicode format or bidirectional control written as an escape (`\n`, `\u{1b}`), so nothing a
/// candidate prints can move the cursor, change colours or reorder the line.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_visible(&mut out, c, false);
    }
    out
}

/// Several lines for a terminal: as [`line`], but line feeds are kept.
pub fn lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_visible(&mut out, c, true);
    }
    out
}

fn push_visible(out: &mut String, c: char, keep_newline: bool) {
    if c == '\n' && keep_newline {
        out.push('\n');
    } else if c.is_control() || is_format(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// Unicode format characters that change how text is displayed: bidirectional controls and
/// isolates, zero-width characters, the byte order mark.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

/// Text for XML 1.0 content or attribute values: markup characters as entities, and the
/// characters XML 1.0 does not allow at all (controls other than tab, line feed and carriage
/// return, surrogates cannot occur in a `str`, U+FFFE and U+FFFF) written as visible escapes,
/// so the document always parses.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.extend(c.escape_default());
            }
            c if is_format(c) || ('\u{7f}'..='\u{9f}').contains(&c) => {
                out.extend(c.escape_default());
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for HTML content or a double-quoted attribute value.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || is_format(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown table cell or paragraph: one line, with the characters that Markdown or
/// inline HTML would interpret (`| < > & * _ [ ] \` and backticks) escaped.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in line(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '_' | '[' | ']' | '\\' | '`' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown code span holding `s` as one line: fenced with more backticks than `s` contains
/// in a row, so nothing inside can close it.
pub fn markdown_code(s: &str) -> String {
    let s = line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {s} {fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_has_no_control_characters_left() {
        let evil = "name\u{1b}[2J\r\nversion\u{7}\u{202e}";
        let out = line(evil);
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        assert!(out.contains("\\u{1b}[2J"), "{out}");
        assert_eq!(lines("a\nb\u{1b}"), "a\nb\\u{1b}");
    }

    #[test]
    fn xml_text_never_holds_a_character_xml_forbids() {
        let out = xml("a<b>&\"'\u{0}\u{1b}\u{ffff}\tz");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;&apos;\\u{0}\\u{1b}\\u{ffff}\tz");
    }

    #[test]
    fn markdown_text_cannot_open_markup() {
        assert_eq!(markdown("<x>|`*"), "&lt;x&gt;\\|\\`\\*");
        assert_eq!(markdown_code("a`b``c"), "``` a`b``c ```");
    }
}
