// What every scriptable command gets: its arguments, flags, output and the archive.
import type { Archive, ArticleMeta, OpenOptions } from '../archive/index.js';
import { BylineError } from '../model/errors.js';
import { safeJson, visibleLine } from '../text/visible.js';

export interface Flags {
  archive?: string;
  json: boolean;
  limit?: number;
  author?: string;
  format?: string;
  width?: number;
  out?: string;
  raw: boolean;
  color: boolean;
  debug: boolean;
  state?: string;
  /** add: read pages from the Wayback Machine. */
  wayback?: boolean;
  /** add: seconds to connect, and for the whole request. */
  connectTimeout?: number;
  timeout?: number;
  /** rm: remove without asking. */
  yes?: boolean;
  /** rm: remove the hits of this search. */
  query?: string;
}

export interface Output {
  isTTY: boolean;
  color: boolean;
  columns: number;
  write(text: string): void;
  error(text: string): void;
  /** A transient progress line on stderr when it is a terminal (nothing otherwise); null clears it. */
  progress?(text: string | null): void;
}

export interface Context {
  args: string[];
  flags: Flags;
  out: Output;
  /** The archive reads use (the bundled one until the user's library exists). */
  archiveDir: string;
  /** `create` or `write` for a command that changes the archive: without --archive that is
   * the user's library, made first if it does not exist yet. */
  openArchive(options?: OpenOptions): Promise<Archive>;
  /** Asks a question on the terminal and gives the line typed; absent when there is no terminal to ask on. */
  ask?(question: string): Promise<string | undefined>;
}

export function printJson(ctx: Context, value: unknown): void {
  ctx.out.write(safeJson(value) + '\n');
}

export function usageError(message: string): BylineError {
  return new BylineError(message, 2);
}

export function positiveInt(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw usageError(`--${name} must be a whole number of 1 or more`);
  return value;
}

/** Wrap width for human text: --width, else the terminal (at most 80), else none. */
export function textWidth(ctx: Context): number | undefined {
  const width = positiveInt(ctx.flags.width, 'width');
  if (width !== undefined) return width;
  return ctx.out.isTTY ? Math.max(20, Math.min(ctx.out.columns - 2, 80)) : undefined;
}

/** The stored metadata of these articles, each read alone (one line through the id lookup,
 * not the whole index); an id the archive does not have is exit 1, naming it. */
export async function articlesNamed(ctx: Context, ids: readonly string[]): Promise<ArticleMeta[]> {
  const found: ArticleMeta[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const meta = (await ctx.openArchive({ only: id })).article(id);
    if (meta) found.push(meta);
    else missing.push(id);
  }
  if (missing.length)
    throw new BylineError(`no article ${missing.map((id) => JSON.stringify(visibleLine(id))).join(', ')} in ${ctx.archiveDir}`, 1);
  return found;
}
