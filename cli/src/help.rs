//! Help texts. The commands' own are written here; everything about operations (the list in
//! `bts --help`, and `bts help OPERATION`) is generated from the library's table.

use std::fmt::Write as _;

use bts::{Endpoint, Operation, ParamType, Retry, Shape};

use crate::Failure;

const MAIN_HEAD: &str = "\
bts — the BTS Express (Uzbekistan) courier and WMS API from the command line

USAGE:
    bts [OPTIONS] OPERATION [PARAMS...]         call one operation (the list is below)
    bts [OPTIONS] call OPERATION [PARAMS...]    the same
    bts [OPTIONS] bulk OPERATION [--input FILE|-] [--journal PATH] [--parallel N]
    bts [OPTIONS] label ORDER_ID --output FILE
    bts [OPTIONS] sticker ORDER_ID... --output FILE
    bts [OPTIONS] webhook listen --port N [--key K] [--count N]
    bts operations
    bts sandbox [--listen ADDR]
    bts version
    bts help [COMMAND | OPERATION]              (or: bts COMMAND --help)

PARAMS:
    key=value ...   e.g. `bts order/detail orderId=229234`. A query parameter the operation
                    declares is typed by its declaration (integer or string); any other value
                    that reads as a JSON number, true, false or null becomes one, as written;
                    the rest are strings, and so are codes (city_code=3001, not statusCode),
                    phone numbers, inn, kpp, okpo, gtin, pinfl, barcode and clientId. key:=JSON takes raw JSON (key:='\"998901234567\"' for
                    a string of digits), key=@FILE the JSON in a file. sender.name=X builds
                    objects, items[0].name=Y arrays, ids[]=1 appends.
    JSON            one JSON object, '{\"orderId\":229234}', sent as written; key=value
                    arguments after it add to it or replace its members
    @FILE | -       the JSON object from a file or from stdin
                    (no parameters: {})

OPTIONS (operations):
    --config FILE   the configuration JSON object (see CONFIGURATION)
    --journal PATH  the create-once journal (the configuration key `journal`)
    --token-cache PATH
                    the token file shared by every run (the configuration key `token_cache`):
                    a shell loop or cron job logs in once, not once per command
    --all-pages     every page of a paginated list, as one array of items
    --output FILE   write the data to FILE instead (stdout gets {\"path\",\"bytes\"})
    --pretty        indent the JSON (keys keep their order, numbers their spelling)
    --envelope      print the envelope {\"ok\":true,\"data\":...} or {\"ok\":false,\"error\":{...}}
                    on stdout instead; the exit code still tells the error kind
    -h, --help      help (bts OPERATION --help: its routes and fields)

CONFIGURATION:
    --config FILE    a JSON object with the configuration keys below
    Otherwise, or in addition, the environment: each key as BTS_<KEY in capitals>:
";

const MAIN_TAIL: &str =
    "    An empty variable counts as unset. With both, a key in the --config file wins over its
    environment variable, and --journal and --token-cache win over both. Unknown keys in the file are an error.
    Passwords and tokens are never printed.

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
    10  conflict: the journal holds an attempt of this create with no reply yet

EXAMPLES:
    export BTS_USERNAME=shop BTS_PASSWORD=... BTS_INN=123456789
    bts order/calculate senderCityId=3 receiverCityId=3 weight=1
    bts order/add @order.json
    bts order/detail orderId=229234 --pretty
    bts wms/product/clients --all-pages --output products.json
    bts bulk order/add --input orders.ndjson --journal orders.journal > results.ndjson
    for id in 229234 229235; do bts order/detail orderId=$id --token-cache ~/.cache/bts-tokens.json; done
    bts label 229234 --output label.pdf
";

/// `bts --help`: the commands, then every operation of the table with its summary.
pub(crate) fn main() -> String {
    let mut text = MAIN_HEAD.to_owned();
    let vars: Vec<String> = bts::CONFIG_KEYS
        .iter()
        .map(|k| format!("BTS_{}", k.to_ascii_uppercase()))
        .collect();
    let mut line = String::from("       ");
    for var in vars {
        if line.len() + var.len() > 94 {
            text.push_str(line.trim_end_matches(','));
            text.push_str(",\n");
            line = String::from("       ");
        }
        let _ = write!(line, " {var},");
    }
    text.push_str(line.trim_end_matches(','));
    text.push('\n');
    text.push_str(MAIN_TAIL);
    text.push_str("\nOPERATIONS (bts help OPERATION for its routes and fields):\n");
    let width = bts::OPERATIONS
        .iter()
        .map(|op| op.name.len())
        .max()
        .unwrap_or(0);
    for op in bts::OPERATIONS {
        let _ = writeln!(text, "    {:width$}  {}", op.name, op.summary);
    }
    text
}

/// `bts help NAME`: a command's help or an operation's.
pub(crate) fn topic(name: &str) -> Result<String, Failure> {
    let text = match name {
        "help" => return Ok(main()),
        "call" => CALL,
        "bulk" => BULK,
        "label" => LABEL,
        "sticker" => STICKER,
        "webhook" => WEBHOOK,
        "operations" => OPERATIONS,
        "sandbox" => SANDBOX,
        "version" => VERSION,
        _ => match bts::operation(name) {
            Some(op) => return Ok(operation(op)),
            None => return Err(Failure::Usage(format!("unknown command {name:?}"))),
        },
    };
    Ok(text.to_owned())
}

/// An operation's help, from its declaration: summary, APIs, method and route per API, how
/// the parameters travel, required fields, query parameters, limits.
pub(crate) fn operation(op: &Operation) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "bts {} — {}\n", op.name, op.summary);
    let _ = writeln!(text, "USAGE:");
    let _ = writeln!(text, "    bts [OPTIONS] {} [key=value ...]", op.name);
    let _ = writeln!(text, "    bts [OPTIONS] {} [JSON | @FILE | -]", op.name);
    if op.endpoints.iter().any(|e| e.shape == Shape::List) {
        let _ = writeln!(text, "    bts [OPTIONS] {} --all-pages", op.name);
    }
    let _ = writeln!(
        text,
        "\nRETRY: {}",
        match op.retry {
            Retry::Safe => "safe (a read: retried on transient failures)",
            Retry::Unsafe => "unsafe (a write: never replayed once it may have reached BTS)",
        }
    );
    let _ = writeln!(text, "TYPED METHOD: {}", op.method_name);
    let apis: Vec<&str> = op.apis().map(|a| a.as_str()).collect();
    let _ = writeln!(text, "APIS: {}", apis.join(", "));
    for endpoint in op.endpoints {
        describe(&mut text, endpoint);
    }
    text.push_str(
        "\nPARAMETERS: key=value (typed as `bts --help` says), one JSON object, @FILE or -.\n\
         OPTIONS: --config FILE, --journal PATH, --output FILE, --pretty, --envelope",
    );
    if op.endpoints.iter().any(|e| e.shape == Shape::List) {
        text.push_str(", --all-pages");
    }
    text.push('\n');
    text
}

fn describe(text: &mut String, e: &Endpoint) {
    let route = match (e.wire, e.shape) {
        (Some(wire), _) => format!("{} {}", wire.method.as_str(), wire.route),
        (None, Shape::Raw) => "(method and route: the caller's)".to_owned(),
        (None, _) => "(no route: answered inside the library)".to_owned(),
    };
    let _ = writeln!(text, "\n  {}: {route}", e.api.as_str());
    let takes = match e.shape {
        Shape::Body => "the parameters object is the JSON body",
        Shape::BodyAndQuery(_) => {
            "the JSON body; the query parameters below also go to the query string"
        }
        Shape::Query(_) => "query parameters",
        Shape::List => "a paginated list: page=N, or --all-pages",
        Shape::Login => "no parameters (credentials come from the configuration)",
        Shape::Raw => "{service, method, route, query, body}",
        // Local, and the test-only shape of a build with the `test-panic` feature.
        _ => "nothing is sent; the library answers",
    };
    let _ = writeln!(text, "    takes: {takes}");
    if !e.required.is_empty() {
        wrapped(text, "    required: ", e.required);
    }
    if let Shape::Query(params) | Shape::BodyAndQuery(params) = e.shape {
        for p in params {
            let ty = match p.ty {
                ParamType::Integer => "integer",
                _ => "string",
            };
            let need = if p.required { "required" } else { "optional" };
            let wire = if p.wire == p.name {
                String::new()
            } else {
                format!(", sent as {}", p.wire)
            };
            let _ = writeln!(text, "    query parameter: {} ({ty}, {need}{wire})", p.name);
        }
    }
    for (member, most) in e.limits {
        let _ = writeln!(text, "    at most: {most} items in {member}");
    }
}

/// `head` then the items joined by commas, wrapped before 96 columns under the first item.
fn wrapped(text: &mut String, head: &str, items: &[&str]) {
    let indent = " ".repeat(head.len());
    let mut line = head.to_owned();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            (*item).to_owned()
        };
        if line.len() > indent.len() && line.len() + 1 + piece.len() > 96 {
            text.push_str(line.trim_end());
            text.push('\n');
            line = indent.clone();
        } else if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    text.push_str(&line);
    text.push('\n');
}

const CALL: &str = "\
bts call — call one BTS operation (the same as `bts OPERATION`)

USAGE:
    bts [OPTIONS] call OPERATION [key=value ... | JSON | @FILE | -]

See `bts --help` for PARAMS and OPTIONS, `bts help OPERATION` for one operation's routes and
fields, and `bts operations` for the table as JSON.

EXAMPLES:
    bts call order/calculate senderCityId=3 receiverCityId=3 weight=1
    bts call order/add @order.json
    bts call wms/product/clients --all-pages
";

const BULK: &str = "\
bts bulk — one operation over NDJSON: a result line per input line

USAGE:
    bts [OPTIONS] bulk OPERATION [--input FILE | -] [--output FILE] [--journal PATH] [--parallel N]

Reads one parameters object per line (from --input FILE, or stdin by default) and calls
OPERATION with each, one after the other, or N at a time with --parallel N (1 to 16). Writes
one line per input line, in input order, each as soon as it and every line before it are done
(so after a crash the output still says how far the run got):
    {\"line\":N,\"ok\":true,\"data\":...}   or   {\"line\":N,\"ok\":false,\"error\":{...}}
(N counts input lines from 1; blank lines are skipped and get no result line). A line that is
not a JSON object gets its own invalid_input error; the others still run.

With --journal PATH (the configuration key `journal`), every create that carries your own key
(clientId of order/add and international/add, order_id of wms/order/create) is written to the
journal before it is sent: run the same input again after a crash and what was created
answers its first reply again (\"replayed\":true), nothing is created twice.

OPTIONS:
    -i, --input FILE   the NDJSON input (- or none: stdin)
    -o, --output FILE  write the result lines to FILE instead of stdout
    --journal PATH     the create-once journal
    --token-cache PATH the token file shared by every run (one login for many runs)
    -j, --parallel N   run N lines at a time (1 to 16; default 1); every retry, login and
                       journal rule holds per line, and a Retry-After pauses them all
    --config FILE      the configuration (see `bts --help`)

Exit code: 0 when every line succeeded, else the code of the first failed line's kind.
";

const LABEL: &str = "\
bts label — save an order's shipping label to a file

USAGE:
    bts [OPTIONS] label ORDER_ID --output FILE

Legacy API: the label order/detail carries (labelEncode, base64). Current API: the order's
sticker (order/sticker). Writes the PDF to FILE (created or replaced) and prints one line of
JSON: {\"path\":\"...\",\"bytes\":N,\"source\":\"...\"}.

OPTIONS:
    -o, --output FILE   where to write the label (required)
    --config FILE       the configuration (see `bts --help`)

Exit codes as for operations; a label that is not base64 is 8 (decode).
";

const STICKER: &str = "\
bts sticker — save the stickers of one or more orders (current API) to one PDF

USAGE:
    bts [OPTIONS] sticker ORDER_ID... --output FILE

One order: order/sticker; several (at most 50): order/stickers, one PDF. Prints one line of
JSON: {\"path\":\"...\",\"bytes\":N,\"source\":\"...\"}.

OPTIONS:
    -o, --output FILE   where to write the PDF (required)
    --config FILE       the configuration (see `bts --help`)
";

const WEBHOOK: &str = "\
bts webhook listen — receive BTS's status notifications and print them, parsed

USAGE:
    bts [OPTIONS] webhook listen --port N [--key K] [--count N]

Listens on 127.0.0.1:N (0: a free port) and says where on stderr
(`bts: listening on http://127.0.0.1:PORT/`). Each POST is read by the operation webhook/parse
and printed on stdout as one JSON line: {\"orderId\",\"clientId\",\"barcode\",\"status\":{\"code\",
\"name\"},\"date\",\"payload\"}; BTS gets 200. With --key, a notification that does not carry that
key (itx-apiKey, x-api-key or a bearer token) gets 401 and one line on stderr; one that cannot be
read gets 400. Register the URL with webhook/config (behind a tunnel or proxy for BTS's servers).

OPTIONS:
    --port N     the port (required)
    --key K      the key registered with webhook/config (has_token, itx-apiKey)
    --count N    stop after N POSTs (default: serve until killed)
";

const OPERATIONS: &str = "\
bts operations — list every operation

USAGE:
    bts operations

Prints one JSON array, one object per operation: name, service, method, route, retry,
required, query, paginated, summary, method_name, apis, routes, endpoints. The same table
drives every command, the C ABI and every binding.
";

const SANDBOX: &str = "\
bts sandbox — run the offline BTS emulator

USAGE:
    bts sandbox [--listen ADDR]

Starts the sandbox (the legacy and current courier APIs and the WMS, with state and the
documented validation) and prints one JSON line: base_url, wms_base_url, current_base_url,
the test accounts, a ready client configuration (config, legacy API) and current_config (the
current API); then serves until killed (Ctrl-C).

OPTIONS:
    --listen ADDR   the address to listen on; defaults to 127.0.0.1:0 (a free port)

EXAMPLE:
    bts sandbox --listen 127.0.0.1:8080 | head -n1 | jq .config > sandbox.json
    bts --config sandbox.json order/calculate senderCityId=3 receiverCityId=3 weight=1
";

const VERSION: &str = "\
bts version — print the version

USAGE:
    bts version       (or: bts --version)
";
