//! Current-API orders as JSON: the short form of add/edit, the full detail (sender, receiver,
//! cargo, options) and status names in the request's language.

use super::check::*;
use super::store::*;
use crate::catalog::{self, Lang};
use crate::json::{json_object, OrderedJson};
use crate::state::State;
use std::borrow::Cow;

impl State {
    pub(crate) fn status_name(code: i64, lang: Lang) -> &'static str {
        catalog::status(code).map_or("", |s| s.name(lang))
    }

    /// The reply of `order/add` and `order/edit`.
    pub(crate) fn order_short_json(o: &CurrentOrder, lang: Lang) -> OrderedJson {
        json_object! {
            "orderId" => o.id,
            "clientId" => o.inp.client_id.clone(),
            "barcode" => o.barcode.as_str(),
            "cost" => o.cost,
            "senderDate" => o.sender_date.as_str(),
            "receiverDate" => o.receiver_date.as_str(),
            "tracking" => format!("https://bts.uz/uz/waybill-tracking?term={}", o.barcode),
            "status" => json_object! {"code" => o.status, "info" => Self::status_name(o.status, lang)},
        }
    }

    pub(crate) fn party_json(&self, p: &Party, lang: Lang, receiver: bool) -> OrderedJson {
        let nulls = self.quirks.detail_nulls;
        let region = p.city.and_then(|c| catalog::region(c.region));
        let branch = p.branch.or_else(|| {
            p.city
                .and_then(|c| catalog::BRANCHES.iter().find(|b| b.city == c.code))
        });
        let mut f: Vec<(Cow<'static, str>, OrderedJson)> = Vec::with_capacity(12);
        let mut put = |k: &'static str, v: OrderedJson| f.push((Cow::Borrowed(k), v));
        put("name", OrderedJson::from(&p.name));
        put("phone", OrderedJson::from(&p.phone));
        if receiver {
            put("phone1", OrderedJson::from(p.phone1.clone()));
        }
        put("address", OrderedJson::from(p.address.clone()));
        put(
            "region",
            match region {
                Some(r) => json_object! {"id" => r.id, "name" => r.name(lang), "code" => r.code},
                None => OrderedJson::Null,
            },
        );
        put(
            "city",
            match p.city {
                Some(ct) => json_object! {
                    "id" => ct.id,
                    "name" => ct.name,
                    "code" => if nulls { OrderedJson::Null } else { OrderedJson::from(ct.code) },
                },
                None => OrderedJson::Null,
            },
        );
        put("village", OrderedJson::Null);
        put(
            "branch",
            match branch {
                Some(b) => json_object! {
                    "id" => b.id,
                    "name" => b.name,
                    "code" => if nulls { OrderedJson::Null } else { OrderedJson::from(b.code) },
                },
                None => OrderedJson::Null,
            },
        );
        put("latitude", OrderedJson::from(p.latitude.clone()));
        put("longitude", OrderedJson::from(p.longitude.clone()));
        if receiver {
            put(
                "stickerData",
                json_object! {
                    "hubName" => region.map(|r| r.name(lang)),
                    "cityName" => p.city.map(|c| c.name),
                    "branchName" => branch.map(|b| b.name),
                    "zonaId" => region.map(|r| r.id + 20),
                },
            );
        }
        OrderedJson::Obj(f)
    }

    /// The `order/detail` object.
    pub(crate) fn order_detail_json(&self, o: &CurrentOrder, lang: Lang) -> OrderedJson {
        let i = &o.inp;
        let nulls = self.quirks.detail_nulls;
        json_object! {
            "orderId" => o.id,
            "clientId" => i.client_id.clone(),
            "wcs_code" => i.wcs_code.clone(),
            "barcode" => o.barcode.as_str(),
            "customer" => json_object! {"id" => 1234, "name" => "Sandbox LLC"},
            "status" => json_object! {
                "code" => if nulls { OrderedJson::Null } else { OrderedJson::Int(o.status) },
                "info" => Self::status_name(o.status, lang),
            },
            "pickup_type" => i.pickup.as_str(),
            "dropoff_type" => i.dropoff.as_str(),
            "sender" => self.party_json(&i.sender, lang, false),
            "receiver" => self.party_json(&i.receiver, lang, true),
            "cargo" => json_object! {
                "weight" => format!("{:.3}", i.weight),
                "volume" => format!("{:.3}", i.volume),
                "piece" => i.piece,
                "package" => json_object! {
                    "id" => i.package_id,
                    "name" => catalog::package_name(i.package_id, lang),
                },
                "postType" => match i.post_type_id {
                    Some(id) => json_object! {"id" => id, "name" => catalog::post_type_name(id, lang)},
                    None => OrderedJson::Null,
                },
                "postTypes" => OrderedJson::Arr(i.post_types.iter().map(OrderedJson::from).collect()),
                "options" => json_object! {
                    "with_unired" => OrderedJson::Null,
                    "urgent" => 0,
                    "takePhoto" => i.take_photo,
                    "bringBackWaybill" => i.bring_back_waybill,
                    "bringBackMoney" => i.bring_back_money,
                    "back_money" => trim_num(i.back_money),
                },
            },
            "cost" => if nulls { OrderedJson::Null } else { OrderedJson::Int(o.cost) },
            "senderDate" => o.sender_date.as_str(),
            "receiverDate" => o.receiver_date.as_str(),
            "declarations" => OrderedJson::Arr(Vec::new()),
        }
    }

    /// The current API's orders as the control API shows them.
    pub(crate) fn current_orders_json(&self) -> OrderedJson {
        OrderedJson::Arr(
            self.current
                .orders
                .iter()
                .map(|o| self.order_detail_json(o, Lang::En))
                .collect(),
        )
    }
}
