//! The HTML page of the HTTP-POST binding.

/// Escapes text for HTML element content and quoted attribute values.
pub fn html_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A page that posts `SAMLResponse` (base64) and, when given, `RelayState` to `action`.
///
/// The form submits itself on load; a `noscript` button submits it where script is off.
/// Every value is HTML-escaped. The submit uses an inline `onload` handler, so serve the page
/// without a Content-Security-Policy that forbids inline script.
pub fn post_form(action: &str, saml_response: &str, relay_state: Option<&str>) -> String {
    let relay = relay_state.map_or_else(String::new, |rs| {
        format!(
            "<input type=\"hidden\" name=\"RelayState\" value=\"{}\">\n",
            html_escape(rs)
        )
    });
    format!(
        "<!DOCTYPE html>\n\
         <html>\n\
         <head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
         <title>Signing in</title></head>\n\
         <body onload=\"document.forms[0].submit()\">\n\
         <form method=\"post\" action=\"{action}\">\n\
         <input type=\"hidden\" name=\"SAMLResponse\" value=\"{response}\">\n\
         {relay}\
         <noscript><p>Script is disabled. Press Continue to sign in.</p>\
         <button type=\"submit\">Continue</button></noscript>\n\
         </form>\n\
         </body>\n\
         </html>\n",
        action = html_escape(action),
        response = html_escape(saml_response),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_specials() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
        );
        assert_eq!(html_escape("plain 中文"), "plain 中文");
    }

    #[test]
    fn form_posts_every_value_escaped() {
        let page = post_form(
            "https://acs/?a=1&b=\"2\"",
            "PHNhbWw+",
            Some("r\"><script>x</script>"),
        );
        assert!(
            page.contains("<form method=\"post\" action=\"https://acs/?a=1&amp;b=&quot;2&quot;\">")
        );
        assert!(page.contains("<input type=\"hidden\" name=\"SAMLResponse\" value=\"PHNhbWw+\">"));
        assert!(page
            .contains("name=\"RelayState\" value=\"r&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("<noscript>"));
        assert!(page.contains("<button type=\"submit\">"));
        assert!(page.contains("onload=\"document.forms[0].submit()\""));
        let without = post_form("https://acs/", "x", None);
        assert!(!without.contains("RelayState"));
    }
}
