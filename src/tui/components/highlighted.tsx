import { Text } from 'ink';
import type { Range } from '../../model/range.js';
import { splitByRanges } from '../../text/highlight.js';
import { visibleLine } from '../../text/visible.js';

/** One row of text with matched runs underlined and bold; each run made display-safe (a line
 * feed too) after the ranges, which are offsets in `text`, have cut it. */
export function Highlighted({ text, ranges, dim }: { text: string; ranges: readonly Range[]; dim?: boolean }) {
  return (
    <Text dimColor={dim}>
      {splitByRanges(text, ranges).map((seg, i) =>
        seg.match ? (
          <Text key={i} bold underline>
            {visibleLine(seg.text)}
          </Text>
        ) : (
          visibleLine(seg.text)
        ),
      )}
    </Text>
  );
}
