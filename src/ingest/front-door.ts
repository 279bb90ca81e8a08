// The one way in for every import: bytes and what is known of them → format, articles and
// one-line warnings. Pure: the commands read files and URLs; this decides what they hold.
import { decodeText } from './decode.js';
import { FORCED_FORMATS, READS, sniffBytes, sniffText, type ReadableFormat } from './detect.js';
import { htmlImporter, loadHtmlSupport, pageDumpImporter } from './formats.js';
import type { ImportInput, Importer, ParsedInput } from './types.js';

export type { ImportInput, ParsedInput } from './types.js';
export { loadHtmlSupport } from './formats.js';

const IMPORTERS: Record<ReadableFormat, Importer> = { html: htmlImporter, text: pageDumpImporter };

export class UnknownFormatError extends Error {}

/** The format forced by --format, or an error naming the ones there are. */
export function forcedFormat(format: string): ReadableFormat {
  const f = FORCED_FORMATS[format.toLowerCase()];
  if (!f) throw new UnknownFormatError(`unknown import format "${format}" (use html or text)`);
  return f;
}

/** What the input holds, decoded: throws the one-line reason when byline cannot read it. */
export function identify(input: ImportInput): { format: ReadableFormat; text: string; warnings: string[] } {
  const forced = input.format ? forcedFormat(input.format) : undefined;
  if (!forced) {
    const binary = sniffBytes(input.bytes);
    if (binary) throw new Error(`looks like ${binary}; ${READS}`);
  }
  const probablyHtml =
    forced === 'html' ||
    (!forced && /html/i.test(input.contentType ?? '')) ||
    (!forced && /^\s*</.test(new TextDecoder('latin1').decode(input.bytes.subarray(0, 64))));
  let decoded;
  try {
    decoded = decodeText(input.bytes, { contentType: input.contentType, html: probablyHtml });
  } catch (error) {
    const reason = (error as Error).message;
    throw new Error(reason.startsWith('binary data') ? `looks like binary data; ${READS}` : reason);
  }
  let format = forced;
  if (!format) {
    const sniffed = sniffText(decoded.text, input.name, input.contentType);
    if ('unreadable' in sniffed) throw new Error(`looks like ${sniffed.unreadable}; ${READS}`);
    format = sniffed.readable;
  }
  return { format, text: decoded.text, warnings: decoded.notice ? [decoded.notice] : [] };
}

/** Parses one input. HTML needs `await loadHtmlSupport()` first (parseInputAsync does it). */
export function parseInput(input: ImportInput): ParsedInput {
  return parseIdentified(identify(input), input);
}

function parseIdentified({ format, text, warnings }: ReturnType<typeof identify>, input: ImportInput): ParsedInput {
  const parsed = IMPORTERS[format].parse(text, input);
  return { format, articles: parsed.articles, warnings: [...warnings, ...parsed.warnings] };
}

/** parseInput, loading the HTML extractor first when the input is HTML. */
export async function parseInputAsync(input: ImportInput): Promise<ParsedInput> {
  const identified = identify(input);
  if (identified.format === 'html') await loadHtmlSupport();
  return parseIdentified(identified, input);
}
