from typing import Any, Awaitable, Callable, Mapping, Optional, final

__all__ = [
    "NativeClient",
    "NativePaginator",
    "NativePage",
    "NativeSandbox",
    "NativeIdentityProvider",
    "NativeAuthnRequest",
    "NativeSamlResponse",
    "saml_login_url",
    "saml_decode_redirect",
    "saml_verify_response",
    "refresh_logging",
    "operations",
    "error_kinds",
    "__version__",
]

__version__: str

@final
class NativeClient:
    def __new__(cls, settings: Mapping[str, Any]) -> NativeClient: ...
    def call(self, area: str, method: str, request: Mapping[str, Any]) -> Any: ...
    def call_async(
        self, area: str, method: str, request: Mapping[str, Any]
    ) -> Awaitable[Any]: ...
    def paginate(
        self, area: str, method: str, request: Mapping[str, Any], concurrency: int = 1
    ) -> NativePaginator: ...
    def for_customer(
        self,
        customer: Mapping[str, Any],
        scope: Mapping[str, Any],
        agency_name: Optional[str] = None,
    ) -> NativeClient: ...
    def for_customer_async(
        self,
        customer: Mapping[str, Any],
        scope: Mapping[str, Any],
        agency_name: Optional[str] = None,
    ) -> Awaitable[NativeClient]: ...

@final
class NativePaginator:
    def next_page(self) -> Optional[NativePage]: ...
    def next_page_async(self) -> Awaitable[Optional[NativePage]]: ...
    def total(self) -> Optional[int]: ...

@final
class NativePage:
    def __new__(
        cls, items: list[str], total: Optional[int] = None, next_marker: Optional[str] = None
    ) -> NativePage: ...
    @property
    def total(self) -> Optional[int]: ...
    @property
    def next_marker(self) -> Optional[str]: ...
    def items_json(self) -> str: ...
    def build(
        self,
        spec: Any,
        fallback: Callable[[str], Any],
        parse_json: Callable[[str], Any],
    ) -> list[Any]: ...
    def __len__(self) -> int: ...

def operations() -> list[tuple[str, str, str, Optional[str]]]: ...
def error_kinds() -> list[str]: ...

@final
class NativeSandbox:
    def __new__(cls, settings_json: str) -> NativeSandbox: ...
    def base_url(self) -> str: ...
    def intl_base_url(self) -> str: ...
    def identity(self) -> tuple[str, str, str, str, str, str, str]: ...
    @staticmethod
    def federation_idp() -> tuple[str, str, str]: ...
    def customer_ids(self) -> list[str]: ...
    def customer_domain_names(self) -> list[str]: ...
    def reseller_ids(self) -> list[str]: ...
    def inject(self, fault_json: str) -> None: ...
    def clear_faults(self) -> None: ...
    def request_count(self, operation: str) -> int: ...
    def reset_request_counts(self) -> None: ...
    def set_clock_offset(self, seconds: int) -> None: ...
    def stop(self) -> None: ...
    def stopped(self) -> bool: ...

@final
class NativeAuthnRequest:
    def fields(
        self,
    ) -> tuple[
        str,
        str,
        Optional[str],
        Optional[str],
        Optional[str],
        Optional[str],
        Optional[str],
        bool,
        bool,
        Optional[str],
    ]: ...

@final
class NativeSamlResponse:
    def xml(self) -> str: ...
    def to_base64(self) -> str: ...
    def post_form_html(self) -> str: ...
    def destination(self) -> str: ...
    def relay_state(self) -> Optional[str]: ...
    def response_id(self) -> str: ...
    def assertion_id(self) -> str: ...

@final
class NativeIdentityProvider:
    def __new__(
        cls,
        entity_id: str,
        key_pem: str,
        cert_pem: str,
        site_name: str,
        validity_s: int,
        skew_s: int,
        sign_response: bool,
    ) -> NativeIdentityProvider: ...
    def entity_id(self) -> str: ...
    def acs_url(self) -> str: ...
    def audience(self) -> str: ...
    def metadata_xml(self, sso_url: str) -> str: ...
    def respond(
        self,
        request: NativeAuthnRequest,
        user: tuple[
            str,
            Optional[str],
            Optional[str],
            Optional[str],
            Optional[str],
            Optional[str],
        ],
        extra: list[tuple[str, str]],
        now: Optional[int] = None,
    ) -> NativeSamlResponse: ...
    def build_response(
        self,
        destination: str,
        audience: str,
        name_id: str,
        attributes: list[tuple[str, str]],
        relay_state: Optional[str],
        in_response_to: Optional[str],
        now: Optional[int] = None,
    ) -> NativeSamlResponse: ...

def saml_login_url(
    site_name: str, x_account_type: str, first_login: bool, service: Optional[str] = None
) -> str: ...
def saml_verify_response(
    xml_or_base64: str,
    idp_cert_pem: str,
    audience: Optional[str],
    destination: Optional[str],
    issuer: Optional[str],
    in_response_to: Optional[str],
    skew_s: int,
    now: Optional[int],
) -> str: ...
def saml_decode_redirect(
    query_or_url: str, sp_cert_pem: str, max_size: Optional[int] = None
) -> NativeAuthnRequest: ...
def refresh_logging() -> None: ...
