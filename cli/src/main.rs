//! `bts`: the BTS Express API from a shell.
//!
//! A thin skin over [`bts::Client`], built from the library's operation table
//! ([`bts::OPERATIONS`]): every operation is its own command (`bts order/detail orderId=229234`),
//! its parameters `key=value` arguments typed from the declaration (see [`params`]), its help
//! text the declaration's summary, routes and fields (see [`help`]). Beside the operations:
//! `bulk` (NDJSON in, one result line per input line, with the create-once journal), `label` and
//! `sticker` (a PDF to a file), `webhook listen` (prints each status notification, parsed),
//! `sandbox` (the offline emulator), `operations` and `version`.
//!
//! The server's JSON goes to stdout, an error goes to stderr as one line and becomes the exit
//! code of its kind. No credential or token is ever printed.

mod bulk;
mod help;
mod label;
mod output;
mod params;
mod webhook;

use std::ffi::OsString;
use std::io;
use std::process::ExitCode;

use bts::{Api, Client, Config, Endpoint, Error, ErrorKind, Operation, Service, Shape};
use lexopt::prelude::*;
use serde_json::{Map, Value};

/// Exit code when the output cannot be written.
const EXIT_OUTPUT: u8 = 1;

/// The exit code of an error kind, by the kind's envelope name (`"invalid_input"`, …), as
/// documented in `bts --help`. Named rather than matched on [`ErrorKind`] so that the bulk mode,
/// which reads kinds out of envelopes, and kinds the library adds later map the same way.
fn exit_code_of(kind: &str) -> u8 {
    match kind {
        "invalid_input" => 2,
        "validation" => 3,
        "auth" => 4,
        "http" => 5,
        "timeout" => 6,
        "network" => 7,
        "decode" => 8,
        "conflict" => 10,
        _ => 9,
    }
}

/// The exit code of an error kind.
fn exit_code(kind: ErrorKind) -> u8 {
    exit_code_of(kind.as_str())
}

/// How a run ends short of success.
enum Failure {
    /// A library error (or one of the same kinds made here): one line, its kind's code.
    Api(Error),
    /// Bad command-line usage: exit 2 with a hint.
    Usage(String),
    /// stdout (or an output file) could not be written.
    Output(io::Error),
    /// The error was already reported (e.g. as an envelope on stdout); exit with this code.
    Quiet(u8),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Api(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Output(e)
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::Usage(e.to_string())
    }
}

/// The result of a command.
type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Api(e)) => {
            eprintln!("bts: {}", error_line(&e));
            ExitCode::from(exit_code(e.kind()))
        }
        Err(Failure::Usage(message)) => {
            eprintln!("bts: {message} (see `bts --help`)");
            ExitCode::from(exit_code(ErrorKind::InvalidInput))
        }
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_OUTPUT)
        }
        Err(Failure::Output(e)) => {
            eprintln!("bts: could not write the output: {e}");
            ExitCode::from(EXIT_OUTPUT)
        }
        Err(Failure::Quiet(code)) => ExitCode::from(code),
    }
}

/// One readable line: `KIND: MESSAGE (HTTP STATUS); FIELD: ERROR, ERROR; FIELD: ERROR`.
fn error_line(e: &Error) -> String {
    let mut line = format!("{}: {}", e.kind(), e.message());
    if let Some(status) = e.status() {
        if !e.message().contains(&format!("HTTP {status}")) {
            line.push_str(&format!(" (HTTP {status})"));
        }
    }
    for (field, errors) in e.fields() {
        line.push_str(&format!("; {field}: {}", errors.join(", ")));
    }
    // One line, whatever the server put in its messages.
    line.replace(['\r', '\n'], " ")
}

/// Every option any command takes, read in one pass wherever it stands (before or after the
/// command); each command then refuses the ones it does not take.
#[derive(Default)]
struct Args {
    /// The command and its arguments, in order.
    positionals: Vec<String>,
    /// The options given, by their long name, for the per-command check.
    given: Vec<&'static str>,
    config: Option<String>,
    journal: Option<String>,
    token_cache: Option<String>,
    output: Option<String>,
    input: Option<String>,
    listen: Option<String>,
    key: Option<String>,
    port: Option<u16>,
    count: Option<usize>,
    parallel: Option<usize>,
    pretty: bool,
    all_pages: bool,
    envelope: bool,
    help: bool,
    version: bool,
}

impl Args {
    /// Refuses every option `command` does not take (`--config` and `--help` are always fine).
    fn only(&self, command: &str, takes: &[&str]) -> Outcome {
        match self
            .given
            .iter()
            .find(|o| !takes.contains(o) && !matches!(**o, "config" | "help"))
        {
            Some(option) => Err(Failure::Usage(format!(
                "{command} does not take --{option}"
            ))),
            None => Ok(()),
        }
    }
}

/// Reads the command line with `lexopt`.
fn parse_args(raw: Vec<OsString>) -> Result<Args, Failure> {
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_args(raw);
    while let Some(arg) = parser.next()? {
        let name: &'static str = match arg {
            Value(value) => {
                args.positionals.push(utf8(value)?);
                continue;
            }
            Short('h') | Long("help") => "help",
            Short('V') | Long("version") => "version",
            Long("config") => "config",
            Long("journal") => "journal",
            Long("token-cache") => "token-cache",
            Short('o') | Long("output") => "output",
            Short('i') | Long("input") => "input",
            Long("listen") => "listen",
            Long("key") => "key",
            Long("port") => "port",
            Long("count") => "count",
            Short('j') | Long("parallel") => "parallel",
            Long("pretty") => "pretty",
            Long("all-pages") => "all-pages",
            Long("envelope") => "envelope",
            Short(c) => return Err(Failure::Usage(format!("unknown option \"-{c}\""))),
            Long(other) => return Err(Failure::Usage(format!("unknown option \"--{other}\""))),
        };
        match name {
            "help" => args.help = true,
            "version" => args.version = true,
            "pretty" => args.pretty = true,
            "all-pages" => args.all_pages = true,
            "envelope" => args.envelope = true,
            _ => {
                let value = parser
                    .value()
                    .map_err(|_| Failure::Usage(format!("--{name} needs a value")))?;
                let value = utf8(value)?;
                match name {
                    "config" => args.config = Some(value),
                    "journal" => args.journal = Some(value),
                    "token-cache" => args.token_cache = Some(value),
                    "output" => args.output = Some(value),
                    "input" => args.input = Some(value),
                    "listen" => args.listen = Some(value),
                    "key" => args.key = Some(value),
                    "port" => args.port = Some(number(name, &value)?),
                    "parallel" => args.parallel = Some(number(name, &value)?),
                    _ => args.count = Some(number(name, &value)?),
                }
            }
        }
        args.given.push(name);
    }
    Ok(args)
}

fn utf8(value: OsString) -> Result<String, Failure> {
    value.into_string().map_err(|bad| {
        Failure::Usage(format!(
            "an argument is not valid UTF-8: {}",
            bad.to_string_lossy()
        ))
    })
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, Failure> {
    value
        .parse()
        .map_err(|_| Failure::Usage(format!("--{option} takes a whole number, not {value:?}")))
}

fn run(raw: Vec<OsString>) -> Outcome {
    let args = parse_args(raw)?;
    let Some(command) = args.positionals.first().cloned() else {
        if args.help {
            return output::print_text(&help::main());
        }
        if args.version {
            return output::print_line(&format!("bts {}", bts::VERSION));
        }
        // No command at all: the help, as a usage error.
        eprint!("{}", help::main());
        return Err(Failure::Quiet(exit_code(ErrorKind::InvalidInput)));
    };
    if args.help {
        return output::print_text(&help::topic(&command)?);
    }
    let rest = &args.positionals[1..];
    match command.as_str() {
        "help" => match rest {
            [] => output::print_text(&help::main()),
            [topic] => output::print_text(&help::topic(topic)?),
            _ => Err(Failure::Usage("help takes one COMMAND".into())),
        },
        "version" => {
            args.only("version", &["version"])?;
            no_arguments(rest, "version")?;
            output::print_line(&format!("bts {}", bts::VERSION))
        }
        "operations" => {
            args.only("operations", &[])?;
            no_arguments(rest, "operations")?;
            output::print_line(&bts::operations_json())
        }
        "sandbox" => cmd_sandbox(&args, rest),
        "call" => match rest.split_first() {
            Some((operation, params)) => cmd_operation(&args, operation, params),
            None => Err(Failure::Usage("call needs an OPERATION".into())),
        },
        "bulk" => bulk::run(&args, rest),
        "label" => label::run(&args, rest, label::Kind::Label),
        "sticker" => label::run(&args, rest, label::Kind::Sticker),
        "webhook" => webhook::run(&args, rest),
        name if bts::operation(name).is_some() => cmd_operation(&args, name, rest),
        other if other.contains('/') || other == "raw" => Err(Failure::Api(unknown(other))),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// The error for an operation name the table does not have.
fn unknown(name: &str) -> Error {
    Error::invalid_input(format!(
        "unknown operation {name:?} (`bts operations` lists them)"
    ))
}

fn no_arguments(rest: &[String], command: &str) -> Outcome {
    match rest.first() {
        None => Ok(()),
        Some(extra) => Err(Failure::Usage(format!(
            "{command} takes no argument (got {extra:?})"
        ))),
    }
}

/// One operation: `bts OPERATION [PARAMS] [--all-pages] [--output FILE] [--pretty]
/// [--envelope]`.
fn cmd_operation(args: &Args, name: &str, params: &[String]) -> Outcome {
    args.only(
        name,
        &[
            "journal",
            "token-cache",
            "output",
            "pretty",
            "all-pages",
            "envelope",
        ],
    )?;
    let op = bts::operation(name).ok_or_else(|| unknown(name))?;
    let config = load_config(args, |var| std::env::var(var).ok())?;
    let endpoint = endpoint_for(op, &config);
    let mut built = params::build(params, endpoint)?;
    if args.all_pages {
        if endpoint.shape != Shape::List {
            return Err(Failure::Usage(format!(
                "--all-pages: {name} is not a paginated list (see `bts help {name}`)"
            )));
        }
        built.set_top("all_pages", "true")?;
    }
    let params = built.into_text();
    let result = Client::new(config).and_then(|client| client.call_json(op.name, &params));
    let out = output::Output::from_args(args);
    match (result, args.envelope) {
        (Ok(data), false) => out.write(&data),
        (Ok(data), true) => out.write(&bts::ok_envelope(&output::one_line(&data))),
        (Err(e), false) => Err(Failure::Api(e)),
        (Err(e), true) => {
            out.write(&e.to_envelope())?;
            Err(Failure::Quiet(exit_code(e.kind())))
        }
    }
}

/// The endpoint `op` has on the API this configuration speaks (its primary one when it has none
/// there: the library then refuses the call, naming the API that has it).
fn endpoint_for(op: &Operation, config: &Config) -> &'static Endpoint {
    let api = match op.service {
        Service::Courier => config.courier_api,
        Service::Wms => Api::Wms,
        Service::Local => Api::Local,
    };
    op.endpoint(api).unwrap_or_else(|| op.primary())
}

fn cmd_sandbox(args: &Args, rest: &[String]) -> Outcome {
    args.only("sandbox", &["listen"])?;
    no_arguments(rest, "sandbox")?;
    let listen = args.listen.as_deref().unwrap_or("127.0.0.1:0");
    let sandbox = bts_sandbox::Sandbox::start_on(listen).map_err(|e| {
        Error::new(
            ErrorKind::Network,
            format!("the sandbox could not listen on {listen}: {e}"),
        )
    })?;
    // The accounts in it are the sandbox's own public test accounts, not credentials.
    output::print_line(&sandbox.announcement_json())?;
    // Serve until killed: the sandbox's threads answer; this one only keeps it alive.
    loop {
        std::thread::park();
    }
}

/// The client from `--config FILE`, `--journal PATH`, `--token-cache PATH` and the `BTS_*`
/// environment.
fn client(args: &Args) -> Result<Client, Error> {
    Client::new(load_config(args, |name| std::env::var(name).ok())?)
}

/// The configuration from the environment (read through `env`: `BTS_<KEY>` for each key of
/// [`bts::CONFIG_KEYS`]), overlaid by the `--config` file, then by `--journal` and
/// `--token-cache`. Errors name keys
/// and files, never values.
fn load_config(args: &Args, env: impl Fn(&str) -> Option<String>) -> Result<Config, Error> {
    let mut map = Map::new();
    for key in bts::CONFIG_KEYS {
        let var = format!("BTS_{}", key.to_ascii_uppercase());
        if let Some(value) = env(&var).filter(|v| !v.is_empty()) {
            map.insert((*key).to_owned(), Value::String(value));
        }
    }
    if let Some(path) = args.config.as_deref() {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid_input(format!("could not read the configuration file {path}: {e}"))
        })?;
        // Its messages carry positions, never values.
        let parsed: Value = serde_json::from_str(&text).map_err(|e| {
            Error::invalid_input(format!(
                "the configuration file {path} is not valid JSON (line {} column {})",
                e.line(),
                e.column()
            ))
        })?;
        match parsed {
            Value::Object(file) => map.extend(file),
            _ => {
                return Err(Error::invalid_input(format!(
                    "the configuration file {path} must hold a JSON object"
                )))
            }
        }
    }
    if let Some(journal) = &args.journal {
        map.insert("journal".to_owned(), Value::String(journal.clone()));
    }
    if let Some(cache) = &args.token_cache {
        map.insert("token_cache".to_owned(), Value::String(cache.clone()));
    }
    Config::from_map(&map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn every_config_key_has_an_environment_variable() {
        let config = load_config(
            &Args::default(),
            env_of(&[
                ("BTS_USERNAME", "shop"),
                ("BTS_PASSWORD", "pw-secret"),
                ("BTS_TIMEOUT_MS", "1234"),
                ("BTS_INN", ""),
            ]),
        )
        .unwrap();
        assert_eq!(config.username, "shop");
        assert_eq!(config.password.expose(), "pw-secret");
        assert_eq!(config.timeout_ms, 1234);
        assert_eq!(config.inn, "", "an empty variable counts as unset");
    }

    #[test]
    fn bad_environment_value_names_the_key_not_the_value() {
        let err = load_config(
            &Args::default(),
            env_of(&[("BTS_TIMEOUT_MS", "soon-secret")]),
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(error_line(&err).contains("timeout_ms"));
        assert!(!error_line(&err).contains("soon-secret"));
    }

    #[test]
    fn journal_option_goes_into_the_configuration() {
        let args = Args {
            journal: Some("/tmp/j".into()),
            ..Args::default()
        };
        let result = load_config(&args, env_of(&[]));
        if bts::CONFIG_KEYS.contains(&"journal") {
            assert!(result.is_ok());
        } else {
            // Until the library knows the key, the library itself refuses it, by name.
            assert!(error_line(&result.unwrap_err()).contains("journal"));
        }
    }

    #[test]
    fn token_cache_option_wins_over_the_environment() {
        let args = Args {
            token_cache: Some("/tmp/from-option.json".into()),
            ..Args::default()
        };
        let config =
            load_config(&args, env_of(&[("BTS_TOKEN_CACHE", "/tmp/from-env.json")])).unwrap();
        assert_eq!(
            config.token_cache.as_deref(),
            Some(std::path::Path::new("/tmp/from-option.json"))
        );
        let config = load_config(
            &Args::default(),
            env_of(&[("BTS_TOKEN_CACHE", "/tmp/from-env.json")]),
        )
        .unwrap();
        assert_eq!(
            config.token_cache.as_deref(),
            Some(std::path::Path::new("/tmp/from-env.json"))
        );
    }

    #[test]
    fn error_line_adds_status_and_fields_on_one_line() {
        let err = Error::new(
            ErrorKind::Validation,
            "order/add: BTS rejected field senderPhone",
        )
        .with_status(422)
        .with_fields([("senderPhone", vec!["must be\nset".to_owned()])]);
        assert_eq!(
            error_line(&err),
            "validation: order/add: BTS rejected field senderPhone (HTTP 422); senderPhone: must be set"
        );
    }

    #[test]
    fn exit_codes_are_distinct_per_kind_and_documented() {
        let codes: Vec<u8> = ErrorKind::ALL.iter().map(|k| exit_code(*k)).collect();
        let mut distinct = codes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len(), "{codes:?}");
        assert!(
            codes.iter().all(|c| *c >= 2),
            "0 and 1 are success and output"
        );
        assert_eq!(exit_code(ErrorKind::InvalidInput), 2);
        assert_eq!(exit_code(ErrorKind::Internal), 9);
        assert_eq!(exit_code_of("conflict"), 10);
        let help = help::main();
        for kind in ErrorKind::ALL {
            let line = format!("{:<4}{}:", exit_code(*kind), kind.as_str());
            assert!(help.contains(&line), "bts --help documents {line:?}");
        }
    }

    #[test]
    fn options_stand_anywhere_and_commands_refuse_foreign_ones() {
        let raw = [
            "--config",
            "c.json",
            "order/detail",
            "orderId=1",
            "--pretty",
        ];
        let args = parse_args(raw.iter().map(OsString::from).collect())
            .ok()
            .unwrap();
        assert_eq!(args.positionals, ["order/detail", "orderId=1"]);
        assert_eq!(args.config.as_deref(), Some("c.json"));
        assert!(args.pretty);
        assert!(args.only("version", &[]).is_err());
        assert!(args.only("order/detail", &["pretty"]).is_ok());
    }
}
