//! The handlers of the local rows of the operation table (`local!(Handler)` in
//! `src/operations.rs`): operations answered inside the library. Each takes the client, the
//! call's parameters and its deadline, and answers the `data` text. [`Client::run_local`] maps
//! every [`Handler`] to its function: a new handler without one does not compile.

use std::time::Instant;

use serde_json::{Map, Value};

use crate::operations::{ops, Handler};
use crate::request::{check_required, rejected, Params};
use crate::{Client, Error};

impl Client {
    /// Runs the handler of a local row.
    pub(crate) fn run_local(
        &self,
        handler: Handler,
        params: &Params<'_>,
        deadline: Instant,
    ) -> Result<String, Error> {
        match handler {
            Handler::LabelSave => label_save(self, params, deadline),
            Handler::JournalForget => journal_forget(self, params, deadline),
            Handler::WebhookParse => webhook_parse(self, params, deadline),
            Handler::Batch => crate::batch::run(self, params, deadline),
        }
    }
}

/// `label/save`: fetch an order's label, check it is a PDF, write it atomically.
pub(crate) fn label_save(
    client: &Client,
    params: &Params<'_>,
    deadline: Instant,
) -> Result<String, Error> {
    client.label_save(params, deadline)
}

/// `journal/forget`: settle a create whose outcome the journal does not know.
pub(crate) fn journal_forget(
    client: &Client,
    params: &Params<'_>,
    deadline: Instant,
) -> Result<String, Error> {
    let map: Map<String, Value> = serde_json::from_str(params.text)
        .map_err(|e| Error::invalid_input("journal/forget takes {\"key\": ...}").with_source(e))?;
    client.journal().forget_operation(&map, deadline)
}

/// `webhook/parse`: read a status notification BTS sent.
pub(crate) fn webhook_parse(
    _client: &Client,
    params: &Params<'_>,
    _deadline: Instant,
) -> Result<String, Error> {
    let mut problems = crate::error::FieldErrors::new();
    check_required(ops::WEBHOOK_PARSE.required(), params, &mut problems);
    if !problems.is_empty() {
        return Err(rejected(ops::WEBHOOK_PARSE.name, problems));
    }
    crate::webhook::parse(params.text)
}
