/** A span of text, [start, end) in UTF-16 code units: what search matched and the screen marks. */
export type Range = [number, number];
