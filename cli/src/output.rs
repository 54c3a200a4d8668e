//! Where results go: stdout on one line (the server's text otherwise unchanged), `--pretty`
//! indentation, `--output FILE`.

use std::io::{self, Write};

use serde_json::Value;

use crate::{Args, Failure, Outcome};

/// How a command's data is written: `--output FILE` and `--pretty`.
pub(crate) struct Output<'a> {
    file: Option<&'a str>,
    pretty: bool,
}

impl<'a> Output<'a> {
    /// The output the arguments ask for.
    pub(crate) fn from_args(args: &'a Args) -> Output<'a> {
        Output {
            file: args.output.as_deref(),
            pretty: args.pretty,
        }
    }

    /// Writes JSON text: to stdout, or to the file (then stdout gets one summary line
    /// `{"path":"...","bytes":N}`).
    pub(crate) fn write(&self, json: &str) -> Outcome {
        let text = if self.pretty {
            pretty(json)
        } else {
            one_line(json)
        };
        match self.file {
            None => print_line(&text),
            Some(path) => {
                let mut bytes = text.into_bytes();
                bytes.push(b'\n');
                write_file(path, &bytes)?;
                print_line(&format!(
                    "{{\"path\":{},\"bytes\":{}}}",
                    Value::from(path),
                    bytes.len()
                ))
            }
        }
    }
}

/// Writes `bytes` to `path` (created or replaced); a failure is `invalid_input` naming the path.
pub(crate) fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| {
        Failure::Api(bts::Error::invalid_input(format!(
            "could not write {path}: {e}"
        )))
    })
}

/// JSON text on one line: line breaks only ever stand between tokens (inside a JSON string they
/// are escaped), so dropping them keeps the text otherwise verbatim.
pub(crate) fn one_line(json: &str) -> String {
    if json.contains(['\n', '\r']) {
        json.replace(['\n', '\r'], "")
    } else {
        json.to_owned()
    }
}

/// JSON text indented by two spaces, token by token: keys keep their order and numbers their
/// spelling (nothing is parsed into values and written again).
pub(crate) fn pretty(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if j < chars.len() && matches!(chars[j], '}' | ']') {
                    out.push(c);
                    out.push(chars[j]);
                    i = j + 1;
                } else {
                    depth += 1;
                    out.push(c);
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one line to stdout and flushes.
pub(crate) fn print_line(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes text as it is to stdout and flushes.
pub(crate) fn print_text(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_drops_line_breaks_between_tokens_only() {
        assert_eq!(
            one_line("{\n  \"a\": \"x\\ny\"\r\n}"),
            "{  \"a\": \"x\\ny\"}"
        );
    }

    #[test]
    fn pretty_keeps_order_spelling_and_strings() {
        let text = r#"{"z":1,"a":[12000.00,{}],"s":"a,b:{\"c\"}","e":[ ]}"#;
        let expected = "{\n  \"z\": 1,\n  \"a\": [\n    12000.00,\n    {}\n  ],\n  \"s\": \"a,b:{\\\"c\\\"}\",\n  \"e\": []\n}";
        assert_eq!(pretty(text), expected);
        let back: Value = serde_json::from_str(&pretty(text)).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
    }
}
