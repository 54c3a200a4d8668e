//! The names the Python and PHP bindings give the request and reply types of the operation
//! table (`bindings/python/bts/types.py`, the `@phpstan-type`s of `bindings/php/src/Types.php`).
//!
//! Every type the `typed` column of the operation table names implements [`BindingType`], so
//! the generator (`cargo xtask gen`) reads a binding's type names from the Rust types the table
//! already names: a misspelt Rust type does not compile, a type without an implementation does
//! not compile, and the generator checks every name against the binding's files and every
//! member of a binding shape against the type's serde names ([`BINDING_TYPES`]).

/// How a binding name is made from a record's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BindingForm {
    /// The name itself (`Order`).
    One,
    /// A list of records (`HistoryEvent[]`: `List[HistoryEvent]`, `list<HistoryEvent>`).
    ListOf,
    /// A WMS create reply, `{"message", "data": <the record>}` (`ProductCreated`).
    Created,
    /// A WMS list reply, `{"message", "data": <a page of records>}` (`ProductList`).
    List,
}

/// The name of a type in the bindings' typed shapes: a record's name and its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BindingName {
    /// The record's name (`Product`, `Order`).
    pub record: &'static str,
    /// How the type wraps it.
    pub form: BindingForm,
}

impl BindingName {
    /// The record itself.
    pub const fn one(record: &'static str) -> BindingName {
        BindingName {
            record,
            form: BindingForm::One,
        }
    }

    /// `name` in another form; `None` stays `None` (an untyped record is an untyped wrapper).
    pub const fn wrap(name: Option<BindingName>, form: BindingForm) -> Option<BindingName> {
        match name {
            Some(BindingName { record, .. }) => Some(BindingName { record, form }),
            None => None,
        }
    }
}

/// A Rust type of the operation table and its name in the bindings, or `None` where the
/// bindings leave it untyped (decoded JSON).
pub trait BindingType {
    /// The bindings' name of this type.
    const BINDING: Option<BindingName>;
}

impl<T: BindingType> BindingType for Vec<T> {
    const BINDING: Option<BindingName> = BindingName::wrap(T::BINDING, BindingForm::ListOf);
}

impl<T: BindingType> BindingType for super::Created<T> {
    const BINDING: Option<BindingName> = BindingName::wrap(T::BINDING, BindingForm::Created);
}

/// A page of a current-API list: one shape (`CurrentPage`) whatever its items.
impl<T> BindingType for super::Page<T> {
    const BINDING: Option<BindingName> = Some(BindingName::one("CurrentPage"));
}

/// A current-API `items` list: left untyped (its shape is not documented).
impl<T> BindingType for super::current::Items<T> {
    const BINDING: Option<BindingName> = None;
}

/// Declares the types the bindings name (with their Rust path, for the generator's member
/// check) and those they leave untyped.
macro_rules! binding_types {
    (named { $($name:literal => $($ty:ident)::+,)* } untyped { $($plain:ty,)* }) => {
        $(
            impl BindingType for $($ty)::+ {
                const BINDING: Option<BindingName> = Some(BindingName::one($name));
            }
        )*
        $(
            impl BindingType for $plain {
                const BINDING: Option<BindingName> = None;
            }
        )*
        /// Every record the bindings name: `(binding name, Rust path under bts::model` or
        /// `bts::`), so that the generator checks each binding shape's members against the
        /// Rust type's serde names.
        pub const BINDING_TYPES: &[(&str, &str)] = &[$(($name, stringify!($($ty)::+)),)*];
    };
}

use super::current;

binding_types! {
    named {
        "OrderRequest" => super::OrderRequest,
        // order/edit's body: the bindings' OrderRequest has `orderId` among its optional keys.
        "OrderRequest" => super::OrderEditRequest,
        "Order" => super::Order,
        "CancelResult" => super::CancelResult,
        "PriceRequest" => super::PriceRequest,
        "PriceQuote" => super::PriceQuote,
        "Track" => super::Track,
        "HistoryEvent" => super::HistoryEvent,
        "CurrentOrderRequest" => current::OrderRequest,
        "CurrentOrder" => current::Order,
        "CurrentOrderState" => current::OrderState,
        "CurrentPriceRequest" => current::PriceRequest,
        "CurrentPriceQuote" => current::PriceQuote,
        "Sticker" => current::Sticker,
        "WebhookEvent" => current::WebhookEvent,
        "LabelFile" => crate::model::SavedLabel,
        "ProductRequest" => super::ProductRequest,
        "Product" => super::Product,
        "PurveyorRequest" => super::PurveyorRequest,
        "Purveyor" => super::Purveyor,
        "ReceivingGoodsRequest" => super::ReceivingGoodsRequest,
        "ReceivingGoods" => super::ReceivingGoods,
        "WmsOrderRequest" => super::WmsOrderRequest,
        "WmsOrder" => super::WmsOrder,
        "ClientStatusRequest" => super::ClientStatusRequest,
        "Message" => super::Message,
    }
    untyped {
        serde_json::Value,
        super::CancellationReason,
        super::Branch,
        super::Region,
        super::City,
        super::NamedRef,
        super::InternationalOrderRequest,
        super::InternationalOrder,
        super::InternationalTrack,
        super::ManifestRequest,
        super::ManifestResult,
        super::PartialReturnRequest,
        super::PartialReturn,
        current::OrderListRequest,
        current::StickersRequest,
        current::TestStatusRequest,
        current::DirectoryQuery,
        current::WebhookConfig,
    }
}

/// Records the bindings name that no operation returns whole (members of other shapes), with
/// their Rust path: checked like [`BINDING_TYPES`].
pub const BINDING_MEMBERS: &[(&str, &str)] = &[
    ("NamedRef", "NamedRef"),
    ("ItemLine", "ItemLine"),
    ("StatusRef", "StatusRef"),
    ("PageLinks", "PageLinks"),
    ("PageMeta", "PageMeta"),
    ("CodedRef", "current::CodedRef"),
    ("Party", "current::Party"),
    ("Cargo", "current::Cargo"),
    ("CurrentStatusRef", "current::OrderStatusRef"),
    ("Dimensions", "current::Dimensions"),
    ("PriceOption", "current::PriceOption"),
    ("WmsOrderItem", "WmsOrderItem"),
    ("Ack", "Ack"),
];
