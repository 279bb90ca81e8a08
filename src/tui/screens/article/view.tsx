import { Box, Text } from 'ink';
import type { Line } from '../../../text/layout.js';
import type { MatchPart } from '../../../text/find.js';
import { visibleLine } from '../../../text/visible.js';
import { displayWidth, truncateToWidth } from '../../../text/wrap.js';
import { Highlighted } from '../../components/highlighted.js';
import { StatusBar } from '../../components/status-bar.js';

function StyledLine({ line, ranges }: { line: Line; ranges: [number, number][] }) {
  if (ranges.length) return <Highlighted text={line.text} ranges={ranges} />;
  const text = visibleLine(line.text);
  switch (line.style) {
    case 'title':
    case 'heading':
      return <Text bold>{text}</Text>;
    case 'dek':
      return <Text italic>{text}</Text>;
    case 'figure':
    case 'credit':
      return <Text dimColor>{text}</Text>;
    case 'notice':
      return <Text inverse>{text}</Text>;
    default:
      return <Text>{text}</Text>;
  }
}

/** The prefix, the start of the text, the cursor, then as much of the note as fits: cut by
 * byline's widths, so that Ink never cuts the row by its own. */
function InputLine({ input, width }: { input: NonNullable<ArticlePageProps['input']>; width: number }) {
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

export interface ArticlePageProps {
  lines: Line[];
  /** Line index of lines[0]. */
  top: number;
  parts: MatchPart[];
  margin: number;
  width: number;
  height: number;
  status: string;
  position: string;
  /** The line typed at the bottom (find or pipe), with what it has found so far. */
  input?: { prefix: string; text: string; note: string };
}

export function ArticlePage({ lines, top, parts, margin, width, height, status, position, input }: ArticlePageProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box flexDirection="column" height={height} paddingLeft={margin}>
        {lines.map((line, i) => (
          <Box key={top + i} height={1}>
            <StyledLine line={line} ranges={parts.filter((m) => m.line === top + i).map((m) => [m.start, m.end] as [number, number])} />
          </Box>
        ))}
      </Box>
      {input ? <InputLine input={input} width={width} /> : <StatusBar width={width} left={status} right={position} />}
    </Box>
  );
}
