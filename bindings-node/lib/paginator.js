'use strict'
const { wrapAsync } = require('./errors')

/**
 * Pages of a list operation, fetched lazily. Iterate items with `for await`, pages with
 * `pages()`, or one page at a time with `nextPage()`.
 */
class Paginator {
  #native

  constructor(native) {
    this.#native = native
    /** The total the API last reported (after the first page). */
    this.total = null
  }

  /** The next page `{ items, total }`, or `null` when there are no more. */
  async nextPage() {
    const text = await wrapAsync(this.#native.nextPage())
    if (text === null) return null
    const page = JSON.parse(text)
    if (page.total !== null && page.total !== undefined) this.total = page.total
    return { items: page.items, total: page.total ?? null }
  }

  /** The remaining pages. */
  async *pages() {
    for (;;) {
      const page = await this.nextPage()
      if (page === null) return
      yield page
    }
  }

  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) yield* page.items
  }

  /** Every remaining item, in order. */
  async collectAll() {
    const out = []
    for await (const item of this) out.push(item)
    return out
  }
}

module.exports = { Paginator }
