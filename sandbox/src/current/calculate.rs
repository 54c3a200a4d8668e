//! The current API's tariff and calculator (four pickup/drop-off combinations, or one).

use super::check::*;
use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Rule};
use crate::json::{int_of, json_object, present, OrderedJson};
use crate::quirks::CalculateSingle;
use crate::reply::Reply;
use crate::state::State;
use serde_json::Value;

/// The price of one leg combination (see the crate docs' tariff).
pub(crate) fn leg_price(
    sender: Option<&catalog::City>,
    receiver: Option<&catalog::City>,
    weight: f64,
    volumetric: f64,
    courier_pickup: bool,
    courier_dropoff: bool,
) -> i64 {
    let base = match (sender, receiver) {
        (Some(s), Some(r)) if s.code == r.code => 6000,
        (Some(s), Some(r)) if s.region == r.region => 10_000,
        _ => 14_000,
    };
    let units = weight.max(volumetric).ceil().clamp(0.0, 1.0e9) as i64;
    base + 2000 * units
        + if courier_pickup { 4000 } else { 0 }
        + if courier_dropoff { 3000 } else { 0 }
}

pub(crate) fn is_courier(t: &str) -> bool {
    t == "courier"
}

impl State {
    pub(crate) fn cur_order_cost(inp: &OrderInput) -> i64 {
        leg_price(
            inp.sender.city,
            inp.receiver.city,
            inp.weight,
            0.0,
            is_courier(&inp.pickup),
            is_courier(&inp.dropoff),
        )
    }

    // ---- tariff ----

    pub(crate) fn cur_calculate(&self, c: &CurrentRequest) -> Reply {
        let b = c.body;
        let mut ck = FieldCheck::new(c.lang);
        let city = |ck: &mut FieldCheck, key: &str| match ck.text(key, b.get(key), true, 16) {
            Some(code) => match catalog::city(&code) {
                Some(ct) => Some(ct),
                None => {
                    ck.add(key, Rule::Invalid);
                    None
                }
            },
            None => None,
        };
        let sender = city(&mut ck, "senderCityCode");
        let receiver = city(&mut ck, "receiverCityCode");
        let legs = ["courier", "branch", "self"];
        let pickup = ck.one_of("pickup_type", b.get("pickup_type"), &legs);
        let dropoff = ck.one_of("dropoff_type", b.get("dropoff_type"), &legs);
        let multiple = match present(b.get("is_multiple_cost")) {
            None => 0,
            Some(Value::Bool(x)) => i64::from(*x),
            Some(v) => match int_of(v) {
                Some(x @ (0 | 1)) => x,
                _ => {
                    ck.add("is_multiple_cost", Rule::Invalid);
                    0
                }
            },
        };
        let weight = ck.number("weight", b.get("weight"), true, 0.001, 10_000.0);
        let mut volumetric = 0.0;
        match present(b.get("volume")) {
            None => {}
            Some(Value::Object(m)) => {
                let mut dims = [0.0; 3];
                for (i, d) in ["x", "y", "z"].iter().enumerate() {
                    dims[i] = ck
                        .number(&format!("volume.{d}"), m.get(*d), false, 0.0, 100_000.0)
                        .unwrap_or(0.0);
                }
                volumetric = dims[0] * dims[1] * dims[2] / 5000.0;
            }
            Some(_) => ck.add("volume", Rule::Invalid),
        }
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        let (Some(s), Some(r), Some(w), Some(pickup), Some(dropoff)) =
            (sender, receiver, weight, pickup, dropoff)
        else {
            return Reply::yii(500, None);
        };
        let leg = |cp: bool, cd: bool| {
            let price = leg_price(Some(s), Some(r), w, volumetric, cp, cd);
            if !cd && !r.office {
                json_object! {
                    "available" => false,
                    "price" => 0,
                    "reason" => c.lang.pick(
                        "Qabul qiluvchi hududida BTS filiali yo'q",
                        "В районе получателя нет филиала BTS",
                        "There is no BTS branch in the receiver's district",
                    ),
                }
            } else {
                json_object! {"available" => true, "price" => price, "reason" => OrderedJson::Null}
            }
        };
        let four = || {
            json_object! {
                "branch_to_branch" => leg(false, false),
                "branch_to_courier" => leg(false, true),
                "courier_to_branch" => leg(true, false),
                "courier_to_courier" => leg(true, true),
            }
        };
        let data = if multiple == 1 || self.quirks.calculate_single == CalculateSingle::Four {
            four()
        } else {
            let (cp, cd) = (is_courier(&pickup), is_courier(&dropoff));
            let price = if !cd && !r.office {
                0
            } else {
                leg_price(Some(s), Some(r), w, volumetric, cp, cd)
            };
            json_object! {"all_cost" => price}
        };
        self.env_ok(c, &catalog::RETRIEVED, data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tariff() {
        let tash = catalog::city("0109");
        let tash2 = catalog::city("0111");
        let sam = catalog::city("3001");
        assert_eq!(leg_price(tash, tash, 1.0, 0.0, false, false), 8000);
        assert_eq!(leg_price(tash, tash2, 1.0, 0.0, false, false), 12_000);
        assert_eq!(
            leg_price(tash, sam, 2.5, 0.0, true, true),
            14_000 + 6000 + 7000
        );
        assert_eq!(leg_price(tash, sam, 1.0, 1.8, false, false), 18_000);
        assert!(is_phone("+998900000001"));
        assert!(!is_phone("+998 90 000 00 01"));
    }
}
