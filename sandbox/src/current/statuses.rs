//! Moving current-API orders between statuses: `test-update-status`, the control API, and the
//! sandbox's clock.

use super::check::*;
use super::request::CurrentRequest;
use crate::catalog::{self, Rule};
use crate::json::json_object;
use crate::legacy::store::Reason;
use crate::reply::Reply;
use crate::state::State;
use std::time::{Duration, Instant};

impl State {
    // ---- statuses ----

    /// Moves an order to a status code (100–1400, 900 and 1000 included), notifying the
    /// registered webhook when it changes. False for an unknown order or code.
    pub(crate) fn set_current_status(&mut self, id: i64, code: i64) -> bool {
        if catalog::status(code).is_none() {
            return false;
        }
        let Some(idx) = self.cur_index(id) else {
            return false;
        };
        if self.current.orders[idx].status == code {
            return true;
        }
        self.current.orders[idx].status = code;
        if code == 1000 {
            self.current.orders[idx].reasons.push(Reason {
                employee: "BTS".into(),
                description: "Qabul qiluvchi rad etdi".into(),
                date: crate::dates::datetime_local(crate::dates::now_unix()),
            });
        }
        self.notify(idx);
        true
    }

    /// Sets the day an order counts as created (what `order/list` filters on).
    pub(crate) fn set_current_order_date(&mut self, id: i64, date: &str) -> bool {
        let (Some(idx), Some(days)) = (self.cur_index(id), crate::dates::parse_date(date)) else {
            return false;
        };
        self.current.orders[idx].created_days = days;
        true
    }

    pub(crate) fn cur_test_status(&mut self, c: &CurrentRequest) -> Reply {
        let mut ck = FieldCheck::new(c.lang);
        let id = ck.integer("orderId", c.body.get("orderId"), true, 1);
        let code = ck.integer("statusCode", c.body.get("statusCode"), true, 0);
        if let Some(code) = code {
            if catalog::status(code).is_none() {
                ck.add("statusCode", Rule::Invalid);
            }
        }
        let (Some(id), Some(code)) = (id, code) else {
            return self.invalid(c, ck.errs);
        };
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        if self.cur_index(id).is_none() {
            return self.not_found(c);
        }
        self.set_current_status(id, code);
        self.env_ok(
            c,
            &catalog::UPDATED,
            json_object! {
                "orderId" => id,
                "status" => json_object! {"code" => code, "name" => Self::status_name(code, c.lang)},
            },
        )
    }

    /// Sets (or, with `None`, stops) the clock: every `step`, each order not in a final status
    /// moves to the next status of the main path (100 → 200 → … → 800 → 1100 → 1200).
    pub(crate) fn set_clock(&mut self, step: Option<Duration>) {
        self.current.clock = step.map(|s| (s, Instant::now()));
    }

    /// Runs the clock when a step is due (called by the background thread).
    pub(crate) fn clock_tick(&mut self) {
        let Some((step, last)) = self.current.clock else {
            return;
        };
        if last.elapsed() < step {
            return;
        }
        self.current.clock = Some((step, Instant::now()));
        let moves: Vec<(i64, i64)> = self
            .current
            .orders
            .iter()
            .filter_map(|o| catalog::main_next(o.status).map(|n| (o.id, n)))
            .collect();
        for (id, next) in moves {
            self.set_current_status(id, next);
        }
    }
}
