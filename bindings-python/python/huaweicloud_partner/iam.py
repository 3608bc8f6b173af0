"""IAM helpers: token scopes for the ``iam`` area and :meth:`Client.for_customer`.

The IAM operations themselves are methods of ``client.iam`` (``create_token_by_password``,
``create_agency_token``, ``validate_token``, ``create_scoped_token``, temporary keys,
domains and projects). A scope is a small mapping; build it here::

    from huaweicloud_partner import iam
    token = client.iam.create_token_by_password(
        user_name="ops", password="...", domain_name="partner",
        scope=iam.project_scope(name="cn-north-4"),
    )
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional

__all__ = ["domain_scope", "project_scope", "customer_ref"]


def _id_or_name(id: Optional[str], name: Optional[str]) -> dict[str, str]:
    if (id is None) == (name is None):
        raise TypeError("give exactly one of id and name")
    return {"id": id} if id is not None else {"name": name or ""}


def domain_scope(*, name: Optional[str] = None, id: Optional[str] = None) -> dict[str, Any]:
    """A token scoped to an account (domain), by name or id."""
    return {"domain": _id_or_name(id, name)}


def project_scope(*, name: Optional[str] = None, id: Optional[str] = None) -> dict[str, Any]:
    """A token scoped to a project (e.g. ``cn-north-4``), by name or id."""
    return {"project": _id_or_name(id, name)}


def customer_ref(
    *, domain_name: Optional[str] = None, domain_id: Optional[str] = None
) -> dict[str, str]:
    """A customer account for the ``customer`` field of agency requests."""
    if (domain_name is None) == (domain_id is None):
        raise TypeError("give exactly one of domain_name and domain_id")
    return {"domain_name": domain_name} if domain_name else {"domain_id": domain_id or ""}
