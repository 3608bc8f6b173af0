//! RSA keys and X.509 certificates read from PEM, signing and verifying with `ring`.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{self, RsaKeyPair, UnparsedPublicKey};

use super::SamlError;

/// An RSA private key that signs with RSA-SHA256 (PKCS#1 v1.5).
///
/// `Debug` shows only the modulus size, never key material.
pub struct SigningKey {
    pair: RsaKeyPair,
}

impl SigningKey {
    /// Reads a PEM key: PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`).
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidPem`] when no such block is found (encrypted keys are not
    /// supported), [`SamlError::InvalidKey`] when the key is not a usable RSA key
    /// (2048 to 4096 bits).
    pub fn from_pem(pem: &str) -> Result<Self, SamlError> {
        if pem.contains("ENCRYPTED") {
            return Err(SamlError::InvalidPem(
                "encrypted private keys are not supported",
            ));
        }
        if let Some(der) = pem_block(pem, "PRIVATE KEY")? {
            return Self::from_pkcs8_der(&der);
        }
        if let Some(der) = pem_block(pem, "RSA PRIVATE KEY")? {
            return Self::from_pkcs1_der(&der);
        }
        Err(SamlError::InvalidPem(
            "no RSA PRIVATE KEY or PRIVATE KEY block",
        ))
    }

    /// Reads a DER PKCS#8 `PrivateKeyInfo` holding an RSA key.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidKey`] when the key is rejected.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, SamlError> {
        RsaKeyPair::from_pkcs8(der)
            .map(|pair| Self { pair })
            .map_err(|e| SamlError::InvalidKey(e.to_string()))
    }

    /// Reads a DER PKCS#1 `RSAPrivateKey`.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidKey`] when the key is rejected.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, SamlError> {
        RsaKeyPair::from_der(der)
            .map(|pair| Self { pair })
            .map_err(|e| SamlError::InvalidKey(e.to_string()))
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.pair.public().modulus_len() * 8
    }

    /// The DER `RSAPublicKey` of this key.
    pub fn public_key_der(&self) -> &[u8] {
        self.pair.public().as_ref()
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 and SHA-256.
    ///
    /// # Errors
    ///
    /// [`SamlError::Crypto`] when the random generator (blinding) or signing fails.
    pub fn sign_rsa_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SamlError> {
        let mut sig = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut sig,
            )
            .map_err(|_| SamlError::Crypto("RSA signing"))?;
        Ok(sig)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &self.bits())
            .field("key", &"[redacted]")
            .finish()
    }
}

/// An X.509 certificate holding an RSA public key.
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    public_key: Vec<u8>,
}

impl Certificate {
    /// Reads the first `BEGIN CERTIFICATE` block of `pem`.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidPem`] or [`SamlError::InvalidCertificate`].
    pub fn from_pem(pem: &str) -> Result<Self, SamlError> {
        let der =
            pem_block(pem, "CERTIFICATE")?.ok_or(SamlError::InvalidPem("no CERTIFICATE block"))?;
        Self::from_der(der)
    }

    /// Reads a DER certificate.
    ///
    /// # Errors
    ///
    /// [`SamlError::InvalidCertificate`] when it is not a certificate with an RSA key.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self, SamlError> {
        let der = der.into();
        let public_key = rsa_public_key(&der)?.to_vec();
        Ok(Self { der, public_key })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER encoding in base64 on one line, as `ds:X509Certificate` carries it.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.der)
    }

    /// The DER `RSAPublicKey` inside the certificate.
    pub fn public_key_der(&self) -> &[u8] {
        &self.public_key
    }

    /// Checks an RSASSA-PKCS1-v1_5 SHA-256 signature made by this certificate's key.
    ///
    /// # Errors
    ///
    /// [`SamlError::BadSignature`] when it does not verify.
    pub fn verify_rsa_sha256(&self, message: &[u8], sig: &[u8]) -> Result<(), SamlError> {
        self.verify_rsa(&signature::RSA_PKCS1_2048_8192_SHA256, message, sig)
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature with the digest of `algorithm`.
    pub(crate) fn verify_rsa(
        &self,
        algorithm: &'static signature::RsaParameters,
        message: &[u8],
        sig: &[u8],
    ) -> Result<(), SamlError> {
        UnparsedPublicKey::new(algorithm, &self.public_key)
            .verify(message, sig)
            .map_err(|_| SamlError::BadSignature)
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("der_len", &self.der.len())
            .finish_non_exhaustive()
    }
}

/// The DER payload of the first `-----BEGIN <label>-----` block, if any.
fn pem_block(pem: &str, label: &str) -> Result<Option<Vec<u8>>, SamlError> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let Some(start) = pem.find(&begin) else {
        return Ok(None);
    };
    let body = &pem[start + begin.len()..];
    let stop = body
        .find(&end)
        .ok_or(SamlError::InvalidPem("unterminated PEM block"))?;
    let body = &body[..stop];
    if body.contains(':') {
        return Err(SamlError::InvalidPem(
            "PEM headers (encryption) are not supported",
        ));
    }
    let b64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD
        .decode(b64)
        .map(Some)
        .map_err(|_| SamlError::InvalidPem("PEM block is not valid base64"))
}

/// One DER element: its tag, its contents and what follows it.
fn der_next(input: &[u8]) -> Result<(u8, &[u8], &[u8]), SamlError> {
    let bad = SamlError::InvalidCertificate("malformed DER");
    let (&tag, rest) = input.split_first().ok_or(bad.clone())?;
    let (&first, mut rest) = rest.split_first().ok_or(bad.clone())?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(bad);
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return Err(bad);
    }
    Ok((tag, &rest[..len], &rest[len..]))
}

/// Expects the next element to have `tag`; returns its contents and the rest.
fn der_expect(input: &[u8], tag: u8) -> Result<(&[u8], &[u8]), SamlError> {
    let (got, content, rest) = der_next(input)?;
    if got != tag {
        return Err(SamlError::InvalidCertificate("unexpected DER structure"));
    }
    Ok((content, rest))
}

/// The `RSAPublicKey` of a certificate's `subjectPublicKeyInfo`.
fn rsa_public_key(cert: &[u8]) -> Result<&[u8], SamlError> {
    const SEQUENCE: u8 = 0x30;
    const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

    let (cert_body, trailing) = der_expect(cert, SEQUENCE)?;
    if !trailing.is_empty() {
        return Err(SamlError::InvalidCertificate(
            "trailing data after the certificate",
        ));
    }
    let (mut tbs, _) = der_expect(cert_body, SEQUENCE)?;
    if tbs.first() == Some(&0xa0) {
        tbs = der_next(tbs)?.2; // [0] version
    }
    let (_, tbs) = der_expect(tbs, 0x02)?; // serialNumber
    let mut rest = tbs;
    for _ in 0..4 {
        rest = der_expect(rest, SEQUENCE)?.1; // signature, issuer, validity, subject
    }
    let (spki, _) = der_expect(rest, SEQUENCE)?;
    let (algorithm, spki_rest) = der_expect(spki, SEQUENCE)?;
    let (oid, _) = der_expect(algorithm, 0x06)?;
    if oid != RSA_ENCRYPTION {
        return Err(SamlError::InvalidCertificate("the public key is not RSA"));
    }
    let (bits, _) = der_expect(spki_rest, 0x03)?;
    match bits.split_first() {
        Some((0, key)) if !key.is_empty() => Ok(key),
        _ => Err(SamlError::InvalidCertificate("malformed public key")),
    }
}

/// Checks that `key` is the private half of `certificate`.
pub(crate) fn check_pair(key: &SigningKey, certificate: &Certificate) -> Result<(), SamlError> {
    if key.public_key_der() == certificate.public_key_der() {
        Ok(())
    } else {
        Err(SamlError::KeyCertificateMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml/");

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{FIXTURES}{name}")).unwrap()
    }

    #[test]
    fn reads_pkcs1_and_pkcs8_of_the_same_key() {
        let pkcs1 = SigningKey::from_pem(&fixture("idp_key.pkcs1.pem")).unwrap();
        let pkcs8 = SigningKey::from_pem(&fixture("idp_key.pkcs8.pem")).unwrap();
        assert_eq!(pkcs1.public_key_der(), pkcs8.public_key_der());
        assert_eq!(pkcs1.bits(), 2048);
        let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
        check_pair(&pkcs1, &cert).unwrap();
        let other = Certificate::from_pem(&fixture("other_cert.pem")).unwrap();
        assert_eq!(
            check_pair(&pkcs8, &other),
            Err(SamlError::KeyCertificateMismatch)
        );
    }

    #[test]
    fn signs_and_verifies() {
        let key = SigningKey::from_pem(&fixture("idp_key.pkcs8.pem")).unwrap();
        let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
        let sig = key.sign_rsa_sha256(b"message").unwrap();
        cert.verify_rsa_sha256(b"message", &sig).unwrap();
        assert_eq!(
            cert.verify_rsa_sha256(b"messagf", &sig),
            Err(SamlError::BadSignature)
        );
    }

    #[test]
    fn debug_hides_key_material() {
        let pem = fixture("idp_key.pkcs1.pem");
        let key = SigningKey::from_pem(&pem).unwrap();
        let shown = format!("{key:?}");
        assert_eq!(shown, "SigningKey { bits: 2048, key: \"[redacted]\" }");
        let body_line = pem.lines().nth(1).unwrap();
        assert!(!shown.contains(&body_line[..16]));
    }

    #[test]
    fn rejects_bad_pem_and_der() {
        assert!(matches!(
            SigningKey::from_pem("nothing"),
            Err(SamlError::InvalidPem(_))
        ));
        let broken = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n";
        assert!(matches!(
            SigningKey::from_pem(broken),
            Err(SamlError::InvalidPem(_))
        ));
        let garbage = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert!(matches!(
            SigningKey::from_pem(garbage),
            Err(SamlError::InvalidKey(_))
        ));
        let enc =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----";
        assert!(matches!(
            SigningKey::from_pem(enc),
            Err(SamlError::InvalidPem(_))
        ));
        assert!(matches!(
            Certificate::from_pem("x"),
            Err(SamlError::InvalidPem(_))
        ));
        let cert = Certificate::from_pem(&fixture("idp_cert.pem")).unwrap();
        for cut in [0, 1, 10, 100, cert.der().len() - 1] {
            assert!(
                Certificate::from_der(&cert.der()[..cut]).is_err(),
                "cut {cut}"
            );
        }
        let mut long = cert.der().to_vec();
        long.push(0);
        assert!(Certificate::from_der(long).is_err());
    }
}
