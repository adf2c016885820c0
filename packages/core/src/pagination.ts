import { InvalidArgumentError } from './errors.ts';

/** A page body as Didit sends it: limit/offset pagination with absolute `next`/`previous` links. */
export interface PageBody<T> {
  count: number | null;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Query params a paginated list accepts. */
export interface PageParams {
  limit?: number | undefined;
  offset?: number | undefined;
}

/** One page of a list, and the way to the next. */
export class Page<T> implements PageBody<T> {
  readonly count: number | null;
  readonly next: string | null;
  readonly previous: string | null;
  readonly results: T[];
  readonly #fetchPage: (params: PageParams) => Promise<Page<T>>;

  constructor(body: PageBody<T>, fetchPage: (params: PageParams) => Promise<Page<T>>) {
    this.count = body.count ?? null;
    this.next = body.next ?? null;
    this.previous = body.previous ?? null;
    this.results = body.results;
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    return nextParams(this.next) !== undefined && this.results.length > 0;
  }

  /**
   * The next page. Only `offset` and `limit` are taken from Didit's `next` link; the request goes
   * to the client's own base URL, so a link can never send the API key to another host.
   */
  getNextPage(): Promise<Page<T>> {
    const params = this.hasNextPage() ? nextParams(this.next) : undefined;
    if (!params) return Promise.reject(new InvalidArgumentError('This is the last page: check hasNextPage() first.'));
    return this.#fetchPage(params);
  }
}

function nextParams(next: string | null): PageParams | undefined {
  if (!next) return undefined;
  let url: URL;
  try {
    url = new URL(next, 'http://x');
  } catch {
    return undefined;
  }
  const offset = Number(url.searchParams.get('offset') ?? Number.NaN);
  const limit = url.searchParams.get('limit');
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  return limit !== null && Number.isInteger(Number(limit)) ? { offset, limit: Number(limit) } : { offset };
}

/**
 * What a list method returns: `await` it for the first page, or `for await` over it for every
 * item across pages (fetched one page at a time, as the loop asks). Nothing is sent until then.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #load: () => Promise<Page<T>>;
  #first: Promise<Page<T>> | undefined;

  constructor(load: () => Promise<Page<T>>) {
    this.#load = load;
  }

  #page(): Promise<Page<T>> {
    this.#first ??= this.#load();
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaited like the page it resolves to
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.#page().catch(onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#page();
    for (;;) {
      yield* page.results;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/** A lazy list over `load`, which fetches one page's body for the given offset and limit. */
export function paginate<T>(load: (page: PageParams) => Promise<PageBody<T>>): PagePromise<T> {
  const fetchPage = async (page: PageParams): Promise<Page<T>> => new Page(await load(page), fetchPage);
  return new PagePromise(() => fetchPage({}));
}
