"""Building blocks shared by the generated areas and models: pages and pagers."""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Callable,
    Generic,
    Iterator,
    Mapping,
    Optional,
    Protocol,
    TypeVar,
)

from . import _native
from ._convert import parse_json

T = TypeVar("T")

__all__ = ["Page", "Pager", "AsyncPager"]


class Page(Generic[T]):
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


def _page(text: str, item: Callable[[Any], T]) -> Page[T]:
    raw = parse_json(text)
    return Page(
        [item(i) for i in raw["items"]],
        raw.get("total"),
        raw.get("next_marker"),
    )


class Pager(Generic[T]):
    """Items of a list operation, fetched a page at a time as you iterate.

    ``for item in pager`` walks every item; ``pager.pages()`` walks pages and
    ``pager.next_page()`` fetches one. A pager is consumed once.
    """

    __slots__ = ("_native", "_item")

    def __init__(self, native: _native.NativePaginator, item: Callable[[Any], T]) -> None:
        self._native = native
        self._item = item

    def next_page(self) -> Optional[Page[T]]:
        """The next page, or ``None`` when there are no more.

        Raises:
            PartnerError: the page could not be fetched; the pager stops.
        """
        text = self._native.next_page()
        return None if text is None else _page(text, self._item)

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


class AsyncPager(Generic[T]):
    """Like :class:`Pager` for asyncio: ``async for item in pager``, ``pager.pages()``
    (an async iterator) and ``await pager.next_page()``."""

    __slots__ = ("_native", "_item")

    def __init__(self, native: _native.NativePaginator, item: Callable[[Any], T]) -> None:
        self._native = native
        self._item = item

    async def next_page(self) -> Optional[Page[T]]:
        """The next page, or ``None`` when there are no more.

        Raises:
            PartnerError: the page could not be fetched; the pager stops.
        """
        text = await self._native.next_page_async()
        return None if text is None else _page(text, self._item)

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
