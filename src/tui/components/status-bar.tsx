import { Box, Text } from 'ink';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { visible } from '../../text/visible.js';

/** One line: left text, right text, cut to the width. */
export function StatusBar({ left, right = '', width }: { left: string; right?: string; width: number }) {
  const rightText = cliTruncate(visible(right), Math.max(0, Math.floor(width / 2)));
  const leftText = cliTruncate(visible(left), Math.max(1, width - stringWidth(rightText) - 1));
  const gap = Math.max(1, width - stringWidth(leftText) - stringWidth(rightText));
  return (
    <Box width={width} height={1}>
      <Text inverse>{leftText + ' '.repeat(gap) + rightText}</Text>
    </Box>
  );
}
