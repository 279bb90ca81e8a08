// Bytes to text: UTF-8 (with or without a BOM), UTF-16 with a BOM, and legacy encodings
// named by the HTTP header or the page's <meta charset>, or guessed by chardet when the
// bytes are not UTF-8. Refuses only what cannot be text. Legacy encodings are decoded by
// iconv-lite: Node 20's TextDecoder reads windows-1252 as Latin-1 (0x93 becomes a C1
// control instead of a curly quote); TextDecoder is used only to map labels to names.
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding read (e.g. "utf-8", "windows-1252"). */
  encoding: string;
  /** Said when the text was transcoded from something other than UTF-8. */
  notice?: string;
}

export interface DecodeHints {
  /** An HTTP Content-Type header: its charset parameter is the strongest hint. */
  contentType?: string;
  /** Look for <meta charset> in the first 1 024 bytes, as browsers do. */
  html?: boolean;
}

/** The encoding TextDecoder knows by this label, or undefined. */
function encodingOf(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return undefined;
  }
}

export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i)?.[2];
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…"> in the
 * first 1 024 bytes (the HTML prescan's window). */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = tag.match(/\bcharset\s*=\s*["']?\s*([\w.:-]+)/i);
    if (direct) return direct[1];
  }
  return undefined;
}

/** Counts of well-formed multi-byte UTF-8 sequences and of bytes that fit none: text with
 * many of the first and a few of the second is damaged UTF-8, not a legacy encoding. */
function utf8Shape(bytes: Uint8Array): { sequences: number; invalid: number } {
  let sequences = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { sequences, invalid };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Control characters other than tab, line feed, carriage return and form feed: many of
 * them in a legacy decoding mean the bytes were never text. Escape sequences (ESC) are
 * allowed as in UTF-8 text: the sanitizer removes them. */
function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) controls++;
  }
  return controls > Math.max(2, text.length / 100);
}

/** Decodes import bytes, or throws an Error whose message is the one-line reason. */
export function decodeText(bytes: Uint8Array, hints: DecodeHints = {}): Decoded {
  if (bytes.length === 0) throw new Error('the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    let text: string;
    try {
      text = decodeWith(bytes.subarray(2), encoding);
    } catch {
      throw new Error(`not valid ${encoding.toUpperCase()} text`);
    }
    if (text.includes('\u0000')) throw new Error(`binary data, not ${encoding.toUpperCase()} text`);
    return { text, encoding, notice: `decoded from ${encoding.toUpperCase()}` };
  }
  if (bytes.includes(0)) throw new Error('binary data, not text');

  // Valid UTF-8 with any non-ASCII in it is UTF-8, whatever the page says: saved pages keep
  // their original <meta charset> after a browser re-encoded them.
  try {
    return utf8(bytes);
  } catch {
    // not UTF-8: a legacy encoding, or damage
  }
  const declared = encodingOf(charsetOfContentType(hints.contentType)) ?? (hints.html ? encodingOf(charsetOfMeta(bytes)) : undefined);
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) return legacy(bytes, declared, 'declared');
  const shape = utf8Shape(bytes);
  if (declared === 'utf-8' || (shape.sequences > 0 && shape.sequences >= shape.invalid)) throw new Error('not valid UTF-8 text');
  // Control bytes read the same in every ASCII-based encoding: many of them is not text.
  if (looksBinary(new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024)))) throw new Error('binary data, not text');
  const guess = encodingOf(chardet.detect(bytes) ?? undefined);
  if (!guess || guess === 'utf-8' || guess.startsWith('utf-16')) throw new Error('not valid UTF-8 text, and no other encoding fits');
  return legacy(bytes, guess, 'detected');
}

function utf8(bytes: Uint8Array): Decoded {
  return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
}

function legacy(bytes: Uint8Array, encoding: string, how: 'declared' | 'detected'): Decoded {
  let text: string;
  if (iconv.encodingExists(encoding)) {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: how === 'detected' }).decode(bytes);
    } catch {
      throw new Error(`not valid ${encoding} text (the encoding was ${how})`);
    }
  }
  // A guessed multi-byte encoding that leaves bytes undecoded was the wrong guess. (A
  // declared one is followed as browsers follow it: a stray byte becomes U+FFFD.)
  if (how === 'detected' && (text.match(/\ufffd/g)?.length ?? 0) > Math.max(2, text.length / 200)) {
    throw new Error('not valid UTF-8 text, and no other encoding fits');
  }
  if (looksBinary(text)) throw new Error('binary data, not text');
  return { text, encoding, notice: `decoded from ${encoding} (${how})` };
}
