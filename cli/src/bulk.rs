//! `bts bulk OPERATION`: NDJSON in, one result line per input line out.
//!
//! Each non-blank input line is one parameters object, sent as written; its result is the
//! library's envelope with the line number in front: `{"line":N,"ok":...}`. Lines run one after
//! the other and each result is flushed before the next line is read, so after a crash the
//! output says how far the run got; with `--journal` (the configuration key `journal`) running
//! the same input again creates nothing twice.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

use serde_json::Value;

use crate::{exit_code_of, output::one_line, Args, Failure, Outcome};

/// Runs the bulk command.
pub(crate) fn run(args: &Args, rest: &[String]) -> Outcome {
    args.only("bulk", &["input", "output", "journal", "token-cache"])?;
    let name = match rest {
        [name] => name.as_str(),
        [] => return Err(Failure::Usage("bulk needs an OPERATION".into())),
        _ => {
            return Err(Failure::Usage(
                "bulk takes one OPERATION; the parameters come from --input (NDJSON)".into(),
            ))
        }
    };
    let op = bts::operation(name).ok_or_else(|| crate::unknown(name))?;
    let input: Box<dyn BufRead> = match args.input.as_deref() {
        None | Some("-") => Box::new(BufReader::new(io::stdin())),
        Some(path) => Box::new(BufReader::new(File::open(path).map_err(|e| {
            bts::Error::invalid_input(format!("could not read {path}: {e}"))
        })?)),
    };
    let client = crate::client(args)?;
    let mut out: Box<dyn Write> = match args.output.as_deref() {
        None => Box::new(io::stdout().lock()),
        Some(path) => Box::new(BufWriter::new(File::create(path).map_err(|e| {
            bts::Error::invalid_input(format!("could not write {path}: {e}"))
        })?)),
    };
    let mut first_failure: Option<u8> = None;
    for (index, line) in input.lines().enumerate() {
        let line = line.map_err(|e| {
            bts::Error::invalid_input(format!("could not read line {}: {e}", index + 1))
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let envelope = one_line(&client.call_envelope(op.name, &line));
        if let Some(code) = failure_code(&envelope) {
            first_failure.get_or_insert(code);
        }
        out.write_all(numbered(index + 1, &envelope).as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    match first_failure {
        None => Ok(()),
        Some(code) => Err(Failure::Quiet(code)),
    }
}

/// The envelope with `"line":N` as its first member (the envelope's own text follows as it is).
fn numbered(line: usize, envelope: &str) -> String {
    match envelope.strip_prefix('{') {
        Some(rest) => format!("{{\"line\":{line},{rest}"),
        None => format!("{{\"line\":{line},\"envelope\":{envelope}}}"),
    }
}

/// The exit code of a failed envelope's kind, `None` for a success.
fn failure_code(envelope: &str) -> Option<u8> {
    let value: Value = serde_json::from_str(envelope).unwrap_or(Value::Null);
    if value["ok"] == true {
        return None;
    }
    Some(exit_code_of(
        value["error"]["kind"].as_str().unwrap_or("internal"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_number_leads_the_envelope() {
        assert_eq!(
            numbered(7, r#"{"ok":true,"data":{"a":1}}"#),
            r#"{"line":7,"ok":true,"data":{"a":1}}"#
        );
        assert_eq!(failure_code(r#"{"ok":true,"data":1}"#), None);
        assert_eq!(
            failure_code(r#"{"ok":false,"error":{"kind":"validation"}}"#),
            Some(3)
        );
    }
}
