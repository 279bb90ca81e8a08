import * as v from 'valibot';

/** The archive's format, recorded in index.json as `formatVersion`. A change of layout bumps it
 * and comes with one explicit upgrade (import or reindex); reads never upgrade. */
export const ARCHIVE_VERSION = 1;

/** What an index.json says its format is: a number, 'pre-release' for the development layout
 * that recorded `version` instead, or undefined when it says nothing (the schema words that). */
export function formatVersionOf(data: unknown): number | 'pre-release' | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as { formatVersion?: unknown; version?: unknown };
  if (typeof d.formatVersion === 'number') return d.formatVersion;
  if (d.formatVersion === undefined && typeof d.version === 'number') return 'pre-release';
  return undefined;
}

/** The one line for an archive of another format, naming what handles it; undefined for this one. */
export function otherFormat(version: number | 'pre-release' | undefined): string | undefined {
  if (version === ARCHIVE_VERSION || version === undefined) return undefined;
  if (version === 'pre-release')
    return `an archive of an unreleased development build of byline (it records "version", not "formatVersion"); this byline reads formatVersion ${ARCHIVE_VERSION}: import the original pages into a new archive`;
  if (version > ARCHIVE_VERSION)
    return `archive formatVersion ${version} is newer than this byline understands (${ARCHIVE_VERSION}); upgrade byline`;
  return `archive formatVersion ${version} is older than this byline reads (${ARCHIVE_VERSION}); open it with the byline that wrote it and export it`;
}

const Text = v.string();

/** Names the store gives body and word-index files; nothing else is ever read or removed. */
export const BODY_FILE = /^[a-z0-9][a-z0-9-]{0,79}\.[0-9a-f]{16}\.json$/;
export const SEGMENT_FILE = /^words-\d{6}\.seg$/;
/** The id lookup of a big index.json (see id-lookup.ts): a new name for each version. */
export const LOOKUP_FILE = /^index\.[0-9a-f]{16}\.ids$/;
/** The catalog of a big index.json (see catalog.ts): what a list row needs, a line an article. */
export const CATALOG_FILE = /^index\.[0-9a-f]{16}\.catalog$/;
/** The match keys of a big index.json (see match-keys.ts): a new name for each version. */
export const KEYS_FILE = /^index\.[0-9a-f]{16}\.keys$/;

/** The word-index segments that belong to this version of the index (search/<name>). */
const SegmentsSchema = v.optional(v.array(v.pipe(Text, v.regex(SEGMENT_FILE, 'segment names are words-NNNNNN.seg'))));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
/** The rows removed since the word index was rebuilt, sorted, as its segments count rows (see
 * src/search/removed-rows.ts). */
const RemovedRowsSchema = v.optional(v.array(Offset));

/** A tag: a word of letters, digits and `-_./`, lower case, at most 40 characters. */
export const TAG = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_./-]{0,39}$/u;
const TagsSchema = v.optional(v.array(v.pipe(Text, v.regex(TAG, 'a tag is a lower-case word of at most 40 letters, digits and -_./'))));

/** Inline markup over a block's plain `text`: the span [start, end) in UTF-16 code units.
 * The text itself stays plain, so search, word counts and plain output never see markup;
 * markdown and JSON output apply the marks. */
export const MarkSchema = v.object({
  type: v.picklist(['link', 'em', 'strong', 'code']),
  start: Offset,
  end: Offset,
  /** Links only: an absolute http(s) or mailto URL. */
  href: v.optional(v.pipe(Text, v.url())),
});

const Marks = v.optional(v.array(MarkSchema));

/** The id → line lookup of this version of a big index (absent below 1 000 articles). */
const LookupSchema = v.optional(v.pipe(Text, v.regex(LOOKUP_FILE, 'lookup is index.<16 hex digits>.ids')));
/** The catalog of this version of a big index (absent below 1 000 articles). */
const CatalogSchema = v.optional(v.pipe(Text, v.regex(CATALOG_FILE, 'catalog is index.<16 hex digits>.catalog')));
/** The match keys of this version of a big index (absent below 1 000 articles, and in archives written before). */
const KeysSchema = v.optional(v.pipe(Text, v.regex(KEYS_FILE, 'keys is index.<16 hex digits>.keys')));

export const BlockSchema = v.variant('type', [
  v.object({ type: v.literal('paragraph'), text: Text, marks: Marks }),
  /** level: 1–6 as in HTML; absent in page dumps (shown as a level-2 heading). */
  v.object({
    type: v.literal('heading'),
    text: Text,
    level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6))),
    marks: Marks,
  }),
  v.object({ type: v.literal('quote'), text: Text, marks: Marks }),
  v.object({
    type: v.literal('figure'),
    title: v.optional(Text),
    caption: Text,
    credit: Text,
    /** The image's alt text (HTML pages). */
    alt: v.optional(Text),
    /** The image's address (HTML pages; http or https). */
    src: v.optional(v.pipe(Text, v.url())),
  }),
  /** A bulleted or numbered list: one item a line of `text` (items hold no line breaks), so
   * every block but a figure has its plain text in `text`. */
  v.object({ type: v.literal('list'), ordered: v.boolean(), text: Text, marks: Marks }),
  /** Preformatted text: line breaks and spaces are kept. */
  v.object({ type: v.literal('pre'), text: Text }),
]);

export const AuthorSchema = v.object({
  id: v.pipe(Text, v.minLength(1)),
  name: v.pipe(Text, v.minLength(1)),
  handle: v.optional(Text),
  bio: Text,
  kind: v.picklist(['person', 'organization']),
});

export const SourceSchema = v.object({
  file: Text,
  importedAt: Text,
});

/** What index.json holds per article: everything but the body. */
export const ArticleMetaSchema = v.object({
  id: v.pipe(Text, v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'id must be an ASCII slug of at most 80 characters')),
  title: v.pipe(Text, v.minLength(1)),
  titleDerived: v.boolean(),
  dek: Text,
  kind: v.picklist(['full', 'excerpt']),
  sponsored: v.boolean(),
  authors: v.array(Text),
  credits: v.array(Text),
  lead: Text,
  url: v.optional(v.pipe(Text, v.url())),
  publishedAt: v.optional(Text),
  modifiedAt: v.optional(Text),
  siteName: v.optional(Text),
  language: v.optional(Text),
  archivedUrl: v.optional(v.pipe(Text, v.url())),
  source: SourceSchema,
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Content checksum: re-importing the same text is recognised without reading bodies. */
  hash: Text,
  /** The body's file in articles/: a new name for each version of the body, so a body is
   * never overwritten in place and index.json alone says which version is current. */
  bodyFile: v.pipe(Text, v.regex(BODY_FILE, 'bodyFile must be <id>.<16 hex digits>.json')),
  /** The reader's own words for it (`byline tag`); absent when none. */
  tags: TagsSchema,
});

export const IndexSchema = v.object({
  formatVersion: v.literal(ARCHIVE_VERSION),
  articles: v.array(ArticleMetaSchema),
  authors: v.array(AuthorSchema),
  segments: SegmentsSchema,
  removedRows: RemovedRowsSchema,
  lookup: LookupSchema,
  catalog: CatalogSchema,
  keys: KeysSchema,
});

/** The index with its articles left unchecked (they go through the fast twin). */
export const IndexEnvelopeSchema = v.object({
  formatVersion: v.literal(ARCHIVE_VERSION),
  articles: v.array(v.unknown()),
  authors: v.array(AuthorSchema),
  segments: SegmentsSchema,
  removedRows: RemovedRowsSchema,
  lookup: LookupSchema,
  catalog: CatalogSchema,
  keys: KeysSchema,
});

export const BodyFileSchema = v.object({
  id: Text,
  body: v.array(BlockSchema),
});

export type Block = v.InferOutput<typeof BlockSchema>;
/** What a list row and a title/author search need of an article (a line of the catalog;
 * there dek and lead are empty: they are read with the article). */
export type ListedArticle = Pick<
  ArticleMeta,
  'id' | 'title' | 'kind' | 'sponsored' | 'authors' | 'publishedAt' | 'siteName' | 'url' | 'archivedUrl' | 'dek' | 'lead' | 'tags'
>;
export type Mark = v.InferOutput<typeof MarkSchema>;
export type Author = v.InferOutput<typeof AuthorSchema>;
export type ArticleMeta = v.InferOutput<typeof ArticleMetaSchema>;
export type Index = v.InferOutput<typeof IndexSchema>;
export type Article = ArticleMeta & { body: Block[] };

/** The first error of a failed parse, as one readable line. */
export function schemaProblem(issues: v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid data';
  const path = v.getDotPath(first);
  return path ? `${path}: ${first.message}` : first.message;
}

export function blockText(block: Block): string {
  if (block.type === 'figure') return [block.title, block.caption, block.credit].filter(Boolean).join(' ');
  return block.text;
}

/** A list block's items (one a line of its text). */
export function listItems(block: { text: string }): string[] {
  return block.text.split('\n');
}

export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

export function bodyWordCount(body: Block[]): number {
  return body.reduce((n, b) => (b.type === 'figure' ? n : n + countWords(blockText(b))), 0);
}

const LEAD_CHARS = 280;

/** The opening of the first paragraph, cut at a word: the `lead` kept in index.json. */
export function leadOf(body: Block[]): string {
  const first = body.find((b) => b.type === 'paragraph');
  if (!first || first.type !== 'paragraph') return '';
  if (first.text.length <= LEAD_CHARS) return first.text;
  const cut = first.text.slice(0, LEAD_CHARS);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)) + '…';
}
