// Where JSON text stops being JSON, as a byte offset. JSON.parse's own message quotes the text
// around the error, and that text is the file's: it may hold escape sequences, so no message
// of byline's ever repeats it. Only called once a parse has failed.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index of the first character that cannot continue valid JSON (text.length if it ends early). */
function errorIndex(text: string): number {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const ws = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[++i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!e || !'"\\/bfnrt'.includes(e)) return false;
      }
    }
    return false;
  };
  /** One value, or the opening of an object or array. */
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        return true;
      }
      return c === '{' ? member() : value();
    }
    if (c === '"') return string();
    for (const word of LITERALS) if (text.startsWith(word, i)) return ((i += word.length), true);
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) return ((i = NUMBER.lastIndex), true);
    return false;
  };
  const member = (): boolean => {
    ws();
    if (!string()) return false;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return value();
  };
  if (!value()) return i;
  for (;;) {
    ws();
    const top = stack.at(-1);
    if (!top) return i < text.length ? i : -1;
    const c = text[i];
    if (c === ',') {
      i++;
      if (!(top === '{' ? member() : value())) return i;
    } else if (c === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
    } else return i;
  }
}

/** "not valid JSON (at byte N)", N counted in the file's UTF-8 bytes. */
export function jsonProblem(text: string): string {
  const at = errorIndex(text);
  if (at < 0) return 'not valid JSON';
  if (at >= text.length) return `not valid JSON (it ends early, at byte ${Buffer.byteLength(text)})`;
  return `not valid JSON (at byte ${Buffer.byteLength(text.slice(0, at))})`;
}
