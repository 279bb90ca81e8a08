import { Box, Text } from 'ink';
import { truncateToWidth, displayWidth } from '../../text/wrap.js';
import { visibleLine } from '../../text/visible.js';

/** One row: left text, right text, made display-safe (a line feed too) and cut to the width. */
export function StatusBar({ left, right = '', width }: { left: string; right?: string; width: number }) {
  const rightText = truncateToWidth(visibleLine(right), Math.max(0, Math.floor(width / 2)));
  const leftText = truncateToWidth(visibleLine(left), Math.max(1, width - displayWidth(rightText) - 1));
  const gap = Math.max(1, width - displayWidth(leftText) - displayWidth(rightText));
  return (
    <Box width={width} height={1}>
      <Text inverse>{leftText + ' '.repeat(gap) + rightText}</Text>
    </Box>
  );
}
