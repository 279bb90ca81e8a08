// Import-time cleaning of untrusted text: what leaves here is safe to store.
// Escape sequences are removed whole (not just their ESC byte), so no
// "[2J" or "]52;c;..." residue is left behind in an article.

const ESCAPE_SEQUENCE =
  // OSC / DCS / SOS / PM / APC strings, terminated by BEL or ST, or unterminated to end of line
  /\u001b[\]PX^_][^\u0007\u001b\n]*(?:\u0007|\u001b\\)?|\u009d[^\u0007\u009c\n]*(?:\u0007|\u009c)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?/g;

// C0 except \n and \t, DEL, C1.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Bidi embeddings, overrides, isolates and marks: they can reorder the text around them.
export const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Cleans one piece of imported text. Never throws; idempotent. */
export function sanitizeText(input: string): string {
  return input
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROL, '')
    .replace(/^\ufeff/, '')
    .replace(/\ufeff/g, '');
}

/** One line: sanitized, inner whitespace runs folded, trimmed. */
export function sanitizeLine(input: string): string {
  return sanitizeText(input).replace(/\s+/g, ' ').trim();
}
