//! A trivial persistent-mode candidate (docs/PROTOCOL.md §2): answers `authorized` at level
//! `verdict` to every request, so a harness benchmark against it measures the protocol itself.

use std::io::{BufRead, BufReader, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        match message.get("type").and_then(serde_json::Value::as_str) {
            Some("hello") => writeln!(
                out,
                r#"{{"type":"hello","protocol":"j43-protocol/1","name":"trivial","version":"0","level":"verdict"}}"#
            )?,
            Some("check") => {
                let id = message.get("id").cloned().unwrap_or_default();
                writeln!(
                    out,
                    r#"{{"type":"result","id":{id},"verdict":"authorized"}}"#
                )?;
            }
            Some("bye") => break,
            _ => {}
        }
        // Every response is flushed before the candidate could wait for input (§2), but not
        // after each line while pipelined requests are already buffered.
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}
