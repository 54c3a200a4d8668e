//! The courier API: login, local orders, the tariff, international parcels, manifests and the
//! e-receipt goods (MXIK) list.

use crate::json::{int_of, is_missing, jobj, num_of, text_of, Errors, J};
use crate::state::{Ctx, Reply, State};
use crate::util;
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

const CANCELLED: &str = "Bekor qilingan buyurtma";

/// The `status.info` label of an order: "Mijozda" for 1 and "Bekor qilingan buyurtma" for 0, as
/// the examples show them; the status table's label otherwise.
fn status_info(id: i64) -> &'static str {
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

/// Uzbek labels of request fields, as they appear in validation messages.
const LABELS: &[(&str, &str)] = &[
    ("orderId", "Buyurtma ID si"),
    ("senderCityId", "Yuborish shahri"),
    ("senderAddress", "Yuboruvchi manzili"),
    ("senderDelivery", "Yuborish usuli"),
    ("senderReal", "Yuboruvchi"),
    ("senderPhone", "Telefon"),
    ("weight", "Kg"),
    ("packageId", "Qadoqlash turi"),
    ("postTypeId", "Yuborish turi"),
    ("receiver", "Qabul qiluvchi"),
    ("receiverAddress", "Qabul qiluvchi manzili"),
    ("receiverDelivery", "Yetkazish usuli"),
    ("receiverCityId", "Qabul qilish shahri"),
    ("receiver_branch_id", "Qabul qiluvchi filiali"),
    ("clientId", "Mijoz shtrix kodi"),
    ("volume", "Hajm"),
    ("takePhoto", "Rasmga olish"),
    ("is_test", "Test"),
    ("senderSign", "Yuboruvchi imzosi"),
    ("receiverSign", "Qabul qiluvchi imzosi"),
    ("piece", "Soni"),
    ("senderDate", "Topshirish sanasi"),
    ("receiverDate", "Qabul qilish sanasi"),
    ("receiverPhone", "Telefon"),
    ("receiverPhone1", "Qo'shimcha telefon"),
    ("bringBackMoney", "Pulni qaytarish"),
    ("back_money", "Qaytariladigan pul"),
    ("bringBackWaybill", "Hujjatni qaytarish"),
    ("additionalInfo", "Izoh"),
    // international
    ("ParcelNumber", "Posilka raqami"),
    ("ReceiverPhone", "Telefon"),
    ("ReceiverPhone1", "Qo'shimcha telefon"),
    ("ReceiverSurname", "Familiya"),
    ("ReceiverFirstName", "Ism"),
    ("ReceiverPatronymic", "Otasining ismi"),
    ("ReceiverPassposrtSerial", "Pasport seriyasi"),
    ("ReceiverPassposrtNumber", "Pasport raqami"),
    ("ReceiverPinfl", "JShShIR"),
    ("ParcelWeight", "Kg"),
    ("ParcelDeclareCurrency", "Valyuta"),
    ("ReceiverDelivery", "Yetkazib berish turi"),
    ("ReceiverCityId", "Qabul qilish shahri"),
    ("ReceiverBranchId", "Qabul qiluvchi filiali"),
    ("products", "Mahsulotlar"),
    ("ProductDescription", "Mahsulot tavsifi"),
    ("ProductDescriptionRu", "Mahsulot tavsifi (ru)"),
    ("ProductQuantity", "Miqdori"),
    ("ProductWeight", "Mahsulot og'irligi"),
    ("ProductDeclareValue", "E'lon qilingan qiymat"),
    ("ProductUrl", "Mahsulot havolasi"),
    ("ProductUnit", "O'lchov birligi"),
    ("HsCodeIs", "HS kod"),
    // e-receipt goods
    ("spic", "MXIK kodi"),
    ("name", "Nomi"),
    ("units", "O'lchov birligi"),
    ("goodPrice", "Narxi"),
];

fn label(field: &str) -> &str {
    LABELS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, l)| *l)
        .unwrap_or(field)
}

fn msg_required(field: &str) -> String {
    match field {
        "weight" | "ParcelWeight" => "«Kg» to'ldirilishi kerak.".to_owned(),
        _ => format!("«{}» ni to'ldirishingiz kerak.", label(field)),
    }
}

fn msg_invalid(field: &str) -> String {
    format!("«{}» noto'g'ri.", label(field))
}

fn msg_number(field: &str) -> String {
    format!("«{}» raqam bo'lishi kerak.", label(field))
}

fn msg_text(field: &str) -> String {
    format!("«{}» qiymati satr bo'lishi kerak.", label(field))
}

/// Reads and checks request fields, collecting every error. `key_prefix` names nested fields
/// (`products.0.`).
struct V<'a> {
    b: &'a Map<String, Value>,
    errs: &'a mut Errors,
    prefix: String,
}

impl<'a> V<'a> {
    fn new(b: &'a Map<String, Value>, errs: &'a mut Errors) -> V<'a> {
        V {
            b,
            errs,
            prefix: String::new(),
        }
    }

    fn err(&mut self, field: &str, msg: String) {
        let key = format!("{}{field}", self.prefix);
        self.errs.add(key, msg);
    }

    fn missing(&self, field: &str) -> bool {
        is_missing(self.b.get(field))
    }

    fn req_text(&mut self, field: &str) -> Option<String> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        self.opt_text(field)
    }

    fn opt_text(&mut self, field: &str) -> Option<String> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match text_of(v) {
                Some(s) => Some(s),
                None => {
                    self.err(field, msg_text(field));
                    None
                }
            },
            None => None,
        }
    }

    /// A required id that must satisfy `exists`.
    fn req_id(&mut self, field: &str, exists: impl Fn(i64) -> bool) -> Option<i64> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        self.opt_id(field, exists)
    }

    fn opt_id(&mut self, field: &str, exists: impl Fn(i64) -> bool) -> Option<i64> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match int_of(v).filter(|id| exists(*id)) {
                Some(id) => Some(id),
                None => {
                    self.err(field, msg_invalid(field));
                    None
                }
            },
            None => None,
        }
    }

    /// An optional integer among `allowed`, `default` when missing.
    fn choice(&mut self, field: &str, allowed: &[i64], default: i64) -> i64 {
        match self.b.get(field) {
            v if is_missing(v) => default,
            Some(v) => match int_of(v).filter(|x| allowed.contains(x)) {
                Some(x) => x,
                None => {
                    self.err(field, msg_invalid(field));
                    default
                }
            },
            None => default,
        }
    }

    /// A required positive number.
    fn req_positive(&mut self, field: &str) -> Option<f64> {
        if self.missing(field) {
            self.err(field, msg_required(field));
            return None;
        }
        match self.b.get(field).and_then(num_of).filter(|w| *w > 0.0) {
            Some(w) => Some(w),
            None => {
                self.err(field, msg_number(field));
                None
            }
        }
    }

    /// An optional non-negative number (`null` allowed).
    fn opt_number(&mut self, field: &str) -> Option<f64> {
        match self.b.get(field) {
            v if is_missing(v) => None,
            Some(v) => match num_of(v).filter(|x| *x >= 0.0) {
                Some(x) => Some(x),
                None => {
                    self.err(field, msg_number(field));
                    None
                }
            },
            None => None,
        }
    }
}

/// The validated fields of a local order.
#[derive(Debug, Clone)]
pub(crate) struct OrderInput {
    sender_city: i64,
    sender_address: String,
    sender_delivery: i64,
    sender_real: String,
    sender_phone: String,
    weight: f64,
    package_id: i64,
    post_type_id: i64,
    receiver: String,
    receiver_address: String,
    receiver_delivery: i64,
    receiver_city: i64,
    receiver_branch_id: Option<i64>,
    receiver_phone: String,
    receiver_phone1: Option<String>,
    client_id: Option<String>,
    volume: Option<Value>,
    volume_num: Option<f64>,
    take_photo: i64,
    piece: i64,
    sender_sign: Option<String>,
    receiver_sign: Option<String>,
    sender_date: String,
    receiver_date: String,
}

/// A status event of an order.
#[derive(Debug, Clone)]
pub(crate) struct Hist {
    message: String,
    timestamp: i64,
    status_id: i64,
    location: String,
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
    pub(crate) fn to_j(&self) -> J {
        jobj! {
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
    inp: OrderInput,
    sender_branch: (i64, String, i64),
    receiver_branch: (i64, String, i64),
    cost: i64,
    barcode: String,
    label: String,
    history: Vec<Hist>,
    reasons: Vec<Reason>,
    /// The request as sent (unknown extra fields such as `postTypes` or `is_test` included).
    #[allow(dead_code)]
    request: Map<String, Value>,
}

/// An international parcel.
#[derive(Debug, Clone)]
pub(crate) struct Intl {
    parcel_number: String,
    barcode: String,
    status: i64,
    #[allow(dead_code)]
    request: Map<String, Value>,
}

/// A registered e-receipt good.
#[derive(Debug, Clone)]
pub(crate) struct Mxik {
    id: i64,
    spic: String,
    name: String,
    units: String,
    price: i64,
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

/// Delivery surcharge per side: 0 → 0, 1 → 1000, 2 → 3000.
fn surcharge(mode: i64) -> i64 {
    match mode {
        0 => 0,
        2 => 3000,
        _ => 1000,
    }
}

/// Parses the `id` query parameter: 400 when missing or not a whole number.
fn id_param(ctx: &Ctx) -> Result<i64, Reply> {
    match ctx.param("id") {
        None | Some("") => Err(Reply::bad_param("id", true)),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| Reply::bad_param("id", false)),
    }
}

fn not_found_order() -> Reply {
    Reply::yii(404, Some("Buyurtma topilmadi."))
}

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

    // ---- auth ----

    pub(crate) fn courier_login(&mut self, ctx: &Ctx) -> Reply {
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
            let j = jobj! {
                "errors" => jobj! {"inn" => vec![J::from("Invalid INN")]},
                "text" => "Invalid INN",
            };
            return Reply::json(422, &j);
        }
        if text("username") != USERNAME || text("password") != PASSWORD {
            return Reply::error("password", "Login yoki parol noto'g'ri.");
        }
        let token = self.issue_courier_token();
        Reply::ok(jobj! {"success" => true, "data" => jobj! {"token" => token}})
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

    pub(crate) fn order_calculate(&mut self, ctx: &Ctx) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        let mut v = V::new(b, &mut errs);
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
        let echo = |f: &str| J::from(b.get(f).cloned().unwrap_or(Value::Null));
        Reply::ok(jobj! {
            "summaryPrice" => price,
            "requestData" => jobj! {
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

    fn validate_order(&self, v: &mut V) -> Option<OrderInput> {
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

        let today = util::today_days();
        let sender_date = sender_date.unwrap_or_else(|| util::date_of_days(today));
        let receiver_date = receiver_date.unwrap_or_else(|| {
            let base = util::parse_date(&sender_date).unwrap_or(today);
            util::date_of_days(base + 1)
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

    pub(crate) fn order_add(&mut self, ctx: &Ctx) -> Reply {
        let mut errs = Errors::default();
        let inp = self.validate_order(&mut V::new(ctx.body, &mut errs));
        let inp = match inp {
            Some(inp) if errs.is_empty() => inp,
            _ => return Reply::errors(errs),
        };
        let id = self.first_order_id + self.orders.len() as i64;
        let barcode = self.next_barcode.to_string();
        self.next_barcode += 1;
        let label = util::base64(&util::label_pdf(id, &barcode));
        let (sb, rb) = self.order_branches(&inp);
        let cost = self.order_cost(&inp);
        let history = vec![Hist {
            message: "Buyurtma yaratildi".into(),
            timestamp: util::now_unix(),
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
        let reply = Reply::ok(self.order_j(&order, false));
        self.orders.push(order);
        reply
    }

    pub(crate) fn order_edit(&mut self, ctx: &Ctx) -> Reply {
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
        let inp = self.validate_order(&mut V::new(b, &mut errs));
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
        Reply::ok(self.order_j(o, false))
    }

    fn order_index(&self, id: i64) -> Option<usize> {
        let idx = id.checked_sub(self.first_order_id)?;
        let idx = usize::try_from(idx).ok()?;
        (idx < self.orders.len()).then_some(idx)
    }

    fn find_order(&self, ctx: &Ctx) -> Result<usize, Reply> {
        let id = id_param(ctx)?;
        self.order_index(id).ok_or_else(not_found_order)
    }

    /// The order object of `order/add`, `order/edit` (`detail == false`) and `order/detail`.
    fn order_j(&self, o: &Order, detail: bool) -> J {
        let i = &o.inp;
        let city = |id: i64| self.city(id);
        let sc = city(i.sender_city);
        let rc = city(i.receiver_city);
        let region_j = |c: Option<&crate::state::City>| {
            let r = c.and_then(|c| self.region(c.region));
            jobj! {"id" => r.map(|r| r.id), "name" => r.map(|r| r.name)}
        };
        let mut f: Vec<(std::borrow::Cow<'static, str>, J)> = Vec::with_capacity(40);
        let mut put = |k: &'static str, v: J| f.push((k.into(), v));
        put("orderId", J::Int(o.id));
        put("customer", jobj! {"id" => 79, "name" => "ООО JOHD "});
        put(
            "status",
            jobj! {"id" => o.status, "info" => status_info(o.status)},
        );
        put("senderRegion", region_j(sc));
        put(
            "senderCity",
            jobj! {
                "id" => i.sender_city,
                "name" => sc.map(|c| c.name),
                "regionId" => sc.map(|c| c.region),
            },
        );
        put(
            "senderBranch",
            jobj! {
                "id" => o.sender_branch.0,
                "name" => o.sender_branch.1.as_str(),
                "regionId" => o.sender_branch.2,
            },
        );
        put("senderDelivery", J::Int(i.sender_delivery));
        put("senderAddress", J::from(&i.sender_address));
        if !detail {
            put("senderReal", J::from(&i.sender_real));
        }
        put("senderPhone", J::from(&i.sender_phone));
        put("receiver", J::from(&i.receiver));
        put("receiverRegion", region_j(rc));
        put(
            "receiverCity",
            jobj! {"id" => i.receiver_city, "name" => rc.map(|c| c.name)},
        );
        put(
            "receiverBranch",
            jobj! {
                "id" => o.receiver_branch.0,
                "name" => o.receiver_branch.1.as_str(),
                "regionId" => o.receiver_branch.2,
            },
        );
        put("receiverDelivery", J::Int(i.receiver_delivery));
        put("receiverAddress", J::from(&i.receiver_address));
        put("receiverPhone", J::from(&i.receiver_phone));
        put("receiverPhone1", J::from(i.receiver_phone1.clone()));
        put(
            "package",
            jobj! {"id" => i.package_id, "name" => self.package_name(i.package_id).unwrap_or("")},
        );
        put(
            "postType",
            jobj! {"id" => i.post_type_id, "name" => self.post_type_name(i.post_type_id).unwrap_or("")},
        );
        put("cost", J::Str(format!("{}.00", o.cost)));
        put("weight", J::Str(format!("{:.3}", i.weight)));
        put("piece", J::Int(i.piece));
        if !detail {
            put("clientId", J::from(i.client_id.clone()));
        }
        let volume = match (&i.volume, detail) {
            (Some(v), false) => J::Raw(v.clone()),
            (None, false) => J::Int(0),
            (Some(Value::String(s)), true) => J::Str(s.trim().to_owned()),
            (Some(v), true) => J::Str(v.to_string()),
            (None, true) => J::from("0"),
        };
        put("volume", volume);
        if detail {
            put("urgent", J::Int(0));
        }
        put("takePhoto", J::Int(i.take_photo));
        put("senderSign", J::from(i.sender_sign.clone()));
        put("receiverSign", J::from(i.receiver_sign.clone()));
        put("senderDate", J::from(&i.sender_date));
        put("receiverDate", J::from(&i.receiver_date));
        put("barcode", J::from(&o.barcode));
        put("labelEncode", J::from(&o.label));
        J::Obj(f)
    }

    pub(crate) fn order_detail(&self, ctx: &Ctx) -> Reply {
        match self.find_order(ctx) {
            Ok(idx) => Reply::ok(self.order_j(&self.orders[idx], true)),
            Err(r) => r,
        }
    }

    pub(crate) fn order_track(&self, ctx: &Ctx) -> Reply {
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
        Reply::ok(jobj! {"orderId" => o.id, "status" => jobj! {"id" => o.status, "name" => name}})
    }

    pub(crate) fn order_history(&self, ctx: &Ctx) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        Reply::ok(J::Arr(
            self.orders[idx]
                .history
                .iter()
                .map(|h| {
                    jobj! {
                        "message" => h.message.as_str(),
                        "timestamp" => h.timestamp,
                        "status_id" => h.status_id,
                        "location" => h.location.as_str(),
                    }
                })
                .collect(),
        ))
    }

    pub(crate) fn order_cancellation(&self, ctx: &Ctx) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        Reply::ok(J::Arr(
            self.orders[idx].reasons.iter().map(Reason::to_j).collect(),
        ))
    }

    pub(crate) fn order_cancel(&mut self, ctx: &Ctx) -> Reply {
        let idx = match self.find_order(ctx) {
            Ok(idx) => idx,
            Err(r) => return r,
        };
        let o = &mut self.orders[idx];
        if o.status != 1 && o.status != 2 {
            return Reply::error("orderId", "Buyurtmani bekor qilib bo'lmaydi.");
        }
        let now = util::now_unix();
        o.status = 0;
        o.reasons.push(Reason {
            employee: "API".into(),
            description: "Mijoz tomonidan bekor qilindi".into(),
            date: util::datetime_local(now),
        });
        o.history.push(Hist {
            message: CANCELLED.into(),
            timestamp: now,
            status_id: 0,
            location: o.sender_branch.1.clone(),
        });
        Reply::ok(jobj! {
            "orderId" => o.id.to_string(),
            "status" => jobj! {"id" => 0, "name" => CANCELLED},
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
        let now = util::now_unix();
        o.status = status;
        let location = if matches!(status, 4..=7) {
            o.receiver_branch.1.clone()
        } else {
            o.sender_branch.1.clone()
        };
        o.history.push(Hist {
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
                date: util::datetime_local(now),
            });
        }
        true
    }

    // ---- international ----

    pub(crate) fn intl_add(&mut self, ctx: &Ctx) -> Reply {
        const REQUIRED: &[&str] = &[
            "ParcelNumber",
            "ReceiverPhone",
            "ReceiverSurname",
            "ReceiverFirstName",
            "ReceiverPassposrtSerial",
            "ReceiverPassposrtNumber",
            "ReceiverPinfl",
            "ParcelWeight",
            "ParcelDeclareCurrency",
            "ReceiverDelivery",
        ];
        const PRODUCT_REQUIRED: &[&str] = &[
            "ProductDescription",
            "ProductDescriptionRu",
            "ProductQuantity",
            "ProductWeight",
            "ProductDeclareValue",
            "ProductUrl",
            "ProductUnit",
            "HsCodeIs",
        ];
        const ECHO: &[&str] = &[
            "ParcelNumber",
            "ReceiverPhone",
            "ReceiverPhone1",
            "ReceiverPatronymic",
            "ReceiverSurname",
            "ReceiverFirstName",
            "ReceiverPassposrtSerial",
            "ReceiverPassposrtNumber",
            "ReceiverPinfl",
            "ReceiverAddress",
            "ReceiverCustomsAgree",
            "ParcelWeight",
            "ParcelValue",
            "ParcelDeclareCurrency",
            "ReceiverDelivery",
        ];
        const PRODUCT_ECHO: &[&str] = &[
            "ProductDescription",
            "ProductDescriptionRu",
            "ProductQuantity",
            "ProductWeight",
            "ProductDeclareValue",
            "ProductUrl",
            "ProductUnit",
            "HsCodeIs",
            "ProductModel",
            "ProductImei",
        ];
        let b = ctx.body;
        let mut errs = Errors::default();
        let mut parcel = None;
        let (city, branch) = {
            let mut v = V::new(b, &mut errs);
            for f in REQUIRED {
                match *f {
                    "ParcelNumber" => parcel = v.req_text(f),
                    "ParcelWeight" => {
                        v.req_positive(f);
                    }
                    "ReceiverDelivery" => {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        } else {
                            v.choice(f, &[0, 1, 2], 0);
                        }
                    }
                    _ => {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        } else if let Some(val) = v.b.get(*f) {
                            if text_of(val).is_none() {
                                v.err(f, msg_text(f));
                            }
                        }
                    }
                }
            }
            (
                v.opt_id("ReceiverCityId", |id| self.city(id).is_some()),
                v.opt_id("ReceiverBranchId", |id| self.branch(id).is_some()),
            )
        };
        let products: &[Value] = match b.get("products") {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                errs.add("products", msg_invalid("products"));
                &[]
            }
        };
        for (n, item) in products.iter().enumerate() {
            match item.as_object() {
                None => errs.add(format!("products.{n}"), msg_invalid("products")),
                Some(p) => {
                    let mut v = V::new(p, &mut errs);
                    v.prefix = format!("products.{n}.");
                    for f in PRODUCT_REQUIRED {
                        if v.missing(f) {
                            v.err(f, msg_required(f));
                        }
                    }
                }
            }
        }
        if let Some(p) = &parcel {
            if !errs.has("ParcelNumber") && self.intl.iter().any(|i| &i.parcel_number == p) {
                errs.add(
                    "ParcelNumber",
                    format!(
                        "«{}» \"{p}\" qiymati allaqachon mavjud.",
                        label("ParcelNumber")
                    ),
                );
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        let Some(parcel) = parcel else {
            return Reply::yii(500, None);
        };
        let barcode = format!("0{}", self.next_intl_barcode);
        self.next_intl_barcode += 1;

        let branch_j = branch
            .and_then(|id| self.branch(id))
            .map(|b| (b.id, b.name.clone(), b.city))
            .or_else(|| {
                city.map(|c| {
                    let (id, name, _) = self.city_branch(c);
                    (id, name, c)
                })
            });
        let city_id = city.or_else(|| branch_j.as_ref().map(|b| b.2));
        let mut f: Vec<(std::borrow::Cow<'static, str>, J)> = ECHO
            .iter()
            .map(|k| {
                (
                    (*k).into(),
                    J::from(b.get(*k).cloned().unwrap_or(Value::Null)),
                )
            })
            .collect();
        f.push((
            "branch".into(),
            match &branch_j {
                Some((id, name, _)) => jobj! {"ReceiverBranchId" => *id, "name" => name.as_str()},
                None => J::Null,
            },
        ));
        f.push((
            "city".into(),
            match city_id.and_then(|c| self.city(c)) {
                Some(c) => jobj! {"ReceiverCityId" => c.id, "name" => c.name},
                None => J::Null,
            },
        ));
        f.push((
            "products".into(),
            J::Arr(
                products
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|p| {
                        J::Obj(
                            PRODUCT_ECHO
                                .iter()
                                .map(|k| {
                                    (
                                        (*k).into(),
                                        J::from(p.get(*k).cloned().unwrap_or(Value::Null)),
                                    )
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
        ));
        f.push(("barcode".into(), J::from(&barcode)));
        self.intl.push(Intl {
            parcel_number: parcel,
            barcode,
            status: 100,
            request: b.clone(),
        });
        Reply::ok(J::Obj(f))
    }

    fn intl_find(&self, key: &str) -> Option<usize> {
        self.intl
            .iter()
            .position(|i| i.barcode == key)
            .or_else(|| self.intl.iter().position(|i| i.parcel_number == key))
    }

    pub(crate) fn intl_track(&self, ctx: &Ctx) -> Reply {
        let key = match ctx.param("barcode") {
            None | Some("") => return Reply::bad_param("barcode", true),
            Some(k) => k.trim(),
        };
        let Some(idx) = self.intl_find(key) else {
            return Reply::yii(404, Some("Posilka topilmadi."));
        };
        let p = &self.intl[idx];
        let message = INTL_STATUSES
            .iter()
            .find(|s| s.0 == p.status)
            .map(|s| s.1)
            .unwrap_or("Unknown");
        Reply::ok(jobj! {
            "barcode" => p.barcode.as_str(),
            "status" => jobj! {"code" => p.status, "message" => message},
        })
    }

    /// Moves a parcel (by barcode or ParcelNumber) to a documented international status code.
    pub(crate) fn set_international_status(&mut self, key: &str, code: i64) -> bool {
        if !INTL_STATUSES.iter().any(|s| s.0 == code) {
            return false;
        }
        match self.intl_find(key) {
            Some(idx) => {
                self.intl[idx].status = code;
                true
            }
            None => false,
        }
    }

    pub(crate) fn intl_manifest(&mut self, ctx: &Ctx) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        for (f, msg) in [
            ("ManifestNumber", "ManifestNumber cannot be blank.."),
            ("Date", "Date cannot be blank.."),
            ("ParcelNumber", "ParcelNumber bo'sh bo'lishi mumkin emas.."),
            ("ParcelsCount", "ParcelsCount bo'sh bo'lishi mumkin emas.."),
        ] {
            let v = b.get(f);
            let empty_list = matches!(v, Some(Value::Array(a)) if a.is_empty());
            if is_missing(v) || empty_list {
                errs.add(f, msg);
            }
        }
        if !errs.is_empty() {
            return Reply::errors(errs);
        }
        self.manifests.push(b.clone());
        Reply::ok(jobj! {"success" => true, "message" => "Manifest processed successfully.."})
    }

    // ---- e-receipt goods (sandbox routes) ----

    pub(crate) fn mxik_create(&mut self, ctx: &Ctx) -> Reply {
        let b = ctx.body;
        let mut errs = Errors::default();
        let (spic, name, units) = {
            let mut v = V::new(b, &mut errs);
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
        let j = jobj! {
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
        Reply::ok(J::Arr(
            self.mxik
                .iter()
                .map(|m| {
                    jobj! {
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
