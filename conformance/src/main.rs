//! The `j43` command-line interface: check, rules, schema, serve, conform, generate.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
