//! What the WMS remembers: records of each kind (suppliers, products, receiving goods) with
//! their acknowledgement state, fulfilment orders and partial returns; the account.

/// The configured WMS account.
pub(crate) const LOGIN: &str = "demo";
pub(crate) const PASSWORD: &str = "demo-wms-secret";

/// Records per list page.
pub(crate) const PER_PAGE: usize = 20;

/// The three WMS record kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Purveyor,
    Product,
    Receiving,
}

impl RecordKind {
    /// The path segment: `purveyor`, `product`, `receiving-goods`.
    pub(crate) fn path(self) -> &'static str {
        match self {
            RecordKind::Purveyor => "purveyor",
            RecordKind::Product => "product",
            RecordKind::Receiving => "receiving-goods",
        }
    }

    pub(crate) fn from_name(s: &str) -> Option<RecordKind> {
        match s {
            "purveyor" => Some(RecordKind::Purveyor),
            "product" => Some(RecordKind::Product),
            "receiving-goods" => Some(RecordKind::Receiving),
            _ => None,
        }
    }

    pub(crate) fn idx(self) -> usize {
        self as usize
    }

    pub(crate) fn required(self) -> &'static [&'static str] {
        match self {
            RecordKind::Purveyor => &["group", "code", "name", "full_name"],
            RecordKind::Product => &[
                "group",
                "code",
                "name",
                "full_name",
                "gtin",
                "article",
                "nomenclature_type",
                "shelf_life_stock",
                "kis_code",
                "is_set",
                "weight",
                "net_weight",
                "volume",
                "net_volume",
                "specification",
                "temperature_mode",
                "base_packaging",
                "unit",
            ],
            RecordKind::Receiving => &[
                "number",
                "date",
                "counterparty",
                "nomenclature",
                "quantity",
                "price",
                "total_amount",
            ],
        }
    }

    pub(crate) fn ack_message(self) -> &'static str {
        match self {
            RecordKind::Purveyor => "supplier-buyers successfully updated to delivered status",
            RecordKind::Product => "products successfully updated to delivered status",
            RecordKind::Receiving => "supplier successfully updated to delivered status",
        }
    }
}

/// One stored record: its id, whether the client acknowledged it, and its item JSON.
pub(crate) struct Record {
    pub(crate) id: i64,
    pub(crate) delivered: bool,
    pub(crate) json: Vec<u8>,
}

#[derive(Default)]
pub(crate) struct Table {
    pub(crate) records: Vec<Record>,
    pub(crate) next_id: i64,
    /// Next ids of the sub-objects (purveyor: one shared id; product: packaging, shelf life,
    /// technical; receiving: detail, package).
    pub(crate) sub: [i64; 3],
}

/// The WMS records of every kind, and the fulfilment orders.
#[derive(Default)]
pub(crate) struct WmsStore {
    pub(crate) tables: [Table; 3],
    pub(crate) more: Orders,
}

/// One ordered product line.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub(crate) client_product_id: i64,
    pub(crate) quantity: i64,
    pub(crate) returned: i64,
}

/// A fulfilment order.
#[derive(Clone, Debug)]
pub(crate) struct FulfilmentOrder {
    pub(crate) order_id: i64,
    pub(crate) lines: Vec<Line>,
}

/// Fulfilment orders and partial returns.
#[derive(Default)]
pub(crate) struct Orders {
    pub(crate) orders: Vec<FulfilmentOrder>,
    pub(crate) next_line: i64,
    pub(crate) returns: i64,
}

/// The first WMS order id, line id and return id.
pub(crate) const FIRST_ORDER: i64 = 311;
pub(crate) const FIRST_LINE: i64 = 702;

pub(crate) const FIRST_RETURN: i64 = 9;
