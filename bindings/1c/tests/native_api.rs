//! Loads the built add-in (`libbts_1c.so`) the way 1C does and drives the `BTS` object against
//! an in-test sandbox.
//!
//! `addin1c-test` plays the platform: it `dlopen`s the library, reads `GetClassNames`, calls
//! `GetClassObject`, hands the object a C++ memory manager (`setMemManager`), registers the
//! extension name, finds methods and properties by name (`FindMethod`, `FindProp`), checks
//! `GetNParams`, calls `CallAsFunc` / `GetPropVal` with `tVariant`s and frees every string the
//! add-in allocated, and destroys the object with `DestroyObject` on drop. `test.sh` runs this
//! file again under valgrind.
//!
//! The library is the file named by `BTS_1C_LIBRARY`, else `libbts_1c.so` beside this test
//! binary in `target/<profile>/deps/` (built by Cargo for this test run, with its features),
//! else in `target/<profile>/`.

use std::path::PathBuf;
use std::sync::OnceLock;

use addin1c_test::{name, TestAddinLib, Variant};
use bts_sandbox::Sandbox;
use serde_json::Value;

const ORDER: &str = r#"{"senderCityId":3,"senderAddress":"Toshkent sh., Bobur ko'chasi, 5-A",
 "senderReal":"Jurabek Turdiyev","senderPhone":"+998 99 1234567","weight":2,"packageId":8,
 "postTypeId":4,"receiver":"Odil Ahkmedov","receiverAddress":"Gozovo qish. 41 uy",
 "receiverCityId":3,"receiverPhone":"+998 99 1234567"}"#;

const PRICE: &str = r#"{"senderCityId":3,"receiverCityId":3,"weight":1}"#;

fn library_path() -> PathBuf {
    if let Some(path) = std::env::var_os("BTS_1C_LIBRARY") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test knows its own path");
    let file = if cfg!(windows) {
        "bts_1c.dll"
    } else if cfg!(target_os = "macos") {
        "libbts_1c.dylib"
    } else {
        "libbts_1c.so"
    };
    // The test binary is target/<profile>/deps/native_api-HASH. Cargo builds the cdylib for
    // this very test run (same features) into deps/ and copies it to target/<profile>/ only on
    // `cargo build`, so deps/ comes first.
    let deps = exe
        .parent()
        .expect("the test binary sits in target/<profile>/deps");
    let built = deps.join(file);
    if built.exists() {
        return built;
    }
    deps.parent().unwrap_or(deps).join(file)
}

/// Loads the add-in as 1C does. The library also stays loaded for the whole process, as in
/// 1C (which never unloads an add-in library): otherwise each test's `dlclose` would unmap it,
/// and the statics its dependencies initialise once per load (ureq's `Accept` header string)
/// would show up in valgrind as definite leaks of an unloaded library rather than of the
/// add-in.
fn load() -> TestAddinLib {
    static KEEP_LOADED: OnceLock<()> = OnceLock::new();
    let path = library_path();
    KEEP_LOADED.get_or_init(|| {
        // SAFETY: the add-in's initialisers only set up Rust statics; it is the library the
        // test loads next anyway.
        let lib = unsafe { libloading::Library::new(&path) };
        std::mem::forget(lib.unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display())));
    });
    TestAddinLib::new(&path)
        .unwrap_or_else(|e| panic!("could not load the add-in {}: {e}", path.display()))
}

fn s(text: &str) -> Variant {
    let units: Vec<u16> = text.encode_utf16().collect();
    Variant::new_str(&units)
}

fn text_of(v: &Variant) -> String {
    let units = v
        .get_str()
        .unwrap_or_else(|| panic!("expected a string, got {v:?}"));
    String::from_utf16(units).expect("the add-in returns valid UTF-16")
}

fn json_of(v: &Variant) -> Value {
    let text = text_of(v);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn get_class_names_offers_bts_and_get_class_object_creates_it() {
    let lib = load();
    let object = lib.new_addin("BTS");
    assert!(object.is_ok(), "class BTS not offered or not created");
    assert!(lib.new_addin("Other").is_err());
}

#[test]
fn configure_with_sandbox_config_returns_true_and_empties_last_error() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let done = bts
        .call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    assert_eq!(done.get_bool(), Some(true));
    let last = bts.get_property(name!("LastError")).unwrap();
    assert_eq!(text_of(&last), "");
}

#[test]
fn call_order_calculate_returns_ok_envelope_with_summary_price_10000() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let done = bts
        .call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    assert_eq!(done.get_bool(), Some(true));
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], true, "{envelope}");
    assert_eq!(envelope["data"]["summaryPrice"], 10000, "{envelope}");
}

#[test]
fn call_order_add_creates_an_order_and_returns_its_id_in_an_ok_envelope() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/add"), s(ORDER)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], true, "{envelope}");
    assert!(envelope["data"]["orderId"].is_number(), "{envelope}");
    assert_eq!(sandbox.requests("order/add"), 1);
}

#[test]
fn russian_aliases_and_any_letter_case_reach_the_same_methods() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let done = bts
        .call_as_func(name!("Настроить"), &mut [s(&sandbox.config_json())])
        .unwrap();
    assert_eq!(done.get_bool(), Some(true));
    let reply = bts
        .call_as_func(name!("ВЫЗВАТЬ"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    assert_eq!(json_of(&reply)["data"]["summaryPrice"], 10000);
    let reply = bts
        .call_as_func(name!("call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    assert_eq!(json_of(&reply)["ok"], true);
    let version = bts.call_as_func(name!("Версия"), &mut []).unwrap();
    assert_eq!(text_of(&version), bts::VERSION);
    let last = bts.get_property(name!("ПоследняяОшибка")).unwrap();
    assert_eq!(text_of(&last), "");
}

#[test]
fn bad_configure_returns_false_and_sets_last_error_without_the_password() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let config = r#"{"username":"shop","passwrd":"hunter2-secret","inn":"123"}"#;
    let done = bts
        .call_as_func(name!("Configure"), &mut [s(config)])
        .unwrap();
    assert_eq!(done.get_bool(), Some(false));
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.starts_with("invalid_input: "), "{last}");
    assert!(last.contains("passwrd"), "{last}");
    assert!(!last.contains("hunter2"), "{last}");

    let done = bts
        .call_as_func(name!("Configure"), &mut [s("not json")])
        .unwrap();
    assert_eq!(done.get_bool(), Some(false));
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.contains("not valid JSON"), "{last}");
}

#[test]
fn failed_configure_leaves_the_object_unconfigured() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let done = bts
        .call_as_func(name!("Configure"), &mut [s(r#"{"timeout_ms":0}"#)])
        .unwrap();
    assert_eq!(done.get_bool(), Some(false));
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "invalid_input", "{envelope}");
    assert_eq!(sandbox.requests("order/calculate"), 0);
}

#[test]
fn call_before_configure_answers_an_invalid_input_envelope() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], false);
    assert_eq!(envelope["error"]["kind"], "invalid_input");
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.contains("Configure"), "{last}");
}

#[test]
fn rejected_fields_give_a_validation_envelope_and_last_error_until_the_next_success() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let unknown_city = ORDER.replace("\"senderCityId\":3", "\"senderCityId\":999999");
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/add"), s(&unknown_city)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "validation", "{envelope}");
    assert_eq!(envelope["error"]["status"], 422, "{envelope}");
    assert!(
        envelope["error"]["fields"]["senderCityId"].is_array(),
        "{envelope}"
    );
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.starts_with("validation: "), "{last}");
    assert!(last.contains("senderCityId"), "{last}");

    bts.call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert_eq!(last, "", "a success empties LastError");
}

#[test]
fn wrong_password_gives_an_auth_envelope() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let mut config: Value = serde_json::from_str(&sandbox.config_json()).unwrap();
    config["password"] = "wrong-password".into();
    bts.call_as_func(name!("Configure"), &mut [s(&config.to_string())])
        .unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "auth", "{envelope}");
    assert!(!reply_text_contains(&reply, "wrong-password"));
}

fn reply_text_contains(v: &Variant, needle: &str) -> bool {
    text_of(v).contains(needle)
}

#[test]
fn non_string_arguments_give_invalid_input_not_a_crash() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [Variant::new_i32(42), s("{}")])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "invalid_input", "{envelope}");
    assert!(
        envelope["error"]["fields"]["operation"].is_array(),
        "{envelope}"
    );
    let done = bts
        .call_as_func(name!("Configure"), &mut [Variant::new_bool(true)])
        .unwrap();
    assert_eq!(done.get_bool(), Some(false));
}

#[test]
fn empty_params_string_means_no_parameters() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("directory/regions"), s("")])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], true, "{envelope}");
    assert!(envelope["data"].is_array(), "{envelope}");
}

#[test]
fn unicode_round_trips_through_utf16() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let order = ORDER.replace("Odil Ahkmedov", "Одил Ахмедов ✓");
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/add"), s(&order)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], true, "{envelope}");
    assert_eq!(envelope["data"]["receiver"], "Одил Ахмедов ✓", "{envelope}");
}

#[test]
fn operations_lists_order_add() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let ops = json_of(&bts.call_as_func(name!("Operations"), &mut []).unwrap());
    let names: Vec<&str> = ops
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|op| op["name"].as_str())
        .collect();
    assert!(names.contains(&"order/add"), "{names:?}");
    assert!(names.contains(&"wms/product/create"), "{names:?}");
    let alias = json_of(&bts.call_as_func(name!("Операции"), &mut []).unwrap());
    assert_eq!(alias, ops);
}

#[test]
fn version_is_the_bts_library_version() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let version = bts.call_as_func(name!("Version"), &mut []).unwrap();
    assert_eq!(text_of(&version), bts::VERSION);
}

#[test]
fn last_error_is_a_read_only_property() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    assert!(bts
        .set_property(name!("LastError"), &s("overwritten"))
        .is_err());
    assert!(bts.get_property(name!("NoSuchProperty")).is_err());
    assert!(bts.call_as_func(name!("NoSuchMethod"), &mut []).is_err());
    assert_eq!(text_of(&bts.get_property(name!("LastError")).unwrap()), "");
}

#[cfg(feature = "test-panic")]
#[test]
fn panic_inside_call_becomes_internal_envelope_and_last_error_and_the_object_still_works() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    bts.call_as_func(name!("Configure"), &mut [s(&sandbox.config_json())])
        .unwrap();
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("__panic"), s("{}")])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "internal", "{envelope}");
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(
        last.starts_with("internal: bts-1c caught a panic in Call"),
        "{last}"
    );
    let reply = bts
        .call_as_func(name!("Call"), &mut [s("order/calculate"), s(PRICE)])
        .unwrap();
    assert_eq!(json_of(&reply)["data"]["summaryPrice"], 10000);
}
