//! Client versions (public): T18 the desktop update check (204 when up to date), T19 raw,
//! T20 wrapped.

use axum::http::Method;

use super::super::data;
use super::super::pipeline::Call;
use super::super::reply;
use super::super::rules::semver;
use super::super::state::Shared;
use super::{Handler, Outcome};

pub fn find(call: &Call) -> Option<Handler> {
    match (&call.method, call.route.as_str()) {
        (&Method::GET, "/misc/latest_update") => Some(latest_update),
        (&Method::GET, "/misc/client_version") => {
            Some(|_, _| reply::json(&data::client_version()).into())
        }
        (&Method::GET, "/misc/mobile_version") => {
            Some(|_, _| reply::result(data::client_version()).into())
        }
        _ => None,
    }
}

fn latest_update(_: &Shared, call: &Call) -> Outcome {
    let versions: Vec<String> =
        url::form_urlencoded::parse(call.query.as_deref().unwrap_or("").as_bytes())
            .filter(|(k, _)| k == "version")
            .map(|(_, v)| v.into_owned())
            .collect();
    let [version] = versions.as_slice() else {
        return reply::bad_request("Invalid version.").into();
    };
    let Some(asked) = semver(version) else {
        return reply::bad_request("Invalid version.").into();
    };
    let latest_file = data::latest_desktop();
    let latest = latest_file
        .get("version")
        .and_then(|v| v.as_str())
        .and_then(semver);
    match latest {
        Some(latest) if asked.cmp_precedence(&latest).is_lt() => reply::json(&latest_file).into(),
        _ => reply::no_content().into(),
    }
}
