//! The legacy reference lists (regions, cities, branches, post and package types) and the
//! e-receipt goods (MXIK) list; the catalogue ids an order may name.

use super::check::*;
use super::store::*;
use crate::json::{is_missing, json_object, num_of, Errors, OrderedJson};
use crate::reply::Reply;
use crate::request::Request;
use crate::state::State;

impl State {
    /// The name of a legacy packaging type: the legacy list's (`8` "BTS PAKETLAR"), else the
    /// catalogue's Uzbek name. Every id of the catalogue is accepted: real integrations send
    /// the ids of BTS's own examples (`packageId` 4, 9).
    pub(crate) fn package_name(&self, id: i64) -> Option<&'static str> {
        self.packages
            .iter()
            .find(|p| p.0 == id)
            .map(|p| p.1)
            .or_else(|| crate::catalog::package_name(id, crate::catalog::Lang::Uz))
    }

    /// The name of a legacy post (content) type: the legacy list's (`4` "HUJJATLAR"), else the
    /// catalogue's Uzbek name (integrations send `postTypeId` 16 and 1).
    pub(crate) fn post_type_name(&self, id: i64) -> Option<&'static str> {
        self.post_types
            .iter()
            .find(|p| p.0 == id)
            .map(|p| p.1)
            .or_else(|| crate::catalog::post_type_name(id, crate::catalog::Lang::Uz))
    }

    pub(crate) fn region(&self, id: i64) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub(crate) fn city(&self, id: i64) -> Option<&City> {
        self.cities.iter().find(|c| c.id == id)
    }

    pub(crate) fn branch(&self, id: i64) -> Option<&Branch> {
        self.branches.iter().find(|b| b.id == id)
    }

    /// The first branch of a city: `(id, name, regionId)`; a generated `"<CITY> BTS"` (id 9000 +
    /// city id) when the city has none.
    pub(crate) fn city_branch(&self, city: i64) -> (i64, String, i64) {
        if let Some(b) = self.branches.iter().find(|b| b.city == city) {
            return (b.id, b.name.clone(), b.region);
        }
        let (name, region) = self
            .city(city)
            .map(|c| (c.name.to_uppercase(), c.region))
            .unwrap_or_else(|| ("BTS".to_owned(), 0));
        (9000 + city, format!("{name} BTS"), region)
    }

    // ---- directory ----

    pub(crate) fn branches(&self, ctx: &Request, filter: &str) -> Reply {
        let wanted = match ctx.param(filter) {
            None | Some("") => None,
            Some(v) => match v.trim().parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => return Reply::bad_param(filter, false),
            },
        };
        let items: Vec<OrderedJson> = self
            .branches
            .iter()
            .filter(|b| match wanted {
                None => true,
                Some(id) if filter == "regionId" => b.region == id,
                Some(id) => b.city == id,
            })
            .map(Branch::to_json)
            .collect();
        Reply::ok(OrderedJson::Arr(items))
    }

    pub(crate) fn regions_list(&self) -> Reply {
        Reply::ok(OrderedJson::Arr(
            self.regions
                .iter()
                .map(|r| json_object! {"id" => r.id, "name" => r.name})
                .collect(),
        ))
    }

    pub(crate) fn cities_list(&self, ctx: &Request) -> Reply {
        let wanted = match ctx.param("regionId") {
            None | Some("") => None,
            Some(v) => match v.trim().parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => return Reply::bad_param("regionId", false),
            },
        };
        Reply::ok(OrderedJson::Arr(
            self.cities
                .iter()
                .filter(|c| wanted.is_none_or(|r| c.region == r))
                .map(|c| json_object! {"id" => c.id, "name" => c.name, "regionId" => c.region})
                .collect(),
        ))
    }

    pub(crate) fn id_name_list(items: &[(i64, &'static str)]) -> Reply {
        Reply::ok(OrderedJson::Arr(
            items
                .iter()
                .map(|(id, name)| json_object! {"id" => *id, "name" => *name})
                .collect(),
        ))
    }

    // ---- e-receipt goods (sandbox routes) ----

    pub(crate) fn mxik_create(&mut self, ctx: &Request) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        let (spic, name, units) = {
            let mut v = OrderCheck::new(b, &mut errs);
            (v.req_text("spic"), v.req_text("name"), v.opt_text("units"))
        };
        let price = match b.get("goodPrice") {
            p if is_missing(p) => 0,
            Some(p) => match num_of(p).filter(|x| *x >= 0.0) {
                Some(x) => x.round() as i64,
                None => {
                    errs.add("goodPrice", msg_number("goodPrice"));
                    0
                }
            },
            None => 0,
        };
        let (Some(spic), Some(name)) = (spic, name) else {
            return Reply::errors(errs);
        };
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let m = Mxik {
            id: self.next_mxik_id,
            spic,
            name,
            units: units.unwrap_or_else(|| "dona".into()),
            price,
        };
        self.next_mxik_id += 1;
        let j = json_object! {
            "id" => m.id,
            "spic" => m.spic.as_str(),
            "name" => m.name.as_str(),
            "units" => m.units.as_str(),
            "goodPrice" => m.price.to_string(),
        };
        self.mxik.push(m);
        Reply::ok(j)
    }

    pub(crate) fn mxik_list(&self) -> Reply {
        Reply::ok(OrderedJson::Arr(
            self.mxik
                .iter()
                .map(|m| {
                    json_object! {
                        "id" => m.id,
                        "spic" => m.spic.as_str(),
                        "name" => m.name.as_str(),
                        "units" => m.units.as_str(),
                        "goodPrice" => m.price,
                    }
                })
                .collect(),
        ))
    }
}
