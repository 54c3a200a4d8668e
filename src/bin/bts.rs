//! `bts`: the BTS Express API from a shell.
//!
//! A thin skin over [`bts::Client`]: the arguments become an operation name and a JSON
//! parameters object, the server's JSON goes to stdout, an error goes to stderr as one line and
//! becomes the exit code of its kind. The arguments are parsed by hand (no extra crates), and
//! no credential or token is ever printed.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use bts::{Client, Config, Error, ErrorKind};
use serde_json::{Map, Value};

const MAIN_HELP: &str = "\
bts — the BTS Express (Uzbekistan) courier and WMS API from the command line

USAGE:
    bts [--config FILE] call OPERATION [PARAMS_JSON | @FILE | -]
    bts [--config FILE] label ORDER_ID -o FILE
    bts operations
    bts sandbox [--listen ADDR]
    bts version
    bts help [COMMAND]            (or: bts COMMAND --help)

COMMANDS:
    call         call one operation; the server's JSON goes to stdout on one line
    label        save an order's shipping label (order/detail's labelEncode) to a file
    operations   print every operation the library knows, as a JSON array
    sandbox      run the offline BTS emulator for development and tests
    version      print the version

CONFIGURATION (call and label):
    --config FILE    a JSON object with the configuration keys below
    Otherwise, or in addition, the environment: each key as BTS_<KEY in capitals>:
        BTS_USERNAME, BTS_PASSWORD, BTS_INN, BTS_BASE_URL, BTS_TOKEN,
        BTS_WMS_LOGIN, BTS_WMS_PASSWORD, BTS_WMS_BASE_URL, BTS_WMS_TOKEN,
        BTS_TIMEOUT_MS, BTS_CONNECT_TIMEOUT_MS, BTS_MAX_RETRIES, BTS_USER_AGENT,
        BTS_MAX_RESPONSE_BYTES
    An empty variable counts as unset. With both, a key in the --config file wins over its
    environment variable. Unknown keys in the file are an error. Passwords and tokens are
    never printed.

OUTPUT:
    On success, the server's JSON on stdout, on one line, otherwise unchanged.
    On failure, one line on stderr:
        bts: KIND: MESSAGE (HTTP STATUS); FIELD: ERROR; ...
    and the exit code of the error's kind.

EXIT CODES:
    0   success
    1   the output could not be written (stdout closed, disk full)
    2   invalid_input: bad operation name, parameters, configuration or usage; nothing sent
    3   validation: BTS rejected fields (the field errors are printed)
    4   auth: credentials or token refused
    5   http: any other non-success HTTP status (403, 404, 5xx, ...)
    6   timeout: the call did not finish within timeout_ms
    7   network: DNS, connect, reset or TLS failure
    8   decode: the server sent something that is not the JSON expected
    9   internal: a bug in bts; please report it

EXAMPLES:
    export BTS_USERNAME=shop BTS_PASSWORD=... BTS_INN=123456789
    bts call order/calculate '{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}'
    bts call order/add @order.json
    echo '{\"orderId\":229234}' | bts call order/detail -
    bts label 229234 -o label.pdf
";

const CALL_HELP: &str = "\
bts call — call one BTS operation

USAGE:
    bts [--config FILE] call [--envelope] OPERATION [PARAMS_JSON | @FILE | -]

ARGUMENTS:
    OPERATION     an operation name, e.g. order/add, order/detail, wms/product/clients
                  (`bts operations` lists them all)
    PARAMS_JSON   the parameters as one JSON object, e.g. '{\"orderId\":229234}'
    @FILE         read the parameters object from FILE
    -             read the parameters object from stdin
                  (no parameters: {})

OPTIONS:
    --config FILE   the configuration JSON object (see `bts --help`; the file wins over
                    BTS_* environment variables)
    --envelope      print the JSON envelope {\"ok\":true,\"data\":...} or
                    {\"ok\":false,\"error\":{...}} on stdout instead; the exit code still
                    tells the error kind
    -h, --help      this help

On success the server's JSON goes to stdout on one line; on failure one line goes to stderr
and the exit code tells the kind (2 invalid_input, 3 validation, 4 auth, 5 http, 6 timeout,
7 network, 8 decode, 9 internal; see `bts --help`).

EXAMPLES:
    bts call order/calculate '{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}'
    bts call order/add @order.json
    bts call wms/product/clients '{\"all_pages\":true}'
";

const LABEL_HELP: &str = "\
bts label — save an order's shipping label to a file

USAGE:
    bts [--config FILE] label ORDER_ID -o FILE

Calls order/detail for ORDER_ID, decodes its labelEncode (base64) and writes the bytes to
FILE (created or replaced). Prints one line of JSON: {\"orderId\":N,\"file\":\"...\",\"bytes\":N}.

OPTIONS:
    -o, --output FILE   where to write the label (required)
    --config FILE       the configuration JSON object (see `bts --help`)
    -h, --help          this help

Exit codes as for `bts call`; a label that is not base64 is 8 (decode).
";

const OPERATIONS_HELP: &str = "\
bts operations — list every operation

USAGE:
    bts operations

Prints one JSON array, one object per operation: name, service, method, route, retry,
required, query, paginated, summary. The same table drives `bts call`, the C ABI and every
binding.
";

const SANDBOX_HELP: &str = "\
bts sandbox — run the offline BTS emulator

USAGE:
    bts sandbox [--listen ADDR]

Starts the sandbox (courier API and WMS, with state and the documented validation) and
prints one JSON line with base_url, wms_base_url, the test accounts and a ready client
configuration, then serves until killed (Ctrl-C).

OPTIONS:
    --listen ADDR   the address to listen on; defaults to 127.0.0.1:0 (a free port)
    -h, --help      this help

EXAMPLE:
    bts sandbox --listen 127.0.0.1:8080 | head -n1 | jq .config > sandbox.json
    bts --config sandbox.json call order/calculate '{\"senderCityId\":3,\"receiverCityId\":3,\"weight\":1}'
";

const VERSION_HELP: &str = "\
bts version — print the version

USAGE:
    bts version       (or: bts --version)
";

/// Exit code when stdout cannot be written.
const EXIT_OUTPUT: u8 = 1;

/// The exit code of an error kind, as documented in `bts --help`.
fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidInput => 2,
        ErrorKind::Validation => 3,
        ErrorKind::Auth => 4,
        ErrorKind::Http => 5,
        ErrorKind::Timeout => 6,
        ErrorKind::Network => 7,
        ErrorKind::Decode => 8,
        _ => 9,
    }
}

/// How a run ends short of success.
enum Failure {
    /// A library error (or one of the same kinds made here): one line, its kind's code.
    Api(Error),
    /// Bad command-line usage: exit 2 with a hint.
    Usage(String),
    /// stdout could not be written.
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

/// The command line after the global options: the subcommand and its own arguments.
struct Command {
    name: String,
    args: Vec<String>,
    config: Option<String>,
}

fn run(raw: Vec<OsString>) -> Outcome {
    let mut args = Vec::with_capacity(raw.len());
    for arg in raw {
        match arg.into_string() {
            Ok(s) => args.push(s),
            Err(bad) => {
                return Err(Failure::Usage(format!(
                    "an argument is not valid UTF-8: {}",
                    bad.to_string_lossy()
                )))
            }
        }
    }
    let command = match split_command(args)? {
        Some(command) => command,
        None => {
            // No command at all: the help, as a usage error.
            eprint!("{MAIN_HELP}");
            return Err(Failure::Quiet(exit_code(ErrorKind::InvalidInput)));
        }
    };
    match command.name.as_str() {
        "call" => cmd_call(command),
        "label" => cmd_label(command),
        "operations" => cmd_operations(command),
        "sandbox" => cmd_sandbox(command),
        "version" => cmd_version(command),
        "help" => cmd_help(command),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// Reads the global options up to the subcommand. `None` means no command was given;
/// `--help` before any command is the command `help`.
fn split_command(args: Vec<String>) -> Result<Option<Command>, Failure> {
    let mut config = None;
    let mut iter = args.into_iter();
    while let Some(arg) = iter.next() {
        if let Some(value) = option_value(&arg, "--config", &mut iter)? {
            config = Some(value);
            continue;
        }
        match arg.as_str() {
            "-h" | "--help" => {
                return Ok(Some(Command {
                    name: "help".into(),
                    args: Vec::new(),
                    config,
                }))
            }
            "-V" | "--version" => {
                return Ok(Some(Command {
                    name: "version".into(),
                    args: Vec::new(),
                    config,
                }))
            }
            _ if arg.starts_with('-') && arg != "-" => {
                return Err(Failure::Usage(format!("unknown option {arg:?}")))
            }
            _ => {
                return Ok(Some(Command {
                    name: arg,
                    args: iter.collect(),
                    config,
                }))
            }
        }
    }
    Ok(None)
}

/// When `arg` is `NAME VALUE` or `NAME=VALUE`, the value (taking the next argument for the
/// first form); `None` when `arg` is another argument.
fn option_value(
    arg: &str,
    name: &str,
    rest: &mut impl Iterator<Item = String>,
) -> Result<Option<String>, Failure> {
    if arg == name {
        return rest
            .next()
            .map(Some)
            .ok_or_else(|| Failure::Usage(format!("{name} needs a value")));
    }
    match arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
        Some(value) => Ok(Some(value.to_owned())),
        None => Ok(None),
    }
}

/// The arguments of a subcommand: positionals, flags and option values, in one pass.
struct Parsed {
    positionals: Vec<String>,
    help: bool,
    flags: Vec<&'static str>,
    values: Vec<(&'static str, String)>,
}

impl Parsed {
    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses `args` knowing the subcommand's `flags` (no value) and `options` (with a value;
/// aliases as `("-o", "--output")`). `--config` is accepted by every command that takes it.
fn parse(
    args: Vec<String>,
    flags: &[&'static str],
    options: &[(&'static str, &'static str)],
) -> Result<Parsed, Failure> {
    let mut parsed = Parsed {
        positionals: Vec::new(),
        help: false,
        flags: Vec::new(),
        values: Vec::new(),
    };
    let mut iter = args.into_iter();
    let mut only_positionals = false;
    'next: while let Some(arg) = iter.next() {
        if only_positionals || arg == "-" || !arg.starts_with('-') {
            parsed.positionals.push(arg);
            continue;
        }
        if arg == "--" {
            only_positionals = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            parsed.help = true;
            continue;
        }
        if let Some(flag) = flags.iter().find(|f| **f == arg) {
            parsed.flags.push(flag);
            continue;
        }
        for &(short, long) in options {
            for name in [short, long] {
                if let Some(value) = option_value(&arg, name, &mut iter)? {
                    parsed.values.push((long, value));
                    continue 'next;
                }
            }
        }
        return Err(Failure::Usage(format!("unknown option {arg:?}")));
    }
    Ok(parsed)
}

fn cmd_help(command: Command) -> Outcome {
    let text = match command.args.first().map(String::as_str) {
        None => MAIN_HELP,
        Some("call") => CALL_HELP,
        Some("label") => LABEL_HELP,
        Some("operations") => OPERATIONS_HELP,
        Some("sandbox") => SANDBOX_HELP,
        Some("version") => VERSION_HELP,
        Some("help") => MAIN_HELP,
        Some(other) => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    };
    print_text(text)
}

fn cmd_version(command: Command) -> Outcome {
    let parsed = parse(command.args, &[], &[])?;
    if parsed.help {
        return print_text(VERSION_HELP);
    }
    no_positionals(&parsed, "version")?;
    print_line(&format!("bts {}", bts::VERSION))
}

fn cmd_operations(command: Command) -> Outcome {
    let parsed = parse(command.args, &[], &[])?;
    if parsed.help {
        return print_text(OPERATIONS_HELP);
    }
    no_positionals(&parsed, "operations")?;
    print_line(&bts::operations_json())
}

fn cmd_call(command: Command) -> Outcome {
    let parsed = parse(command.args, &["--envelope"], &[("--config", "--config")])?;
    if parsed.help {
        return print_text(CALL_HELP);
    }
    let (operation, params) = match parsed.positionals.as_slice() {
        [op] => (op.as_str(), None),
        [op, params] => (op.as_str(), Some(params.as_str())),
        [] => return Err(Failure::Usage("call needs an OPERATION".into())),
        _ => {
            return Err(Failure::Usage(
                "call takes OPERATION and at most one PARAMS argument (quote the JSON)".into(),
            ))
        }
    };
    let envelope = parsed.flags.contains(&"--envelope");
    let config = parsed
        .value("--config")
        .map(str::to_owned)
        .or(command.config);
    let result = read_params(params).and_then(|params| {
        let client = client(config.as_deref())?;
        client.call_json(operation, &params)
    });
    match (result, envelope) {
        (Ok(data), false) => print_line(&one_line(&data)),
        (Ok(data), true) => print_line(&bts::ok_envelope(&one_line(&data))),
        (Err(e), false) => Err(Failure::Api(e)),
        (Err(e), true) => {
            print_line(&e.to_envelope())?;
            Err(Failure::Quiet(exit_code(e.kind())))
        }
    }
}

fn cmd_label(command: Command) -> Outcome {
    let parsed = parse(
        command.args,
        &[],
        &[("-o", "--output"), ("--config", "--config")],
    )?;
    if parsed.help {
        return print_text(LABEL_HELP);
    }
    let order_id = match parsed.positionals.as_slice() {
        [id] => id.as_str(),
        [] => return Err(Failure::Usage("label needs an ORDER_ID".into())),
        _ => return Err(Failure::Usage("label takes one ORDER_ID".into())),
    };
    let order_id: u64 = order_id.parse().map_err(|_| {
        Failure::Usage(format!("ORDER_ID must be a whole number, not {order_id:?}"))
    })?;
    let file = parsed
        .value("--output")
        .ok_or_else(|| Failure::Usage("label needs -o FILE".into()))?
        .to_owned();
    let config = parsed
        .value("--config")
        .map(str::to_owned)
        .or(command.config);
    let client = client(config.as_deref())?;
    let params = format!("{{\"orderId\":{order_id}}}");
    let data = client.call_json("order/detail", &params)?;
    let label = label_of(&data)?;
    let bytes = bts::save_label(&label, &file)?;
    // Written by hand to keep the documented key order (serde_json sorts keys).
    print_line(&format!(
        "{{\"orderId\":{order_id},\"file\":{},\"bytes\":{bytes}}}",
        Value::String(file)
    ))
}

fn cmd_sandbox(command: Command) -> Outcome {
    let parsed = parse(command.args, &[], &[("--listen", "--listen")])?;
    if parsed.help {
        return print_text(SANDBOX_HELP);
    }
    no_positionals(&parsed, "sandbox")?;
    let listen = parsed.value("--listen").unwrap_or("127.0.0.1:0");
    let sandbox = bts_sandbox::Sandbox::start_on(listen).map_err(|e| {
        Error::new(
            ErrorKind::Network,
            format!("the sandbox could not listen on {listen}: {e}"),
        )
    })?;
    print_line(&sandbox_line(&sandbox))?;
    // Serve until killed: the sandbox's threads answer; this one only keeps it alive.
    loop {
        std::thread::park();
    }
}

/// The sandbox's announcement, the same line the `bts-sandbox` binary prints:
/// `{"base_url","wms_base_url","accounts","config"}`. The accounts are the sandbox's own public
/// test accounts, not credentials.
fn sandbox_line(sandbox: &bts_sandbox::Sandbox) -> String {
    let quote = |s: String| Value::String(s).to_string();
    format!(
        "{{\"base_url\":{},\"wms_base_url\":{},\"accounts\":{},\"config\":{}}}",
        quote(sandbox.base_url()),
        quote(sandbox.wms_base_url()),
        bts_sandbox::accounts_json(),
        sandbox.config_json()
    )
}

fn no_positionals(parsed: &Parsed, command: &str) -> Outcome {
    match parsed.positionals.first() {
        None => Ok(()),
        Some(extra) => Err(Failure::Usage(format!(
            "{command} takes no argument (got {extra:?})"
        ))),
    }
}

/// The parameters text: literal JSON, `@FILE`, `-` for stdin, or `{}` when absent.
fn read_params(arg: Option<&str>) -> Result<String, Error> {
    match arg {
        None => Ok("{}".to_owned()),
        Some("-") => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::invalid_input(format!("could not read stdin: {e}")))?;
            Ok(text)
        }
        Some(arg) => match arg.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| Error::invalid_input(format!("could not read {path}: {e}"))),
            None => Ok(arg.to_owned()),
        },
    }
}

/// The client from `--config FILE` and the `BTS_*` environment (the file wins).
fn client(config_file: Option<&str>) -> Result<Client, Error> {
    Client::new(load_config(config_file, |name| std::env::var(name).ok())?)
}

/// The configuration from the environment (read through `env`) overlaid by the file. Errors
/// name keys and files, never values.
fn load_config(
    config_file: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Config, Error> {
    let mut map = Map::new();
    for key in bts::CONFIG_KEYS {
        let var = format!("BTS_{}", key.to_ascii_uppercase());
        if let Some(value) = env(&var).filter(|v| !v.is_empty()) {
            map.insert((*key).to_owned(), Value::String(value));
        }
    }
    if let Some(path) = config_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid_input(format!("could not read the configuration file {path}: {e}"))
        })?;
        // Config::from_json checks the text; its messages carry positions, never values.
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
    Config::from_map(&map)
}

/// `labelEncode` of an order/detail answer (at the top, or under `data`).
fn label_of(data: &str) -> Result<String, Error> {
    let value: Value = serde_json::from_str(data)
        .map_err(|_| Error::new(ErrorKind::Decode, "order/detail: the response is not JSON"))?;
    let label = value
        .get("labelEncode")
        .or_else(|| value.get("data").and_then(|d| d.get("labelEncode")));
    match label {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(Error::new(
            ErrorKind::Decode,
            "order/detail: the order has no labelEncode",
        )),
    }
}

/// JSON text on one line: line breaks only ever stand between tokens (inside a JSON string they
/// are escaped), so dropping them keeps the text otherwise verbatim.
fn one_line(json: &str) -> String {
    if json.contains(['\n', '\r']) {
        json.replace(['\n', '\r'], "")
    } else {
        json.to_owned()
    }
}

fn print_line(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn print_text(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
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
            None,
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
        let err = load_config(None, env_of(&[("BTS_TIMEOUT_MS", "soon-secret")])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(error_line(&err).contains("timeout_ms"));
        assert!(!error_line(&err).contains("soon-secret"));
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
    fn one_line_drops_line_breaks_between_tokens_only() {
        assert_eq!(
            one_line("{\n  \"a\": \"x\\ny\"\r\n}"),
            "{  \"a\": \"x\\ny\"}"
        );
    }

    #[test]
    fn exit_codes_are_distinct_per_kind() {
        let kinds = [
            ErrorKind::InvalidInput,
            ErrorKind::Validation,
            ErrorKind::Auth,
            ErrorKind::Http,
            ErrorKind::Timeout,
            ErrorKind::Network,
            ErrorKind::Decode,
            ErrorKind::Internal,
        ];
        let codes: Vec<u8> = kinds.iter().map(|k| exit_code(*k)).collect();
        assert_eq!(codes, [2, 3, 4, 5, 6, 7, 8, 9]);
    }
}
