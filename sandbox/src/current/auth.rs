//! Login and token refresh of the current API (JWTs, rotation under `rotate_refresh`).

use super::check::*;
use super::request::CurrentRequest;
use super::store::*;
use crate::catalog::{self, Rule};
use crate::json::json_object;
use crate::reply::Reply;
use crate::state::Service;
use crate::state::State;

impl State {
    // ---- auth ----

    pub(crate) fn cur_login(&mut self, c: &CurrentRequest) -> Reply {
        let mut ck = FieldCheck::new(c.lang);
        let login = ck.loose_text("login", c.body.get("login"), true);
        let password = ck.loose_text("password", c.body.get("password"), true);
        if !ck.errs.is_empty() {
            return self.invalid(c, ck.errs);
        }
        if login.as_deref() != Some(LOGIN) || password.as_deref() != Some(PASSWORD) {
            return Reply::yii(401, Some("Incorrect login or password."));
        }
        let (a, r) = self.issue_jwts(Service::Current);
        self.env_ok(
            c,
            &catalog::LOGIN_OK,
            json_object! {"access_token" => a, "refresh_token" => r},
        )
    }

    pub(crate) fn cur_refresh(&mut self, c: &CurrentRequest) -> Reply {
        let mut ck = FieldCheck::new(c.lang);
        let Some(t) = ck.loose_text("refresh_token", c.body.get("refresh_token"), true) else {
            return self.invalid(c, ck.errs);
        };
        if !self.jwt_ok(&t, Service::Current, true) {
            ck.add(
                "refresh_token",
                Rule::Raw(
                    "Refresh token noto‘g‘ri yoki muddati o‘tgan",
                    "Refresh token неверен или истёк",
                    "The refresh token is invalid or expired.",
                ),
            );
            return self.invalid(c, ck.errs);
        }
        if self.quirks.rotate_refresh {
            self.revoke_jwt(&t);
        }
        let (a, r) = self.issue_jwts(Service::Current);
        self.env_ok(
            c,
            &catalog::REFRESH_OK,
            json_object! {"access_token" => a, "refresh_token" => r},
        )
    }
}
