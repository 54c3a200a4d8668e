//! Current-API order routes: add, edit, detail, list by dates, track, cancel and the
//! cancellation reasons.

use super::check::*;
use super::envelope::paged;
use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Rule};
use crate::json::{json_object, OrderedJson};
use crate::legacy::store::Reason;
use crate::reply::Reply;
use crate::state::State;

impl State {
    pub(crate) fn cur_order_dates(inp: &OrderInput) -> (String, String) {
        let today = crate::dates::today_days();
        let same_region = matches!(
            (inp.sender.city, inp.receiver.city),
            (Some(s), Some(r)) if s.region == r.region
        );
        let days = if same_region { 1 } else { 2 };
        (
            crate::dates::date_of_days(today),
            crate::dates::date_of_days(today + days),
        )
    }

    pub(crate) fn cur_add(&mut self, c: &CurrentRequest) -> Reply {
        let inp = match self.validate_cur_order(c.body, c.lang) {
            Ok(inp) => inp,
            Err(e) => return self.invalid(c, e),
        };
        let id = FIRST_ORDER_ID + self.current.orders.len() as i64;
        let barcode = format!("0199{:08}", FIRST_BARCODE + self.current.next_barcode);
        self.current.next_barcode += 1;
        let cost = Self::cur_order_cost(&inp);
        let (sender_date, receiver_date) = Self::cur_order_dates(&inp);
        let o = CurrentOrder {
            id,
            barcode,
            status: 100,
            created_days: crate::dates::today_days(),
            inp,
            cost,
            sender_date,
            receiver_date,
            reasons: Vec::new(),
        };
        let data = Self::order_short_json(&o, c.lang);
        self.current.orders.push(o);
        self.env_ok(c, &catalog::CREATED, data)
    }

    pub(crate) fn cur_edit(&mut self, c: &CurrentRequest) -> Reply {
        let idx = match self.order_param(c, "orderId") {
            Ok(i) => i,
            Err(r) => return r,
        };
        if self.current.orders[idx].status != 100 {
            return self.env_fail(c, 400, &catalog::CANNOT_EDIT, None);
        }
        let inp = match self.validate_cur_order(c.body, c.lang) {
            Ok(inp) => inp,
            Err(e) => return self.invalid(c, e),
        };
        let cost = Self::cur_order_cost(&inp);
        let o = &mut self.current.orders[idx];
        o.receiver_date = Self::cur_order_dates(&inp).1;
        o.inp = inp;
        o.cost = cost;
        let data = Self::order_short_json(o, c.lang);
        self.env_ok(c, &catalog::UPDATED, data)
    }

    pub(crate) fn cur_detail(&self, c: &CurrentRequest) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => self.env_ok(
                c,
                &catalog::RETRIEVED,
                self.order_detail_json(&self.current.orders[idx], c.lang),
            ),
            Err(r) => r,
        }
    }

    pub(crate) fn cur_list(&self, c: &CurrentRequest) -> Reply {
        let mut missing = Vec::new();
        for n in ["beginDate", "endDate"] {
            if c.param(n).is_none() {
                missing.push(n);
            }
        }
        if !missing.is_empty() {
            return Reply::yii(
                400,
                Some(&catalog::missing_params(&missing.join(", "), c.lang)),
            );
        }
        let mut ck = FieldCheck::new(c.lang);
        let mut day = |n: &str| {
            let d = c.param(n).and_then(crate::dates::parse_date);
            if d.is_none() {
                ck.add(n, Rule::Invalid);
            }
            d
        };
        let (begin, end) = (day("beginDate"), day("endDate"));
        let (Some(begin), Some(end)) = (begin, end) else {
            return self.invalid(c, ck.errs);
        };
        let items: Vec<OrderedJson> = self
            .current
            .orders
            .iter()
            .filter(|o| (begin..=end).contains(&o.created_days))
            .map(|o| self.order_detail_json(o, c.lang))
            .collect();
        self.env_ok(c, &catalog::RETRIEVED, paged(c, items))
    }

    pub(crate) fn cur_track(&self, c: &CurrentRequest) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => {
                let o = &self.current.orders[idx];
                self.env_ok(
                    c,
                    &catalog::RETRIEVED,
                    json_object! {
                        "orderId" => o.id,
                        "status" => json_object! {"code" => o.status, "name" => Self::status_name(o.status, c.lang)},
                    },
                )
            }
            Err(r) => r,
        }
    }

    pub(crate) fn cur_cancel(&mut self, c: &CurrentRequest) -> Reply {
        let idx = match self.order_param(c, "orderId") {
            Ok(i) => i,
            Err(r) => return r,
        };
        match self.current.orders[idx].status {
            1300 => return self.env_fail(c, 400, &catalog::ALREADY_CANCELLED, None),
            100 => {}
            _ => return self.env_fail(c, 400, &catalog::CANNOT_CANCEL, None),
        }
        let id = self.current.orders[idx].id;
        self.current.orders[idx].reasons.push(Reason {
            employee: "API".into(),
            description: "Mijoz tomonidan bekor qilindi".into(),
            date: crate::dates::datetime_local(crate::dates::now_unix()),
        });
        self.set_current_status(id, 1300);
        let name = c.lang.pick(
            "Bekor qilingan buyurtma",
            "Отменённый заказ",
            "Cancelled Order",
        );
        self.env_ok(
            c,
            &catalog::UPDATED,
            json_object! {"orderId" => id, "status" => json_object! {"id" => 0, "name" => name}},
        )
    }

    pub(crate) fn cur_cancellation(&self, c: &CurrentRequest) -> Reply {
        let name = if c.param("id").is_some() {
            "id"
        } else if c.param("orderId").is_some() {
            "orderId"
        } else {
            "id"
        };
        match self.order_param(c, name) {
            Ok(idx) => {
                let items = self.current.orders[idx]
                    .reasons
                    .iter()
                    .map(Reason::to_json)
                    .collect();
                self.env_ok(
                    c,
                    &catalog::RETRIEVED,
                    json_object! {"items" => OrderedJson::Arr(items)},
                )
            }
            Err(r) => r,
        }
    }
}
