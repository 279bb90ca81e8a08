// The importers, one per format, behind one interface. The HTML importer's extractor and
// DOM are loaded on first use (loadHtmlSupport), so byline's other paths never load them.
import { parsePageDump } from './pagedump.js';
import type { ImportInput, ImportedArticle, Importer } from './types.js';

export const pageDumpImporter: Importer = {
  format: 'text',
  parse: (text) => ({ articles: parsePageDump(text), warnings: [] }),
};

type Extract = (html: string, input: ImportInput) => { articles: ImportedArticle[]; warnings: string[] };
let extractHtml: Extract | undefined;

/** Loads the HTML extractor (linkedom + Readability); call before parsing HTML. */
export async function loadHtmlSupport(): Promise<void> {
  extractHtml ??= (await import('./html/extract.js')).extractHtml;
}

export const htmlImporter: Importer = {
  format: 'html',
  parse(text, input) {
    if (!extractHtml) throw new Error('the HTML importer is not loaded (await loadHtmlSupport() first)');
    return extractHtml(text, input);
  },
};
