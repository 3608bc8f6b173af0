"""Web UI single sign-on: the partner platform as SAML 2.0 identity provider, Huawei
Cloud IAM as service provider. Nothing here makes an HTTP call.

The flow:

1. Send the customer's browser to IAM: :func:`login_url`.
2. IAM redirects it to your SSO URL with a signed ``SAMLRequest``:
   :func:`decode_redirect` checks the signature with IAM's certificate.
3. Authenticate your user and answer: :meth:`IdentityProvider.respond` gives a
   :class:`SamlResponse` whose :meth:`~SamlResponse.post_form_html` page posts it to IAM.

Upload :meth:`IdentityProvider.metadata_xml` in Partner Center beforehand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Optional

from . import _native
from .errors import PartnerError

__all__ = [
    "SamlError",
    "AuthnRequest",
    "SamlUser",
    "SamlResponse",
    "IdentityProvider",
    "login_url",
    "decode_redirect",
    "VerifiedResponse",
    "verify_response",
]


class SamlError(PartnerError, ValueError):
    """A SAML message could not be built or read (bad key, bad signature, bad input)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="saml")


def _unix(now: Optional[datetime]) -> Optional[int]:
    if now is None:
        return None
    if now.tzinfo is None or now.utcoffset() is None:
        raise TypeError("now must be a timezone-aware datetime")
    return int(now.timestamp())


def login_url(
    x_account_type: str,
    *,
    site: str = "china",
    first_login: bool = False,
    service: Optional[str] = None,
) -> str:
    """The URL that starts the single sign-on for the platform id ``x_account_type``.

    Args:
        x_account_type: The platform id Huawei assigned to the partner.
        site: ``"china"``, ``"international"``, ``"europe"`` or a base URL.
        first_login: ``True`` only when the customer has no bound account yet.
        service: Where IAM sends the browser after the login.
    """
    return _native.saml_login_url(site, x_account_type, first_login, service)


@dataclass(frozen=True)
class AuthnRequest:
    """A decoded, signature-checked ``AuthnRequest`` from IAM."""

    id: str
    issue_instant: datetime
    issuer: Optional[str]
    acs_url: Optional[str]
    destination: Optional[str]
    protocol_binding: Optional[str]
    name_id_format: Optional[str]
    force_authn: bool
    is_passive: bool
    relay_state: Optional[str]
    _native: _native.NativeAuthnRequest = field(repr=False, compare=False)


def decode_redirect(
    query_or_url: str, sp_cert_pem: str, *, max_size: Optional[int] = None
) -> AuthnRequest:
    """Reads a signed HTTP-Redirect ``SAMLRequest`` (the query string or the whole URL)
    and checks its RSA-SHA256 signature with IAM's SP certificate.

    Raises:
        SamlError: unsigned, badly signed, malformed or too large.
    """
    native = _native.saml_decode_redirect(query_or_url, sp_cert_pem, max_size)
    f = native.fields()
    issued = datetime.strptime(f[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return AuthnRequest(f[0], issued, *f[2:], _native=native)


@dataclass(frozen=True)
class SamlUser:
    """The platform user who signs in (attributes ``xUserId``, ``xAccountId``, ...)."""

    user_id: str
    account_id: Optional[str] = None
    bp_id: Optional[str] = None
    name: Optional[str] = None
    email: Optional[str] = None
    mobile: Optional[str] = None
    extra: dict[str, str] = field(default_factory=dict)


class SamlResponse:
    """A signed SAML Response. It is a bearer credential: ``repr`` does not show it."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.NativeSamlResponse) -> None:
        self._native = native

    @property
    def xml(self) -> str:
        """The XML document."""
        return self._native.xml()

    def to_base64(self) -> str:
        """The ``SAMLResponse`` form field."""
        return self._native.to_base64()

    def post_form_html(self) -> str:
        """A page that posts the response to IAM (serve as ``text/html``)."""
        return self._native.post_form_html()

    @property
    def destination(self) -> str:
        """Where it is posted (IAM's ACS URL)."""
        return self._native.destination()

    @property
    def relay_state(self) -> Optional[str]:
        """The ``RelayState`` posted with it."""
        return self._native.relay_state()

    @property
    def response_id(self) -> str:
        """The Response ``ID``."""
        return self._native.response_id()

    @property
    def assertion_id(self) -> str:
        """The Assertion ``ID``."""
        return self._native.assertion_id()

    def __repr__(self) -> str:
        return f"SamlResponse(destination={self.destination!r}, id={self.response_id!r})"


class IdentityProvider:
    """The partner platform as SAML identity provider.

    Args:
        entity_id: Your IdP entityID (the ``Issuer``).
        key_pem: The RSA signing key (PKCS#1 or PKCS#8 PEM); kept only in native memory.
        cert_pem: Its certificate (PEM).
        site: ``"china"``, ``"international"``, ``"europe"`` or a base URL: decides the
            audience and the ACS URL.
        validity: How long an assertion is valid (default 5 minutes).
        clock_skew: How far ``NotBefore`` lies before the issue instant (default 60 s).
        sign_response: Also sign the whole Response (the Assertion always is).

    Raises:
        SamlError: the key does not match the certificate, or a value is invalid.
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        entity_id: str,
        key_pem: str,
        cert_pem: str,
        *,
        site: str = "china",
        validity: timedelta = timedelta(minutes=5),
        clock_skew: timedelta = timedelta(seconds=60),
        sign_response: bool = False,
    ) -> None:
        self._native = _native.NativeIdentityProvider(
            entity_id,
            key_pem,
            cert_pem,
            site,
            int(validity.total_seconds()),
            int(clock_skew.total_seconds()),
            sign_response,
        )

    @property
    def entity_id(self) -> str:
        """The entityID."""
        return self._native.entity_id()

    @property
    def acs_url(self) -> str:
        """IAM's Assertion Consumer Service URL responses go to."""
        return self._native.acs_url()

    @property
    def audience(self) -> str:
        """IAM's entityID, the ``Audience`` of assertions."""
        return self._native.audience()

    def metadata_xml(self, sso_url: str) -> str:
        """The IdP metadata to upload in Partner Center, with ``sso_url`` as your
        SingleSignOnService location."""
        return self._native.metadata_xml(sso_url)

    def respond(
        self, request: AuthnRequest, user: SamlUser, *, now: Optional[datetime] = None
    ) -> SamlResponse:
        """Answers ``request`` for ``user`` (at ``now``, default the current time).

        Raises:
            SamlError: the request asks for another ACS URL, or the user id is empty.
        """
        person = (user.user_id, user.account_id, user.bp_id, user.name, user.email, user.mobile)
        extra = list(user.extra.items())
        return SamlResponse(
            self._native.respond(request._native, person, extra, _unix(now))
        )

    def build_response(
        self,
        *,
        name_id: str,
        destination: Optional[str] = None,
        audience: Optional[str] = None,
        attributes: Optional[dict[str, str]] = None,
        relay_state: Optional[str] = None,
        in_response_to: Optional[str] = None,
        now: Optional[datetime] = None,
    ) -> SamlResponse:
        """Builds a Response without an ``AuthnRequest`` (IdP-initiated flows);
        destination and audience default to the site's."""
        return SamlResponse(
            self._native.build_response(
                destination or self.acs_url,
                audience or self.audience,
                name_id,
                list((attributes or {}).items()),
                relay_state,
                in_response_to,
                _unix(now),
            )
        )

    def __repr__(self) -> str:
        return f"IdentityProvider(entity_id={self.entity_id!r}, audience={self.audience!r})"


def _instant(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class VerifiedResponse:
    """What a verified SAML Response says. Everything comes from the signed Assertion
    except ``response_id``, ``destination`` and ``in_response_to``, which are covered
    only when ``response_signed`` is true."""

    response_id: str
    destination: Optional[str]
    in_response_to: Optional[str]
    response_signed: bool
    assertion_id: str
    issue_instant: datetime
    issuer: str
    name_id: str
    name_id_format: Optional[str]
    session_index: Optional[str]
    not_on_or_after: datetime
    attributes: dict[str, list[str]]

    def attribute(self, name: str) -> Optional[str]:
        """The first value of attribute ``name``."""
        values = self.attributes.get(name)
        return values[0] if values else None


def verify_response(
    xml_or_base64: str,
    idp_cert_pem: str,
    *,
    audience: Optional[str] = None,
    destination: Optional[str] = None,
    issuer: Optional[str] = None,
    in_response_to: Optional[str] = None,
    clock_skew: timedelta = timedelta(seconds=60),
    now: Optional[datetime] = None,
) -> VerifiedResponse:
    """Verifies a received SAML Response (the XML or the base64 ``SAMLResponse`` field):
    signatures with the IdP's certificate, validity windows, status, and the expected
    ``audience``, ``destination``, ``issuer`` and ``in_response_to`` when given.

    Raises:
        SamlError: the Response is not valid.
    """
    text = _native.saml_verify_response(
        xml_or_base64,
        idp_cert_pem,
        audience,
        destination,
        issuer,
        in_response_to,
        int(clock_skew.total_seconds()),
        _unix(now),
    )
    raw = json.loads(text)
    return VerifiedResponse(
        response_id=raw["response_id"],
        destination=raw["destination"],
        in_response_to=raw["in_response_to"],
        response_signed=raw["response_signed"],
        assertion_id=raw["assertion_id"],
        issue_instant=_instant(raw["issue_instant"]),
        issuer=raw["issuer"],
        name_id=raw["name_id"],
        name_id_format=raw["name_id_format"],
        session_index=raw["session_index"],
        not_on_or_after=_instant(raw["not_on_or_after"]),
        attributes={k: list(v) for k, v in raw["attributes"].items()},
    )
