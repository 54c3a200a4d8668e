//! Legacy local orders: login, the tariff and calculator, create, edit, detail, track,
//! history, cancel and cancellation reasons.

use super::check::*;
use super::store::*;
use crate::json::{int_of, is_missing, json_object, num_of, text_of, Errors, OrderedJson};
use crate::reply::Reply;
use crate::request::Request;
use crate::state::State;
use serde_json::Value;

/// Delivery surcharge per side: 0 → 0, 1 → 1000, 2 → 3000.
pub(crate) fn surcharge(mode: i64) -> i64 {
    match mode {
        0 => 0,
        2 => 3000,
        _ => 1000,
    }
}

/// Parses the `id` query parameter: 400 when missing or not a whole number.
pub(crate) fn id_param(ctx: &Request) -> Result<i64, Reply> {
    match ctx.param("id") {
        None | Some("") => Err(Reply::bad_param("id", true)),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| Reply::bad_param("id", false)),
    }
}

pub(crate) fn not_found_order() -> Reply {
    Reply::yii(404, Some("Buyurtma topilmadi."))
}

impl State {
    // ---- auth ----

    pub(crate) fn courier_login(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        for (field, lbl) in [("username", "Login"), ("password", "Parol"), ("inn", "INN")] {
            if is_missing(b.get(field)) {
                errs.add(field, format!("«{lbl}» ni to'ldirishingiz kerak."));
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let text = |f: &str| b.get(f).and_then(text_of).unwrap_or_default();
        if text("inn").trim() != INN {
            let j = json_object! {
                "errors" => json_object! {"inn" => vec![OrderedJson::from("Invalid INN")]},
                "text" => "Invalid INN",
            };
            return Reply::json(422, &j);
        }
        if text("username") != USERNAME || text("password") != PASSWORD {
            return Reply::error("password", "Login yoki parol noto'g'ri.");
        }
        let token = self.issue_courier_token();
        Reply::ok(json_object! {"success" => true, "data" => json_object! {"token" => token}})
    }

    // ---- tariff ----

    /// The price of a shipment (see the crate docs).
    pub(crate) fn tariff(
        &self,
        sender_city: i64,
        receiver_city: i64,
        weight: f64,
        volume: Option<f64>,
        sender_delivery: i64,
        receiver_delivery: i64,
    ) -> i64 {
        let region = |c| self.city(c).map(|c| c.region);
        let base = if sender_city == receiver_city {
            6000
        } else if region(sender_city).is_some() && region(sender_city) == region(receiver_city) {
            10_000
        } else {
            14_000
        };
        let billable = weight.max(volume.map(|v| v / 5000.0).unwrap_or(0.0));
        let units = billable.ceil().clamp(0.0, 1.0e12) as i64;
        base + 2000 * units + surcharge(sender_delivery) + surcharge(receiver_delivery)
    }

    pub(crate) fn order_calculate(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        let mut v = OrderCheck::new(b, &mut errs);
        let sc = v.req_id("senderCityId", |id| self.city(id).is_some());
        let w = v.req_positive("weight");
        let rc = v.req_id("receiverCityId", |id| self.city(id).is_some());
        let vol = v.opt_number("volume");
        let sd = v.choice("senderDelivery", &[0, 1, 2], 1);
        let rd = v.choice("receiverDelivery", &[0, 1, 2], 1);
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let (Some(sc), Some(rc), Some(w)) = (sc, rc, w) else {
            return Reply::yii(500, None);
        };
        let price = self.tariff(sc, rc, w, vol, sd, rd);
        let echo = |f: &str| OrderedJson::from(b.get(f).cloned().unwrap_or(Value::Null));
        Reply::ok(json_object! {
            "summaryPrice" => price,
            "requestData" => json_object! {
                "weight" => echo("weight"),
                "volume" => echo("volume"),
                "senderCityId" => echo("senderCityId"),
                "receiverCityId" => echo("receiverCityId"),
                "senderDate" => echo("senderDate"),
                "senderDelivery" => echo("senderDelivery"),
                "receiverDelivery" => echo("receiverDelivery"),
            },
        })
    }

    // ---- local orders ----

    fn validate_order(&self, v: &mut OrderCheck) -> Option<OrderInput> {
        let sender_city = v.req_id("senderCityId", |id| self.city(id).is_some());
        let sender_address = v.req_text("senderAddress");
        let sender_delivery = v.choice("senderDelivery", &[0, 1, 2], 1);
        let sender_real = v.req_text("senderReal");
        let sender_phone = v.req_text("senderPhone");
        let weight = v.req_positive("weight");
        let package_id = v.req_id("packageId", |id| self.package_name(id).is_some());
        let post_type_id = v.req_id("postTypeId", |id| self.post_type_name(id).is_some());
        let receiver = v.req_text("receiver");
        let receiver_address = v.req_text("receiverAddress");
        let receiver_delivery = v.choice("receiverDelivery", &[0, 1, 2], 1);
        let receiver_city = v.req_id("receiverCityId", |id| self.city(id).is_some());
        let receiver_branch_id = if receiver_delivery == 0 {
            v.opt_id("receiver_branch_id", |id| {
                self.branch(id)
                    .is_some_and(|b| Some(b.city) == receiver_city)
            })
        } else {
            None
        };
        let client_id = v.opt_text("clientId");
        let volume_num = v.opt_number("volume");
        let volume = volume_num.and(v.b.get("volume").cloned());
        let take_photo = v.choice("takePhoto", &[0, 1], 0);
        v.choice("is_test", &[0, 1], 0);
        let sender_sign = v.opt_text("senderSign");
        let receiver_sign = v.opt_text("receiverSign");
        let piece = match v.b.get("piece") {
            p if is_missing(p) => 1,
            Some(p) => match int_of(p).filter(|n| *n >= 1) {
                Some(n) => n,
                None => {
                    v.err("piece", msg_invalid("piece"));
                    1
                }
            },
            None => 1,
        };
        let sender_date = v.opt_text("senderDate");
        let receiver_date = v.opt_text("receiverDate");
        let receiver_phone = v.req_text("receiverPhone");
        let receiver_phone1 = v.opt_text("receiverPhone1");
        let bring_back = v.choice("bringBackMoney", &[0, 1], 0);
        if bring_back == 1 {
            if v.missing("back_money") {
                v.err("back_money", msg_required("back_money"));
            } else if v.b.get("back_money").and_then(num_of).is_none() {
                v.err("back_money", msg_number("back_money"));
            }
        }
        v.choice("bringBackWaybill", &[0, 1], 0);

        let today = crate::dates::today_days();
        let sender_date = sender_date.unwrap_or_else(|| crate::dates::date_of_days(today));
        let receiver_date = receiver_date.unwrap_or_else(|| {
            let base = crate::dates::parse_date(&sender_date).unwrap_or(today);
            crate::dates::date_of_days(base + 1)
        });
        Some(OrderInput {
            sender_city: sender_city?,
            sender_address: sender_address?,
            sender_delivery,
            sender_real: sender_real?,
            sender_phone: sender_phone?,
            weight: weight?,
            package_id: package_id?,
            post_type_id: post_type_id?,
            receiver: receiver?,
            receiver_address: receiver_address?,
            receiver_delivery,
            receiver_city: receiver_city?,
            receiver_branch_id,
            receiver_phone: receiver_phone?,
            receiver_phone1,
            client_id,
            volume,
            volume_num,
            take_photo,
            piece,
            sender_sign,
            receiver_sign,
            sender_date,
            receiver_date,
        })
    }

    fn order_branches(&self, inp: &OrderInput) -> ((i64, String, i64), (i64, String, i64)) {
        let sb = self.city_branch(inp.sender_city);
        let rb = match inp.receiver_branch_id.and_then(|id| self.branch(id)) {
            Some(b) => (b.id, b.name.clone(), b.region),
            None => self.city_branch(inp.receiver_city),
        };
        (sb, rb)
    }

    fn order_cost(&self, inp: &OrderInput) -> i64 {
        self.tariff(
            inp.sender_city,
            inp.receiver_city,
            inp.weight,
            inp.volume_num,
            inp.sender_delivery,
            inp.receiver_delivery,
        )
    }

    pub(crate) fn order_add(&mut self, ctx: &Request) -> Reply {
        let mut errs = Errors::default();
        let inp = self.validate_order(&mut OrderCheck::new(ctx.body, &mut errs));
        let inp = match inp {
            Some(inp) if errs.is_empty() => inp,
            _ => return Reply::errors(errs),
        };
        let id = self.first_order_id + self.orders.len() as i64;
        let barcode = self.next_barcode.to_string();
        self.next_barcode += 1;
        let label = crate::tokens::base64(&crate::pdf::label_pdf(id, &barcode));
        let (sb, rb) = self.order_branches(&inp);
        let cost = self.order_cost(&inp);
        let history = vec![HistoryEvent {
            message: "Buyurtma yaratildi".into(),
            timestamp: crate::dates::now_unix(),
            status_id: 1,
            location: sb.1.clone(),
        }];
        let order = Order {
            id,
            status: 1,
            inp,
            sender_branch: sb,
            receiver_branch: rb,
            cost,
            barcode,
            label,
            history,
            reasons: Vec::new(),
            request: ctx.body.clone(),
        };
        let reply = Reply::ok(self.order_json(&order, false));
        self.orders.push(order);
        reply
    }

    pub(crate) fn order_edit(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        let idx = if is_missing(b.get("orderId")) {
            errs.add("orderId", msg_required("orderId"));
            None
        } else {
            let idx = b
                .get("orderId")
                .and_then(int_of)
                .and_then(|id| self.order_index(id));
            let Some(idx) = idx else {
                return not_found_order();
            };
            if self.orders[idx].status != 1 {
                return Reply::error("orderId", "Buyurtmani o'zgartirib bo'lmaydi.");
            }
            Some(idx)
        };
        let inp = self.validate_order(&mut OrderCheck::new(b, &mut errs));
        let (Some(idx), Some(inp)) = (idx, inp) else {
            return Reply::errors(errs);
        };
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let (sb, rb) = self.order_branches(&inp);
        let cost = self.order_cost(&inp);
        let o = &mut self.orders[idx];
        o.inp = inp;
        o.sender_branch = sb;
        o.receiver_branch = rb;
        o.cost = cost;
        o.request = b.clone();
        let o = &self.orders[idx];
        Reply::ok(self.order_json(o, false))
    }

    fn order_index(&self, id: i64) -> Option<usize> {
        let idx = id.checked_sub(self.first_order_id)?;
        let idx = usize::try_from(idx).ok()?;
        (idx < self.orders.len()).then_some(idx)
    }

    fn find_order(&self, ctx: &Request) -> Result<usize, Reply> {
        let id = id_param(ctx)?;
        self.order_index(id).ok_or_else(not_found_order)
    }

    /// The order object of `order/add`, `order/edit` (`detail == false`) and `order/detail`.
    fn order_json(&self, o: &Order, detail: bool) -> OrderedJson {
        let i = &o.inp;
        let city = |id: i64| self.city(id);
        let sc = city(i.sender_city);
        let rc = city(i.receiver_city);
        let region_json = |c: Option<&City>| {
            let r = c.and_then(|c| self.region(c.region));
            json_object! {"id" => r.map(|r| r.id), "name" => r.map(|r| r.name)}
        };
        let mut f: Vec<(std::borrow::Cow<'static, str>, OrderedJson)> = Vec::with_capacity(40);
        let mut put = |k: &'static str, v: OrderedJson| f.push((k.into(), v));
        put("orderId", OrderedJson::Int(o.id));
        put("customer", json_object! {"id" => 79, "name" => "ООО JOHD "});
        put(
            "status",
            json_object! {"id" => o.status, "info" => status_info(o.status)},
        );
        put("senderRegion", region_json(sc));
        put(
            "senderCity",
            json_object! {
                "id" => i.sender_city,
                "name" => sc.map(|c| c.name),
                "regionId" => sc.map(|c| c.region),
            },
        );
        put(
            "senderBranch",
            json_object! {
                "id" => o.sender_branch.0,
                "name" => o.sender_branch.1.as_str(),
                "regionId" => o.sender_branch.2,
            },
        );
        put("senderDelivery", OrderedJson::Int(i.sender_delivery));
        put("senderAddress", OrderedJson::from(&i.sender_address));
        if !detail {
            put("senderReal", OrderedJson::from(&i.sender_real));
        }
        put("senderPhone", OrderedJson::from(&i.sender_phone));
        put("receiver", OrderedJson::from(&i.receiver));
        put("receiverRegion", region_json(rc));
        put(
            "receiverCity",
            json_object! {"id" => i.receiver_city, "name" => rc.map(|c| c.name)},
        );
        put(
            "receiverBranch",
            json_object! {
                "id" => o.receiver_branch.0,
                "name" => o.receiver_branch.1.as_str(),
                "regionId" => o.receiver_branch.2,
            },
        );
        put("receiverDelivery", OrderedJson::Int(i.receiver_delivery));
        put("receiverAddress", OrderedJson::from(&i.receiver_address));
        put("receiverPhone", OrderedJson::from(&i.receiver_phone));
        put(
            "receiverPhone1",
            OrderedJson::from(i.receiver_phone1.clone()),
        );
        put(
            "package",
            json_object! {"id" => i.package_id, "name" => self.package_name(i.package_id).unwrap_or("")},
        );
        put(
            "postType",
            json_object! {"id" => i.post_type_id, "name" => self.post_type_name(i.post_type_id).unwrap_or("")},
        );
        put("cost", OrderedJson::Str(format!("{}.00", o.cost)));
        put("weight", OrderedJson::Str(format!("{:.3}", i.weight)));
        put("piece", OrderedJson::Int(i.piece));
        if !detail {
            put("clientId", OrderedJson::from(i.client_id.clone()));
        }
        let volume = match (&i.volume, detail) {
            (Some(v), false) => OrderedJson::Raw(v.clone()),
            (None, false) => OrderedJson::Int(0),
            (Some(Value::String(s)), true) => OrderedJson::Str(s.trim().to_owned()),
            (Some(v), true) => OrderedJson::Str(v.to_string()),
            (None, true) => OrderedJson::from("0"),
        };
        put("volume", volume);
        if detail {
            put("urgent", OrderedJson::Int(0));
        }
        put("takePhoto", OrderedJson::Int(i.take_photo));
        put("senderSign", OrderedJson::from(i.sender_sign.clone()));
        put("receiverSign", OrderedJson::from(i.receiver_sign.clone()));
        put("senderDate", OrderedJson::from(&i.sender_date));
        put("receiverDate", OrderedJson::from(&i.receiver_date));
        put("barcode", OrderedJson::from(&o.barcode));
        put("labelEncode", OrderedJson::from(&o.label));
        OrderedJson::Obj(f)
    }

    pub(crate) fn order_detail(&self, ctx: &Request) -> Reply {
        match self.find_order(ctx) {
            Ok(idx) => Reply::ok(self.order_json(&self.orders[idx], true)),
            Err(r) => r,
        }
    }

    pub(crate) fn order_track(&self, ctx: &Request) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        let o = &self.orders[idx];
        let name = STATUSES
            .iter()
            .find(|s| s.0 == o.status)
            .map(|s| s.2)
            .unwrap_or("unknown");
        Reply::ok(
            json_object! {"orderId" => o.id, "status" => json_object! {"id" => o.status, "name" => name}},
        )
    }

    pub(crate) fn order_history(&self, ctx: &Request) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        Reply::ok(OrderedJson::Arr(
            self.orders[idx]
                .history
                .iter()
                .map(|h| {
                    json_object! {
                        "message" => h.message.as_str(),
                        "timestamp" => h.timestamp,
                        "status_id" => h.status_id,
                        "location" => h.location.as_str(),
                    }
                })
                .collect(),
        ))
    }

    pub(crate) fn order_cancellation(&self, ctx: &Request) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        Reply::ok(OrderedJson::Arr(
            self.orders[idx]
                .reasons
                .iter()
                .map(Reason::to_json)
                .collect(),
        ))
    }

    pub(crate) fn order_cancel(&mut self, ctx: &Request) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        let o = &mut self.orders[idx];
        if o.status != 1 && o.status != 2 {
            return Reply::error("orderId", "Buyurtmani bekor qilib bo'lmaydi.");
        }
        let now = crate::dates::now_unix();
        o.status = 0;
        o.reasons.push(Reason {
            employee: "API".into(),
            description: "Mijoz tomonidan bekor qilindi".into(),
            date: crate::dates::datetime_local(now),
        });
        o.history.push(HistoryEvent {
            message: CANCELLED.into(),
            timestamp: now,
            status_id: 0,
            location: o.sender_branch.1.clone(),
        });
        Reply::ok(json_object! {
            "orderId" => o.id.to_string(),
            "status" => json_object! {"id" => 0, "name" => CANCELLED},
        })
    }

    /// Moves an order to a documented local status, appending a history event (and, for 0 "refused" and 7
    /// "returning", a reason by employee "BTS").
    pub(crate) fn set_order_status(&mut self, id: i64, status: i64) -> bool {
        let Some(st) = STATUSES.iter().find(|s| s.0 == status) else {
            return false;
        };
        let Some(idx) = self.order_index(id) else {
            return false;
        };
        let o = &mut self.orders[idx];
        let now = crate::dates::now_unix();
        o.status = status;
        let location = if matches!(status, 4..=7) {
            o.receiver_branch.1.clone()
        } else {
            o.sender_branch.1.clone()
        };
        o.history.push(HistoryEvent {
            message: st.1.into(),
            timestamp: now,
            status_id: status,
            location,
        });
        let reason = match status {
            0 => Some("Rad etilgan"),
            7 => Some("Qabul qiluvchi rad etdi"),
            _ => None,
        };
        if let Some(description) = reason {
            o.reasons.push(Reason {
                employee: "BTS".into(),
                description: description.into(),
                date: crate::dates::datetime_local(now),
            });
        }
        true
    }
}
