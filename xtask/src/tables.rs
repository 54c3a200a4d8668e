//! The operation tables of `README.md` and `docs/README.md`, from the operation table.

use std::fmt::Write as _;

use bts::{Api, Endpoint, Method, Operation, Retry, Shape, OPERATIONS};

use crate::bindings::{apis, takes, Takes};

/// Whether `op` is public (not a test-only row): the table's own flag.
pub(crate) fn public(op: &Operation) -> bool {
    op.public
}

/// The README's table: every public operation, its APIs, method, retry rule, parameters and
/// summary.
pub(crate) fn readme_table() -> String {
    let mut out = String::new();
    out.push_str("| operation | APIs | method | retried | parameters | what it does |\n|---|---|---|---|---|---|\n");
    for op in OPERATIONS.iter().filter(|op| public(op)) {
        let methods: Vec<&str> = {
            let mut m: Vec<&str> = op
                .endpoints
                .iter()
                .map(|e| e.method().map_or("none", |m| m.as_str()))
                .collect();
            m.dedup();
            m
        };
        let params = match takes(op) {
            _ if op.shape() == Shape::Raw => {
                "`service`, `method`, `route`, `query`, `body`".to_owned()
            }
            Takes::Body(_) => {
                let required = op.required();
                if required.is_empty() {
                    "body".to_owned()
                } else {
                    let names: Vec<String> = required.iter().map(|r| format!("`{r}`")).collect();
                    format!("body; required {}", names.join(", "))
                }
            }
            Takes::Args(args) if args.is_empty() => "none".to_owned(),
            Takes::Args(args) => {
                let names: Vec<String> = args
                    .iter()
                    .map(|(q, required)| {
                        format!("`{}`{}", q.name, if *required { "" } else { " (optional)" })
                    })
                    .collect();
                names.join(", ")
            }
            Takes::List => "`page` or `all_pages`".to_owned(),
            Takes::Nothing => "none".to_owned(),
        };
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            op.name,
            apis(op),
            if op.shape() == Shape::Raw {
                "any".to_owned()
            } else {
                methods.join(", ")
            },
            match (op.retry, op.shape()) {
                (_, Shape::Raw) => "GET only",
                _ if *op == bts::ops::BATCH => "per call",
                (Retry::Safe, _) => "yes",
                (Retry::Unsafe, _) => "never",
            },
            params.replace('|', "\\|"),
            op.summary.replace('|', "\\|"),
        )
        .unwrap();
    }
    out
}

/// The query string an endpoint's route takes, as the docs write it: `&id=` on the legacy API
/// (whose route is itself a query parameter), `?orderId=` elsewhere. Yii2's paging parameters
/// (`page`, `per-page`) are left out: every current-API list takes them.
fn query_suffix(e: &Endpoint) -> String {
    let params = match e.shape {
        Shape::Query(q) | Shape::BodyAndQuery(q) => q,
        _ => &[],
    };
    let names: Vec<String> = params
        .iter()
        .filter(|q| !matches!(q.wire, "page" | "per-page"))
        .map(|q| format!("{}=", q.wire))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let first = if e.api == Api::Legacy { '&' } else { '?' };
    format!("{first}{}", names.join("&"))
}

/// One cell of the docs' table: how `op` goes on the wire on one API.
fn wire_cell(e: &Endpoint) -> String {
    match e.shape {
        Shape::Raw => "any route".to_owned(),
        Shape::Local(_) => "answered by bts, no route of its own".to_owned(),
        _ if e.wire.is_none() => "no route of its own".to_owned(),
        Shape::List => format!(
            "{} `{}` (`page` or `all_pages`)",
            e.method().map_or("", |m| m.as_str()),
            e.route().unwrap_or_default()
        ),
        _ => {
            let mut cell = format!(
                "{} `{}{}`",
                e.method().map_or("", |m| m.as_str()),
                e.route().unwrap_or_default(),
                query_suffix(e)
            );
            for (member, most) in e.limits {
                write!(cell, " (`{member}`, ≤ {most})").unwrap();
            }
            if e.method() == Some(Method::Get) && matches!(e.shape, Shape::Body) {
                cell.push_str(" with a JSON body");
            }
            cell
        }
    }
}

/// The table of `docs/README.md`: every public operation's route on each API and its retry
/// rule.
pub(crate) fn docs_table() -> String {
    let mut out = String::from(
        "| operation | legacy (`?r=`) | current | WMS / local | retried |\n|---|---|---|---|---|\n",
    );
    for op in OPERATIONS.iter().filter(|op| public(op)) {
        // A courier operation missing on one courier API is marked "—"; other columns of an
        // operation that has no endpoint there stay empty.
        let cell = |apis: &[Api]| -> String {
            let found = op.endpoints.iter().find(|e| apis.contains(&e.api));
            let courier_column = apis.contains(&Api::Legacy) || apis.contains(&Api::Current);
            match found {
                Some(e) => format!(" {} ", wire_cell(e)),
                None if courier_column && op.service == bts::Service::Courier => " — ".to_owned(),
                None => " ".to_owned(),
            }
        };
        let retried = match (op.shape(), op.retry) {
            (Shape::Raw, _) => "GET only",
            (Shape::Local(_), _) => "—",
            (_, Retry::Safe) => "yes",
            (_, Retry::Unsafe) => "never",
        };
        writeln!(
            out,
            "| `{}` |{}|{}|{}| {} |",
            op.name,
            cell(&[Api::Legacy]),
            cell(&[Api::Current]),
            cell(&[Api::Wms, Api::Local]),
            retried
        )
        .unwrap();
    }
    out
}

/// The 1C add-in README's table of named methods, as the add-in makes them (with a blank line
/// after its opening marker and before its closing one).
pub(crate) fn onec_table() -> String {
    let mut out =
        String::from("\n| English | Русский | operation | what it does |\n|---|---|---|---|\n");
    for def in bts_1c::addin::methods() {
        if let Some(op) = def.operation() {
            writeln!(
                out,
                "| `{}(paramsJson)` | `{}(ПараметрыJSON)` | `{}` | {} |",
                def.name(0),
                def.name(1),
                op.name,
                op.summary.replace('|', "\\|")
            )
            .unwrap();
        }
    }
    out.push('\n');
    out
}
