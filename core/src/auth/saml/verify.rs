//! Checking the enveloped XML signature (XML-DSig core validation) of one element of a
//! received document, with a trusted certificate.
//!
//! Only what SAML's profile of XML-DSig allows is accepted: one `Reference` whose `URI`
//! names the signed element itself, the enveloped-signature transform followed by exclusive
//! canonicalisation, SHA-2 digests and RSA PKCS#1 v1.5 signatures. `KeyInfo` is ignored:
//! the key is the caller's certificate, never one the document brings.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::signature::{
    RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_2048_8192_SHA384, RSA_PKCS1_2048_8192_SHA512,
};
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::c14n::canonicalize;
use super::dom::Document;
use super::dsig::{ENVELOPED, SHA256};
use super::{Certificate, SamlError, EXC_C14N, NS_DSIG, RSA_SHA256};

const EXC_C14N_WITH_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
/// Inclusive Canonical XML 1.0, the default when a Reference names no canonicalisation.
const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#sha384";
const SHA512: &str = "http://www.w3.org/2001/04/xmlenc#sha512";
const RSA_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
const RSA_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";

/// Verifies the `ds:Signature` child of element `target` with `certificate`.
///
/// Returns `Ok(false)` when `target` has no signature, `Ok(true)` when it has one and it
/// holds. `what` names the element in errors (`"Assertion"`, `"Response"`).
pub(crate) fn verify_enveloped(
    doc: &Document,
    target: usize,
    certificate: &Certificate,
    what: &'static str,
) -> Result<bool, SamlError> {
    let mut signatures = doc.children_named(target, NS_DSIG, "Signature");
    let Some(signature) = signatures.next() else {
        return Ok(false);
    };
    if signatures.next().is_some() {
        return Err(SamlError::SignatureWrapping(
            "an element carries more than one Signature",
        ));
    }
    let id = doc
        .attr(target, "ID")
        .filter(|id| !id.is_empty())
        .ok_or(SamlError::ResponseMissing("ID"))?;

    let mut parts = doc.children(signature);
    let signed_info = expect(doc, parts.next(), "SignedInfo")?;
    let value = expect(doc, parts.next(), "SignatureValue")?;
    let mut info = doc.children(signed_info);
    let c14n_method = expect(doc, info.next(), "CanonicalizationMethod")?;
    let sig_method = expect(doc, info.next(), "SignatureMethod")?;
    let reference = expect(doc, info.next(), "Reference")?;
    if info.next().is_some() {
        return Err(SamlError::MalformedSignature(
            "SignedInfo must hold exactly one Reference",
        ));
    }

    let c14n_alg = algorithm(doc, c14n_method)?;
    if c14n_alg != EXC_C14N {
        return Err(unsupported("canonicalization", c14n_alg));
    }
    let rsa = match algorithm(doc, sig_method)? {
        RSA_SHA256 => &RSA_PKCS1_2048_8192_SHA256,
        RSA_SHA384 => &RSA_PKCS1_2048_8192_SHA384,
        RSA_SHA512 => &RSA_PKCS1_2048_8192_SHA512,
        other => return Err(unsupported("signature method", other)),
    };
    if doc.attr(reference, "URI") != Some(&format!("#{id}")) {
        return Err(SamlError::SignatureWrapping(
            "the Reference URI does not name the signed element",
        ));
    }
    let reference = read_reference(doc, reference)?;

    // Signature first: the Reference is trusted only once SignedInfo is.
    let signed = canonicalize(
        doc,
        signed_info,
        None,
        &inclusive_prefixes(doc, c14n_method),
    );
    let sig = decode_b64(&doc.text(value), "SignatureValue")?;
    certificate.verify_rsa(rsa, signed.as_bytes(), &sig)?;

    let content = canonicalize(doc, target, Some(signature), &reference.prefixes);
    let digest = match reference.digest_alg {
        SHA256 => Sha256::digest(content.as_bytes()).to_vec(),
        SHA384 => Sha384::digest(content.as_bytes()).to_vec(),
        _ => Sha512::digest(content.as_bytes()).to_vec(),
    };
    if digest != reference.digest {
        return Err(SamlError::DigestMismatch(what));
    }
    Ok(true)
}

struct Reference<'a> {
    prefixes: Vec<String>,
    digest_alg: &'a str,
    digest: Vec<u8>,
}

fn read_reference(doc: &Document, reference: usize) -> Result<Reference<'_>, SamlError> {
    let mut parts = doc.children(reference).peekable();
    let mut enveloped = false;
    let mut prefixes = None;
    if let Some(transforms) = parts.next_if(|&i| doc.is(i, NS_DSIG, "Transforms")) {
        for t in doc.children(transforms) {
            if !doc.is(t, NS_DSIG, "Transform") {
                return Err(SamlError::MalformedSignature(
                    "Transforms holds a non-Transform",
                ));
            }
            match algorithm(doc, t)? {
                ENVELOPED if !enveloped && prefixes.is_none() => enveloped = true,
                EXC_C14N | EXC_C14N_WITH_COMMENTS if prefixes.is_none() => {
                    // Without comments either way: a bare-name URI drops them (XML-DSig 4.3.3.3).
                    prefixes = Some(inclusive_prefixes(doc, t));
                }
                other => return Err(unsupported("transform", other)),
            }
        }
    }
    if !enveloped {
        return Err(SamlError::MalformedSignature(
            "the enveloped-signature transform is required",
        ));
    }
    let prefixes = prefixes.ok_or_else(|| unsupported("canonicalization", C14N))?;
    let digest_method = expect(doc, parts.next(), "DigestMethod")?;
    let digest_value = expect(doc, parts.next(), "DigestValue")?;
    let digest_alg = algorithm(doc, digest_method)?;
    if !matches!(digest_alg, SHA256 | SHA384 | SHA512) {
        return Err(unsupported("digest method", digest_alg));
    }
    let digest = decode_b64(&doc.text(digest_value), "DigestValue")?;
    Ok(Reference {
        prefixes,
        digest_alg,
        digest,
    })
}

/// `element` when it is the `ds:` element `local`.
fn expect(doc: &Document, element: Option<usize>, local: &'static str) -> Result<usize, SamlError> {
    element
        .filter(|&i| doc.is(i, NS_DSIG, local))
        .ok_or(SamlError::MalformedSignature(local))
}

fn algorithm(doc: &Document, element: usize) -> Result<&str, SamlError> {
    doc.attr(element, "Algorithm")
        .ok_or(SamlError::MalformedSignature("Algorithm"))
}

/// The `PrefixList` of an `ec:InclusiveNamespaces` child of `element`, if any.
fn inclusive_prefixes(doc: &Document, element: usize) -> Vec<String> {
    doc.child(element, EXC_C14N, "InclusiveNamespaces")
        .and_then(|i| doc.attr(i, "PrefixList"))
        .map(|list| list.split_ascii_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn decode_b64(text: &str, what: &'static str) -> Result<Vec<u8>, SamlError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD
        .decode(compact)
        .map_err(|_| SamlError::BadBase64(what))
}

fn unsupported(what: &'static str, algorithm: &str) -> SamlError {
    SamlError::UnsupportedAlgorithm {
        what,
        algorithm: algorithm.chars().take(200).collect(),
    }
}
