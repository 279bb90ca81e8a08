import { Box, Text } from 'ink';
import { truncateToWidth } from '../../../text/wrap.js';
import { StatusBar } from '../../components/status-bar.js';
import { helpHeight } from '../../core/geometry.js';
import { helpLines, keysWidth } from '../../core/help.js';
import type { ReaderState } from '../../core/types.js';

/** One column of "keys  what they do", scrolled when it does not fit. */
export function HelpScreen({ state }: { state: ReaderState }) {
  const help = state.help!;
  const width = state.size.columns;
  const height = helpHeight(state.size);
  const lines = helpLines(help.context, help.all);
  const keys = keysWidth(lines);
  const shown = lines.slice(help.top, help.top + height);
  const more = help.top + height < lines.length;
  const where =
    lines.length > height ? `${help.top + 1}–${Math.min(lines.length, help.top + height)} of ${lines.length}${more ? ' ↓ Space' : ''}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {help.all ? 'byline keys — every screen' : 'byline keys — this screen'}
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((line, i) =>
          line.heading ? (
            <Text key={i} bold underline>
              {truncateToWidth(line.text, width)}
            </Text>
          ) : (
            <Text key={i}>{truncateToWidth(line.keys ? `${line.keys.padEnd(keys)}  ${line.text}` : ' ', width)}</Text>
          ),
        )}
      </Box>
      <StatusBar width={width} left={`${help.all ? 'a: this screen only' : 'a: all keys'} · Esc close`} right={where} />
    </Box>
  );
}
