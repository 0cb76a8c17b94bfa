//! The page's URL, where the app keeps its state (a quote's order, a wizard's answers, a
//! search): reading the query and writing it back, with or without a history entry.
//! The views use these; `page` (boot and mount) uses the views: no cycle.

/// A parameter of the page's URL query.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The page's URL query as `(name, value)` pairs, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map_or_else(Vec::new, |search| pairs_of(&search))
}

/// A URL query (`?a=1&b=2`, the `?` optional) as `(name, value)` pairs, in order.
pub fn pairs_of(query: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let entries = js_sys::try_iter(&params.entries()).ok().flatten();
    for entry in entries.into_iter().flatten().flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            pairs.push((k, v));
        }
    }
    pairs
}

/// `pairs` written as a URL query, without the `?`, encoded as the browser encodes forms.
pub fn query_string(pairs: &[(String, String)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (k, v) in pairs {
        params.append(k, v);
    }
    params.to_string().into()
}

/// Replaces the page's URL query with `pairs` as a new history entry (one per step of a
/// wizard, so the browser's Back goes one step back).
pub fn push_query(pairs: &[(String, String)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = query_string(pairs);
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Sets (or, when empty, removes) a parameter of the page's URL without adding a history
/// entry, so that the link can be sent and Back still leaves the page.
pub fn set_query_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    if value.is_empty() {
        params.delete(name);
    } else {
        params.set(name, value);
    }
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
