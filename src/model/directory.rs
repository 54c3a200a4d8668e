//! Legacy courier API, directory.
//!
//! | operation | response |
//! |---|---|
//! | `directory/branches` (optional `regionId`) | `Vec<`[`Branch`]`>` |
//! | `directory/branches-with-city` (`cityId`) | `Vec<`[`Branch`]`>` |
//! | `directory/regions` | `Vec<`[`Region`]`>` (shape not documented) |
//! | `directory/cities` (`regionId`) | `Vec<`[`City`]`>` (shape not documented) |
//!
//! The seeds show no region or city list; [`Region`] and [`City`] assume the `{id, name,
//! regionId}` members that order responses use for the same things, and keep everything else in
//! `extra`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::parse_lat_long;

model! {
    /// A BTS branch (office), an element of the branch lists. Its `id`
    /// is what `receiver_branch_id` / `ReceiverBranchId` take.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Branch {
        /// `id`: the branch's id.
        pub id: Option<i64>,
        /// `name`: the branch's name, e.g. "KARSHI BTS".
        pub name: Option<String>,
        /// `regionId`: the region the branch is in.
        #[serde(rename = "regionId")]
        pub region_id: Option<i64>,
        /// `cityId`: the city the branch is in.
        #[serde(rename = "cityId")]
        pub city_id: Option<i64>,
        /// `address`: street address, often with a landmark ("or:" / "Mo'ljal:"); trailing spaces
        /// kept.
        pub address: Option<String>,
        /// `lat_long`: coordinates as one string, `"lat,long"`; see [`Branch::lat_long`].
        pub lat_long: Option<String>,
        /// `phone`: the branch's phone number, a string ("1230" in every example).
        pub phone: Option<String>,
        /// `video_link`: a video link (empty in the examples).
        pub video_link: Option<String>,
        /// `working_hours`: day number `"1"`–`"7"` (1 = Monday, inferred) → opening hours, free
        /// text such as "08:00-20:00" or "27/7".
        pub working_hours: Option<BTreeMap<String, String>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl Branch {
    /// The coordinates in `lat_long` as `(latitude, longitude)`, when it holds two decimal
    /// numbers separated by a comma (spaces allowed); `None` otherwise.
    ///
    /// ```
    /// # use bts::model::Branch;
    /// let b: Branch = serde_json::from_str(r#"{"lat_long": "38.837395,65.783467"}"#).unwrap();
    /// assert_eq!(b.lat_long(), Some((38.837395, 65.783467)));
    /// ```
    pub fn lat_long(&self) -> Option<(f64, f64)> {
        parse_lat_long(self.lat_long.as_deref()?)
    }
}

model! {
    /// A region (viloyat), an element of `directory/regions` (shape inferred from the
    /// `senderRegion` objects of orders).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Region {
        /// `id`: the region's id, as used by `regionId`.
        pub id: Option<i64>,
        /// `name`: the region's name, e.g. "Andijon viloyati".
        pub name: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A city or district, an element of `directory/cities` (shape inferred from the
    /// `senderCity` objects of orders). Its `id` is what `senderCityId` / `receiverCityId` take.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct City {
        /// `id`: the city's id.
        pub id: Option<i64>,
        /// `name`: the city's name, e.g. "Asaka tumani".
        pub name: Option<String>,
        /// `regionId`: the region the city is in.
        pub region_id: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}
