//! The WMS envelopes (`{message, data}`, pages of a list) and the `client-status`
//! acknowledgement every resource shares.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::common::null_as_empty;

model! {
    /// A bare `{"message": …}` response: the answer to every `client-status` call
    ///, e.g. "products successfully updated to delivered status".
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Message {
        /// `message`: the server's message.
        pub message: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

// The generic envelopes keep `default` on each field: a struct-level `#[serde(default)]` would
// make decoding require `T: Default`.

model! {
    /// The envelope of a WMS `create` response:
    /// `{"message": "Record successfully created.", "data": {…record…}}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct Created<T> {
        /// `message`: the server's message, e.g. "Record successfully created.".
        #[serde(default)]
        pub message: Option<String>,
        /// `data`: the created record.
        #[serde(default)]
        pub data: Option<T>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The envelope of a WMS `clients` (list) response:
    /// `{"message": "Data successfully retrieved.", "data": {"items": […], "_links": …,
    /// "_meta": …}}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct ListResponse<T> {
        /// `message`: the server's message, e.g. "Data successfully retrieved.".
        #[serde(default)]
        pub message: Option<String>,
        /// `data`: one page of records.
        #[serde(default)]
        pub data: Option<Page<T>>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// One page of a WMS list: the records, the page links and the counts.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
    pub struct Page<T> {
        /// `items`: the records on this page (always sent; an absent or `null` list reads as
        /// empty).
        #[serde(default, deserialize_with = "null_as_empty")]
        pub items: Vec<T>,
        /// `_links`: page links (`self`, `first`, `last`; `next`/`prev` where the server sends
        /// them).
        #[serde(rename = "_links", default)]
        pub links: Option<PageLinks>,
        /// `_meta`: total count, page count, current page and page size.
        #[serde(rename = "_meta", default)]
        pub meta: Option<PageMeta>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The page-level `_links` of a list: plain strings such as
    /// `"/v1/purveyor/clients?page=1"` on the WMS. Yii2's `{"href": "..."}` objects, which the
    /// current courier API's lists may send, are read as their `href`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct PageLinks {
        /// `self`: this page's path.
        #[serde(rename = "self")]
        #[serde(deserialize_with = "path_or_href")]
        pub self_link: Option<String>,
        /// `first`: the first page's path.
        #[serde(deserialize_with = "path_or_href")]
        pub first: Option<String>,
        /// `last`: the last page's path.
        #[serde(deserialize_with = "path_or_href")]
        pub last: Option<String>,
        /// `next`: the next page's path (not in the single-page examples).
        #[serde(deserialize_with = "path_or_href")]
        pub next: Option<String>,
        /// `prev`: the previous page's path (not in the single-page examples).
        #[serde(deserialize_with = "path_or_href")]
        pub prev: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// The `_meta` of a WMS list: counts for pagination (20 records a page in the examples).
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    pub struct PageMeta {
        /// `totalCount`: number of records over all pages.
        pub total_count: Option<i64>,
        /// `pageCount`: number of pages.
        pub page_count: Option<i64>,
        /// `currentPage`: this page's number, from 1.
        pub current_page: Option<i64>,
        /// `perPage`: records per page.
        pub per_page: Option<i64>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// A record's `_links`: `{"self": {"href": "…"}}`. The seeds show the `href` truncated
    /// (`"http:/"`), empty, or on a development host, so do not rely on it.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ItemLinks {
        /// `self`: the link to the record.
        #[serde(rename = "self")]
        pub self_link: Option<Link>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl ItemLinks {
    /// The `self.href` string, if present.
    pub fn self_href(&self) -> Option<&str> {
        self.self_link.as_ref()?.href.as_deref()
    }
}

model! {
    /// A link object, `{"href": "…"}`.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Link {
        /// `href`: the URL.
        pub href: Option<String>,
        /// Members the documentation does not describe, kept as received.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

model! {
    /// Body of every WMS `client-status` call: the ids the client has
    /// stored, each with status `"ok"`, so the server marks them delivered.
    ///
    /// ```
    /// # use bts::model::ClientStatusRequest;
    /// let body = ClientStatusRequest::ok([1, 2]);
    /// assert_eq!(
    ///     serde_json::to_string(&body).unwrap(),
    ///     r#"{"status":[{"id":1,"status":"ok"},{"id":2,"status":"ok"}]}"#
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    pub struct ClientStatusRequest {
        /// `status`: one acknowledgement per stored record.
        pub status: Vec<Ack>,
    }
}

impl ClientStatusRequest {
    /// Acknowledges every id with status `"ok"`.
    pub fn ok(ids: impl IntoIterator<Item = i64>) -> Self {
        ClientStatusRequest {
            status: ids.into_iter().map(Ack::ok).collect(),
        }
    }
}

model! {
    /// One element of a `client-status` body: `{"id": 1, "status": "ok"}`.
    #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub struct Ack {
        /// `id`: the record's `id` from the `clients` list.
        pub id: i64,
        /// `status`: `"ok"` (the only value the documentation shows).
        pub status: String,
    }
}

impl Ack {
    /// `{"id": id, "status": "ok"}`.
    pub fn ok(id: i64) -> Self {
        Ack {
            id,
            status: "ok".to_owned(),
        }
    }
}

/// A page link: a path string, or a Yii2 `{"href": "..."}` object read as its `href`.
fn path_or_href<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum PathOrHref {
        Path(String),
        Href { href: Option<String> },
    }
    Ok(match Option::<PathOrHref>::deserialize(d)? {
        Some(PathOrHref::Path(p)) => Some(p),
        Some(PathOrHref::Href { href }) => href,
        None => None,
    })
}
