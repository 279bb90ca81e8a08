import { Box, Text } from 'ink';
import { truncateToWidth } from '../../text/wrap.js';
import { MIN_COLUMNS, MIN_ROWS, type Size } from '../core/geometry.js';

/** One part a line, most important first, each cut to the width: "Enlarge the terminal"
 * stays on screen at 20×5, and nothing wraps past the bottom, down to 1 column. */
export function TooSmall({ size: { columns, rows } }: { size: Size }) {
  const notice = ['Enlarge the terminal', `byline needs ${MIN_COLUMNS}×${MIN_ROWS}`, `now ${columns}×${rows}`, 'q quits'];
  return (
    <Box width={columns} height={Math.max(1, rows - 1)} flexDirection="column">
      {notice.slice(0, Math.max(1, rows - 1)).map((line) => (
        <Text key={line} wrap="truncate">
          {truncateToWidth(line, Math.max(1, columns))}
        </Text>
      ))}
    </Box>
  );
}
