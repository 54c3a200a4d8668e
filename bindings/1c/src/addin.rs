//! The `BTS` object: its method and property tables and their handlers.
//!
//! The tables are static: each row holds the English name, the Russian alias, the number of
//! parameters and the handler. 1C asks for names by number (`GetMethodName(n, 0)` English,
//! `GetMethodName(n, 1)` Russian) and looks methods up by the name written in BSL, which
//! [`Bts::find_method`](addin1c::RawAddin::find_method) matches in either language, ignoring
//! case.
//!
//! Every handler runs inside `catch_unwind`. A handler answers a [`Ret`] rather than writing the
//! 1C value itself, so the same code serves `CallAsFunc` (the value is returned) and
//! `CallAsProc` (the method was called as a statement; the value is dropped).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use addin1c::{name, CStr1C, Connection, ParamValue, RawAddin, Variant};
use bts::{Client, Error, ErrorKind};

/// The class name: `Новый("AddIn.<name given at attach>.BTS")` creates the object.
pub const CLASS_NAME: &CStr1C = name!("BTS");

/// What a method hands back to 1C.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ret {
    /// A `Булево`.
    Bool(bool),
    /// A `Строка`.
    Str(String),
}

/// One row of the method table.
pub struct MethodDef {
    /// `[English, Russian]`.
    pub names: [&'static CStr1C; 2],
    /// The number of parameters 1C passes.
    pub params: usize,
    /// How many leading parameters are required; later ones may be omitted in BSL and are
    /// then `""` (`GetParamDefValue`).
    pub required: usize,
    /// The handler; `args` has `params` values (1C passes every one; a missing one is Empty).
    run: fn(&mut Bts, &[Variant]) -> Ret,
    /// What the method answers after a panic, given the panic's description (which is also
    /// in `LastError`).
    on_panic: fn(&str) -> Ret,
}

/// One row of the property table (all read-only).
pub struct PropDef {
    /// `[English, Russian]`.
    pub names: [&'static CStr1C; 2],
    get: fn(&Bts) -> Ret,
}

/// The methods of `BTS`, in `GetMethodName` order.
pub static METHODS: &[MethodDef] = &[
    MethodDef {
        names: [name!("Configure"), name!("Настроить")],
        params: 1,
        required: 1,
        run: Bts::configure,
        on_panic: |_| Ret::Bool(false),
    },
    MethodDef {
        names: [name!("Call"), name!("Вызвать")],
        params: 2,
        required: 1,
        run: Bts::call,
        on_panic: |what| Ret::Str(Error::internal(what).to_envelope()),
    },
    MethodDef {
        names: [name!("Operations"), name!("Операции")],
        params: 0,
        required: 0,
        run: |_, _| Ret::Str(bts::operations_json()),
        on_panic: |_| Ret::Str("[]".to_owned()),
    },
    MethodDef {
        names: [name!("Version"), name!("Версия")],
        params: 0,
        required: 0,
        run: |_, _| Ret::Str(bts::VERSION.to_owned()),
        on_panic: |_| Ret::Str(String::new()),
    },
];

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

impl Bts {
    /// An unconfigured object: `Call` answers `invalid_input` until `Configure` succeeds.
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
        let result = self.try_call(args);
        match result {
            Ok(data) => {
                self.last_error.clear();
                Ret::Str(bts::ok_envelope(&data))
            }
            Err(e) => {
                self.fail(&e);
                Ret::Str(e.to_envelope())
            }
        }
    }

    fn try_call(&mut self, args: &[Variant]) -> Result<String, Error> {
        let operation = text_arg(args.first(), "Call", "operation", false)?;
        let params = text_arg(args.get(1), "Call", "paramsJson", true)?;
        let client = self.client.as_ref().ok_or_else(|| {
            Error::invalid_input(
                "the BTS object is not configured: call Configure(configJson) first",
            )
        })?;
        client.call_json(&operation, &params)
    }

    /// Runs method `num` behind the panic guard.
    fn run_method(&mut self, num: usize, args: &[Variant]) -> Option<Ret> {
        let def = METHODS.get(num)?;
        match catch_unwind(AssertUnwindSafe(|| (def.run)(self, args))) {
            Ok(ret) => Some(ret),
            Err(panic) => {
                let what = format!(
                    "bts-1c caught a panic in {}: {}",
                    String::from_utf16_lossy(trim_nul(def.names[0])),
                    panic_text(&*panic)
                );
                self.last_error = format!("{}: {what}", ErrorKind::Internal);
                Some((def.on_panic)(&what))
            }
        }
    }
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
    }
}

/// Runs `f`, answering `fallback` if it panics (for the small vtable entries).
fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

fn find(names: impl Iterator<Item = [&'static CStr1C; 2]>, wanted: &CStr1C) -> Option<usize> {
    let mut names = names;
    names.position(|pair| pair.iter().any(|n| same_name(n, wanted)))
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
        METHODS.len()
    }

    fn find_method(&mut self, name: &CStr1C) -> Option<usize> {
        guard(None, || find(METHODS.iter().map(|m| m.names), name))
    }

    fn get_method_name(&mut self, num: usize, alias: usize) -> Option<&'static CStr1C> {
        METHODS.get(num).and_then(|m| m.names.get(alias)).copied()
    }

    fn get_n_params(&mut self, num: usize) -> usize {
        METHODS.get(num).map_or(0, |m| m.params)
    }

    fn get_param_def_value(&mut self, method_num: usize, param_num: usize, value: Variant) -> bool {
        // An optional parameter (Call's paramsJson) omitted in BSL is "" (no parameters).
        let optional = METHODS
            .get(method_num)
            .is_some_and(|m| param_num >= m.required && param_num < m.params);
        if optional {
            let mut value = value;
            return value.set_str1c("").is_ok();
        }
        false
    }

    fn has_ret_val(&mut self, method_num: usize) -> bool {
        method_num < METHODS.len()
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
        assert!(same_name(&utf16("Call"), METHODS[1].names[0]));
    }

    #[test]
    fn every_method_and_property_has_an_english_name_and_a_russian_alias() {
        let mut bts = Bts::new();
        for (num, def) in METHODS.iter().enumerate() {
            assert!(bts.get_method_name(num, 0) == Some(def.names[0]));
            assert!(bts.get_method_name(num, 1) == Some(def.names[1]));
            assert_eq!(bts.find_method(def.names[1]), Some(num));
            assert_eq!(bts.get_n_params(num), def.params);
            assert!(bts.has_ret_val(num));
        }
        assert!(bts.get_method_name(METHODS.len(), 0).is_none());
        assert!(bts.get_method_name(0, 2).is_none());
        let alias: &CStr1C = name!("ПоследняяОшибка");
        assert_eq!(bts.find_prop(alias), Some(0));
        assert!(bts.get_prop_name(0, 1) == Some(alias));
        assert!(bts.is_prop_readable(0) && !bts.is_prop_writable(0));
        assert!(!bts.is_prop_readable(1));
    }

    #[test]
    fn the_table_offers_configure_call_operations_version_and_last_error() {
        let english: Vec<String> = METHODS
            .iter()
            .map(|m| String::from_utf16_lossy(trim_nul(m.names[0])))
            .collect();
        assert_eq!(english, ["Configure", "Call", "Operations", "Version"]);
        let russian: Vec<String> = METHODS
            .iter()
            .map(|m| String::from_utf16_lossy(trim_nul(m.names[1])))
            .collect();
        assert_eq!(russian, ["Настроить", "Вызвать", "Операции", "Версия"]);
        assert_eq!(bts_name(PROPS[0].names[0]), "LastError");
    }

    fn bts_name(n: &CStr1C) -> String {
        String::from_utf16_lossy(trim_nul(n))
    }
}
