// The reader's writes to the archive — `D` removes, `U` puts back, `t` sets tags — made through
// the store's writer, under the archive's lock, one at a time, each on the person's own key;
// browsing never writes. An article is read whole (metadata, body, authors) before it is
// removed, so `U` can import it again. After each write the reader reads the archive again,
// as at start (WriteAccess.written), and the result comes back as a command.
import { editing, type Archive } from '../../archive/index.js';

// Loaded with the reader: tags are checked as typed.
const { normalTag } = await editing();
import type { ImportedArticle } from '../../ingest/types.js';
import type { ArticleMeta, Author, Block } from '../../model/schema.js';
import type { Command, Effect } from '../core/types.js';
import { reasonFirst } from '../core/article.js';

export interface WriteAccess {
  /** The archive to write, opened for one write. Where the reader shows the bundled archive,
   * the user's library is made first, as a copy of it: `note` then says so, and `written`
   * is given the library's folder. */
  open(): Promise<{ archive: Archive; note?: string }>;
  /** After a write: the reader reads the archive in `dir` again, as at start. */
  written(dir: string): Promise<void>;
}

export type WriteEffect = Extract<Effect, { type: 'remove' | 'restore' | 'retag' }>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** What `byline import` would have made of the article: what `U` imports to put it back. */
export function importedArticle(meta: ArticleMeta, body: Block[], authors: readonly Author[]): ImportedArticle {
  const article: ImportedArticle = {
    title: meta.title,
    titleDerived: meta.titleDerived,
    dek: meta.dek,
    kind: meta.kind,
    sponsored: meta.sponsored,
    authors: authors.map((a) => ({ name: a.name, ...(a.handle ? { handle: a.handle } : {}), bio: a.bio, kind: a.kind })),
    body,
    credits: meta.credits,
  };
  for (const key of ['url', 'publishedAt', 'modifiedAt', 'siteName', 'language', 'archivedUrl'] as const) {
    if (meta[key]) article[key] = meta[key];
  }
  if (meta.tags?.length) article.tags = [...meta.tags];
  return article;
}

/** The words typed on the tags line as tags ("#AI" is "ai"); a word that is no tag throws, in one line. */
export function typedTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => normalTag(word.replace(/^#/, ''))),
    ),
  ];
}

const quoted = (title: string) => `«${title.length > 60 ? `${title.slice(0, 59)}…` : title}»`;

/** The archive read again after a write; the write is done whatever happens here, so a
 * failure is one more thing to say, not a failed write. */
async function readAgain(access: WriteAccess, dir: string, note: string | undefined): Promise<string | undefined> {
  try {
    await access.written(dir);
    return note;
  } catch (error) {
    return [note, `could not read the archive again: ${message(error)}`].filter(Boolean).join(' · ');
  }
}

async function write(effect: WriteEffect, holding: (id: string) => Archive | undefined, access: WriteAccess): Promise<Command> {
  switch (effect.type) {
    case 'remove': {
      // Read whole before anything is written: afterwards the body is gone.
      const reading = holding(effect.id);
      const meta = reading?.article(effect.id);
      if (!reading || !meta) throw new Error(`${quoted(effect.title)} is no longer in the archive`);
      let body: Block[];
      try {
        body = reading.body(effect.id);
      } catch (error) {
        throw new Error(`${reasonFirst(message(error))}, so U could not put it back (byline rm ${effect.id} removes it)`);
      }
      const saved = importedArticle(meta, body, reading.authorsOf(meta));
      const { archive, note } = await access.open();
      const result = await archive.edit({ remove: [effect.id] });
      const also = await readAgain(access, archive.dir, note);
      const was = result.removed[0];
      if (!was) return { type: 'writeFailed', error: `${quoted(effect.title)} was no longer in the archive` };
      const article = was.tags?.length ? { ...saved, tags: [...was.tags] } : saved;
      return { type: 'removed', removal: { id: effect.id, title: effect.title, article }, note: also };
    }
    case 'restore': {
      const { archive, note } = await access.open();
      const summary = await archive.import([{ file: 'undo', articles: [effect.removal.article] }]);
      const also = await readAgain(access, archive.dir, note);
      return { type: 'restored', removal: effect.removal, present: summary.added + summary.updated === 0, note: also };
    }
    case 'retag': {
      let wanted: string[];
      try {
        wanted = typedTags(effect.text);
      } catch (error) {
        // The line comes back as it was typed, with why, to be put right.
        const { id, title, before, text } = effect;
        return { type: 'writeFailed', error: message(error), retype: { id, title, before, text } };
      }
      const add = wanted.filter((t) => !effect.before.includes(t));
      const drop = effect.before.filter((t) => !wanted.includes(t));
      if (add.length === 0 && drop.length === 0) return { type: 'notice', text: 'Tags unchanged' };
      const { archive, note } = await access.open();
      const result = await archive.edit({ tags: new Map([[effect.id, { add, drop }]]) });
      const also = await readAgain(access, archive.dir, note);
      if (result.missing.length) return { type: 'writeFailed', error: `${quoted(effect.title)} is no longer in the archive` };
      // Nothing changed on disk (another writer had made the same change): what was asked for is what is there.
      const tags = result.tagged[0] ? (result.tagged[0].tags ?? []) : wanted;
      return { type: 'tagged', id: effect.id, title: effect.title, tags, note: also };
    }
  }
}

/** Why first, cut to the width as it may be: the person has just said which article. */
const FAILED: Record<WriteEffect['type'], string> = {
  remove: 'Not removed',
  restore: 'Not put back (U tries again)',
  retag: 'Tags not saved',
};

/** Runs the writes one after another (a second key waits for the first write), each reported
 * as a command: done, or why not in one line. */
export function archiveWriter(holding: (id: string) => Archive | undefined, access: WriteAccess | undefined) {
  let last: Promise<void> = Promise.resolve();
  return (effect: WriteEffect, send: (command: Command) => void): void => {
    const failed = (error: unknown): Command => ({
      type: 'writeFailed',
      error: `${FAILED[effect.type]}: ${message(error)}`,
      undo: effect.type === 'restore' ? effect.removal : undefined,
    });
    last = last.then(async () => {
      if (!access) return send(failed(new Error('the reader cannot write here')));
      let result: Command;
      try {
        result = await write(effect, holding, access);
      } catch (error) {
        result = failed(error);
      }
      send(result);
    });
  };
}
