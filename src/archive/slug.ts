import { createHash } from 'node:crypto';

const MAX = 80;

/** A stable ASCII slug of a title, at most 80 characters, cut at a hyphen. */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!ascii) return 'article-' + createHash('sha1').update(title).digest('hex').slice(0, 10);
  if (ascii.length <= MAX) return ascii;
  const cut = ascii.slice(0, MAX + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 20 ? cut.slice(0, hyphen) : ascii.slice(0, MAX)).replace(/-+$/, '');
}

/** The slug, or the slug with -2, -3… when another article already holds it. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = base.slice(0, MAX - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken(id)) return id;
  }
}
