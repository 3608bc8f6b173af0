//! The profile file of the official SDKs: an INI file whose `[global]` section holds `ak`,
//! `sk`, optionally `security_token` and `domain_id`.

use std::collections::HashMap;
use std::path::PathBuf;

use async_trait::async_trait;

use super::{Credentials, EnvProvider, ProvideCredentials, ENV_CREDENTIALS_FILE};
use crate::error::{Error, ErrorKind, Result};

/// Reads the `[global]` section of the profile file.
///
/// The file is `HUAWEICLOUD_SDK_CREDENTIALS_FILE` when set, else `~/.huaweicloud/credentials`.
/// A missing default file means "no credentials here"; a file named explicitly but absent,
/// or a malformed one, is an error.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    path: Option<PathBuf>,
}

impl ProfileProvider {
    /// A provider reading the given file.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        Self {
            path: Some(path.into()),
        }
    }

    fn location(&self) -> Option<(PathBuf, bool)> {
        if let Some(p) = &self.path {
            return Some((p.clone(), true));
        }
        if let Some(p) = std::env::var_os(ENV_CREDENTIALS_FILE).filter(|p| !p.is_empty()) {
            return Some((PathBuf::from(p), true));
        }
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
        Some((
            PathBuf::from(home).join(".huaweicloud").join("credentials"),
            false,
        ))
    }
}

#[async_trait]
impl ProvideCredentials for ProfileProvider {
    async fn provide(&self) -> Result<Option<Credentials>> {
        let Some((path, explicit)) = self.location() else {
            return Ok(None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("cannot read credentials file {}", path.display()),
                )
                .with_source(e))
            }
        };
        let origin = format!("credentials file {}", path.display());
        let sections = parse_ini(&text).map_err(|line| {
            Error::new(
                ErrorKind::Config,
                format!("{origin}: line {line} is not valid INI"),
            )
        })?;
        let Some(global) = sections.get("global") else {
            return Err(Error::new(
                ErrorKind::Auth,
                format!("{origin}: no [global] section (BSS is a global service)"),
            ));
        };
        let get = |k: &str| global.get(k).cloned();
        let found = EnvProvider::from_values(
            get("ak"),
            get("sk"),
            get("security_token"),
            get("domain_id"),
            &origin,
        )?;
        found.map(Some).ok_or_else(|| {
            Error::new(
                ErrorKind::Auth,
                format!("{origin}: [global] has no ak and sk"),
            )
        })
    }
}

/// Parses INI the way Python's `configparser` reads these files: `[section]` headers,
/// `key = value` or `key: value` (keys lower-cased, both sides trimmed), `#` and `;` comment
/// lines, blank lines. Returns the 1-based number of the first bad line on error.
fn parse_ini(text: &str) -> std::result::Result<HashMap<String, HashMap<String, String>>, usize> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim().to_owned();
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        let sep = line.find(['=', ':']).ok_or(i + 1)?;
        let section = current.as_ref().ok_or(i + 1)?;
        let key = line[..sep].trim().to_ascii_lowercase();
        let value = line[sep + 1..].trim().to_owned();
        sections
            .entry(section.clone())
            .or_default()
            .insert(key, value);
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(content: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hcp-profile-{}", fastrand::u64(..)));
        std::fs::create_dir_all(&dir).expect("dir");
        let p = dir.join("credentials");
        std::fs::write(&p, content).expect("write");
        p
    }

    #[tokio::test]
    async fn reads_the_global_section() {
        let p = write(
            "# comment\n[basic]\nak = other\nsk = other\n\n[global]\nAK = AK1\nsk: SK1\n\
             domain_id = d-1\nsecurity_token = st\n",
        );
        let Some(Credentials::AccessKey(k)) =
            ProfileProvider::from_path(&p).provide().await.expect("ok")
        else {
            panic!("expected a key")
        };
        assert_eq!(k.access_key, "AK1");
        assert_eq!(k.secret_key.expose(), "SK1");
        assert_eq!(k.domain_id.as_deref(), Some("d-1"));
        assert_eq!(k.security_token.as_ref().map(|s| s.expose()), Some("st"));
    }

    #[tokio::test]
    async fn missing_global_section_or_keys_are_errors() {
        let p = write("[basic]\nak = a\nsk = b\n");
        let e = ProfileProvider::from_path(&p)
            .provide()
            .await
            .expect_err("no global");
        assert!(e.message().contains("[global]"), "{e}");

        let p = write("[global]\nak = a\n");
        let e = ProfileProvider::from_path(&p)
            .provide()
            .await
            .expect_err("no sk");
        assert!(e.message().contains("secret key is missing"), "{e}");

        let p = write("[global]\nthis is not ini\n");
        let e = ProfileProvider::from_path(&p)
            .provide()
            .await
            .expect_err("bad");
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.message().contains("line 2"), "{e}");
    }

    #[tokio::test]
    async fn an_explicit_missing_file_is_an_error() {
        let e = ProfileProvider::from_path("/nonexistent/hcp/credentials")
            .provide()
            .await
            .expect_err("missing");
        assert_eq!(e.kind(), ErrorKind::Config);
    }
}
