//! What the legacy courier API remembers: local orders with their history and cancellation
//! reasons, international parcels, e-receipt goods; the status names; the account.

use crate::json::{json_object, OrderedJson};
use serde_json::{Map, Value};

/// The configured courier account.
pub(crate) const USERNAME: &str = "demo";
pub(crate) const PASSWORD: &str = "demo-secret";

pub(crate) const INN: &str = "123456789";

/// Local order statuses (the documented table): id, Uzbek label, English name (as `order/track` gives it).
pub(crate) const STATUSES: &[(i64, &str, &str)] = &[
    (0, "Rad etilgan", "cancelled"),
    (1, "Yuboruvchida", "new"),
    (2, "Kuryer buyurtmani qabul qildi", "picked_up"),
    (3, "Jo'natuvchining ofisida", "at_sender_office"),
    (4, "Yetkazish ofisida", "at_delivery_office"),
    (5, "Kuryer yetkazmoqda", "out_for_delivery"),
    (6, "Yetkazib berilgan", "delivered"),
    (7, "Qaytarish", "returning"),
    (8, "Tranzit ofisda", "at_transit_office"),
    (10, "Saralash markazida", "at_sorting_center"),
    (31, "Omborda", "in_warehouse"),
    (32, "Qopda", "in_bag"),
    (33, "Transportda", "in_transport"),
    (34, "RC kuryerka", "rc_courier"),
];

/// International status codes (the documented table) with the English messages of `track-by-barcode`.
pub(crate) const INTL_STATUSES: &[(i64, &str)] = &[
    (100, "At the sender"),
    (110, "Entered customs"),
    (120, "Released from customs"),
    (130, "Cancelled by customs"),
    (200, "In the sorting center"),
    (300, "At the receiver's office"),
    (400, "Courier is delivering"),
    (500, "Delivered"),
];

pub(crate) const CANCELLED: &str = "Bekor qilingan buyurtma";

/// The `status.info` label of an order: "Mijozda" for 1 and "Bekor qilingan buyurtma" for 0, as
/// the examples show them; the status table's label otherwise.
pub(crate) fn status_info(id: i64) -> &'static str {
    match id {
        1 => "Mijozda",
        0 => CANCELLED,
        _ => STATUSES
            .iter()
            .find(|s| s.0 == id)
            .map(|s| s.1)
            .unwrap_or("Noma'lum"),
    }
}

/// The validated fields of a local order.
#[derive(Debug, Clone)]
pub(crate) struct OrderInput {
    pub(crate) sender_city: i64,
    pub(crate) sender_address: String,
    pub(crate) sender_delivery: i64,
    pub(crate) sender_real: String,
    pub(crate) sender_phone: String,
    pub(crate) weight: f64,
    pub(crate) package_id: i64,
    pub(crate) post_type_id: i64,
    pub(crate) receiver: String,
    pub(crate) receiver_address: String,
    pub(crate) receiver_delivery: i64,
    pub(crate) receiver_city: i64,
    pub(crate) receiver_branch_id: Option<i64>,
    pub(crate) receiver_phone: String,
    pub(crate) receiver_phone1: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) volume: Option<Value>,
    pub(crate) volume_num: Option<f64>,
    pub(crate) take_photo: i64,
    pub(crate) piece: i64,
    pub(crate) sender_sign: Option<String>,
    pub(crate) receiver_sign: Option<String>,
    pub(crate) sender_date: String,
    pub(crate) receiver_date: String,
}

/// A status event of an order.
#[derive(Debug, Clone)]
pub(crate) struct HistoryEvent {
    pub(crate) message: String,
    pub(crate) timestamp: i64,
    pub(crate) status_id: i64,
    pub(crate) location: String,
}

/// A recorded cancellation or refusal reason.
#[derive(Debug, Clone)]
pub(crate) struct Reason {
    pub employee: String,
    pub description: String,
    pub date: String,
}

impl Reason {
    /// `{"employee","description","date"}`.
    pub(crate) fn to_json(&self) -> OrderedJson {
        json_object! {
            "employee" => self.employee.as_str(),
            "description" => self.description.as_str(),
            "date" => self.date.as_str(),
        }
    }
}

/// A local order.
#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub id: i64,
    pub status: i64,
    pub(crate) inp: OrderInput,
    pub(crate) sender_branch: (i64, String, i64),
    pub(crate) receiver_branch: (i64, String, i64),
    pub(crate) cost: i64,
    pub(crate) barcode: String,
    pub(crate) label: String,
    pub(crate) history: Vec<HistoryEvent>,
    pub(crate) reasons: Vec<Reason>,
    /// The request as sent (unknown extra fields such as `postTypes` or `is_test` included).
    #[allow(dead_code)]
    pub(crate) request: Map<String, Value>,
}

/// An international parcel.
#[derive(Debug, Clone)]
pub(crate) struct Parcel {
    pub(crate) parcel_number: String,
    pub(crate) barcode: String,
    pub(crate) status: i64,
    #[allow(dead_code)]
    pub(crate) request: Map<String, Value>,
}

/// A registered e-receipt good.
#[derive(Debug, Clone)]
pub(crate) struct Mxik {
    pub(crate) id: i64,
    pub(crate) spic: String,
    pub(crate) name: String,
    pub(crate) units: String,
    pub(crate) price: i64,
}

pub(crate) fn seed_mxik() -> Vec<Mxik> {
    vec![
        Mxik {
            id: 71,
            spic: "04901001001000000".into(),
            name: "Босма китоблар".into(),
            units: "dona".into(),
            price: 700_000,
        },
        Mxik {
            id: 72,
            spic: "08517001001020045".into(),
            name: "Telefon".into(),
            units: "dona".into(),
            price: 100_000,
        },
    ]
}

/// A region.
pub(crate) struct Region {
    pub id: i64,
    pub name: &'static str,
}

/// A city (district) of a region.
pub(crate) struct City {
    pub id: i64,
    pub name: &'static str,
    pub region: i64,
}

/// A BTS branch (office).
pub(crate) struct Branch {
    pub id: i64,
    pub name: String,
    pub region: i64,
    pub city: i64,
    pub address: &'static str,
    pub lat_long: &'static str,
    pub hours: [&'static str; 7],
}

impl Branch {
    pub(crate) fn to_json(&self) -> OrderedJson {
        let hours = OrderedJson::Obj(
            self.hours
                .iter()
                .enumerate()
                .map(|(i, h)| (((i + 1).to_string()).into(), OrderedJson::from(*h)))
                .collect(),
        );
        json_object! {
            "id" => self.id,
            "name" => self.name.as_str(),
            "regionId" => self.region,
            "cityId" => self.city,
            "address" => self.address,
            "lat_long" => self.lat_long,
            "phone" => "1230",
            "video_link" => "",
            "working_hours" => hours,
        }
    }
}
