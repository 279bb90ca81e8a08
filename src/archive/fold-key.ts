// How titles and names are compared when an import matches articles and authors (merge.ts,
// match-keys.ts); on its own so that reading an archive does not load the merge.
/** Titles and names that differ only in case or accents are the same. */
export const foldKey = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
