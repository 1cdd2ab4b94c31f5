// Reading a whole paged list from the node.

/**
 * Every item of a paged query, following next_key: the node answers a page
 * of 100 by default. Bounded, so a node that never ends the list cannot
 * keep the page loading.
 */
export async function allPages<T>(
  page: (key: Uint8Array | undefined) => Promise<{ items: T[]; nextKey?: Uint8Array }>,
  maxPages = 100,
): Promise<T[]> {
  const out: T[] = [];
  let key: Uint8Array | undefined;
  for (let i = 0; i < maxPages; i++) {
    const { items, nextKey } = await page(key);
    out.push(...items);
    if (!nextKey || nextKey.length === 0) return out;
    key = nextKey;
  }
  throw new Error(`more than ${maxPages} pages: the list was cut`);
}
