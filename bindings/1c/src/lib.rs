//! # bts-1c — the BTS Express API as a 1C:Enterprise Native API add-in
//!
//! The library exports the five functions 1C looks for in a Native API add-in
//! ([`GetClassNames`], [`GetClassObject`], [`DestroyObject`], [`SetPlatformCapabilities`],
//! [`GetAttachType`]) and one class, `BTS`, whose object is a thin skin over [`bts::Client`]:
//!
//! | method (alias) | returns |
//! |---|---|
//! | `Configure(configJson)` (`Настроить`) | `true`, or `false` with `LastError` set |
//! | `Call(operation, paramsJson)` (`Вызвать`) | the JSON envelope `{"ok":true,"data":..}` / `{"ok":false,"error":{..}}` |
//! | one method per operation: `OrderAdd(paramsJson)` (`ЗаказДобавить`), … | the envelope of that operation, as `Call` gives it |
//! | `Operations()` (`Операции`) | the JSON array of every operation |
//! | `Version()` (`Версия`) | the library version, e.g. `0.1.0` |
//! | `LabelPdf(orderId)` (`ЭтикеткаPDF`) | the label as binary data (`ДвоичныеДанные`), or undefined with `LastError` set |
//! | `StatusLabel(code, lang)` (`НазваниеСтатуса`) | the library's label of an order status in `uz`, `ru` or `en` |
//! | `Statuses()` (`Статусы`) | the JSON array of every order status the library knows |
//! | property `LastError` (`ПоследняяОшибка`), read-only | `kind: message` of the last failing method, empty after a success |
//!
//! The named methods are made from [`bts::OPERATIONS`] when the add-in loads, their Russian
//! names from a per-word dictionary ([`names`]); every envelope is the library's own
//! ([`bts::Client::call_envelope`]).
//!
//! In BSL:
//!
//! ```text
//! ПодключитьВнешнююКомпоненту("ОбщийМакет.BTS", "BTS", ТипВнешнейКомпоненты.Native);
//! BTS = Новый("AddIn.BTS.BTS");
//! Если Не BTS.Настроить(КонфигурацияJSON) Тогда ВызватьИсключение BTS.ПоследняяОшибка; КонецЕсли;
//! Ответ = BTS.ЗаказРассчитать("{""senderCityId"":3,""receiverCityId"":3,""weight"":1}");
//! ```
//!
//! Strings arrive as 1C passes them (UTF-16) and results are allocated through the platform's
//! memory manager (both by [`addin1c`]). Every method and property runs inside
//! `catch_unwind`: a panic becomes `LastError` (and an `internal` envelope for `Call`), never an
//! unwind into the 1C process. Names are matched without regard to case, as BSL does.
//!
//! The `unsafe` code is the five exported functions, which 1C calls with its own promises
//! about the pointers; everything else is safe Rust in [`addin`].

#![deny(missing_docs)]

pub mod addin;
pub mod names;

use std::ffi::{c_int, c_long, c_void};
use std::panic::catch_unwind;

use addin1c::{create_component, destroy_component, AttachType, CStr1C};

pub use addin::{Bts, CLASS_NAME};

/// The class names this library offers, `|`-separated, as `GetClassNames` returns them.
static CLASS_NAMES: &CStr1C = addin1c::name!("BTS");

/// Lists the classes of this add-in: `"BTS"` (a static UTF-16 string, never freed).
#[allow(non_snake_case)]
#[no_mangle]
pub extern "C" fn GetClassNames() -> *const u16 {
    CLASS_NAMES.as_ptr()
}

/// Creates the object of class `name` (only `"BTS"`) and stores it in `*component`. Returns 1
/// on success, 0 for an unknown name or a NULL pointer.
///
/// # Safety
///
/// 1C passes `name` as a NUL-terminated UTF-16 string (or NULL) and `component` as a valid
/// pointer to a pointer slot (or NULL); the object is released only by [`DestroyObject`].
#[allow(non_snake_case)]
#[no_mangle]
pub unsafe extern "C" fn GetClassObject(name: *const u16, component: *mut *mut c_void) -> c_long {
    if name.is_null() || component.is_null() {
        return 0;
    }
    // SAFETY: `name` is not NULL and 1C promises a NUL-terminated UTF-16 string.
    let name = unsafe { CStr1C::from_ptr(name) };
    if **name != **CLASS_NAMES {
        return 0;
    }
    let created = catch_unwind(|| {
        // SAFETY: `component` is not NULL and points to a slot 1C owns; the object is freed
        // only through DestroyObject.
        unsafe { create_component(component, Bts::new()) }
    });
    created.unwrap_or(0)
}

/// Destroys an object made by [`GetClassObject`] and sets `*component` to NULL. Returns 0;
/// -1 when `component` or `*component` is NULL.
///
/// # Safety
///
/// `*component` was made by [`GetClassObject`] of this library and is destroyed once.
#[allow(non_snake_case)]
#[no_mangle]
pub unsafe extern "C" fn DestroyObject(component: *mut *mut c_void) -> c_long {
    // SAFETY: checked for NULL first; then 1C's promise above.
    if component.is_null() || unsafe { (*component).is_null() } {
        return -1;
    }
    // SAFETY: `*component` came from create_component (1C's promise) and is destroyed once.
    // Dropping `Bts` drops a `bts::Client`, which does not panic.
    unsafe { destroy_component(component) }
}

/// Takes note of the platform's capabilities and answers the version this add-in supports (3:
/// the platform may pass its interface language to the object).
#[allow(non_snake_case)]
#[no_mangle]
pub extern "C" fn SetPlatformCapabilities(_capabilities: c_int) -> c_int {
    3
}

/// The add-in may be loaded into the 1C process or in a separate (isolated) one.
#[allow(non_snake_case)]
#[no_mangle]
pub extern "C" fn GetAttachType() -> AttachType {
    AttachType::Any
}
