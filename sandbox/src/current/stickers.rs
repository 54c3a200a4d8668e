//! Stickers of current-API orders: base64 PDFs, label links, and the labels served under
//! `/current/labels/`.

use super::check::*;
use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Rule};
use crate::json::{int_of, json_object, present, OrderedJson};
use crate::reply::Reply;
use crate::state::State;
use serde_json::Value;

impl State {
    // ---- stickers ----

    pub(crate) fn label_url(c: &CurrentRequest, ids: &[i64]) -> String {
        let names: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("http://{}/current/labels/{}.pdf", c.host, names.join("-"))
    }

    pub(crate) fn label_pdf(&self, idxs: &[usize]) -> Vec<u8> {
        let pages: Vec<Vec<String>> = idxs
            .iter()
            .map(|&i| {
                let o = &self.current.orders[i];
                let r = &o.inp.receiver;
                vec![
                    "BTS Express".to_owned(),
                    format!("Order {}", o.id),
                    format!("Barcode {}", o.barcode),
                    format!("To {} {}", r.name, r.phone),
                    format!("City {}", r.city.map_or("-", |c| c.code)),
                    "Sandbox label".to_owned(),
                ]
            })
            .collect();
        crate::pdf::pdf(&pages)
    }

    pub(crate) fn sticker_reply(&self, c: &CurrentRequest, idxs: &[usize]) -> Reply {
        let ids: Vec<i64> = idxs.iter().map(|&i| self.current.orders[i].id).collect();
        let encode = if self.quirks.label_encode {
            OrderedJson::Str(crate::tokens::base64(&self.label_pdf(idxs)))
        } else {
            OrderedJson::Null
        };
        self.env_ok(
            c,
            &catalog::STICKER_OK,
            json_object! {"labelEncode" => encode, "labelSticker" => Self::label_url(c, &ids)},
        )
    }

    pub(crate) fn cur_sticker(&self, c: &CurrentRequest) -> Reply {
        match self.order_param(c, "orderId") {
            Ok(idx) => self.sticker_reply(c, &[idx]),
            Err(r) => r,
        }
    }

    pub(crate) fn cur_stickers(&self, c: &CurrentRequest) -> Reply {
        let mut ck = FieldCheck::new(c.lang);
        let ids = match present(c.body.get("orderIds")) {
            None => {
                ck.add("orderIds", Rule::Required);
                None
            }
            Some(Value::Array(a)) if a.is_empty() => {
                ck.add("orderIds", Rule::Required);
                None
            }
            Some(Value::Array(a)) if a.len() > MAX_STICKERS => {
                ck.add("orderIds", Rule::MaxItems(MAX_STICKERS));
                None
            }
            Some(Value::Array(a)) => {
                let ids: Vec<Option<i64>> = a.iter().map(int_of).collect();
                for (i, id) in ids.iter().enumerate() {
                    if id.is_none() {
                        ck.add(&format!("orderIds[{i}]"), Rule::Integer);
                    }
                }
                Some(ids.into_iter().flatten().collect::<Vec<i64>>())
            }
            Some(_) => {
                ck.add("orderIds", Rule::Invalid);
                None
            }
        };
        let Some(ids) = ids.filter(|_| ck.errs.is_empty()) else {
            return self.invalid(c, ck.errs);
        };
        let mut idxs = Vec::with_capacity(ids.len());
        for id in ids {
            match self.cur_index(id) {
                Some(i) => idxs.push(i),
                None => return self.not_found(c),
            }
        }
        self.sticker_reply(c, &idxs)
    }

    /// `GET /current/labels/<id>[-<id>…].pdf`: the PDF itself (no token needed: the link is
    /// what the sticker calls hand out).
    pub(crate) fn cur_label(&self, c: &CurrentRequest) -> Reply {
        let name = c
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let Some(stem) = name.strip_suffix(".pdf") else {
            return Reply::yii(404, None);
        };
        let mut idxs = Vec::new();
        for part in stem.split('-') {
            match part.parse::<i64>().ok().and_then(|id| self.cur_index(id)) {
                Some(i) if idxs.len() < MAX_STICKERS => idxs.push(i),
                _ => return Reply::yii(404, None),
            }
        }
        let mut r = Reply::bytes(200, self.label_pdf(&idxs));
        r.content_type = "application/pdf";
        r.headers.push((
            "Content-Disposition",
            format!("inline; filename=\"{name}\""),
        ));
        r
    }
}
