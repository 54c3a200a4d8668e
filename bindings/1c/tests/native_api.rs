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

/// A `BTS` object of `lib` configured with `config` (by `method`, `Configure` unless given; a
/// macro: addin1c-test does not export the object's type).
macro_rules! configured {
    ($lib:expr, $config:expr) => {
        configured!($lib, $config, "Configure")
    };
    ($lib:expr, $config:expr, $method:literal) => {{
        let bts = $lib.new_addin("BTS").unwrap();
        let done = bts
            .call_as_func(name!($method), &mut [s(&$config)])
            .unwrap();
        assert_eq!(done.get_bool(), Some(true));
        bts
    }};
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
    let last = bts.get_property(name!("LastError")).unwrap();
    assert_eq!(text_of(&last), "");
}

#[test]
fn call_order_calculate_returns_ok_envelope_with_summary_price_10000() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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
    let bts = configured!(lib, sandbox.config_json(), "Настроить");
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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

/// Two add-in objects (two 1C sessions, each with its own client) configured with the same
/// `token_cache` share one login: the second object's first call uses the token the first one
/// wrote to the file.
#[test]
fn two_objects_share_one_login_through_token_cache() {
    let sandbox = Sandbox::start();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("bts-1c-tokens-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut config: Value = serde_json::from_str(&sandbox.config_json()).unwrap();
    config["token_cache"] = dir.join("tokens.json").to_str().unwrap().into();
    let config = config.to_string();
    let lib = load();
    let first = configured!(lib, config, "Настроить");
    let second = configured!(lib, config, "Настроить");
    for bts in [&first, &second, &first, &second] {
        let reply = bts
            .call_as_func(name!("Вызвать"), &mut [s("order/calculate"), s(PRICE)])
            .unwrap();
        assert_eq!(json_of(&reply)["ok"], true);
    }
    assert_eq!(
        sandbox.requests("auth/get-token"),
        1,
        "one login for both objects"
    );
    assert_eq!(sandbox.requests("order/calculate"), 4);
    let file = std::fs::read_to_string(dir.join("tokens.json")).unwrap();
    let password: Value = serde_json::from_str(&config).unwrap();
    assert!(!file.contains(password["password"].as_str().unwrap()));
    std::fs::remove_dir_all(&dir).unwrap();
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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
    let bts = configured!(lib, sandbox.config_json(), "Configure");
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

/// The bytes of a `ДвоичныеДанные` value the add-in returned. `addin1c-test`'s `Variant` has no
/// blob reader, so this reads the `tVariant` layout it mirrors (`#[repr(C)]`: the union's
/// `pstrVal`/`strLen` first, then `cbElements` and `vt`).
fn blob_of(v: &Variant) -> Vec<u8> {
    #[repr(C)]
    struct Blob {
        ptr: *const u8,
        len: u32,
    }
    // addin1c-test does not export its VariantType, so it is compared by name.
    assert_eq!(
        format!("{:?}", v.get_type()),
        "Blob",
        "expected binary data, got {v:?}"
    );
    // SAFETY: a Blob-typed tVariant starts with its data pointer and byte count, and the
    // pointer stays valid until the variant is dropped (after this copy).
    unsafe {
        let blob = &*(v.as_ptr() as *const Blob);
        std::slice::from_raw_parts(blob.ptr, blob.len as usize).to_vec()
    }
}

fn name1c(text: &str) -> Vec<u16> {
    text.encode_utf16().chain([0]).collect()
}

/// What an envelope says: its data on success (the reads called with `{}` are the same twice
/// in a row), else the error's kind and message.
fn outcome(envelope: &Value) -> [Value; 4] {
    [
        envelope["ok"].clone(),
        envelope["data"].clone(),
        envelope["error"]["kind"].clone(),
        envelope["error"]["message"].clone(),
    ]
}

#[test]
fn every_operation_has_a_named_method_in_english_and_russian_that_is_call_of_that_operation() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json());
    let mut checked = 0;
    for def in bts_1c::addin::methods() {
        let Some(op) = def.operation() else { continue };
        let english = bts_1c::names::english_name(op.method_name);
        let russian = bts_1c::names::russian_name(op.method_name).unwrap();
        assert_eq!(def.name(0), english);
        assert_eq!(def.name(1), russian);
        let via_call = json_of(
            &bts.call_as_func(name!("Call"), &mut [s(op.name), s("{}")])
                .unwrap(),
        );
        for method in [&english, &russian, &english.to_uppercase()] {
            let reply = bts
                .call_as_func(&name1c(method), &mut [s("{}")])
                .unwrap_or_else(|e| panic!("{method}: {e}"));
            let envelope = json_of(&reply);
            assert_eq!(
                outcome(&envelope),
                outcome(&via_call),
                "{method} is not Call({:?}): {envelope} vs {via_call}",
                op.name
            );
            let last = text_of(&bts.get_property(name!("LastError")).unwrap());
            match &envelope["error"]["kind"] {
                Value::String(kind) => assert!(last.starts_with(kind.as_str()), "{last}"),
                _ => assert_eq!(last, "", "{method}"),
            }
        }
        checked += 1;
    }
    let expected = bts::OPERATIONS
        .iter()
        .filter(|op| bts_1c::addin::is_named(op))
        .count();
    assert_eq!(checked, expected);
    assert!(checked > 20, "{checked}");
}

#[test]
fn order_add_and_its_russian_alias_create_orders_and_an_omitted_parameter_is_none() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json());
    let reply = bts
        .call_as_func(name!("OrderAdd"), &mut [s(ORDER)])
        .unwrap();
    let first = json_of(&reply);
    assert_eq!(first["ok"], true, "{first}");
    let reply = bts
        .call_as_func(name!("ЗаказДобавить"), &mut [s(ORDER)])
        .unwrap();
    let second = json_of(&reply);
    assert_eq!(second["ok"], true, "{second}");
    assert_ne!(first["data"]["orderId"], second["data"]["orderId"]);
    assert_eq!(sandbox.requests("order/add"), 2);

    let calc = json_of(
        &bts.call_as_func(name!("ЗаказРассчитать"), &mut [s(PRICE)])
            .unwrap(),
    );
    assert_eq!(calc["data"]["summaryPrice"], 10000, "{calc}");
    // An omitted paramsJson arrives as 1C's default value (here: Empty), meaning none.
    let regions = json_of(
        &bts.call_as_func(name!("СправочникРегионы"), &mut [Variant::new()])
            .unwrap(),
    );
    assert!(regions["data"].is_array(), "{regions}");
}

#[test]
fn named_method_before_configure_and_with_a_number_answers_invalid_input_envelopes() {
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    let envelope = json_of(
        &bts.call_as_func(name!("OrderDetail"), &mut [s(r#"{"orderId":1}"#)])
            .unwrap(),
    );
    assert_eq!(envelope["error"]["kind"], "invalid_input", "{envelope}");
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.contains("Configure"), "{last}");
    let envelope = json_of(
        &bts.call_as_func(name!("OrderDetail"), &mut [Variant::new_i32(1)])
            .unwrap(),
    );
    assert!(
        envelope["error"]["fields"]["paramsJson"].is_array(),
        "{envelope}"
    );
}

#[test]
fn label_pdf_returns_the_label_as_binary_data_in_both_languages() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json());
    let created = json_of(
        &bts.call_as_func(name!("OrderAdd"), &mut [s(ORDER)])
            .unwrap(),
    );
    let id = created["data"]["orderId"].as_i64().expect("an order id");
    let detail = json_of(
        &bts.call_as_func(
            name!("OrderDetail"),
            &mut [s(&format!(r#"{{"orderId":{id}}}"#))],
        )
        .unwrap(),
    );
    let expected = bts::decode_label(detail["data"]["labelEncode"].as_str().unwrap()).unwrap();
    // The label comes back in memory: no file appears in the temporary directory.
    let temp_files = || -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains("bts-1c-label"))
            .collect();
        files.sort();
        files
    };
    let before = temp_files();
    let pdf = blob_of(
        &bts.call_as_func(name!("LabelPdf"), &mut [Variant::new_i32(id as i32)])
            .unwrap(),
    );
    assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..pdf.len().min(16)]);
    assert_eq!(pdf, expected);
    let again = blob_of(
        &bts.call_as_func(name!("ЭтикеткаPDF"), &mut [s(&id.to_string())])
            .unwrap(),
    );
    assert_eq!(again, expected);
    assert_eq!(temp_files(), before, "LabelPdf wrote a temporary file");
    assert_eq!(text_of(&bts.get_property(name!("LastError")).unwrap()), "");
}

#[test]
fn label_pdf_of_an_unknown_order_or_a_bad_id_is_undefined_with_last_error() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json());
    let none = bts
        .call_as_func(name!("LabelPdf"), &mut [Variant::new_i32(987654)])
        .unwrap();
    assert!(none.get_empty().is_some(), "{none:?}");
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(!last.is_empty());
    let none = bts
        .call_as_func(name!("ЭтикеткаPDF"), &mut [s("twelve")])
        .unwrap();
    assert!(none.get_empty().is_some(), "{none:?}");
    let last = text_of(&bts.get_property(name!("ПоследняяОшибка")).unwrap());
    assert!(last.starts_with("invalid_input: LabelPdf"), "{last}");
}

#[test]
fn status_label_and_statuses_give_the_library_labels() {
    use bts::model::current::{Lang, StatusCode};
    let lib = load();
    let bts = lib.new_addin("BTS").unwrap();
    for (code, lang, want) in [
        (1200, "ru", StatusCode(1200).label(Lang::Ru)),
        (1200, "uz", StatusCode(1200).label(Lang::Uz)),
        (100, "EN", StatusCode(100).label(Lang::En)),
        (6, "uz", bts::model::LocalStatus::Delivered.label_uz()),
    ] {
        let label = bts
            .call_as_func(name!("StatusLabel"), &mut [Variant::new_i32(code), s(lang)])
            .unwrap();
        assert_eq!(Some(text_of(&label).as_str()), want, "{code} {lang}");
    }
    // The language may be omitted (Russian).
    let label = bts
        .call_as_func(name!("НазваниеСтатуса"), &mut [s("1200"), Variant::new()])
        .unwrap();
    assert_eq!(
        Some(text_of(&label).as_str()),
        StatusCode(1200).label(Lang::Ru)
    );
    let unknown = bts
        .call_as_func(name!("StatusLabel"), &mut [Variant::new_i32(900), s("ru")])
        .unwrap();
    assert_eq!(text_of(&unknown), "");
    let last = text_of(&bts.get_property(name!("LastError")).unwrap());
    assert!(last.contains("900"), "{last}");
    let bad_lang = bts
        .call_as_func(name!("StatusLabel"), &mut [Variant::new_i32(100), s("de")])
        .unwrap();
    assert_eq!(text_of(&bad_lang), "");

    let rows = json_of(&bts.call_as_func(name!("Статусы"), &mut []).unwrap());
    let rows = rows.as_array().expect("an array");
    let catalogue: Value = serde_json::from_str(&bts::model::status_catalogue_json()).unwrap();
    let current: Vec<&Value> = rows.iter().filter(|r| r["api"] == "current").collect();
    assert_eq!(current.len(), catalogue.as_array().unwrap().len());
    for (row, entry) in current.iter().zip(catalogue.as_array().unwrap()) {
        for key in ["code", "uz", "ru", "en", "next"] {
            assert_eq!(row[key], entry[key], "{key}");
        }
    }
    assert!(rows.iter().any(|r| r["api"] == "legacy" && r["code"] == 0));
}

/// The calls of examples/1c/quickstart.bsl, in its order: Настроить, ЗаказДобавить,
/// ЭтикеткаPDF, ЗаказПодробно, НазваниеСтатуса of the order's status.
#[test]
fn the_quickstart_example_runs_through_the_native_api() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json(), "Настроить");
    let reply = json_of(
        &bts.call_as_func(name!("ЗаказДобавить"), &mut [s(ORDER)])
            .unwrap(),
    );
    let id = reply["data"]["orderId"].as_i64().expect("an order id");
    let pdf = blob_of(
        &bts.call_as_func(name!("ЭтикеткаPDF"), &mut [Variant::new_f64(id as f64)])
            .unwrap(),
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let detail = json_of(
        &bts.call_as_func(
            name!("ЗаказПодробно"),
            &mut [s(&format!(r#"{{"orderId":{id}}}"#))],
        )
        .unwrap(),
    );
    let code = detail["data"]["status"]["id"]
        .as_i64()
        .expect("a status id") as i32;
    let label = bts
        .call_as_func(
            name!("НазваниеСтатуса"),
            &mut [Variant::new_i32(code), s("uz")],
        )
        .unwrap();
    assert_eq!(
        Some(text_of(&label).as_str()),
        bts::model::LocalStatus::from_code(i64::from(code)).label_uz()
    );
}

/// The claims of examples/1c/directory_and_statuses.bsl: branch hours keyed "1"…"7", and field
/// errors keyed like "products[0].HsCodeIs".
#[test]
fn the_directory_example_finds_keys_that_are_not_bsl_identifiers() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json());
    // The current API's branches carry working_hours.
    let current = configured!(lib, sandbox.current_config_json(), "Настроить");
    let items = |method: &[u16], params: String| -> Vec<Value> {
        let reply = json_of(&current.call_as_func(method, &mut [s(&params)]).unwrap());
        reply["data"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("no items: {reply}"))
    };
    let mut rows = Vec::new();
    for region in items(name!("СправочникРегионы"), String::new()) {
        let region = region["code"].as_str().expect("a region code").to_owned();
        let cities = items(
            name!("СправочникГорода"),
            format!(r#"{{"regionCode":"{region}"}}"#),
        );
        for city in cities {
            let city = city["code"].as_str().expect("a city code");
            rows.extend(items(
                name!("СправочникФилиалы"),
                format!(r#"{{"regionCode":"{region}","cityCode":"{city}"}}"#),
            ));
        }
        if !rows.is_empty() {
            break;
        }
    }
    let branch = rows
        .iter()
        .find(|b| b["working_hours"].is_object())
        .unwrap_or_else(|| panic!("no branch has working_hours: {rows:?}"));
    assert!(branch["working_hours"].get("1").is_some(), "{branch}");
    let parcel = r#"{"ParcelNumber":"UZ000000001","products":[{"ProductDescription":"Kitob"}]}"#;
    let reply = json_of(
        &bts.call_as_func(name!("МеждународныйДобавить"), &mut [s(parcel)])
            .unwrap(),
    );
    let fields = reply["error"]["fields"].as_object().expect("field errors");
    assert!(fields.contains_key("products[0].HsCodeIs"), "{reply}");
}

#[test]
fn execute_batch_answers_one_envelope_per_call_in_order_in_both_languages() {
    let sandbox = Sandbox::start();
    let lib = load();
    let bts = configured!(lib, sandbox.config_json(), "Configure");
    let calls = format!(
        r#"[{{"operation":"order/calculate","params":{PRICE}}},{{"operation":"order/detail","params":{{"orderId":999999999}}}},{{"operation":"directory/regions"}}]"#
    );
    let reply = bts
        .call_as_func(name!("ExecuteBatch"), &mut [s(&calls), Variant::new_i32(3)])
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["ok"], true, "{envelope}");
    let data = envelope["data"].as_array().unwrap();
    assert_eq!(data.len(), 3);
    assert_eq!(data[0]["data"]["summaryPrice"], 10000);
    assert_eq!(data[1]["error"]["status"], 404);
    assert_eq!(data[2]["ok"], true);
    // A failed call does not fail the batch: LastError stays empty.
    let last = bts.get_property(name!("LastError")).unwrap();
    assert_eq!(text_of(&last), "");

    // The Russian name, the whole parameters object, no concurrency.
    let whole = format!(r#"{{"calls":{calls},"concurrency":2}}"#);
    let reply = bts
        .call_as_func(name!("ВыполнитьПакет"), &mut [s(&whole), s("")])
        .unwrap();
    assert_eq!(json_of(&reply)["data"].as_array().unwrap().len(), 3);

    // A bad batch: invalid_input naming the index, LastError set, nothing sent.
    sandbox.reset_counts();
    let reply = bts
        .call_as_func(
            name!("ExecuteBatch"),
            &mut [s(r#"[{"operation":"order/teleport"}]"#), s("")],
        )
        .unwrap();
    let envelope = json_of(&reply);
    assert_eq!(envelope["error"]["kind"], "invalid_input", "{envelope}");
    assert!(envelope["error"]["fields"]["calls[0].operation"].is_array());
    let last = bts.get_property(name!("LastError")).unwrap();
    assert!(
        text_of(&last).contains("calls[0].operation"),
        "{}",
        text_of(&last)
    );
    assert_eq!(sandbox.requests("*"), 0);
}
