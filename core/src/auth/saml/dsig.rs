//! Enveloped XML signatures (XML-DSig) over elements we wrote in canonical form.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::xml::Writer;
use super::{Certificate, SamlError, SigningKey, EXC_C14N, NS_DSIG, RSA_SHA256};

pub(crate) const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
pub(crate) const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

/// Signs `element` (the canonical form of an element whose `ID` is `id`, without signature)
/// and returns it with the `ds:Signature` inserted at byte offset `insert_at`.
///
/// The enveloped-signature transform removes the signature again before digesting, and the
/// element is already canonical, so the digest is over `element` itself.
pub(crate) fn sign_enveloped(
    element: &str,
    id: &str,
    insert_at: usize,
    key: &SigningKey,
    certificate: &Certificate,
) -> Result<String, SamlError> {
    let digest = STANDARD.encode(Sha256::digest(element.as_bytes()));
    // The signature covers SignedInfo canonicalised on its own, where it must declare `ds`.
    let signed_info = signed_info(id, &digest, true);
    let value = STANDARD.encode(key.sign_rsa_sha256(signed_info.as_bytes())?);

    let mut w = Writer::new();
    w.start("ds:Signature", &[("ds", NS_DSIG)], &[]);
    w.raw(&self::signed_info(id, &digest, false));
    w.leaf("ds:SignatureValue", &[], &value);
    w.start("ds:KeyInfo", &[], &[]);
    w.start("ds:X509Data", &[], &[]);
    w.leaf("ds:X509Certificate", &[], &certificate.to_base64());
    w.end("ds:X509Data");
    w.end("ds:KeyInfo");
    w.end("ds:Signature");
    let signature = w.finish().ok_or(SamlError::InvalidXmlChar("ID"))?;

    let mut out = String::with_capacity(element.len() + signature.len());
    out.push_str(&element[..insert_at]);
    out.push_str(&signature);
    out.push_str(&element[insert_at..]);
    Ok(out)
}

/// `ds:SignedInfo` in canonical form; `apex` adds the `ds` declaration it needs when
/// canonicalised alone (inside `ds:Signature` the parent declares it).
pub(crate) fn signed_info(id: &str, digest_b64: &str, apex: bool) -> String {
    let mut w = Writer::new();
    let ns: &[(&str, &str)] = if apex { &[("ds", NS_DSIG)] } else { &[] };
    w.start("ds:SignedInfo", ns, &[]);
    w.leaf("ds:CanonicalizationMethod", &[("Algorithm", EXC_C14N)], "");
    w.leaf("ds:SignatureMethod", &[("Algorithm", RSA_SHA256)], "");
    w.start("ds:Reference", &[], &[("URI", &format!("#{id}"))]);
    w.start("ds:Transforms", &[], &[]);
    w.leaf("ds:Transform", &[("Algorithm", ENVELOPED)], "");
    w.leaf("ds:Transform", &[("Algorithm", EXC_C14N)], "");
    w.end("ds:Transforms");
    w.leaf("ds:DigestMethod", &[("Algorithm", SHA256)], "");
    w.leaf("ds:DigestValue", &[], digest_b64);
    w.end("ds:Reference");
    w.end("ds:SignedInfo");
    // Every value here is an algorithm URI, base64 or one of our own IDs.
    w.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_info_declares_ds_only_as_apex() {
        let apex = signed_info("_1", "ZA==", true);
        assert!(apex.starts_with(
            "<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\
             <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\">\
             </ds:CanonicalizationMethod>"
        ));
        assert!(apex.contains("<ds:Reference URI=\"#_1\">"));
        assert!(
            apex.ends_with("<ds:DigestValue>ZA==</ds:DigestValue></ds:Reference></ds:SignedInfo>")
        );
        let inner = signed_info("_1", "ZA==", false);
        assert_eq!(
            inner,
            apex.replace(" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"", "")
        );
    }
}
