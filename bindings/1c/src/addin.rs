//! The `BTS` object: its method and property tables and their handlers.
//!
//! The method table is made once, at the first use, from two sources: the fixed methods
//! (`Configure`, `Call`, `Operations`, `Version`, `LabelPdf`, `StatusLabel`, `Statuses`,
//! `ExecuteBatch`) and one named method per operation of [`bts::OPERATIONS`] (every one but the
//! `raw` escape hatch, which `Call` covers, `batch`, which `ExecuteBatch` covers, and test-only
//! rows), so an operation added to the library is a method of the add-in without an edit here.
//! Its names come from [`names`](crate::names): `OrderAdd` /
//! `ЗаказДобавить`. 1C asks for names by number (`GetMethodName(n, 0)` English,
//! `GetMethodName(n, 1)` Russian) and looks methods up by the name written in BSL, which
//! [`Bts::find_method`](addin1c::RawAddin::find_method) matches in either language, ignoring
//! case.
//!
//! Every envelope comes from the library ([`Client::call_envelope`], or [`Error::to_envelope`]
//! for an error found before a call); the add-in only reads its `ok` and `error` to set
//! `LastError`.
//!
//! Every handler runs inside `catch_unwind`. A handler answers a [`Ret`] rather than writing the
//! 1C value itself, so the same code serves `CallAsFunc` (the value is returned) and
//! `CallAsProc` (the method was called as a statement; the value is dropped).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use addin1c::{name, CStr1C, CString1C, Connection, ParamValue, RawAddin, Variant};
use bts::model::current::{Lang, StatusCode};
use bts::model::LocalStatus;
use bts::{Client, Error, ErrorKind, Operation, Shape};
use serde::Deserialize;

use crate::names::{english_name, russian_name};

/// The class name: `Новый("AddIn.<name given at attach>.BTS")` creates the object.
pub const CLASS_NAME: &CStr1C = name!("BTS");

/// What a method hands back to 1C.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ret {
    /// A `Булево`.
    Bool(bool),
    /// A `Строка`.
    Str(String),
    /// `ДвоичныеДанные`.
    Blob(Vec<u8>),
    /// `Неопределено`.
    Empty,
}

/// What a row of the method table runs.
#[derive(Clone, Copy)]
pub enum Action {
    /// A fixed method: its handler, and what it answers after a panic, given the panic's
    /// description (which is also in `LastError`).
    Fixed {
        /// The handler; `args` has `params` values (1C passes every one; a missing one is
        /// Empty).
        run: fn(&mut Bts, &[Variant]) -> Ret,
        /// The answer after a panic.
        on_panic: fn(&str) -> Ret,
    },
    /// The named method of an operation: `(paramsJson)` → the envelope of that operation.
    Operation(&'static Operation),
}

/// One row of the method table.
pub struct MethodDef {
    /// `[English, Russian]`.
    pub names: [CString1C; 2],
    /// The number of parameters 1C passes.
    pub params: usize,
    /// How many leading parameters are required; later ones may be omitted in BSL and are
    /// then `""` (`GetParamDefValue`).
    pub required: usize,
    /// What it runs.
    pub action: Action,
}

impl MethodDef {
    /// The name in `alias` 0 (English) or 1 (Russian), without the terminating NUL.
    pub fn name(&self, alias: usize) -> String {
        String::from_utf16_lossy(trim_nul(&self.names[alias]))
    }

    /// The operation of a named method; `None` for a fixed one.
    pub fn operation(&self) -> Option<&'static Operation> {
        match self.action {
            Action::Operation(op) => Some(op),
            Action::Fixed { .. } => None,
        }
    }
}

/// One row of the property table (all read-only).
pub struct PropDef {
    /// `[English, Russian]`.
    pub names: [&'static CStr1C; 2],
    get: fn(&Bts) -> Ret,
}

/// A fixed method's row.
fn fixed(
    english: &str,
    russian: &str,
    params: usize,
    required: usize,
    run: fn(&mut Bts, &[Variant]) -> Ret,
    on_panic: fn(&str) -> Ret,
) -> MethodDef {
    MethodDef {
        names: [CString1C::new(english), CString1C::new(russian)],
        params,
        required,
        action: Action::Fixed { run, on_panic },
    }
}

/// Whether an operation gets a named method: every one but the escape hatch, `batch` (its
/// method is written by hand: `ВыполнитьПакет`) and test rows.
pub fn is_named(op: &Operation) -> bool {
    op.shape() != Shape::Raw && op.public && *op != bts::ops::BATCH
}

/// The methods of `BTS`, in `GetMethodName` order: the fixed ones, then one per operation.
pub fn methods() -> &'static [MethodDef] {
    static METHODS: OnceLock<Vec<MethodDef>> = OnceLock::new();
    METHODS.get_or_init(|| {
        let envelope_after_panic: fn(&str) -> Ret =
            |what| Ret::Str(Error::internal(what).to_envelope());
        let mut table = vec![
            fixed(
                "Configure",
                "Настроить",
                1,
                1,
                Bts::configure,
                |_| Ret::Bool(false),
            ),
            fixed("Call", "Вызвать", 2, 1, Bts::call, envelope_after_panic),
            fixed(
                "Operations",
                "Операции",
                0,
                0,
                |_, _| Ret::Str(bts::operations_json()),
                |_| Ret::Str("[]".to_owned()),
            ),
            fixed(
                "Version",
                "Версия",
                0,
                0,
                |_, _| Ret::Str(bts::VERSION.to_owned()),
                |_| Ret::Str(String::new()),
            ),
            fixed(
                "LabelPdf",
                "ЭтикеткаPDF",
                1,
                1,
                Bts::label_pdf,
                |_| Ret::Empty,
            ),
            fixed(
                "StatusLabel",
                "НазваниеСтатуса",
                2,
                1,
                Bts::status_label,
                |_| Ret::Str(String::new()),
            ),
            fixed(
                "Statuses",
                "Статусы",
                0,
                0,
                |_, _| Ret::Str(statuses_json()),
                |_| Ret::Str("[]".to_owned()),
            ),
            fixed(
                "ExecuteBatch",
                "ВыполнитьПакет",
                2,
                1,
                Bts::execute_batch,
                envelope_after_panic,
            ),
        ];
        table.extend(bts::OPERATIONS.iter().filter(|op| is_named(op)).map(|op| {
            let english = english_name(op.method_name);
            // A word missing from the dictionary fails a unit test; until it is added the
            // method answers to its English name in both languages.
            let russian = russian_name(op.method_name).unwrap_or_else(|_| english.clone());
            MethodDef {
                names: [CString1C::new(&english), CString1C::new(&russian)],
                params: 1,
                required: 0,
                action: Action::Operation(op),
            }
        }));
        table
    })
}

/// The properties of `BTS`, in `GetPropName` order.
pub static PROPS: &[PropDef] = &[PropDef {
    names: [name!("LastError"), name!("ПоследняяОшибка")],
    get: |bts| Ret::Str(bts.last_error.clone()),
}];

/// The `BTS` object 1C creates with `Новый("AddIn.BTS.BTS")`: at most one configured
/// [`Client`] and the last error.
#[derive(Default)]
pub struct Bts {
    client: Option<Client>,
    last_error: String,
}

/// The part of an envelope the add-in reads: whether it succeeded, and the error's kind and
/// message (the data is skipped, not decoded).
#[derive(Deserialize)]
struct Outcome {
    ok: bool,
    #[serde(default)]
    error: Option<OutcomeError>,
}

#[derive(Deserialize)]
struct OutcomeError {
    kind: String,
    message: String,
}

impl Bts {
    /// An unconfigured object: every call answers `invalid_input` until `Configure` succeeds.
    pub fn new() -> Bts {
        Bts::default()
    }

    /// The text of `LastError`: empty, or `kind: message`.
    pub fn last_error(&self) -> &str {
        &self.last_error
    }

    fn fail(&mut self, e: &Error) {
        self.last_error = format!("{}: {}", e.kind(), e.message());
    }

    fn client(&self) -> Result<&Client, Error> {
        self.client.as_ref().ok_or_else(|| {
            Error::invalid_input(
                "the BTS object is not configured: call Configure(configJson) first",
            )
        })
    }

    /// `Configure(configJson)`: builds a client from the configuration JSON object (the same
    /// keys as everywhere). `true` on success (`LastError` emptied); `false` with `LastError`
    /// set, and the object left unconfigured, so later calls cannot go to an older account.
    fn configure(&mut self, args: &[Variant]) -> Ret {
        let made = text_arg(args.first(), "Configure", "configJson", false)
            .and_then(|json| Client::from_json(&json));
        match made {
            Ok(client) => {
                self.client = Some(client);
                self.last_error.clear();
                Ret::Bool(true)
            }
            Err(e) => {
                self.client = None;
                self.fail(&e);
                Ret::Bool(false)
            }
        }
    }

    /// `Call(operation, paramsJson)`: the envelope, always; `LastError` follows its outcome.
    fn call(&mut self, args: &[Variant]) -> Ret {
        let operation = text_arg(args.first(), "Call", "operation", false);
        let params = text_arg(args.get(1), "Call", "paramsJson", true);
        match operation.and_then(|op| params.map(|p| (op, p))) {
            Ok((operation, params)) => self.envelope(&operation, &params),
            Err(e) => self.error_envelope(&e),
        }
    }

    /// `ExecuteBatch(callsJson, concurrency)`: the operation `batch`. `callsJson` is the array
    /// of calls (`[{"operation": ..., "params": {...}}, ...]`) or the whole parameters object
    /// (`{"calls": [...], "concurrency": 8}`); `concurrency` (optional, 1 to 16, default 4) how
    /// many run at once. The envelope's `data` holds one envelope per call, in order;
    /// `LastError` follows the batch itself (a failed call does not set it).
    fn execute_batch(&mut self, args: &[Variant]) -> Ret {
        let calls = text_arg(args.first(), "ExecuteBatch", "callsJson", false);
        let concurrency = match args.get(1).map(Variant::get) {
            None | Some(ParamValue::Empty) => Ok(None),
            // An omitted parameter is "" (see get_param_def_value); a string may hold digits.
            Some(ParamValue::Str(units)) => {
                let text = String::from_utf16_lossy(units);
                match text.trim() {
                    "" => Ok(None),
                    digits => digits
                        .parse::<u64>()
                        .map(|n| Some(serde_json::Value::from(n)))
                        .map_err(|_| {
                            Error::invalid_input(
                                "ExecuteBatch: concurrency must be a number (1 to 16)",
                            )
                        }),
                }
            }
            Some(ParamValue::I32(n)) => Ok(Some(serde_json::Value::from(n))),
            // 1C's numbers may come as doubles: a whole one is that count.
            Some(ParamValue::F64(n)) if n.fract() == 0.0 && (0.0..=1e9).contains(&n) => {
                Ok(Some(serde_json::Value::from(n as u64)))
            }
            Some(_) => Err(Error::invalid_input(
                "ExecuteBatch: concurrency must be a number (1 to 16)",
            )
            .with_fields([("concurrency", vec!["must be a number (1 to 16)".to_owned()])])),
        };
        let params = calls.and_then(|calls| {
            let concurrency = concurrency?;
            if calls.trim_start().starts_with('{') && concurrency.is_none() {
                return Ok(calls);
            }
            let calls: serde_json::Value = serde_json::from_str(&calls).map_err(|e| {
                Error::invalid_input(format!(
                    "ExecuteBatch: callsJson is not JSON ({e}); nothing was sent"
                ))
                .with_fields([("calls", vec!["must be a JSON array of calls".to_owned()])])
            })?;
            let mut params = if calls.is_object() {
                calls
            } else {
                serde_json::json!({ "calls": calls })
            };
            if let Some(n) = concurrency {
                params["concurrency"] = n;
            }
            Ok(params.to_string())
        });
        match params {
            Ok(params) => self.envelope(bts::ops::BATCH.name, &params),
            Err(e) => self.error_envelope(&e),
        }
    }

    /// A named method: `OrderAdd(paramsJson)` is `Call("order/add", paramsJson)`.
    fn call_named(&mut self, op: &'static Operation, args: &[Variant]) -> Ret {
        let method = english_name(op.method_name);
        match text_arg(args.first(), &method, "paramsJson", true) {
            Ok(params) => self.envelope(op.name, &params),
            Err(e) => self.error_envelope(&e),
        }
    }

    /// The library's envelope of one call; `LastError` follows its outcome.
    fn envelope(&mut self, operation: &str, params: &str) -> Ret {
        let envelope = match self.client() {
            Ok(client) => client.call_envelope(operation, params),
            Err(e) => return self.error_envelope(&e),
        };
        match serde_json::from_str::<Outcome>(&envelope) {
            Ok(Outcome { ok: true, .. }) => self.last_error.clear(),
            Ok(Outcome {
                error: Some(error), ..
            }) => self.last_error = format!("{}: {}", error.kind, error.message),
            _ => {
                self.last_error = format!(
                    "{}: bts-1c could not read the envelope of {operation}",
                    ErrorKind::Internal
                )
            }
        }
        Ret::Str(envelope)
    }

    /// The library's envelope of an error found before any call.
    fn error_envelope(&mut self, e: &Error) -> Ret {
        self.fail(e);
        Ret::Str(e.to_envelope())
    }

    /// `LabelPdf(orderId)`: the shipping label as `ДвоичныеДанные` (a PDF), or `Неопределено`
    /// with `LastError` set. `orderId` is a number, a string of digits, or a JSON array text of
    /// ids (`"[229234, 229235]"`: their labels in one PDF, current API).
    fn label_pdf(&mut self, args: &[Variant]) -> Ret {
        match self.try_label_pdf(args) {
            Ok(bytes) => {
                self.last_error.clear();
                Ret::Blob(bytes)
            }
            Err(e) => {
                self.fail(&e);
                Ret::Empty
            }
        }
    }

    fn try_label_pdf(&self, args: &[Variant]) -> Result<Vec<u8>, Error> {
        let ids = label_ids(args.first())?;
        let client = self.client()?;
        // In memory: no file is written anywhere.
        match ids {
            LabelIds::One(id) => client.label_pdf(&[id]),
            LabelIds::Several(ids) => client.label_pdf(&ids),
        }
    }

    /// `StatusLabel(code, lang)`: the label of an order status in `lang` (`"ru"` when omitted,
    /// or `"uz"`, `"en"`). Current-API codes (100–1400) have all three; legacy codes (0–34)
    /// have Uzbek and English, and answer English for `"ru"`. An unknown code or language
    /// answers `""` with `LastError` set.
    fn status_label(&mut self, args: &[Variant]) -> Ret {
        let found = status_code_arg(args.first()).and_then(|code| {
            let lang = text_arg(args.get(1), "StatusLabel", "lang", true)?;
            let lang = if lang.trim().is_empty() {
                "ru".to_owned()
            } else {
                lang
            };
            let lang: Lang = lang.parse().map_err(Error::invalid_input)?;
            status_text(code, lang).ok_or_else(|| {
                Error::invalid_input(format!("StatusLabel: {code} is not a known status code"))
            })
        });
        match found {
            Ok(label) => {
                self.last_error.clear();
                Ret::Str(label.to_owned())
            }
            Err(e) => {
                self.fail(&e);
                Ret::Str(String::new())
            }
        }
    }

    /// Runs method `num` behind the panic guard.
    fn run_method(&mut self, num: usize, args: &[Variant]) -> Option<Ret> {
        let def = methods().get(num)?;
        let ran = catch_unwind(AssertUnwindSafe(|| match def.action {
            Action::Fixed { run, .. } => run(self, args),
            Action::Operation(op) => self.call_named(op, args),
        }));
        match ran {
            Ok(ret) => Some(ret),
            Err(panic) => {
                let what = format!(
                    "bts-1c caught a panic in {}: {}",
                    def.name(0),
                    panic_text(&*panic)
                );
                self.last_error = format!("{}: {what}", ErrorKind::Internal);
                Some(match def.action {
                    Action::Fixed { on_panic, .. } => on_panic(&what),
                    Action::Operation(_) => Ret::Str(Error::internal(what).to_envelope()),
                })
            }
        }
    }
}

/// The order ids of `LabelPdf`.
enum LabelIds {
    One(i64),
    Several(Vec<i64>),
}

fn label_ids(arg: Option<&Variant>) -> Result<LabelIds, Error> {
    let wrong = || {
        Error::invalid_input(
            "LabelPdf: orderId must be a whole number, a string of digits or a JSON array of ids",
        )
        .with_fields([(
            "orderId".to_owned(),
            vec!["must be a whole number or a JSON array of ids".to_owned()],
        )])
    };
    match arg.map(Variant::get) {
        Some(ParamValue::I32(n)) => Ok(LabelIds::One(i64::from(n))),
        Some(ParamValue::F64(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            Ok(LabelIds::One(f as i64))
        }
        Some(ParamValue::Str(units)) => {
            let text = String::from_utf16(units).map_err(|_| wrong())?;
            let text = text.trim();
            if text.starts_with('[') {
                serde_json::from_str::<Vec<i64>>(text)
                    .map(LabelIds::Several)
                    .map_err(|_| wrong())
            } else {
                text.parse().map(LabelIds::One).map_err(|_| wrong())
            }
        }
        _ => Err(wrong()),
    }
}

/// A status code argument: a whole number or a string of digits.
fn status_code_arg(arg: Option<&Variant>) -> Result<i64, Error> {
    let wrong = || Error::invalid_input("StatusLabel: code must be a whole number");
    match arg.map(Variant::get) {
        Some(ParamValue::I32(n)) => Ok(i64::from(n)),
        Some(ParamValue::F64(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        Some(ParamValue::Str(units)) => String::from_utf16(units)
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(wrong),
        _ => Err(wrong()),
    }
}

/// The library's label of an order status: the current catalogue first (codes 100–1400), then
/// the legacy statuses (0–34), whose Russian is their English name.
fn status_text(code: i64, lang: Lang) -> Option<&'static str> {
    let current = u16::try_from(code)
        .ok()
        .map(StatusCode)
        .and_then(|c| c.label(lang));
    current.or_else(|| {
        let legacy = LocalStatus::from_code(code);
        match lang {
            Lang::Uz => legacy.label_uz(),
            Lang::Ru | Lang::En => legacy.name_en(),
        }
    })
}

/// The legacy statuses the library lists (their codes are below 100).
fn legacy_statuses() -> impl Iterator<Item = LocalStatus> {
    (0..100)
        .map(LocalStatus::from_code)
        .filter(|s| !matches!(s, LocalStatus::Unknown(_)))
}

/// `Statuses()`: every order status the library knows, as a JSON array: the current API's
/// catalogue rows as the library gives them (`code`, `uz`, `ru`, `en`, `next`) with
/// `"api": "current"` and `final`, then the legacy statuses (`code`, `uz`, `en`, `ru` null,
/// `final`) with `"api": "legacy"`.
pub fn statuses_json() -> String {
    use serde_json::{json, Value};
    let mut rows: Vec<Value> = match serde_json::from_str(&bts::model::status_catalogue_json()) {
        Ok(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    for row in &mut rows {
        let last = row["next"].as_array().is_some_and(Vec::is_empty);
        if let Value::Object(map) = row {
            map.insert("api".to_owned(), json!("current"));
            map.insert("final".to_owned(), json!(last));
        }
    }
    rows.extend(legacy_statuses().map(|s| {
        json!({
            "api": "legacy",
            "code": s.code(),
            "uz": s.label_uz(),
            "ru": null,
            "en": s.name_en(),
            "final": s.is_final(),
        })
    }));
    Value::Array(rows).to_string()
}

/// A string argument. An Empty value (an omitted parameter) is `""` when `optional`, an error
/// otherwise; any other type, or a string that is not valid UTF-16, is `invalid_input`.
fn text_arg(
    arg: Option<&Variant>,
    method: &str,
    param: &str,
    optional: bool,
) -> Result<String, Error> {
    let wrong = |what: &str| {
        Error::invalid_input(format!("{method}: {param} must be a string ({what})"))
            .with_fields([(param.to_owned(), vec![format!("must be a string ({what})")])])
    };
    match arg.map(Variant::get) {
        Some(ParamValue::Str(units)) => {
            String::from_utf16(units).map_err(|_| wrong("this one is not valid UTF-16"))
        }
        None | Some(ParamValue::Empty) if optional => Ok(String::new()),
        None | Some(ParamValue::Empty) => Err(wrong("none was given")),
        Some(ParamValue::Bool(_)) => Err(wrong("a Boolean was given")),
        Some(ParamValue::I32(_)) | Some(ParamValue::F64(_)) => Err(wrong("a number was given")),
        Some(ParamValue::Date(_)) => Err(wrong("a date was given")),
        Some(ParamValue::Blob(_)) => Err(wrong("binary data was given")),
    }
}

/// The message of a caught panic.
fn panic_text(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// A 1C name without its terminating NUL.
fn trim_nul(s: &[u16]) -> &[u16] {
    match s.iter().position(|&u| u == 0) {
        Some(end) => &s[..end],
        None => s,
    }
}

/// Whether two UTF-16 names are equal ignoring case (Unicode lower case: Latin and Cyrillic).
pub fn same_name(a: &[u16], b: &[u16]) -> bool {
    let lower = |s: &[u16]| {
        char::decode_utf16(trim_nul(s).iter().copied())
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    lower(a) == lower(b)
}

/// Writes `ret` into 1C's value. `false` when the platform could not allocate the string.
fn put(ret: Ret, val: &mut Variant) -> bool {
    match ret {
        Ret::Bool(b) => {
            val.set_bool(b);
            true
        }
        Ret::Str(s) => val.set_str1c(s.as_str()).is_ok(),
        Ret::Blob(bytes) => val.set_blob(&bytes).is_ok(),
        Ret::Empty => {
            val.set_empty();
            true
        }
    }
}

/// Runs `f`, answering `fallback` if it panics (for the small vtable entries).
fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

fn find<'a>(names: impl Iterator<Item = [&'a CStr1C; 2]>, wanted: &CStr1C) -> Option<usize> {
    let mut names = names;
    names.position(|pair| pair.iter().any(|n| same_name(n, wanted)))
}

fn method_names(def: &MethodDef) -> [&CStr1C; 2] {
    [&def.names[0], &def.names[1]]
}

impl RawAddin for Bts {
    fn init(&mut self, _interface: &'static Connection) -> bool {
        true
    }

    fn register_extension_as(&mut self) -> &CStr1C {
        CLASS_NAME
    }

    fn get_n_props(&mut self) -> usize {
        PROPS.len()
    }

    fn find_prop(&mut self, name: &CStr1C) -> Option<usize> {
        guard(None, || find(PROPS.iter().map(|p| p.names), name))
    }

    fn get_prop_name(&mut self, num: usize, alias: usize) -> Option<&'static CStr1C> {
        PROPS.get(num).and_then(|p| p.names.get(alias)).copied()
    }

    fn get_prop_val(&mut self, num: usize, val: &mut Variant) -> bool {
        let Some(prop) = PROPS.get(num) else {
            return false;
        };
        match catch_unwind(AssertUnwindSafe(|| (prop.get)(self))) {
            Ok(ret) => put(ret, val),
            Err(panic) => {
                self.last_error = format!(
                    "{}: bts-1c caught a panic reading a property: {}",
                    ErrorKind::Internal,
                    panic_text(&*panic)
                );
                false
            }
        }
    }

    fn set_prop_val(&mut self, _num: usize, _val: &Variant) -> bool {
        false
    }

    fn is_prop_readable(&mut self, num: usize) -> bool {
        num < PROPS.len()
    }

    fn is_prop_writable(&mut self, _num: usize) -> bool {
        false
    }

    fn get_n_methods(&mut self) -> usize {
        guard(0, || methods().len())
    }

    fn find_method(&mut self, name: &CStr1C) -> Option<usize> {
        guard(None, || find(methods().iter().map(method_names), name))
    }

    fn get_method_name(&mut self, num: usize, alias: usize) -> Option<&'static CStr1C> {
        guard(None, || {
            methods()
                .get(num)
                .and_then(|m| m.names.get(alias))
                .map(|n| &**n)
        })
    }

    fn get_n_params(&mut self, num: usize) -> usize {
        guard(0, || methods().get(num).map_or(0, |m| m.params))
    }

    fn get_param_def_value(&mut self, method_num: usize, param_num: usize, value: Variant) -> bool {
        // An optional parameter (paramsJson, lang) omitted in BSL is "" (none given).
        let optional = guard(false, || {
            methods()
                .get(method_num)
                .is_some_and(|m| param_num >= m.required && param_num < m.params)
        });
        if optional {
            let mut value = value;
            return value.set_str1c("").is_ok();
        }
        false
    }

    fn has_ret_val(&mut self, method_num: usize) -> bool {
        guard(false, || method_num < methods().len())
    }

    fn call_as_proc(&mut self, method_num: usize, params: &mut [Variant]) -> bool {
        self.run_method(method_num, params).is_some()
    }

    fn call_as_func(
        &mut self,
        method_num: usize,
        params: &mut [Variant],
        val: &mut Variant,
    ) -> bool {
        match self.run_method(method_num, params) {
            Some(ret) => guard(false, || put(ret, val)),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().chain([0]).collect()
    }

    #[test]
    fn names_match_ignoring_case_in_latin_and_cyrillic() {
        assert!(same_name(&utf16("call"), &utf16("Call")));
        assert!(same_name(&utf16("ВЫЗВАТЬ"), &utf16("Вызвать")));
        assert!(same_name(
            &utf16("последняяошибка"),
            &utf16("ПоследняяОшибка")
        ));
        assert!(!same_name(&utf16("Cal"), &utf16("Call")));
        assert!(same_name(&utf16("Call"), &methods()[1].names[0]));
    }

    #[test]
    fn every_method_and_property_has_an_english_name_and_a_russian_alias() {
        let mut bts = Bts::new();
        for (num, def) in methods().iter().enumerate() {
            assert!(bts.get_method_name(num, 0) == Some(&*def.names[0]));
            assert!(bts.get_method_name(num, 1) == Some(&*def.names[1]));
            assert_eq!(bts.find_method(&def.names[0]), Some(num), "{}", def.name(0));
            assert_eq!(bts.find_method(&def.names[1]), Some(num), "{}", def.name(1));
            assert_ne!(
                def.name(0),
                def.name(1),
                "{} has no Russian alias",
                def.name(0)
            );
            assert_eq!(bts.get_n_params(num), def.params);
            assert!(bts.has_ret_val(num));
        }
        assert!(bts.get_method_name(methods().len(), 0).is_none());
        assert!(bts.get_method_name(0, 2).is_none());
        let alias: &CStr1C = name!("ПоследняяОшибка");
        assert_eq!(bts.find_prop(alias), Some(0));
        assert!(bts.get_prop_name(0, 1) == Some(alias));
        assert!(bts.is_prop_readable(0) && !bts.is_prop_writable(0));
        assert!(!bts.is_prop_readable(1));
    }

    #[test]
    fn no_two_methods_share_a_name_in_any_language_or_letter_case() {
        let all: Vec<String> = methods()
            .iter()
            .flat_map(|m| [m.name(0), m.name(1)])
            .map(|n| n.to_lowercase())
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a} names two methods");
        }
    }

    #[test]
    fn the_fixed_methods_come_first() {
        let english: Vec<String> = methods().iter().take(7).map(|m| m.name(0)).collect();
        assert_eq!(
            english,
            [
                "Configure",
                "Call",
                "Operations",
                "Version",
                "LabelPdf",
                "StatusLabel",
                "Statuses"
            ]
        );
        let russian: Vec<String> = methods().iter().take(7).map(|m| m.name(1)).collect();
        assert_eq!(
            russian,
            [
                "Настроить",
                "Вызвать",
                "Операции",
                "Версия",
                "ЭтикеткаPDF",
                "НазваниеСтатуса",
                "Статусы"
            ]
        );
        assert!(methods().iter().take(7).all(|m| m.operation().is_none()));
        assert_eq!(
            String::from_utf16_lossy(trim_nul(PROPS[0].names[0])),
            "LastError"
        );
    }

    #[test]
    fn every_operation_but_raw_has_one_named_method_taking_params_json() {
        let mut bts = Bts::new();
        let named: Vec<&MethodDef> = methods()
            .iter()
            .filter(|m| m.operation().is_some())
            .collect();
        let expected: Vec<&Operation> = bts::OPERATIONS.iter().filter(|op| is_named(op)).collect();
        assert_eq!(named.len(), expected.len());
        assert!(expected.len() > 20, "{}", expected.len());
        for (def, op) in named.iter().zip(&expected) {
            assert_eq!(def.operation().map(|o| o.name), Some(op.name));
            assert_eq!(def.name(0), english_name(op.method_name));
            assert_eq!(def.name(1), russian_name(op.method_name).unwrap());
            assert_eq!((def.params, def.required), (1, 0));
        }
        let order_add = bts.find_method(&CString1C::new("заказдобавить")).unwrap();
        assert_eq!(methods()[order_add].name(0), "OrderAdd");
        assert!(bts.find_method(&CString1C::new("Raw")).is_none());
    }

    #[test]
    fn status_labels_come_from_the_library_in_three_languages() {
        assert_eq!(
            status_text(1200, Lang::Ru),
            StatusCode(1200).label(Lang::Ru)
        );
        assert_eq!(status_text(100, Lang::Uz), StatusCode(100).label(Lang::Uz));
        assert_eq!(status_text(6, Lang::Uz), Some("Yetkazib berilgan"));
        assert_eq!(status_text(6, Lang::Ru), Some("Delivered"));
        assert_eq!(status_text(900, Lang::En), None);
        assert_eq!(status_text(-1, Lang::En), None);
    }

    #[test]
    fn statuses_lists_the_current_catalogue_then_the_legacy_codes() {
        let rows: serde_json::Value = serde_json::from_str(&statuses_json()).unwrap();
        let rows = rows.as_array().unwrap();
        let current = StatusCode::catalogue().len();
        let legacy = legacy_statuses().count();
        assert_eq!(rows.len(), current + legacy);
        assert!(legacy >= 10, "{legacy}");
        assert_eq!(rows[0]["api"], "current");
        assert_eq!(rows[0]["code"], 100);
        assert_eq!(rows[current]["api"], "legacy");
        let delivered = rows
            .iter()
            .find(|r| r["api"] == "legacy" && r["code"] == 6)
            .unwrap();
        assert_eq!(delivered["final"], true);
        assert!(delivered["ru"].is_null());
    }
}
