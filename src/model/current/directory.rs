//! Reference data of the current courier API: regions, cities, branches and the status list.
//! Every list answers `data: {"items": […]}` (a Yii2 page: [`Page`](crate::model::Page)).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::status::StatusCode;
use crate::model::common::{parse_lat_long, Flag, Scalar};

model! {
    /// Query of the directory lists: `directory/cities` takes `regionCode`,
    /// `directory/branches` takes `regionCode` and `cityCode`; every list takes `page` and
    /// `per-page` (the server's default page size is probably 20).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct DirectoryQuery {
        /// `regionCode`: a two-digit region code, e.g. "60".
        #[serde(rename = "regionCode")]
        pub region_code: Option<Scalar>,
        /// `cityCode`: a four-digit city code, e.g. "6001".
        #[serde(rename = "cityCode")]
        pub city_code: Option<Scalar>,
        /// `page`: the page, from 1.
        pub page: Option<i64>,
        /// `per-page`: records per page.
        #[serde(rename = "per-page")]
        pub per_page: Option<i64>,
        /// Members the documentation does not describe, sent as they are.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A region, an item of `directory/regions`: `{code, name}`; `code` ("01") is what
    /// `regionCode` takes.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Region {
        /// `code`: the region's two-digit code, a string.
        pub code: Option<Scalar>,
        /// `name`: its name, in the language of the `language` header (or not).
        pub name: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A city or district, an item of `directory/cities`; `code` is the `city_code` of orders
    /// and the `senderCityCode`/`receiverCityCode` of the calculator. Some items come with an
    /// empty `code`: skip those.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct City {
        /// `code`: the four-digit city code, a string.
        pub code: Option<Scalar>,
        /// `name`: its name.
        pub name: Option<String>,
        /// `office_exists`: probably "a BTS branch exists here".
        pub office_exists: Option<Flag>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A branch, an item of `directory/branches`; `code` is the `branch_code` of orders.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Branch {
        /// `code`: the branch's four-digit code, a string.
        pub code: Option<Scalar>,
        /// `name`: its name.
        pub name: Option<String>,
        /// `regionCode`: its region.
        #[serde(rename = "regionCode")]
        pub region_code: Option<Scalar>,
        /// `cityCode`: its city.
        #[serde(rename = "cityCode")]
        pub city_code: Option<Scalar>,
        /// `address`: street address.
        pub address: Option<String>,
        /// `lat_long`: `"lat,long"` in one string; see [`Branch::lat_long`].
        pub lat_long: Option<String>,
        /// `phone`: phone number.
        pub phone: Option<String>,
        /// `working_hours`: day `"1"` (Monday) … `"7"` → `"HH:MM-HH:MM"`, `null` for a closed day.
        pub working_hours: Option<BTreeMap<String, Option<String>>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl Branch {
    /// The coordinates in `lat_long` as `(latitude, longitude)`, when it holds two decimal
    /// numbers separated by a comma; `None` otherwise.
    ///
    /// ```
    /// # use bts::model::current::Branch;
    /// let b: Branch = serde_json::from_str(r#"{"lat_long": "39.06,66.83"}"#).unwrap();
    /// assert_eq!(b.lat_long(), Some((39.06, 66.83)));
    /// ```
    pub fn lat_long(&self) -> Option<(f64, f64)> {
        parse_lat_long(self.lat_long.as_deref()?)
    }
}

model! {
    /// A status as `directory/statuses` describes it. When the server and
    /// [`StatusCode`]'s built-in catalogue disagree, the server is right.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct StatusInfo {
        /// `code`: the status code.
        pub code: Option<StatusCode>,
        /// `name`: its label, in the `language` of the request.
        pub name: Option<String>,
        /// `description`: what it means.
        pub description: Option<String>,
        /// `next_possible_statuses`: the codes an order can move to from here.
        pub next_possible_statuses: Option<Vec<StatusCode>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
