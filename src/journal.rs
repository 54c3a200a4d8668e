//! Create once: the journal that keeps a create from making a second order.
//!
//! BTS has no idempotency key. With the configuration key `journal` (a file path), every create
//! that carries the caller's own key (a row of [`GUARDED`]) goes through
//! [`CreateOnce::create_once`]:
//!
//! 1. the key's lock is taken (other threads and processes creating the same key wait, at most
//!    until the call's deadline);
//! 2. the journal is read: a `done` entry answers its reply again ([`Replied::replayed`]) and
//!    nothing is sent; a `pending` one (an earlier attempt whose outcome is unknown) is looked up
//!    on the server where the API can, and otherwise refused as
//!    [`ErrorKind::Conflict`](crate::ErrorKind::Conflict), nothing sent;
//! 3. a `pending` line is written and `fsync`ed, then the request is sent;
//! 4. the outcome is written: `done` with the reply; `free` after a refusal read in full
//!    (validation, auth, another 4xx) or when nothing was sent; nothing more when the outcome
//!    is unknown (timeout, reset after sending, 5xx, a reply cut short): the entry stays
//!    `pending` until the caller settles it with `journal/forget`.
//!
//! The behaviour, the file format and the locks are described for users in `docs/journal.md`;
//! the file itself is [`store`].
//!
//! Longer than 600 lines: with its unit tests; the code itself is the first 544 lines.

mod store;

use std::time::Instant;

use serde_json::{Map, Value};

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::operations::{Api, Service};

pub(crate) use store::Journal;
use store::{EntryId, Event, State};

/// A create the journal guards: its operation and the parameters that may hold the caller's
/// own key (the first one present is used).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Guarded {
    /// The operation name.
    pub(crate) operation: &'static str,
    /// The key parameters, in order of preference.
    pub(crate) keys: &'static [&'static str],
    /// The service it is sent to (its account scopes the key).
    pub(crate) service: Service,
    /// How an attempt with an unknown outcome can be looked up on the server.
    pub(crate) lookup: Lookup,
}

/// How a create whose outcome is unknown can be looked up on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// It cannot: the caller settles it.
    None,
    /// The current courier API's `order/list` (`beginDate`, `endDate`), matched on `clientId`.
    CourierOrderList,
}

/// The creates the journal guards. `international/add` has no `clientId` in the documented
/// body; its `ParcelNumber` (unique per parcel) is the key when `clientId` is absent.
pub(crate) const GUARDED: &[Guarded] = &[
    Guarded {
        operation: "order/add",
        keys: &["clientId"],
        service: Service::Courier,
        lookup: Lookup::CourierOrderList,
    },
    Guarded {
        operation: "international/add",
        keys: &["clientId", "ParcelNumber"],
        service: Service::Courier,
        lookup: Lookup::None,
    },
    Guarded {
        operation: "wms/order/create",
        keys: &["order_id"],
        service: Service::Wms,
        lookup: Lookup::None,
    },
];

/// The row of [`GUARDED`] for an operation name.
pub(crate) fn guarded(operation: &str) -> Option<&'static Guarded> {
    GUARDED.iter().find(|g| g.operation == operation)
}

/// A successful answer, and whether it came from the journal instead of the server.
///
/// ```
/// let fresh = bts::Replied { data: "{\"orderId\":1}".into(), replayed: false };
/// assert_eq!(fresh.into_envelope(), r#"{"ok":true,"data":{"orderId":1}}"#);
/// let again = bts::Replied { data: "{\"orderId\":1}".into(), replayed: true };
/// assert_eq!(again.into_envelope(), r#"{"ok":true,"replayed":true,"data":{"orderId":1}}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replied {
    /// The server's JSON text: for a replay, the reply the first attempt got, byte for byte.
    pub data: String,
    /// True when nothing was sent: the journal answered a create it already holds as done.
    pub replayed: bool,
}

impl Replied {
    /// The success envelope: `{"ok":true,"data":...}`, or `{"ok":true,"replayed":true,
    /// "data":...}` for a replay. Built in the data's own buffer.
    pub fn into_envelope(self) -> String {
        let head = self.head();
        let mut data = self.data;
        data.reserve(head.len() + 1);
        data.insert_str(0, head);
        data.push('}');
        data
    }

    /// The head of its envelope, before `data`: `{"ok":true,"data":` or, for a replay,
    /// `{"ok":true,"replayed":true,"data":`.
    pub(crate) fn head(&self) -> &'static str {
        if self.replayed {
            "{\"ok\":true,\"replayed\":true,\"data\":"
        } else {
            crate::error::OK_HEAD
        }
    }
}

/// What a finished send means for its entry.
enum Settled {
    Done(String),
    Free(String),
    Unknown,
}

/// What the server says about an attempt whose outcome was unknown.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// The order exists: its JSON as the server lists it.
    Order(String),
    /// The server's list is complete for the attempt's dates and the key is not in it.
    Absent,
    /// No answer either way.
    Unknown,
}

/// How the journal asks the server about an attempt whose outcome it does not know: an
/// operation by name with its parameters as JSON text, answered with the server's `data` as
/// JSON text. The client implements it; the journal knows no more of the client than this.
pub(crate) trait Server {
    /// Calls `operation` with `params_json`, as [`Client::call_json`](crate::Client::call_json).
    fn call_json(&self, operation: &str, params_json: &str) -> Result<String, Error>;
}

/// The journal as one client uses it: the file (none when the configuration names none), the
/// client's configuration (its accounts scope the keys), and the [`Server`] to look orders up.
#[derive(Clone, Copy)]
pub(crate) struct CreateOnce<'a> {
    /// The journal file, when the configuration key `journal` names one.
    pub(crate) store: Option<&'a Journal>,
    /// The client's configuration.
    pub(crate) config: &'a Config,
    /// Where pending attempts are looked up.
    pub(crate) server: &'a dyn Server,
}

impl CreateOnce<'_> {
    /// Settles `key` for every guarded create of the client's accounts (see
    /// [`Client::journal_forget`](crate::Client::journal_forget)): the operations whose entry
    /// was forgotten.
    pub(crate) fn forget_key(&self, key: &str, deadline: Instant) -> Result<Vec<String>, Error> {
        self.forget(key, None, deadline).map(|gone| {
            gone.into_iter()
                .map(|(op, _)| op.to_owned())
                .collect::<Vec<_>>()
        })
    }

    /// The journal hook at the top of the call path. Handles `journal/forget`; sends a guarded
    /// create through the journal; hands everything else to `send` unchanged.
    pub(crate) fn create_once(
        &self,
        operation: &str,
        params_json: &str,
        deadline: Instant,
        send: impl FnOnce() -> Result<String, Error>,
    ) -> Result<Replied, Error> {
        let fresh = |text| Replied {
            data: text,
            replayed: false,
        };
        let (Some(journal), Some(guard)) = (self.store, guarded(operation)) else {
            return send().map(fresh);
        };
        // Only a journaled create reads its parameters here; parameters that are not an
        // object go on to `send`, which refuses them.
        let Ok(params) = serde_json::from_str::<Map<String, Value>>(params_json) else {
            return send().map(fresh);
        };
        let Some((field, key)) = caller_key(guard, &params) else {
            return send().map(fresh);
        };
        let id = EntryId {
            op: guard.operation.to_owned(),
            account: self.account(guard.service),
            key,
        };
        let Some(_key_lock) = journal.lock_key(&id, deadline)? else {
            return Err(in_progress(guard, field, &id.key));
        };
        if let Some(entry) = journal.lookup(&id, deadline)? {
            match entry.state {
                State::Done => {
                    return Ok(Replied {
                        data: entry.reply.unwrap_or_else(|| "null".to_owned()),
                        replayed: true,
                    })
                }
                _ => match self.reconcile(guard, &id.key, &entry) {
                    Found::Order(order) => {
                        let mut done = Event::new(&id, State::Done, &entry.attempt);
                        done.note = Some(format!("found by {}", lookup_name(guard.lookup)));
                        done.reply = Some(order.clone());
                        journal.record(&done, deadline)?;
                        return Ok(Replied {
                            data: order,
                            replayed: true,
                        });
                    }
                    Found::Absent => {
                        let mut free = Event::new(&id, State::Free, &entry.attempt);
                        free.note = Some(format!("not found by {}", lookup_name(guard.lookup)));
                        journal.record(&free, deadline)?;
                    }
                    Found::Unknown => return Err(unknown_outcome(guard, field, &id.key, &entry)),
                },
            }
        }
        let attempt = store::attempt_id();
        journal.record(&Event::new(&id, State::Pending, &attempt), deadline)?;
        let result = send();
        let settled = match &result {
            Ok(text) => Settled::Done(text.trim_start().to_owned()),
            Err(error) => settle_error(error),
        };
        // The reply goes back to the caller even when its outcome cannot be written: the entry
        // then stays pending, and the next create with this key is refused, never sent twice.
        let _ = match settled {
            Settled::Done(reply) => {
                let mut done = Event::new(&id, State::Done, &attempt);
                done.reply = Some(reply);
                journal.record(&done, deadline_or_soon(deadline))
            }
            Settled::Free(note) => {
                let mut free = Event::new(&id, State::Free, &attempt);
                free.note = Some(note);
                journal.record(&free, deadline_or_soon(deadline))
            }
            Settled::Unknown => Ok(()),
        };
        result.map(fresh)
    }

    /// `journal/forget` with its parameters: `{"key": ..., "operation": ...}` (`operation`
    /// optional). Answers `{"key":...,"forgotten":[{"operation","state","since"}]}`.
    pub(crate) fn forget_operation(
        &self,
        params: &Map<String, Value>,
        deadline: Instant,
    ) -> Result<String, Error> {
        let key = match params.get("key") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                return Err(Error::invalid_input(
                    "journal/forget: key is required (the clientId or order_id to settle)",
                )
                .with_fields([("key", vec!["required: a non-empty string".to_owned()])]))
            }
        };
        let only = match params.get("operation") {
            None | Some(Value::Null) => None,
            Some(Value::String(op)) if guarded(op).is_some() => guarded(op),
            Some(_) => {
                let names: Vec<&str> = GUARDED.iter().map(|g| g.operation).collect();
                return Err(Error::invalid_input(format!(
                    "journal/forget: operation must be one of {}",
                    names.join(", ")
                ))
                .with_fields([("operation", vec![format!("one of {}", names.join(", "))])]));
            }
        };
        let gone = self.forget(&key, only, deadline)?;
        let forgotten: Vec<Value> = gone
            .into_iter()
            .map(|(op, entry)| {
                serde_json::json!({"operation": op, "state": entry.state.as_str(), "since": entry.at})
            })
            .collect();
        Ok(serde_json::json!({"key": key, "forgotten": forgotten}).to_string())
    }

    fn forget(
        &self,
        key: &str,
        only: Option<&Guarded>,
        deadline: Instant,
    ) -> Result<Vec<(&'static str, Event)>, Error> {
        let Some(journal) = self.store else {
            return Err(Error::invalid_input(
                "journal/forget needs a journal: set the configuration key journal to a file path",
            )
            .with_fields([("journal", vec!["not configured".to_owned()])]));
        };
        let mut gone = Vec::new();
        for guard in GUARDED
            .iter()
            .filter(|g| only.is_none_or(|o| o.operation == g.operation))
        {
            let id = EntryId {
                op: guard.operation.to_owned(),
                account: self.account(guard.service),
                key: key.to_owned(),
            };
            let Some(_lock) = journal.lock_key(&id, deadline)? else {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "journal/forget: a {} with key {key:?} is being sent right now; wait for it to end and call again",
                        guard.operation
                    ),
                ));
            };
            if let Some(entry) = journal.lookup(&id, deadline)? {
                let mut event = Event::new(&id, State::Forgotten, &entry.attempt);
                event.note = Some(format!(
                    "journal/forget of a {} entry",
                    entry.state.as_str()
                ));
                journal.record(&event, deadline)?;
                gone.push((guard.operation, entry));
            }
        }
        Ok(gone)
    }

    /// Whether this client can look an unknown outcome up with `lookup`. Only the current
    /// courier API has `order/list`; until the client speaks it, nothing can be looked up.
    pub(crate) fn can_look_up(&self, lookup: Lookup) -> bool {
        match lookup {
            Lookup::None => false,
            Lookup::CourierOrderList => self.config.courier_api == Api::Current,
        }
    }

    /// Asks the server about a pending attempt.
    fn reconcile(&self, guard: &Guarded, key: &str, entry: &Event) -> Found {
        if !self.can_look_up(guard.lookup) {
            return Found::Unknown;
        }
        let since = crate::time::parse_iso(&entry.at).unwrap_or_else(crate::time::now_ms);
        reconcile_with(guard.lookup, key, since, |op, params| {
            self.server.call_json(op, params)
        })
    }

    /// The account a key belongs to: the service's base URL and login.
    fn account(&self, service: Service) -> String {
        let c = self.config;
        match service {
            Service::Courier => {
                let who = if c.courier_api == Api::Current {
                    &c.login
                } else if c.inn.is_empty() {
                    &c.username
                } else {
                    &c.inn
                };
                format!("{}#{who}", c.base_url)
            }
            Service::Wms | Service::Local => format!("{}#{}", c.wms_base_url, c.wms_login),
        }
    }
}

/// Looks `key` up through `call` (an operation name and its parameters as JSON text), for an
/// attempt made at `since_ms`.
pub(crate) fn reconcile_with(
    lookup: Lookup,
    key: &str,
    since_ms: u64,
    call: impl FnOnce(&str, &str) -> Result<String, Error>,
) -> Found {
    match lookup {
        Lookup::None => Found::Unknown,
        Lookup::CourierOrderList => {
            // BTS dates are Tashkent dates (UTC+5); a day either side covers clocks and
            // midnight.
            const DAY: u64 = 86_400_000;
            let params = serde_json::json!({
                "beginDate": crate::time::date(since_ms.saturating_sub(DAY), 5),
                "endDate": crate::time::date(since_ms + DAY, 5),
            });
            match call("order/list", &params.to_string()) {
                Ok(text) => find_in_list(&text, "clientId", key),
                Err(_) => Found::Unknown,
            }
        }
    }
}

/// Finds the order whose `field` is `key` in an `order/list` answer: a bare array of orders,
/// or an object holding one (`items`, `orders`, `list`, `data`). A list that says it has more
/// pages, or a shape not recognised, proves nothing: [`Found::Unknown`].
pub(crate) fn find_in_list(text: &str, field: &str, key: &str) -> Found {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Found::Unknown;
    };
    let (items, more) = match &value {
        Value::Array(items) => (items, false),
        Value::Object(map) => {
            let Some(items) = ["items", "orders", "list", "data"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_array))
            else {
                return Found::Unknown;
            };
            (items, has_more_pages(map))
        }
        _ => return Found::Unknown,
    };
    let matches = |item: &Value| match item.get(field) {
        Some(Value::String(s)) => s == key,
        Some(Value::Number(n)) => n.to_string() == key,
        _ => false,
    };
    match items.iter().find(|item| matches(item)) {
        Some(order) => Found::Order(order.to_string()),
        None if more => Found::Unknown,
        None => Found::Absent,
    }
}

/// Whether a list object says there are pages after this one (`_meta` as Yii2 writes it, or
/// `next_page_url`/`links.next` as Laravel does).
fn has_more_pages(map: &Map<String, Value>) -> bool {
    let meta = map
        .get("_meta")
        .or_else(|| map.get("meta"))
        .and_then(Value::as_object)
        .unwrap_or(map);
    let num = |k: &str| {
        meta.get(k)
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
    };
    let paged = matches!(
        (num("currentPage").or(num("current_page")), num("pageCount").or(num("last_page"))),
        (Some(page), Some(count)) if page < count
    );
    let next = |v: Option<&Value>| v.is_some_and(|v| !v.is_null());
    paged || next(map.get("next_page_url")) || next(map.get("links").and_then(|l| l.get("next")))
}

/// The caller's key for a guarded create: the first key parameter that is a non-empty string
/// or a number (as written). None: the create is sent without the journal.
fn caller_key(guard: &Guarded, params: &Map<String, Value>) -> Option<(&'static str, String)> {
    guard
        .keys
        .iter()
        .find_map(|field| match params.get(*field) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some((*field, s.clone())),
            Some(Value::Number(n)) => Some((*field, n.to_string())),
            _ => None,
        })
}

/// What a failed send means: a refusal read in full, or nothing sent, frees the key; anything
/// that may have created the order leaves it pending.
fn settle_error(error: &Error) -> Settled {
    let status = error.status();
    let with_status = |what: &str| match status {
        Some(s) => format!("{what} (HTTP {s})"),
        None => what.to_owned(),
    };
    if !error.may_have_reached_server() {
        return Settled::Free(format!("not sent: {}", error.kind()));
    }
    match error.kind() {
        ErrorKind::Validation | ErrorKind::Auth | ErrorKind::InvalidInput => {
            Settled::Free(with_status(error.kind().as_str()))
        }
        // A 4xx is a refusal; a 5xx may come after the server did the work.
        ErrorKind::Http if status.is_some_and(|s| (400..500).contains(&s)) => {
            Settled::Free(with_status("http"))
        }
        _ => Settled::Unknown,
    }
}

/// Writing an outcome gets at least a second even when the call's deadline has passed: the
/// reply is in hand, and a lost outcome makes the next create a conflict.
fn deadline_or_soon(deadline: Instant) -> Instant {
    deadline.max(Instant::now() + std::time::Duration::from_secs(1))
}

fn lookup_name(lookup: Lookup) -> &'static str {
    match lookup {
        Lookup::None => "nothing",
        Lookup::CourierOrderList => "order/list",
    }
}

/// The conflict for a key whose earlier attempt has no complete reply.
fn unknown_outcome(guard: &Guarded, field: &str, key: &str, entry: &Event) -> Error {
    let how = match guard.lookup {
        Lookup::CourierOrderList => "order/list, order/detail or the BTS cabinet",
        Lookup::None if guard.service == Service::Wms => "the WMS order list or cabinet",
        Lookup::None => "track-by-barcode or the BTS cabinet",
    };
    Error::new(
        ErrorKind::Conflict,
        format!(
            "{}: an earlier attempt with {field} {key:?} (started {}) may have reached BTS and its outcome is unknown, so nothing was sent; look the order up ({how}): if it exists, do not create it again; if it does not, call journal/forget with {{\"key\": {}}} and create it again",
            guard.operation,
            entry.at,
            serde_json::to_string(key).unwrap_or_default()
        ),
    )
    .with_fields([(
        field,
        vec![format!("pending in the journal since {}", entry.at)],
    )])
}

/// The conflict for a key another caller is sending right now.
fn in_progress(guard: &Guarded, field: &str, key: &str) -> Error {
    Error::new(
        ErrorKind::Conflict,
        format!(
            "{}: another call with {field} {key:?} (or with a key that shares its lock) was still being sent when this call's timeout ran out, so nothing was sent; call again to get its outcome (do not forget the key)",
            guard.operation
        ),
    )
    .with_fields([(field, vec!["being sent by another call".to_owned()])])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(iso: &str) -> u64 {
        crate::time::parse_iso(iso).unwrap()
    }

    #[test]
    fn reconciliation_asks_order_list_around_the_attempt_and_matches_client_id() {
        let mut asked = None;
        let found = reconcile_with(
            Lookup::CourierOrderList,
            "SHOP-1042",
            ms("2026-01-05T20:30:00Z"),
            |op, params| {
                asked = Some((op.to_owned(), params.to_owned()));
                Ok(r#"[{"orderId":1,"clientId":"SHOP-1041"},{"orderId":5000001,"clientId":"SHOP-1042","barcode":"019915000001"}]"#.to_owned())
            },
        );
        assert_eq!(
            found,
            Found::Order(
                r#"{"barcode":"019915000001","clientId":"SHOP-1042","orderId":5000001}"#.to_owned()
            )
        );
        let (op, params) = asked.unwrap();
        assert_eq!(op, "order/list");
        // 20:30 UTC is 01:30 on the 6th in Tashkent: a day either side.
        assert_eq!(
            params,
            r#"{"beginDate":"2026-01-05","endDate":"2026-01-07"}"#
        );
    }

    #[test]
    fn reconciliation_absent_only_when_the_list_is_complete() {
        let at = ms("2026-01-05T09:00:00Z");
        let ask = |reply: &'static str| {
            reconcile_with(Lookup::CourierOrderList, "K", at, move |_, _| {
                Ok(reply.to_owned())
            })
        };
        assert_eq!(ask(r#"[{"clientId":"other"}]"#), Found::Absent);
        assert_eq!(ask(r#"[]"#), Found::Absent);
        assert_eq!(
            ask(r#"{"items":[{"clientId":"x"}],"_meta":{"currentPage":1,"pageCount":1}}"#),
            Found::Absent
        );
        assert_eq!(
            ask(r#"{"items":[{"clientId":"x"}],"_meta":{"currentPage":1,"pageCount":3}}"#),
            Found::Unknown
        );
        assert_eq!(
            ask(r#"{"data":[],"next_page_url":"https://x/?page=2"}"#),
            Found::Unknown
        );
        assert_eq!(
            ask(r#"{"orders":[{"clientId":"K","orderId":9}]}"#),
            Found::Order(r#"{"clientId":"K","orderId":9}"#.into())
        );
        assert_eq!(ask(r#"{"something":"else"}"#), Found::Unknown);
        assert_eq!(ask("not json"), Found::Unknown);
        let failed = reconcile_with(Lookup::CourierOrderList, "K", at, |_, _| {
            Err(Error::new(ErrorKind::Timeout, "slow"))
        });
        assert_eq!(failed, Found::Unknown);
        let never = reconcile_with(Lookup::None, "K", at, |_, _| panic!("must not ask"));
        assert_eq!(never, Found::Unknown);
    }

    #[test]
    fn numeric_keys_match_as_written() {
        assert_eq!(
            find_in_list(r#"[{"clientId":1042}]"#, "clientId", "1042"),
            Found::Order(r#"{"clientId":1042}"#.into())
        );
    }

    #[test]
    fn refusals_read_in_full_free_the_key_unknown_outcomes_do_not() {
        let free = |e: Error| matches!(settle_error(&e), Settled::Free(_));
        let body = |e: Error, status| e.with_status(status).with_body(b"{}");
        assert!(free(body(Error::new(ErrorKind::Validation, "v"), 422)));
        assert!(free(body(Error::new(ErrorKind::Auth, "a"), 401)));
        assert!(free(body(Error::new(ErrorKind::Http, "h"), 404)));
        assert!(free(
            Error::new(ErrorKind::Network, "refused").with_sent(false)
        ));
        assert!(free(Error::invalid_input("bad")));
        assert!(!free(body(Error::new(ErrorKind::Http, "h"), 500)));
        assert!(!free(body(Error::new(ErrorKind::Http, "h"), 502)));
        assert!(!free(Error::new(ErrorKind::Timeout, "t").with_sent(true)));
        assert!(!free(
            Error::new(ErrorKind::Network, "reset").with_sent(true)
        ));
        assert!(!free(body(Error::new(ErrorKind::Decode, "cut"), 200)));
    }

    #[test]
    fn keys_come_from_the_table() {
        let params = |v: Value| v.as_object().unwrap().clone();
        let order = guarded("order/add").unwrap();
        assert_eq!(
            caller_key(order, &params(serde_json::json!({"clientId": "A-1"}))),
            Some(("clientId", "A-1".to_owned()))
        );
        assert_eq!(
            caller_key(order, &params(serde_json::json!({"clientId": ""}))),
            None
        );
        assert_eq!(
            caller_key(order, &params(serde_json::json!({"clientId": null}))),
            None
        );
        let parcel = guarded("international/add").unwrap();
        assert_eq!(
            caller_key(
                parcel,
                &params(serde_json::json!({"ParcelNumber": "366489851"}))
            ),
            Some(("ParcelNumber", "366489851".to_owned()))
        );
        let wms = guarded("wms/order/create").unwrap();
        assert_eq!(
            caller_key(wms, &params(serde_json::json!({"order_id": 880145}))),
            Some(("order_id", "880145".to_owned()))
        );
        assert!(guarded("order/edit").is_none());
    }
}
