//! The `model!` macro: one place for the serde attributes every model field shares.
//!
//! Every model is a struct of optional members plus an `extra` map. Written by hand, each
//! `Option` field needs `skip_serializing_if = "Option::is_none"` (so `None` is not sent as
//! `null`), and each optional integer needs the lenient reader that accepts `1`, `1.0` and `"1"`.
//! `model!` adds both from the field's type, so a struct declares only what differs: its wire
//! names, defaults and documentation.
//!
//! ```text
//! model! {
//!     /// A thing.
//!     #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
//!     #[serde(default)]
//!     pub struct Thing {
//!         /// `id`: gets the lenient integer reader and the skip.
//!         pub id: Option<i64>,
//!         /// `name`: gets the skip.
//!         pub name: Option<String>,
//!         /// Everything else, kept.
//!         #[serde(flatten)]
//!         pub extra: Map<String, Value>,
//!     }
//! }
//! ```
//!
//! The arms are a tt-muncher over the fields: `Option<i64>` first, then any other `Option<…>`,
//! then every other type, which is left as written. So an `Option<i64>` field must not name its
//! own `deserialize_with`, and a field that must always be sent (`Vec`, `bool`) is simply not an
//! `Option`. Fields are matched by their type as written: spell it `Option<…>`, not through an
//! alias.

/// Declares model structs; see the module docs.
macro_rules! model {
    // Several structs in one invocation.
    ($($(#[$meta:meta])* pub struct $name:ident $(<$($gen:ident),+>)? { $($body:tt)* })+) => {
        $(
            model!(@field [$(#[$meta])*] $name [$($($gen),+)?] [] $($body)*);
        )+
    };
    // An optional integer: lenient reader and skip.
    (@field $meta:tt $name:ident $gen:tt [$($done:tt)*]
        $(#[$fmeta:meta])* pub $field:ident : Option<i64> $(, $($rest:tt)*)?) => {
        model!(@field $meta $name $gen [$($done)*
            $(#[$fmeta])*
            #[serde(skip_serializing_if = "Option::is_none")]
            #[serde(deserialize_with = "crate::model::common::lenient_i64")]
            pub $field: Option<i64>,
        ] $($($rest)*)?);
    };
    // Any other optional member: skip when `None`.
    (@field $meta:tt $name:ident $gen:tt [$($done:tt)*]
        $(#[$fmeta:meta])* pub $field:ident : Option<$ty:ty> $(, $($rest:tt)*)?) => {
        model!(@field $meta $name $gen [$($done)*
            $(#[$fmeta])*
            #[serde(skip_serializing_if = "Option::is_none")]
            pub $field: Option<$ty>,
        ] $($($rest)*)?);
    };
    // Every other member, as written.
    (@field $meta:tt $name:ident $gen:tt [$($done:tt)*]
        $(#[$fmeta:meta])* pub $field:ident : $ty:ty $(, $($rest:tt)*)?) => {
        model!(@field $meta $name $gen [$($done)* $(#[$fmeta])* pub $field: $ty,] $($($rest)*)?);
    };
    // No fields left: the struct.
    (@field [$(#[$meta:meta])*] $name:ident [$($gen:ident),*] [$($done:tt)*]) => {
        $(#[$meta])*
        pub struct $name<$($gen),*> { $($done)* }
    };
}
