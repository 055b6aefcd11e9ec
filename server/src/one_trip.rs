//! Continue in one round trip. The wizard's navigation script (public/dieu-huong.js) posts a
//! step with the header `x-mc-mot-luot`; instead of answering with a redirect that the browser
//! then follows (a second round trip: 150 ms or more on a weak mobile network), the server
//! follows it itself and answers with the next page, its address in `x-mc-dia-chi`. Without the
//! header (no JavaScript, or any other client) the redirect is answered as before.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower::ServiceExt;

/// Asked by the navigation script: "follow the redirect for me".
pub const ONE_TRIP: HeaderName = HeaderName::from_static("x-mc-mot-luot");
/// The address of the page answered, which the script puts in the address bar.
pub const ADDRESS: HeaderName = HeaderName::from_static("x-mc-dia-chi");

/// The middleware; `site` is the router this layer wraps, which answers the followed request.
pub async fn follow(State(site): State<Router>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(ONE_TRIP) {
        return next.run(request).await;
    }
    let mut headers = request.headers().clone();
    let extensions = request.extensions().clone();
    let answer = next.run(request).await;
    let Some(location) = local_redirect(&answer) else {
        return answer;
    };
    for name in [
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::TRANSFER_ENCODING,
        ONE_TRIP,
    ] {
        headers.remove(name);
    }
    // The page is asked with the cookies the post just set (a new draft's, a language's).
    let cookies = with_set_cookies(
        headers
            .get(header::COOKIE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or(""),
        &answer,
    );
    match HeaderValue::from_str(&cookies) {
        Ok(value) if !cookies.is_empty() => {
            headers.insert(header::COOKIE, value);
        }
        _ => {
            headers.remove(header::COOKIE);
        }
    }
    let Ok(mut page_request) = Request::get(location.as_str()).body(Body::empty()) else {
        return answer;
    };
    *page_request.headers_mut() = headers;
    *page_request.extensions_mut() = extensions;
    let Ok(mut page) = site.oneshot(page_request).await;
    for cookie in answer.headers().get_all(header::SET_COOKIE) {
        page.headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    if let Ok(value) = HeaderValue::from_str(&location) {
        page.headers_mut().insert(ADDRESS, value);
    }
    page
}

/// The address of a redirect to a page of this site (never to another host).
fn local_redirect(answer: &Response) -> Option<String> {
    if !matches!(
        answer.status(),
        StatusCode::FOUND | StatusCode::SEE_OTHER | StatusCode::MOVED_PERMANENTLY
    ) {
        return None;
    }
    let location = answer.headers().get(header::LOCATION)?.to_str().ok()?;
    app::paths::local_path(location).map(str::to_string)
}

/// The `Cookie` header `cookies` after the answer's `Set-Cookie`s: set ones replaced or added,
/// removed ones (`Max-Age=0`) dropped.
fn with_set_cookies(cookies: &str, answer: &Response) -> String {
    let mut jar: Vec<(String, String)> = cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    for set in answer.headers().get_all(header::SET_COOKIE) {
        let Ok(set) = set.to_str() else { continue };
        let mut parts = set.split(';');
        let Some((name, value)) = parts.next().and_then(|pair| pair.trim().split_once('=')) else {
            continue;
        };
        let removed = parts.any(|attribute| {
            attribute
                .trim()
                .to_ascii_lowercase()
                .replace(' ', "")
                .starts_with("max-age=0")
        });
        jar.retain(|(kept, _)| kept != name);
        if !removed {
            jar.push((name.to_string(), value.to_string()));
        }
    }
    jar.iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_setting(cookies: &[&str]) -> Response {
        let mut answer = Response::new(Body::empty());
        for cookie in cookies {
            answer
                .headers_mut()
                .append(header::SET_COOKIE, HeaderValue::from_str(cookie).unwrap());
        }
        answer
    }

    #[test]
    fn the_followed_page_sees_the_cookies_the_post_set_and_not_those_it_removed() {
        let answer = answer_setting(&[
            "mc_ho_so=new; Path=/; HttpOnly; SameSite=Lax",
            "mc_ngon_ngu=; Path=/; Max-Age=0",
        ]);
        assert_eq!(
            with_set_cookies("mc_ho_so=old; mc_ngon_ngu=en; mc_co_chu=lon", &answer),
            "mc_co_chu=lon; mc_ho_so=new"
        );
        assert_eq!(with_set_cookies("", &answer_setting(&[])), "");
    }

    #[test]
    fn only_a_redirect_to_a_page_of_this_site_is_followed() {
        let redirect = |status: StatusCode, to: &str| {
            let mut answer = Response::new(Body::empty());
            *answer.status_mut() = status;
            answer
                .headers_mut()
                .insert(header::LOCATION, HeaderValue::from_str(to).unwrap());
            answer
        };
        assert_eq!(
            local_redirect(&redirect(StatusCode::FOUND, "/ho-so/buoc/a")).as_deref(),
            Some("/ho-so/buoc/a")
        );
        assert_eq!(
            local_redirect(&redirect(StatusCode::FOUND, "//evil.example/x")),
            None
        );
        assert_eq!(
            local_redirect(&redirect(StatusCode::FOUND, "https://evil.example/")),
            None
        );
        assert_eq!(local_redirect(&redirect(StatusCode::OK, "/x")), None);
        // Browsers drop tabs from a URL and read `\` as `/`: these are `//evil.example` to them.
        for disguised in ["/\t/evil.example", "/\t\\evil.example"] {
            assert_eq!(
                local_redirect(&redirect(StatusCode::FOUND, disguised)),
                None,
                "{disguised:?}"
            );
        }
    }
}
