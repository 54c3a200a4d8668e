//! Validation of legacy order fields: every error of a request at once, with the documented
//! Uzbek messages and the sandbox's labels for the fields the documentation does not name.

use crate::json::{int_of, is_missing, num_of, text_of, Errors};
use serde_json::{Map, Value};

/// Uzbek labels of request fields, as they appear in validation messages.
const LABELS: &[(&str, &str)] = &[
    ("orderId", "Buyurtma ID si"),
    ("senderCityId", "Yuborish shahri"),
    ("senderAddress", "Yuboruvchi manzili"),
    ("senderDelivery", "Yuborish usuli"),
    ("senderReal", "Yuboruvchi"),
    ("senderPhone", "Telefon"),
    ("weight", "Kg"),
    ("packageId", "Qadoqlash turi"),
    ("postTypeId", "Yuborish turi"),
    ("receiver", "Qabul qiluvchi"),
    ("receiverAddress", "Qabul qiluvchi manzili"),
    ("receiverDelivery", "Yetkazish usuli"),
    ("receiverCityId", "Qabul qilish shahri"),
    ("receiver_branch_id", "Qabul qiluvchi filiali"),
    ("clientId", "Mijoz shtrix kodi"),
    ("volume", "Hajm"),
    ("takePhoto", "Rasmga olish"),
    ("is_test", "Test"),
    ("senderSign", "Yuboruvchi imzosi"),
    ("receiverSign", "Qabul qiluvchi imzosi"),
    ("piece", "Soni"),
    ("senderDate", "Topshirish sanasi"),
    ("receiverDate", "Qabul qilish sanasi"),
    ("receiverPhone", "Telefon"),
    ("receiverPhone1", "Qo'shimcha telefon"),
    ("bringBackMoney", "Pulni qaytarish"),
    ("back_money", "Qaytariladigan pul"),
    ("bringBackWaybill", "Hujjatni qaytarish"),
    ("additionalInfo", "Izoh"),
    // international
    ("ParcelNumber", "Posilka raqami"),
    ("ReceiverPhone", "Telefon"),
    ("ReceiverPhone1", "Qo'shimcha telefon"),
    ("ReceiverSurname", "Familiya"),
    ("ReceiverFirstName", "Ism"),
    ("ReceiverPatronymic", "Otasining ismi"),
    ("ReceiverPassposrtSerial", "Pasport seriyasi"),
    ("ReceiverPassposrtNumber", "Pasport raqami"),
    ("ReceiverPinfl", "JShShIR"),
    ("ParcelWeight", "Kg"),
    ("ParcelDeclareCurrency", "Valyuta"),
    ("ReceiverDelivery", "Yetkazib berish turi"),
    ("ReceiverCityId", "Qabul qilish shahri"),
    ("ReceiverBranchId", "Qabul qiluvchi filiali"),
    ("products", "Mahsulotlar"),
    ("ProductDescription", "Mahsulot tavsifi"),
    ("ProductDescriptionRu", "Mahsulot tavsifi (ru)"),
    ("ProductQuantity", "Miqdori"),
    ("ProductWeight", "Mahsulot og'irligi"),
    ("ProductDeclareValue", "E'lon qilingan qiymat"),
    ("ProductUrl", "Mahsulot havolasi"),
    ("ProductUnit", "O'lchov birligi"),
    ("HsCodeIs", "HS kod"),
    // e-receipt goods
    ("spic", "MXIK kodi"),
    ("name", "Nomi"),
    ("units", "O'lchov birligi"),
    ("goodPrice", "Narxi"),
];

pub(crate) fn label(field: &str) -> &str {
    LABELS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, l)| *l)
        .unwrap_or(field)
}

pub(crate) fn msg_required(field: &str) -> String {
    match field {
        "weight" | "ParcelWeight" => "«Kg» to'ldirilishi kerak.".to_owned(),
        _ => format!("«{}» ni to'ldirishingiz kerak.", label(field)),
    }
}

pub(crate) fn msg_invalid(field: &str) -> String {
    format!("«{}» noto'g'ri.", label(field))
}

pub(crate) fn msg_number(field: &str) -> String {
    format!("«{}» raqam bo'lishi kerak.", label(field))
}

pub(crate) fn msg_text(field: &str) -> String {
    format!("«{}» qiymati satr bo'lishi kerak.", label(field))
}

/// Reads and checks request fields, collecting every error. `key_prefix` names nested fields
/// (`products.0.`).
pub(crate) struct OrderCheck<'a> {
    pub(crate) b: &'a Map<String, Value>,
    pub(crate) errs: &'a mut Errors,
    pub(crate) prefix: String,
}

impl<'a> OrderCheck<'a> {
    pub(crate) fn new(b: &'a Map<String, Value>, errs: &'a mut Errors) -> OrderCheck<'a> {
        OrderCheck {
            b,
            errs,
            prefix: String::new(),
        }
    }

    pub(crate) fn err(&mut self, field: &str, msg: String) {
        let key = format!("{}{field}", self.prefix);
        self.errs.add(key, msg);
    }

    pub(crate) fn missing(&self, field: &str) -> bool {
        is_missing(self.b.get(field))
    }

    pub(crate) fn req_text(&mut self, field: &str) -> Option<String> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        self.opt_text(field)
    }

    pub(crate) fn opt_text(&mut self, field: &str) -> Option<String> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match text_of(v) {
                Some(s) => Some(s),
                None => {
                    self.err(field, msg_text(field));
                    None
                }
            },
            None => None,
        }
    }

    /// A required id that must satisfy `exists`.
    pub(crate) fn req_id(&mut self, field: &str, exists: impl Fn(i64) -> bool) -> Option<i64> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        self.opt_id(field, exists)
    }

    pub(crate) fn opt_id(&mut self, field: &str, exists: impl Fn(i64) -> bool) -> Option<i64> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match int_of(v).filter(|id| exists(*id)) {
                Some(id) => Some(id),
                None => {
                    self.err(field, msg_invalid(field));
                    None
                }
            },
            None => None,
        }
    }

    /// An optional integer among `allowed`, `default` when missing.
    pub(crate) fn choice(&mut self, field: &str, allowed: &[i64], default: i64) -> i64 {
        match self.b.get(field) {
            v if is_missing(v) => default,
            Some(v) => match int_of(v).filter(|x| allowed.contains(x)) {
                Some(x) => x,
                None => {
                    self.err(field, msg_invalid(field));
                    default
                }
            },
            None => default,
        }
    }

    /// A required positive number.
    pub(crate) fn req_positive(&mut self, field: &str) -> Option<f64> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        match self.b.get(field).and_then(num_of).filter(|w| *w > 0.0) {
            Some(w) => Some(w),
            None => {
                self.err(field, msg_number(field));
                None
            }
        }
    }

    /// An optional non-negative number (`null` allowed).
    pub(crate) fn opt_number(&mut self, field: &str) -> Option<f64> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match num_of(v).filter(|x| *x >= 0.0) {
                Some(x) => Some(x),
                None => {
                    self.err(field, msg_number(field));
                    None
                }
            },
            None => None,
        }
    }
}
