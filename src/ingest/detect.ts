// What an input is, judged by its content first and its name or Content-Type second.

/** What byline reads. */
export type ReadableFormat = 'html' | 'text';

/** A readable format, or the description of one byline does not read ("a PDF document"). */
export type Sniffed = { readable: ReadableFormat } | { unreadable: string };

export const READS = 'byline reads HTML pages and page dumps (plain text)';

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, text: string) => startsWith(bytes, ...Array.from(text, (c) => c.charCodeAt(0)));

/** Formats told apart by their first bytes. */
export function sniffBytes(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, '%PDF-')) return 'a PDF document';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (ascii(bytes, 'GIF87a') || ascii(bytes, 'GIF89a')) return 'a GIF image';
  if (ascii(bytes, 'RIFF') && ascii(bytes.subarray(8), 'WEBP')) return 'a WebP image';
  if (bytes.length > 12 && ascii(bytes.subarray(4), 'ftyp'))
    return /^(avif|heic|heix|mif1)/.test(String.fromCharCode(...bytes.subarray(8, 12)))
      ? 'an image (AVIF/HEIC)'
      : 'a video or audio file (MP4)';
  if (ascii(bytes, 'II*\u0000') || ascii(bytes, 'MM\u0000*')) return 'a TIFF image';
  if (ascii(bytes, 'BM') && bytes.length > 26 && bytes[14] >= 12 && bytes[15] === 0) return 'a BMP image';
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (or a zipped document such as DOCX or EPUB)';
  if (startsWith(bytes, 0x1f, 0x8b)) return 'gzip-compressed data';
  if (ascii(bytes, 'BZh')) return 'bzip2-compressed data';
  if (startsWith(bytes, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz-compressed data';
  if (startsWith(bytes, 0x28, 0xb5, 0x2f, 0xfd)) return 'zstd-compressed data';
  if (startsWith(bytes, 0x7f, 0x45, 0x4c, 0x46)) return 'a program (ELF)';
  if (ascii(bytes, '{\\rtf')) return 'an RTF document';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'an old Microsoft Office document';
  if (ascii(bytes, 'ID3') || startsWith(bytes, 0xff, 0xfb)) return 'an MP3 audio file';
  if (ascii(bytes, 'OggS')) return 'an Ogg audio file';
  if (ascii(bytes, 'SQLite format 3')) return 'an SQLite database';
  return undefined;
}

const HTML_START =
  /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|header|h[1-6]|link|script|style)\b/i;

function extension(name: string): string {
  const m = name.replace(/[?#].*$/, '').match(/\.([a-z0-9]{1,10})$/i);
  return m ? m[1].toLowerCase() : '';
}

function looksLikeMarkdown(text: string, ext: string): boolean {
  if (['md', 'markdown', 'mdown', 'mkd', 'mdx'].includes(ext)) return true;
  const head = text.slice(0, 64 * 1024);
  if (/^---\n[\s\S]{0,4000}?\n---\n/.test(head) && /^[\w-]+:\s/m.test(head.slice(4, 400))) return true;
  const headings = head.match(/^#{1,6}\s+\S/gm)?.length ?? 0;
  const links = head.match(/\[[^\]\n]+\]\((?:https?:|\/|#|\.)[^)\s]*\)/g)?.length ?? 0;
  const fences = head.match(/^(?:```|~~~)/gm)?.length ?? 0;
  const emphasis = head.match(/(?:^|\s)(?:\*\*|__)\S[^*\n]*\S(?:\*\*|__)/g)?.length ?? 0;
  return headings >= 1 && headings + links + fences + emphasis >= 3;
}

function isJson(text: string): boolean {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** The format of decoded text. */
export function sniffText(text: string, name: string, contentType?: string): Sniffed {
  const head = text
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .trimStart();
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const ext = extension(name);
  if (/^<\?xml|^<(?:rss|feed|rdf:RDF)\b/i.test(head) || /(?:rss|atom)\+xml/.test(type)) {
    if (/<rss\b/i.test(head) || /rss\+xml/.test(type)) return { unreadable: 'an RSS feed' };
    if (/<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/i.test(head) || /atom\+xml/.test(type))
      return { unreadable: 'an Atom feed' };
    if (/<rdf:RDF\b/i.test(head)) return { unreadable: 'an RSS feed (RDF)' };
    if (!/<html\b/i.test(head)) return /<svg\b/i.test(head) ? { unreadable: 'an SVG image' } : { unreadable: 'XML' };
  }
  if (HTML_START.test(head) || type === 'text/html' || type === 'application/xhtml+xml') return { readable: 'html' };
  if (/^<svg\b/i.test(head)) return { unreadable: 'an SVG image' };
  if ((ext === 'html' || ext === 'htm' || ext === 'xhtml') && /<[a-z][\w-]*[\s>]/i.test(head)) return { readable: 'html' };
  if (type === 'application/json' || ext === 'json' || isJson(text)) return isJson(text) ? { unreadable: 'JSON' } : { readable: 'text' };
  if (looksLikeMarkdown(text, ext)) return { unreadable: 'Markdown' };
  return { readable: 'text' };
}

/** --format values byline takes for import, and what each means. */
export const FORCED_FORMATS: Record<string, ReadableFormat> = {
  html: 'html',
  htm: 'html',
  text: 'text',
  txt: 'text',
  dump: 'text',
  pagedump: 'text',
};
