import { Box, Text } from 'ink';
import { visibleLine } from '../../text/visible.js';
import { displayWidth, truncateToWidth } from '../../text/wrap.js';

/** A line typed at the bottom of a screen (find, pipe, tags) and what it says about it. */
export interface Input {
  prefix: string;
  text: string;
  note: string;
}

/** The prefix, the start of the text, the cursor, then as much of the note as fits: cut by
 * byline's widths, so that Ink never cuts the row by its own. */
export function InputLine({ input, width }: { input: Input; width: number }) {
  const prefix = truncateToWidth(visibleLine(input.prefix), width - 1);
  const text = truncateToWidth(visibleLine(input.text), width - 1 - displayWidth(prefix));
  const note = input.note ? truncateToWidth(`  ${visibleLine(input.note)}`, width - 1 - displayWidth(prefix) - displayWidth(text)) : '';
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>{prefix}</Text>
        {text}
        <Text inverse> </Text>
        {note ? <Text dimColor>{note}</Text> : null}
      </Text>
    </Box>
  );
}
