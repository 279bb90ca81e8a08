// Display-time safety: whatever is about to reach a terminal passes here.
// Controls become visible symbols instead of being interpreted.

const CONTROL_OR_BIDI = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function symbolFor(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0x1b) return '␛';
  if (code === 0x09) return ' ';
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Makes every control and bidi character visible. Newlines are kept. */
export function visible(text: string): string {
  return text.replace(CONTROL_OR_BIDI, symbolFor);
}

/** JSON text with C1 and bidi characters escaped (JSON.stringify leaves them raw), and the
 * BOM and the noncharacters U+FFFE/U+FFFF, which YAML cannot carry raw (front matter is JSON). */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
