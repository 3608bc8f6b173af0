"""Building blocks shared by the generated areas and models: pages and pagers."""

from __future__ import annotations

from . import _native
from ._convert import parse_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import (
        Any,
        AsyncIterator,
        Callable,
        Iterator,
        Mapping,
        Optional,
        Protocol,
        TypeVar,
    )
    from typing import Generic as _Generic

    T = TypeVar("T")
else:
    # `typing` (and `re`, which it imports) stays out of the package's import; at run time
    # `Page[X]`, `Pager[X]` and `AsyncPager[X]` are plain aliases, as `list[X]` is.
    T = "T"
    _GenericAlias = type(list[int])

    class _Generic:
        __slots__ = ()

        def __class_getitem__(cls, item):
            return _GenericAlias(cls, item)


__all__ = ["Page", "Pager", "AsyncPager"]


class Page(_Generic[T]):
    """One page of a list operation.

    Attributes:
        items: The items of this page.
        total: The total the API reported, if it reports one.
        next_marker: The marker of the next page (marker-paged operations).
    """

    __slots__ = ("items", "total", "next_marker")

    def __init__(
        self, items: list[T], total: Optional[int], next_marker: Optional[str]
    ) -> None:
        self.items = items
        self.total = total
        self.next_marker = next_marker

    def __repr__(self) -> str:
        return f"Page(items=<{len(self.items)} items>, total={self.total!r})"

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


# Field kinds as the native page builder numbers them.
_KINDS = {
    "str": 0,
    "int": 1,
    "bool": 2,
    "decimal": 3,
    "datetime": 4,
    "date": 5,
    "any": 6,
    "model": 7,
    "models": 8,
    "list": 9,
}
_SPECS: dict[type, Any] = {}


def native_spec(item: Callable[[Any], Any]) -> Optional[Any]:
    """The native builder's spec of the model whose ``from_dict`` is ``item``, or ``None``
    when ``item`` is not a generated model's ``from_dict`` or the model has a field the
    builder does not read.

    A spec is ``(cls, fields)``, each field ``(wire, attribute, kind number, sub)`` where
    ``sub`` is a nested model's spec or a list's element kind number. Specs are cached per
    class; a class's list of fields is cached before it is filled, so models that contain
    themselves end up with a spec that refers to itself.
    """
    cls = getattr(item, "__self__", None)
    if not isinstance(cls, type) or getattr(item, "__name__", None) != "from_dict":
        return None
    return _spec_of(cls)


def _spec_of(cls: type) -> Optional[Any]:
    if cls in _SPECS:
        return _SPECS[cls]
    table = cls.__dict__.get("_FIELDS")
    if table is None:
        return None
    from . import models

    fields: list[tuple[str, str, int, Any]] = []
    spec = (cls, fields)
    _SPECS[cls] = spec
    for wire, attr, kind, arg in table:
        code = _KINDS.get(kind)
        sub: Any = None
        if kind in ("model", "models"):
            sub = _spec_of(getattr(models, arg))
        elif kind == "list":
            sub = _KINDS.get(arg)
            if sub is None or sub >= _KINDS["model"]:
                code = None
        if code is None or (kind in ("model", "models") and sub is None):
            _SPECS[cls] = None
            return None
        fields.append((wire, attr, code, sub))
    return spec


def _fallback(cls: Any) -> Callable[[str], Any]:
    def build(text: str) -> Any:
        return cls.from_dict(parse_json(text))

    return build


def _page(native: _native.NativePage, item: Callable[[Any], T], spec: Optional[Any]) -> Page[T]:
    if spec is not None:
        items: list[T] = native.build(spec, _fallback(spec[0]), parse_json)
    else:
        items = [item(i) for i in parse_json(native.items_json())]
    return Page(items, native.total, native.next_marker)


class Pager(_Generic[T]):
    """Items of a list operation, fetched a page at a time as you iterate.

    ``for item in pager`` walks every item; ``pager.pages()`` walks pages and
    ``pager.next_page()`` fetches one. A pager is consumed once.
    """

    __slots__ = ("_native", "_item", "_spec")

    def __init__(self, native: _native.NativePaginator, item: Callable[[Any], T]) -> None:
        self._native = native
        self._item = item
        self._spec = native_spec(item)

    def next_page(self) -> Optional[Page[T]]:
        """The next page, or ``None`` when there are no more.

        Raises:
            PartnerError: the page could not be fetched; the pager stops.
        """
        page = self._native.next_page()
        return None if page is None else _page(page, self._item, self._spec)

    def pages(self) -> Iterator[Page[T]]:
        """The remaining pages."""
        while True:
            page = self.next_page()
            if page is None:
                return
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def collect(self) -> list[T]:
        """Every remaining item."""
        return list(self)

    @property
    def total(self) -> Optional[int]:
        """The total the API last reported (``None`` before the first page)."""
        return self._native.total()

    def __repr__(self) -> str:
        return f"Pager(total={self.total!r})"


class AsyncPager(_Generic[T]):
    """Like :class:`Pager` for asyncio: ``async for item in pager``, ``pager.pages()``
    (an async iterator) and ``await pager.next_page()``."""

    __slots__ = ("_native", "_item", "_spec")

    def __init__(self, native: _native.NativePaginator, item: Callable[[Any], T]) -> None:
        self._native = native
        self._item = item
        self._spec = native_spec(item)

    async def next_page(self) -> Optional[Page[T]]:
        """The next page, or ``None`` when there are no more.

        Raises:
            PartnerError: the page could not be fetched; the pager stops.
        """
        page = await self._native.next_page_async()
        return None if page is None else _page(page, self._item, self._spec)

    async def pages(self) -> AsyncIterator[Page[T]]:
        """The remaining pages."""
        while True:
            page = await self.next_page()
            if page is None:
                return
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def collect(self) -> list[T]:
        """Every remaining item."""
        return [item async for item in self]

    @property
    def total(self) -> Optional[int]:
        """The total the API last reported (``None`` before the first page)."""
        return self._native.total()

    def __repr__(self) -> str:
        return f"AsyncPager(total={self.total!r})"


if TYPE_CHECKING:
    # What the generated areas need from the client (for type checkers only).

    class SyncTransport(Protocol):
        """What the generated sync areas need from the client."""

        def _call(self, area: str, method: str, fields: Mapping[str, Any]) -> Any: ...

        def _paginate(
            self,
            area: str,
            method: str,
            fields: Mapping[str, Any],
            concurrency: int,
            item: Callable[[Any], T],
        ) -> Pager[T]: ...

    class AsyncTransport(Protocol):
        """What the generated async areas need from the client."""

        async def _call(self, area: str, method: str, fields: Mapping[str, Any]) -> Any: ...

        def _paginate(
            self,
            area: str,
            method: str,
            fields: Mapping[str, Any],
            concurrency: int,
            item: Callable[[Any], T],
        ) -> AsyncPager[T]: ...
