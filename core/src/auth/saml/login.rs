//! The sites of Huawei Cloud IAM and the login URL that starts the single sign-on.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::SamlError;

/// What JavaScript's `encodeURIComponent` leaves unencoded: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Encodes `s` exactly like JavaScript's `encodeURIComponent` (UTF-8, upper-case hex).
pub fn encode_uri_component(s: &str) -> String {
    utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// A Huawei Cloud site, which fixes the IAM authentication host.
///
/// The service-provider values of the international and European sites
/// ([`Site::sp_entity_id`], [`Site::acs_url`]) follow the China site's pattern and were not
/// confirmed; compare them with that site's SP metadata (`<base>authui/saml/metadata.xml`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Site {
    /// China: `https://auth.huaweicloud.com/`.
    #[default]
    China,
    /// International: `https://auth-intl.huaweicloud.com/`.
    International,
    /// Europe: `https://auth.eu.huaweicloud.com/`.
    Europe,
    /// Any other base URL (a test double or a future site), made by [`Site::custom`].
    Custom(BaseUrl),
}

/// A checked absolute `http(s)` base URL ending in `/`, made by [`Site::custom`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Site {
    /// A site at `base_url`, which gets a trailing `/` if it lacks one.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidUrl`] unless `base_url` is an absolute `http`/`https` URL without
    /// query or fragment.
    pub fn custom(base_url: &str) -> Result<Self, SamlError> {
        let err = SamlError::InvalidUrl {
            what: "site base URL",
        };
        let parsed = url::Url::parse(base_url).map_err(|_| err.clone())?;
        let http = matches!(parsed.scheme(), "http" | "https");
        if !http || !parsed.has_host() || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(err);
        }
        let mut base = base_url.to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Self::Custom(BaseUrl(base)))
    }

    /// The base URL of IAM's authentication host, ending in `/`.
    pub fn auth_base_url(&self) -> &str {
        match self {
            Self::China => "https://auth.huaweicloud.com/",
            Self::International => "https://auth-intl.huaweicloud.com/",
            Self::Europe => "https://auth.eu.huaweicloud.com/",
            Self::Custom(base) => base.as_str(),
        }
    }

    /// The service provider's entityID, the `Audience` of the assertion (the base URL).
    pub fn sp_entity_id(&self) -> &str {
        self.auth_base_url()
    }

    /// The assertion consumer service (HTTP-POST) URL: `<base>authui/saml/SAMLAssertionConsumer`.
    pub fn acs_url(&self) -> String {
        format!("{}authui/saml/SAMLAssertionConsumer", self.auth_base_url())
    }

    /// The service provider metadata URL: `<base>authui/saml/metadata.xml`.
    pub fn sp_metadata_url(&self) -> String {
        format!("{}authui/saml/metadata.xml", self.auth_base_url())
    }
}

/// Builds the URL that sends a customer's browser to IAM to start the single sign-on.
///
/// ```
/// use huaweicloud_partner::auth::saml::{LoginUrl, Site};
///
/// let url = LoginUrl::new(Site::China, "my-platform-id")
///     .service("https://console.huaweicloud.com/iam/")
///     .build()?;
/// assert_eq!(
///     url,
///     "https://auth.huaweicloud.com/authui/saml/login?xAccountType=my-platform-id\
///      &isFirstLogin=false&service=https%3A%2F%2Fconsole.huaweicloud.com%2Fiam%2F"
/// );
/// # Ok::<(), huaweicloud_partner::auth::saml::SamlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginUrl {
    site: Site,
    x_account_type: String,
    first_login: bool,
    service: Option<String>,
}

impl LoginUrl {
    /// A login URL for the platform id `x_account_type` that Huawei assigned to the partner.
    pub fn new(site: Site, x_account_type: impl Into<String>) -> Self {
        Self {
            site,
            x_account_type: x_account_type.into(),
            first_login: false,
            service: None,
        }
    }

    /// `isFirstLogin`: `true` only when the customer has no Huawei Cloud account bound yet
    /// (default `false`).
    pub fn first_login(mut self, first_login: bool) -> Self {
        self.first_login = first_login;
        self
    }

    /// `service`: where IAM sends the browser after the login (e.g. a console page).
    pub fn service(mut self, target: impl Into<String>) -> Self {
        self.service = Some(target.into());
        self
    }

    /// The URL: `<base>authui/saml/login?xAccountType=..&isFirstLogin=..&service=..`, every
    /// value encoded like `encodeURIComponent`; `service` is left out when not set.
    ///
    /// # Errors
    ///
    /// [`SamlError::MissingAccountType`] when `xAccountType` is empty or blank.
    pub fn build(&self) -> Result<String, SamlError> {
        if self.x_account_type.trim().is_empty() {
            return Err(SamlError::MissingAccountType);
        }
        let mut url = format!(
            "{}authui/saml/login?xAccountType={}&isFirstLogin={}",
            self.site.auth_base_url(),
            encode_uri_component(&self.x_account_type),
            self.first_login
        );
        if let Some(service) = &self.service {
            url.push_str("&service=");
            url.push_str(&encode_uri_component(service));
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        // Expected values computed with node: encodeURIComponent(s).
        let cases = [
            ("abcXYZ019", "abcXYZ019"),
            ("-_.!~*'()", "-_.!~*'()"),
            (" ", "%20"),
            ("a+b=c&d", "a%2Bb%3Dc%26d"),
            ("/?#[]@$,;:", "%2F%3F%23%5B%5D%40%24%2C%3B%3A"),
            ("%\"<>\\^`{|}", "%25%22%3C%3E%5C%5E%60%7B%7C%7D"),
            ("é", "%C3%A9"),
            ("中文", "%E4%B8%AD%E6%96%87"),
            ("😀", "%F0%9F%98%80"),
            ("\n\t", "%0A%09"),
        ];
        for (input, want) in cases {
            assert_eq!(encode_uri_component(input), want, "{input:?}");
        }
    }

    #[test]
    fn every_ascii_character_is_encoded_unless_unreserved() {
        for b in 0u8..128 {
            let c = char::from(b);
            let keep = c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c);
            let want = if keep {
                c.to_string()
            } else {
                format!("%{b:02X}")
            };
            assert_eq!(encode_uri_component(&c.to_string()), want, "{b}");
        }
    }

    #[test]
    fn builds_for_every_site() {
        let target = "https://console.huaweicloud.com/console/?region=cn-north-4#/home";
        let enc =
            "https%3A%2F%2Fconsole.huaweicloud.com%2Fconsole%2F%3Fregion%3Dcn-north-4%23%2Fhome";
        let sites = [
            (Site::China, "https://auth.huaweicloud.com/"),
            (Site::International, "https://auth-intl.huaweicloud.com/"),
            (Site::Europe, "https://auth.eu.huaweicloud.com/"),
            (
                Site::custom("http://127.0.0.1:8080/iam").unwrap(),
                "http://127.0.0.1:8080/iam/",
            ),
        ];
        for (site, base) in sites {
            let url = LoginUrl::new(site, "xat 1")
                .first_login(true)
                .service(target);
            let want = format!(
                "{base}authui/saml/login?xAccountType=xat%201&isFirstLogin=true&service={enc}"
            );
            assert_eq!(url.build().unwrap(), want);
        }
    }

    #[test]
    fn account_type_is_mandatory_and_service_optional() {
        assert_eq!(
            LoginUrl::new(Site::China, "").build(),
            Err(SamlError::MissingAccountType)
        );
        assert_eq!(
            LoginUrl::new(Site::China, "  ").build(),
            Err(SamlError::MissingAccountType)
        );
        assert_eq!(
            LoginUrl::new(Site::Europe, "p").build().unwrap(),
            "https://auth.eu.huaweicloud.com/authui/saml/login?xAccountType=p&isFirstLogin=false"
        );
    }

    #[test]
    fn site_values() {
        assert_eq!(
            Site::China.acs_url(),
            "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer"
        );
        assert_eq!(Site::China.sp_entity_id(), "https://auth.huaweicloud.com/");
        assert_eq!(
            Site::International.sp_metadata_url(),
            "https://auth-intl.huaweicloud.com/authui/saml/metadata.xml"
        );
        for bad in [
            "ftp://x/",
            "javascript:alert(1)",
            "/relative",
            "https://h/?q=1",
            "x",
        ] {
            assert!(Site::custom(bad).is_err(), "{bad}");
        }
    }
}
