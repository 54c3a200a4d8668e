//! The current API's directory lists: regions, cities, branches, statuses, packaging and
//! content types, paged as Yii2 does.

use super::envelope::paged;
use super::request::CurrentRequest;
use crate::catalog::{self};
use crate::json::{json_object, OrderedJson};
use crate::reply::Reply;
use crate::state::State;
use std::borrow::Cow;

impl State {
    // ---- directory ----

    pub(crate) fn cur_regions(&self, c: &CurrentRequest) -> Reply {
        let items = catalog::REGIONS
            .iter()
            .map(|r| json_object! {"code" => r.code, "name" => r.name(c.lang)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    pub(crate) fn cur_cities(&self, c: &CurrentRequest) -> Reply {
        let Some(region) = c.param("regionCode") else {
            return Reply::yii(400, Some(&catalog::missing_params("regionCode", c.lang)));
        };
        let items = catalog::CITIES
            .iter()
            .filter(|ct| ct.region == region)
            .map(|ct| json_object! {"code" => ct.code, "name" => ct.name, "office_exists" => ct.office})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    pub(crate) fn cur_branches(&self, c: &CurrentRequest) -> Reply {
        let (region, city) = (c.param("regionCode"), c.param("cityCode"));
        let missing: Vec<&str> = [("regionCode", region), ("cityCode", city)]
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            return Reply::yii(
                400,
                Some(&catalog::missing_params(&missing.join(", "), c.lang)),
            );
        }
        let (region, city) = (region.unwrap_or(""), city.unwrap_or(""));
        let items = catalog::BRANCHES
            .iter()
            .filter(|b| {
                b.city == city && catalog::city(b.city).is_some_and(|ct| ct.region == region)
            })
            .map(|b| {
                let hours = OrderedJson::Obj(
                    b.hours
                        .iter()
                        .enumerate()
                        .map(|(i, h)| (Cow::Owned((i + 1).to_string()), OrderedJson::from(*h)))
                        .collect(),
                );
                json_object! {
                    "code" => b.code,
                    "name" => b.name,
                    "regionCode" => region,
                    "cityCode" => b.city,
                    "address" => b.address,
                    "lat_long" => b.lat_long,
                    "phone" => "1230",
                    "working_hours" => hours,
                }
            })
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    pub(crate) fn cur_statuses(&self, c: &CurrentRequest) -> Reply {
        let items = catalog::STATUSES
            .iter()
            .filter(|s| s.listed)
            .map(|s| {
                json_object! {
                    "code" => s.code,
                    "name" => s.name(c.lang),
                    "description" => s.description(c.lang),
                    "next_possible_statuses" => OrderedJson::Arr(s.next.iter().map(|n| OrderedJson::Int(*n)).collect()),
                }
            })
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    pub(crate) fn cur_packages(&self, c: &CurrentRequest) -> Reply {
        let items = catalog::PACKAGES
            .iter()
            .map(|p| json_object! {"id" => p.0, "name" => c.lang.pick(p.1, p.2, p.3)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }

    pub(crate) fn cur_post_types(&self, c: &CurrentRequest) -> Reply {
        let items = catalog::POST_TYPES
            .iter()
            .map(|p| json_object! {"id" => p.0, "name" => c.lang.pick(p.1, p.1, p.2)})
            .collect();
        self.env_ok(c, &catalog::LIST_OK, paged(c, items))
    }
}
