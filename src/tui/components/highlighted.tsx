import { Text } from 'ink';
import type { Range } from '../../search/snippet.js';
import { splitByRanges } from '../../text/highlight.js';
import { visible } from '../../text/visible.js';

/** Text with matched runs underlined and bold; everything made display-safe first. */
export function Highlighted({ text, ranges, dim }: { text: string; ranges: readonly Range[]; dim?: boolean }) {
  return (
    <Text dimColor={dim}>
      {splitByRanges(text, ranges).map((seg, i) =>
        seg.match ? (
          <Text key={i} bold underline>
            {visible(seg.text)}
          </Text>
        ) : (
          visible(seg.text)
        ),
      )}
    </Text>
  );
}
