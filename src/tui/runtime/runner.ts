// The one place the reader's effects touch the world: the archive's bodies, the search
// engine, the state file, the clipboard, other programs. Each result comes back as a command.
import type { Archive } from '../../archive/index.js';
import type { SearchEngine } from '../../search/engine.js';
import type { Snippet } from '../../search/snippet.js';
import { webAddress } from '../../text/page-meta.js';
import { NO_ADDRESS } from '../core/article.js';
import type { EffectRunner } from './store.js';
import type { MarkSaver } from './saver.js';
import { articleText, citation } from './article-text.js';
import { archiveWriter, type WriteAccess } from './writer.js';

export interface Services {
  /** An archive holding this article whole — metadata, authors, body — or undefined when it
   * cannot be read (the reader of a big archive reads it through the id lookup). */
  holding(id: string): Archive | undefined;
  saver: MarkSaver;
  engine(): SearchEngine | null;
  onQuit(code: number): void;
  /** Opens a URL outside the reader; says what it did. */
  /** Hands the address to the browser; returns the notice to show, and calls `failed` with
   * one line if the browser could not be started. */
  openUrl?(url: string, failed: (why: string) => void): string;
  /** Puts text on the clipboard; says how. */
  copy?(text: string): string;
  /** Runs a program with the terminal handed over (`|`, `e`); says how it went. */
  pipe?(text: string, command: string): string;
  edit?(markdown: string, name: string): string;
  /** Writing the archive (D, U, t); without it the reader says it cannot write here. */
  write?: WriteAccess;
}

/** How long a slice of summaries may hold the event loop. */
const SUMMARY_SLICE_MS = 8;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRunner(services: Services): EffectRunner {
  const { saver } = services;
  const writes = archiveWriter((id) => services.holding(id), services.write);
  return (effect, { send, defer, waiting }) => {
    saver.onSaved ??= () => send({ type: 'stateWarning', on: saver.warning });
    switch (effect.type) {
      case 'loadBody':
        try {
          const archive = services.holding(effect.id);
          const meta = archive?.article(effect.id);
          if (!archive || !meta)
            return send({ type: 'bodyFailed', id: effect.id, error: `cannot read article ${effect.id}: it is no longer in the archive` });
          return send({ type: 'bodyLoaded', id: effect.id, body: archive.body(effect.id), meta });
        } catch (error) {
          return send({ type: 'bodyFailed', id: effect.id, error: message(error) });
        }
      case 'mark':
        return saver.record(effect.id, effect.change);
      case 'saveState':
        return void saver.flush();
      case 'search':
        return defer('search', () => {
          const engine = services.engine();
          if (!engine) return;
          try {
            // No snippets here: they read bodies, and only the rows on screen get one, after the frame.
            send({
              type: 'searchResults',
              query: effect.query,
              hits: engine.search(effect.query, { limit: effect.limit, snippets: 0 }),
              limit: effect.limit,
            });
          } catch (error) {
            // A word index that breaks while it is read (a segment cut short) is a broken index too.
            send({ type: 'engine', status: { status: 'failed', error: message(error) } });
          }
        });
      case 'loadSummaries': {
        // In the background, a slice at a time (each may read a body), so a key never waits
        // for the rows of a search it has already changed; sent once, as one frame.
        const summaries: Record<string, string> = {};
        const snippets: Record<string, Snippet> = {};
        const slice = (ids: string[]) => {
          const started = performance.now();
          let done = 0;
          for (const id of ids) {
            if (done > 0 && performance.now() - started > SUMMARY_SLICE_MS) break;
            done++;
            const snippet = services.engine()?.snippet(effect.query, id);
            if (snippet) {
              snippets[id] = snippet;
              continue;
            }
            const archive = services.holding(id);
            const meta = archive?.article(id);
            if (archive && meta) summaries[id] = meta.dek || archive.lead(meta);
          }
          const rest = ids.slice(done);
          if (rest.length === 0) return send({ type: 'summaries', summaries, query: effect.query, snippets });
          // A newer request (a newer search, a move) replaces the rest of this one.
          if (!waiting('summaries')) defer('summaries', () => slice(rest), { background: true });
        };
        return defer('summaries', () => slice(effect.ids), { background: true });
      }
      case 'openAddress': {
        const meta = services.holding(effect.id)?.article(effect.id);
        const url = webAddress(meta?.url) ?? webAddress(meta?.archivedUrl);
        if (!url) return send({ type: 'notice', text: NO_ADDRESS });
        return send({ type: 'notice', text: services.openUrl ? services.openUrl(url, (why) => send({ type: 'notice', text: why })) : url });
      }
      case 'openUrl':
        return send({
          type: 'notice',
          text: services.openUrl ? services.openUrl(effect.url, (why) => send({ type: 'notice', text: why })) : effect.url,
        });
      case 'copy': {
        const archive = services.holding(effect.id);
        const meta = archive?.article(effect.id);
        if (!archive || !meta || !services.copy) return send({ type: 'notice', text: 'Copying is not available here' });
        let text: string;
        try {
          text =
            effect.what === 'url'
              ? (meta.url ?? '')
              : effect.what === 'citation'
                ? citation(meta, archive.authorsOf(meta))
                : articleText(archive, meta, 'text');
        } catch (error) {
          return send({ type: 'notice', text: message(error) });
        }
        const what = { url: 'URL', text: 'Text', citation: 'Citation' }[effect.what];
        try {
          return send({ type: 'notice', text: `${what} copied ${services.copy(text)}` });
        } catch (error) {
          return send({ type: 'notice', text: `Could not copy: ${message(error)}` });
        }
      }
      case 'pipe':
      case 'edit': {
        const archive = services.holding(effect.id);
        const meta = archive?.article(effect.id);
        const run = effect.type === 'pipe' ? services.pipe : services.edit;
        if (!archive || !meta || !run) return send({ type: 'notice', text: 'Not available here' });
        try {
          const text = articleText(archive, meta, effect.type === 'pipe' ? 'text' : 'markdown');
          const said = effect.type === 'pipe' ? services.pipe!(text, effect.command) : services.edit!(text, meta.id);
          return send({ type: 'notice', text: said });
        } catch (error) {
          return send({ type: 'notice', text: message(error) });
        }
      }
      case 'remove':
      case 'restore':
      case 'retag':
        return writes(effect, send);
      case 'quit':
        saver.flush().catch(() => undefined);
        return services.onQuit(effect.code);
    }
  };
}
