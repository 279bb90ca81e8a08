// The reader's view of a big archive read through its catalog: the rows read so far. Each
// chunk read makes a new one (the selectors memoise on it), sharing the maps of the old.
import type { Author, ListedArticle } from '../../model/schema.js';
import type { ReaderData } from '../core/types.js';

export class CatalogData implements ReaderData {
  #byAuthor?: Map<string, ListedArticle[]>;

  constructor(
    readonly articles: readonly ListedArticle[],
    private readonly byId: ReadonlyMap<string, ListedArticle>,
    readonly authors: readonly Author[],
    private readonly authorsById: ReadonlyMap<string, Author>,
  ) {}

  /** The same archive with more rows read. */
  static grown(
    rows: ListedArticle[],
    byId: Map<string, ListedArticle>,
    authors: readonly Author[],
    authorsById: ReadonlyMap<string, Author>,
  ): CatalogData {
    return new CatalogData(rows.slice(), byId, authors, authorsById);
  }

  article(id: string): ListedArticle | undefined {
    return this.byId.get(id);
  }

  author(id: string): Author | undefined {
    return this.authorsById.get(id);
  }

  authorsOf(meta: ListedArticle): Author[] {
    return meta.authors.map((id) => this.authorsById.get(id)).filter((a): a is Author => a !== undefined);
  }

  articlesBy(authorId: string): ListedArticle[] {
    if (!this.#byAuthor) {
      const map = new Map<string, ListedArticle[]>();
      for (const article of this.articles) {
        for (const id of new Set(article.authors)) {
          const list = map.get(id);
          if (list) list.push(article);
          else map.set(id, [article]);
        }
      }
      this.#byAuthor = map;
    }
    return this.#byAuthor.get(authorId) ?? [];
  }

  articleCountBy(authorId: string): number {
    return this.articlesBy(authorId).length;
  }
}
