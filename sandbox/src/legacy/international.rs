//! International parcels of the legacy API: registration, tracking by barcode, manifests.

use super::check::*;
use super::store::*;
use crate::json::{is_missing, json_object, text_of, Errors, OrderedJson};
use crate::reply::Reply;
use crate::request::Request;
use crate::state::State;
use serde_json::Value;

impl State {
    // ---- international ----

    pub(crate) fn intl_add(&mut self, ctx: &Request) -> Reply {
        const REQUIRED: &[&str] = &[
            "ParcelNumber",
            "ReceiverPhone",
            "ReceiverSurname",
            "ReceiverFirstName",
            "ReceiverPassposrtSerial",
            "ReceiverPassposrtNumber",
            "ReceiverPinfl",
            "ParcelWeight",
            "ParcelDeclareCurrency",
            "ReceiverDelivery",
        ];
        const PRODUCT_REQUIRED: &[&str] = &[
            "ProductDescription",
            "ProductDescriptionRu",
            "ProductQuantity",
            "ProductWeight",
            "ProductDeclareValue",
            "ProductUrl",
            "ProductUnit",
            "HsCodeIs",
        ];
        const ECHO: &[&str] = &[
            "ParcelNumber",
            "ReceiverPhone",
            "ReceiverPhone1",
            "ReceiverPatronymic",
            "ReceiverSurname",
            "ReceiverFirstName",
            "ReceiverPassposrtSerial",
            "ReceiverPassposrtNumber",
            "ReceiverPinfl",
            "ReceiverAddress",
            "ReceiverCustomsAgree",
            "ParcelWeight",
            "ParcelValue",
            "ParcelDeclareCurrency",
            "ReceiverDelivery",
        ];
        const PRODUCT_ECHO: &[&str] = &[
            "ProductDescription",
            "ProductDescriptionRu",
            "ProductQuantity",
            "ProductWeight",
            "ProductDeclareValue",
            "ProductUrl",
            "ProductUnit",
            "HsCodeIs",
            "ProductModel",
            "ProductImei",
        ];
        let b = ctx.body;
        let mut errs = Errors::default();
        let mut parcel = None;
        let (city, branch) = {
            let mut v = OrderCheck::new(b, &mut errs);
            for f in REQUIRED {
                match *f {
                    "ParcelNumber" => parcel = v.req_text(f),
                    "ParcelWeight" => {
                        v.req_positive(f);
                    }
                    "ReceiverDelivery" => {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        } else {
                            v.choice(f, &[0, 1, 2], 0);
                        }
                    }
                    _ => {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        } else if let Some(val) = v.b.get(*f) {
                            if text_of(val).is_none() {
                                v.err(f, msg_text(f));
                            }
                        }
                    }
                }
            }
            (
                v.opt_id("ReceiverCityId", |id| self.city(id).is_some()),
                v.opt_id("ReceiverBranchId", |id| self.branch(id).is_some()),
            )
        };
        let products: &[Value] = match b.get("products") {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                errs.add("products", msg_invalid("products"));
                &[]
            }
        };
        for (n, item) in products.iter().enumerate() {
            match item.as_object() {
                None => errs.add(format!("products.{n}"), msg_invalid("products")),
                Some(p) => {
                    let mut v = OrderCheck::new(p, &mut errs);
                    v.prefix = format!("products.{n}.");
                    for f in PRODUCT_REQUIRED {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        }
                    }
                }
            }
        }
        if let Some(p) = &parcel {
            if !errs.has("ParcelNumber") && self.intl.iter().any(|i| &i.parcel_number == p) {
                errs.add(
                    "ParcelNumber",
                    format!(
                        "«{}» \"{p}\" qiymati allaqachon mavjud.",
                        label("ParcelNumber")
                    ),
                );
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let Some(parcel) = parcel else {
            return Reply::yii(500, None);
        };
        let barcode = format!("0{}", self.next_intl_barcode);
        self.next_intl_barcode += 1;

        let branch_json = branch
            .and_then(|id| self.branch(id))
            .map(|b| (b.id, b.name.clone(), b.city))
            .or_else(|| {
                city.map(|c| {
                    let (id, name, _) = self.city_branch(c);
                    (id, name, c)
                })
            });
        let city_id = city.or_else(|| branch_json.as_ref().map(|b| b.2));
        let mut f: Vec<(std::borrow::Cow<'static, str>, OrderedJson)> = ECHO
            .iter()
            .map(|k| {
                (
                    (*k).into(),
                    OrderedJson::from(b.get(*k).cloned().unwrap_or(Value::Null)),
                )
            })
            .collect();
        f.push((
            "branch".into(),
            match &branch_json {
                Some((id, name, _)) => {
                    json_object! {"ReceiverBranchId" => *id, "name" => name.as_str()}
                }
                None => OrderedJson::Null,
            },
        ));
        f.push((
            "city".into(),
            match city_id.and_then(|c| self.city(c)) {
                Some(c) => json_object! {"ReceiverCityId" => c.id, "name" => c.name},
                None => OrderedJson::Null,
            },
        ));
        f.push((
            "products".into(),
            OrderedJson::Arr(
                products
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|p| {
                        OrderedJson::Obj(
                            PRODUCT_ECHO
                                .iter()
                                .map(|k| {
                                    (
                                        (*k).into(),
                                        OrderedJson::from(
                                            p.get(*k).cloned().unwrap_or(Value::Null),
                                        ),
                                    )
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
        ));
        f.push(("barcode".into(), OrderedJson::from(&barcode)));
        self.intl.push(Parcel {
            parcel_number: parcel,
            barcode,
            status: 100,
            request: b.clone(),
        });
        Reply::ok(OrderedJson::Obj(f))
    }

    fn intl_find(&self, key: &str) -> Option<usize> {
        self.intl
            .iter()
            .position(|i| i.barcode == key)
            .or_else(|| self.intl.iter().position(|i| i.parcel_number == key))
    }

    pub(crate) fn intl_track(&self, ctx: &Request) -> Reply {
        let key = match ctx.param("barcode") {
            None | Some("") => return Reply::bad_param("barcode", true),
            Some(k) => k.trim(),
        };
        let Some(idx) = self.intl_find(key) else {
            return Reply::yii(404, Some("Posilka topilmadi."));
        };
        let p = &self.intl[idx];
        let message = INTL_STATUSES
            .iter()
            .find(|s| s.0 == p.status)
            .map(|s| s.1)
            .unwrap_or("Unknown");
        Reply::ok(json_object! {
            "barcode" => p.barcode.as_str(),
            "status" => json_object! {"code" => p.status, "message" => message},
        })
    }

    /// Moves a parcel (by barcode or ParcelNumber) to a documented international status code.
    pub(crate) fn set_international_status(&mut self, key: &str, code: i64) -> bool {
        if !INTL_STATUSES.iter().any(|s| s.0 == code) {
            return false;
        }
        match self.intl_find(key) {
            Some(idx) => {
                self.intl[idx].status = code;
                true
            }
            None => false,
        }
    }

    pub(crate) fn intl_manifest(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        for (f, msg) in [
            ("ManifestNumber", "ManifestNumber cannot be blank.."),
            ("Date", "Date cannot be blank.."),
            ("ParcelNumber", "ParcelNumber bo'sh bo'lishi mumkin emas.."),
            ("ParcelsCount", "ParcelsCount bo'sh bo'lishi mumkin emas.."),
        ] {
            let v = b.get(f);
            let empty_list = matches!(v, Some(Value::Array(a)) if a.is_empty());
            if is_missing(v) || empty_list {
                errs.add(f, msg);
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        self.manifests.push(b.clone());
        Reply::ok(
            json_object! {"success" => true, "message" => "Manifest processed successfully.."},
        )
    }
}
