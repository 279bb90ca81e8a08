// What a read can run into that its caller handles by reading another way (or by naming
// `byline reindex`): classes of their own, so a caller can tell them from other failures
// without loading the modules that throw them.

/** A catalog line that does not check: the reader reads index.json whole instead. */
export class CatalogProblem extends Error {}

/** A line of the index that streaming cannot vouch for: the caller reads the index whole,
 * which words the problem as any read does. */
export class IndexLineProblem extends Error {}

/** A segment the index names that cannot be read: `byline reindex` rebuilds them all. */
export class WordIndexProblem extends Error {}
