// What every importer returns, whatever the format it reads.
import type { Block } from '../model/schema.js';

export interface ImportedAuthor {
  name: string;
  handle?: string;
  bio: string;
  kind: 'person' | 'organization';
  /** The author's page, when the source names one. */
  url?: string;
}

export interface ImportedArticle {
  title: string;
  titleDerived: boolean;
  dek: string;
  kind: 'full' | 'excerpt';
  sponsored: boolean;
  authors: ImportedAuthor[];
  body: Block[];
  credits: string[];
  /** The article's own address (canonical when the page gives one). */
  url?: string;
  /** ISO 8601 as the page gives it. */
  publishedAt?: string;
  modifiedAt?: string;
  siteName?: string;
  /** BCP 47 tag, e.g. "en" or "pt-BR". */
  language?: string;
  /** The snapshot the page was read from, when it came from a web archive. */
  archivedUrl?: string;
  /** Tags it had in an archive (an article put back after a removal). */
  tags?: string[];
}

/** One thing to import: its bytes and what is known about where they came from. */
export interface ImportInput {
  /** A file name or URL, for messages and for the extension. */
  name: string;
  bytes: Uint8Array;
  /** Forces a format (`--format`) instead of sniffing. */
  format?: string;
  /** The HTTP Content-Type, when the bytes came over HTTP. */
  contentType?: string;
  /** The address the bytes came from: resolves relative links, and is the article's url
   * when the page names no canonical one. */
  url?: string;
}

export interface ParsedInput {
  format: string;
  articles: ImportedArticle[];
  /** One-line notices (a transcoded encoding, a dropped part), each safe to print. */
  warnings: string[];
}

/** One format's importer: decoded text in, articles out. Pure: no I/O. */
export interface Importer {
  format: string;
  parse(text: string, input: ImportInput): { articles: ImportedArticle[]; warnings: string[] };
}
