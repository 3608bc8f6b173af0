"""SAML helpers: a request signed as IAM signs it, answered and checked with xmlsec1."""

from __future__ import annotations

import base64
import shutil
import subprocess
import zlib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import pytest

import huaweicloud_partner as hp
from conftest import settings
from huaweicloud_partner import saml
from huaweicloud_partner.sandbox import Sandbox

FIXTURES = Path(__file__).resolve().parents[2] / "core" / "tests" / "fixtures" / "saml"
ACS = "https://auth.huaweicloud.com/authui/saml/SAMLAssertionConsumer"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def pem(name: str) -> str:
    return (FIXTURES / name).read_text()


def signed_redirect(tmp_path: Path, relay_state: str = "state-1") -> str:
    xml = (
        '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_req42" Version="2.0" '
        'IssueInstant="2024-06-01T00:00:00Z" Destination="https://idp.example.com/sso" '
        f'AssertionConsumerServiceURL="{ACS}" '
        'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">'
        "<saml:Issuer>https://auth.huaweicloud.com/</saml:Issuer></samlp:AuthnRequest>"
    )
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = deflater.compress(xml.encode()) + deflater.flush()
    octets = (
        f"SAMLRequest={quote(base64.b64encode(raw).decode(), safe='')}"
        f"&RelayState={quote(relay_state, safe='')}"
        f"&SigAlg={quote(RSA_SHA256, safe='')}"
    )
    data = tmp_path / "octets"
    data.write_bytes(octets.encode())
    sig = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", str(FIXTURES / "sp_key.pem"), str(data)],
        check=True,
        capture_output=True,
    ).stdout
    return f"{octets}&Signature={quote(base64.b64encode(sig).decode(), safe='')}"


def idp() -> saml.IdentityProvider:
    return saml.IdentityProvider(
        "https://idp.example.com", pem("idp_key.pkcs8.pem"), pem("idp_cert.pem")
    )


def test_login_url() -> None:
    url = saml.login_url("sandbox_IDP", service="https://console.huaweicloud.com/iam/")
    assert url.startswith("https://auth.huaweicloud.com/authui/saml/login?xAccountType=sandbox_IDP")
    assert "service=https%3A%2F%2Fconsole.huaweicloud.com%2Fiam%2F" in url
    intl = saml.login_url("p", site="international", first_login=True)
    assert intl.startswith("https://auth-intl.huaweicloud.com/") and "isFirstLogin=true" in intl
    with pytest.raises(saml.SamlError):
        saml.login_url(" ")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl signs the test request")
def test_request_response_round_trip(tmp_path: Path) -> None:
    query = signed_redirect(tmp_path)
    request = saml.decode_redirect(query, pem("sp_cert.pem"))
    assert request.id == "_req42" and request.relay_state == "state-1"
    assert request.issue_instant == datetime(2024, 6, 1, tzinfo=timezone.utc)
    assert request.acs_url == ACS

    user = saml.SamlUser("user-42", account_id="acct-42", email="u@example.com")
    response = idp().respond(request, user, now=datetime.now(timezone.utc))
    assert response.destination == ACS and response.relay_state == "state-1"
    xml = response.xml
    assert 'InResponseTo="_req42"' in xml and "acct-42" in xml
    assert base64.b64decode(response.to_base64()).decode() == xml
    assert response.to_base64() not in repr(response)
    form = response.post_form_html()
    assert ACS in form and "state-1" in form

    if shutil.which("xmlsec1"):
        doc = tmp_path / "response.xml"
        doc.write_text(xml)
        subprocess.run(
            [
                "xmlsec1", "--verify", "--pubkey-cert-pem", str(FIXTURES / "idp_cert.pem"),
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", str(doc),
            ],
            check=True,
            capture_output=True,
        )


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl signs the test request")
def test_bad_signatures_are_refused(tmp_path: Path) -> None:
    query = signed_redirect(tmp_path)
    with pytest.raises(saml.SamlError) as info:
        saml.decode_redirect(query, pem("other_cert.pem"))
    assert isinstance(info.value, hp.PartnerError) and isinstance(info.value, ValueError)
    unsigned = query.split("&Signature=")[0]
    with pytest.raises(saml.SamlError):
        saml.decode_redirect(unsigned, pem("sp_cert.pem"))


def test_identity_provider_checks_its_key() -> None:
    with pytest.raises(saml.SamlError):
        saml.IdentityProvider("https://idp", pem("other_key.pem"), pem("idp_cert.pem"))
    with pytest.raises(saml.SamlError):
        saml.IdentityProvider("https://idp", "not a key", pem("idp_cert.pem"))
    meta = idp().metadata_xml("https://idp.example.com/sso")
    assert "EntityDescriptor" in meta and 'entityID="https://idp.example.com"' in meta
    assert "PRIVATE" not in meta


def test_idp_initiated_response() -> None:
    with pytest.raises(TypeError):
        idp().build_response(name_id="u", now=datetime(2024, 1, 1))
    r = idp().build_response(
        name_id="u-1",
        attributes={"IAM_SAML_Attributes_domain_id": "d1"},
        now=datetime(2024, 1, 1, tzinfo=timezone.utc),
    )
    assert "IAM_SAML_Attributes_domain_id" in r.xml
    assert 'IssueInstant="2024-01-01T00:00:00Z"' in r.xml
    assert "InResponseTo" not in r.xml


def test_verify_response_round_trip() -> None:
    now = datetime.now(timezone.utc)
    r = idp().build_response(name_id="u-7", attributes={"xUserId": "u-7"}, now=now)
    v = saml.verify_response(
        r.to_base64(),
        pem("idp_cert.pem"),
        audience="https://auth.huaweicloud.com/",
        issuer="https://idp.example.com",
        now=now,
    )
    assert v.name_id == "u-7" and v.attribute("xUserId") == "u-7"
    assert v.assertion_id == r.assertion_id and v.issue_instant.tzinfo is not None
    with pytest.raises(saml.SamlError):
        saml.verify_response(r.xml, pem("other_cert.pem"), now=now)
    with pytest.raises(saml.SamlError):
        saml.verify_response(r.xml, pem("idp_cert.pem"), audience="https://other/", now=now)
    tampered = r.xml.replace("u-7", "u-8")
    with pytest.raises(saml.SamlError):
        saml.verify_response(tampered, pem("idp_cert.pem"), now=now)


def test_idp_initiated_federation_against_the_sandbox(sb: Sandbox) -> None:
    fed_idp = saml.IdentityProvider("https://idp.sandbox.example", sb.idp_key_pem, sb.idp_cert_pem)
    response = fed_idp.build_response(
        destination=sb.federation_url,
        audience="https://iam.myhuaweicloud.com/",
        name_id="fed-user-1",
        attributes={
            "IAM_SAML_Attributes_domain_id": sb.domain_id,
            "IAM_SAML_Attributes_idp_id": sb.idp_id,
        },
    )
    with sb.client(**settings()) as c:
        token = c.iam.create_unscoped_token_by_idp_initiated(
            idp_id=sb.idp_id, saml_response=response.to_base64()
        )
        assert token.x_subject_token and token.token is not None
        assert token.token.user is not None and token.token.user.name == "fed-user-1"
        other = saml.IdentityProvider("https://idp", pem("idp_key.pkcs8.pem"), pem("idp_cert.pem"))
        forged = other.build_response(
            destination=sb.federation_url,
            audience="https://iam.myhuaweicloud.com/",
            name_id="fed-user-1",
            attributes={"IAM_SAML_Attributes_domain_id": sb.domain_id},
        )
        with pytest.raises(hp.AuthError):
            c.iam.create_unscoped_token_by_idp_initiated(
                idp_id=sb.idp_id, saml_response=forged.to_base64()
            )
