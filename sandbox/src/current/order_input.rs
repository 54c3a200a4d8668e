//! Validation of a current-API order body (`order/add`, `order/edit`): parties, cargo, options,
//! `bringBackMoney` in both readings; every error at once.

use super::check::*;
use super::store::*;
use crate::catalog::{self, Lang, Rule};
use crate::json::{int_of, present, Errors};
use crate::quirks::BringBackMoney;
use crate::state::State;
use serde_json::{Map, Value};

impl State {
    // ---- orders ----

    pub(crate) fn party(
        &self,
        ck: &mut FieldCheck,
        side: &str,
        v: Option<&Value>,
        located: bool,
        needs_branch: bool,
        needs_address: bool,
    ) -> Option<Party> {
        let empty = Map::new();
        let p = match v {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(m)) => m,
            Some(_) => {
                ck.add(side, Rule::Invalid);
                return None;
            }
        };
        let k = |f: &str| format!("{side}.{f}");
        let receiver = side == "receiver";
        let name = ck.text(&k("name"), p.get("name"), true, 255);
        let phone = ck.phone(&k("phone"), p.get("phone"), true);
        let phone1 = if receiver {
            ck.phone(&k("phone1"), p.get("phone1"), false)
        } else {
            None
        };
        let address = ck.text(&k("address"), p.get("address"), needs_address, 255);
        let latitude = ck.loose_text(&k("latitude"), p.get("latitude"), located);
        let longitude = ck.loose_text(&k("longitude"), p.get("longitude"), located);
        let city_key = k("city_code");
        let city = match present(p.get("city_code")) {
            None => {
                if !located {
                    if receiver {
                        ck.add(
                            &city_key,
                            Rule::Raw(
                                "Receiver city_code kiritilishi shart",
                                "Необходимо указать city_code получателя",
                                "Receiver city_code is required",
                            ),
                        );
                    } else {
                        ck.add(&city_key, Rule::Required);
                    }
                }
                None
            }
            Some(Value::String(code)) => match catalog::city(code) {
                Some(c) => Some(c),
                None => {
                    ck.add(&city_key, Rule::Invalid);
                    None
                }
            },
            Some(_) => {
                ck.add(&city_key, Rule::Text);
                None
            }
        };
        let branch_key = k("branch_code");
        let branch = match present(p.get("branch_code")) {
            None => {
                if needs_branch {
                    ck.add(&branch_key, Rule::Required);
                }
                None
            }
            Some(Value::String(code)) => {
                match catalog::branch(code).filter(|b| city.is_none_or(|c| c.code == b.city)) {
                    Some(b) => Some(b),
                    None => {
                        ck.add(&branch_key, Rule::Invalid);
                        None
                    }
                }
            }
            Some(_) => {
                ck.add(&branch_key, Rule::Text);
                None
            }
        };
        let city = city.or_else(|| branch.and_then(|b| catalog::city(b.city)));
        Some(Party {
            name: name?,
            phone: phone?,
            phone1,
            address,
            city,
            branch,
            latitude,
            longitude,
        })
    }

    pub(crate) fn validate_cur_order(
        &self,
        b: &Map<String, Value>,
        lang: Lang,
    ) -> Result<OrderInput, Errors> {
        let mut ck = FieldCheck::new(lang);
        let client_id = ck.loose_text("clientId", b.get("clientId"), false);
        let wcs_code = ck.loose_text("wcs_code", b.get("wcs_code"), false);
        let pickup = ck.one_of(
            "pickup_type",
            b.get("pickup_type"),
            &["self", "courier", "branch"],
        );
        let dropoff = ck.one_of(
            "dropoff_type",
            b.get("dropoff_type"),
            &["courier", "branch"],
        );
        let s_loc = loose_bool(b.get("is_sender_location"));
        let r_loc = loose_bool(b.get("is_receiver_location"));
        let self_pickup = matches!(pickup.as_deref(), Some("self" | "branch"));
        let branch_drop = dropoff.as_deref() == Some("branch");
        let sender = self.party(&mut ck, "sender", b.get("sender"), s_loc, self_pickup, true);
        let receiver = self.party(
            &mut ck,
            "receiver",
            b.get("receiver"),
            r_loc,
            branch_drop,
            dropoff.as_deref() == Some("courier"),
        );
        // By default both readings are accepted: 0 or 1 is the documented flag (the amount in
        // `back_money`), any larger whole number the amount itself (as one integration found
        // live). The quirk makes either reading strict.
        let amount_reading = match self.quirks.bring_back_money {
            BringBackMoney::Either => b
                .get("bringBackMoney")
                .and_then(int_of)
                .is_some_and(|n| n > 1),
            BringBackMoney::Flag => false,
            BringBackMoney::Amount => true,
        };
        let (bring_back_money, back_money) = if amount_reading {
            let a = ck.integer("bringBackMoney", b.get("bringBackMoney"), false, 0);
            if a == Some(1) {
                ck.add(
                    "bringBackMoney",
                    Rule::Raw(
                        "Mahsulotlarni kiriting",
                        "Введите товары",
                        "Enter the goods",
                    ),
                );
            }
            let a = a.unwrap_or(0);
            (a, a as f64)
        } else {
            let f = ck.flag("bringBackMoney", b.get("bringBackMoney"));
            let amount = ck.number("back_money", b.get("back_money"), f == 1, 0.0, 1.0e12);
            if f == 1 && amount == Some(0.0) {
                ck.add("back_money", Rule::Min("1"));
            }
            (f, amount.unwrap_or(0.0))
        };
        let take_photo = ck.flag("takePhoto", b.get("takePhoto"));
        let bring_back_waybill = ck.flag("bringBackWaybill", b.get("bringBackWaybill"));
        let empty = Map::new();
        let cargo = match b.get("cargo") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(m)) => m,
            Some(_) => {
                ck.add("cargo", Rule::Invalid);
                &empty
            }
        };
        let weight = ck.number("cargo.weight", cargo.get("weight"), true, 0.001, 10_000.0);
        let volume = ck.number("cargo.volume", cargo.get("volume"), false, 0.0, 1.0e9);
        let piece = ck.integer("cargo.piece", cargo.get("piece"), true, 1);
        let package_id = ck.integer("cargo.packageId", cargo.get("packageId"), true, 1);
        if let Some(id) = package_id {
            if catalog::package_name(id, lang).is_none() {
                ck.add("cargo.packageId", Rule::Invalid);
            }
        }
        let post_type_id = ck.integer("cargo.postTypeId", cargo.get("postTypeId"), false, 1);
        if let Some(id) = post_type_id {
            if catalog::post_type_name(id, lang).is_none() {
                ck.add("cargo.postTypeId", Rule::Invalid);
            }
        }
        let post_types = match cargo.get("postTypes") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let k = |f: &str| format!("cargo.postTypes[{i}].{f}");
                    match item.as_object() {
                        None => ck.add(&format!("cargo.postTypes[{i}]"), Rule::Invalid),
                        Some(it) => {
                            ck.text(&k("name"), it.get("name"), true, 20);
                            ck.loose_text(&k("code"), it.get("code"), false);
                            ck.integer(&k("count"), it.get("count"), false, 1);
                            ck.integer(&k("cost"), it.get("cost"), false, 0);
                        }
                    }
                }
                items.clone()
            }
            Some(_) => {
                ck.add("cargo.postTypes", Rule::Invalid);
                Vec::new()
            }
        };
        match cargo.get("options") {
            None | Some(Value::Null | Value::Array(_)) => {}
            Some(_) => ck.add("cargo.options", Rule::Invalid),
        }
        if !ck.errs.is_empty() {
            return Err(ck.errs);
        }
        let missing = || {
            let mut e = Errors::default();
            e.add("body", "incomplete");
            e
        };
        Ok(OrderInput {
            client_id,
            wcs_code,
            pickup: pickup.ok_or_else(missing)?,
            dropoff: dropoff.ok_or_else(missing)?,
            sender: sender.ok_or_else(missing)?,
            receiver: receiver.ok_or_else(missing)?,
            weight: weight.ok_or_else(missing)?,
            volume: volume.unwrap_or(0.0),
            piece: piece.ok_or_else(missing)?,
            package_id: package_id.ok_or_else(missing)?,
            post_type_id,
            post_types,
            take_photo,
            bring_back_waybill,
            bring_back_money,
            back_money,
        })
    }
}
