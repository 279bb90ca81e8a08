import { Box, Text } from 'ink';
import type { Line } from '../../../text/layout.js';
import type { FindMatch } from '../../../text/find.js';
import { truncateToWidth } from '../../../text/wrap.js';
import { visibleLine } from '../../../text/visible.js';
import { Highlighted } from '../../components/highlighted.js';
import { StatusBar } from '../../components/status-bar.js';

export interface ArticleViewProps {
  lines: Line[];
  /** Line index of lines[0]. */
  top: number;
  matches: FindMatch[];
  currentMatch: number;
  margin: number;
  width: number;
  height: number;
  status: string;
  position: string;
  findLine?: string;
}

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

export function ArticleView({ lines, top, matches, margin, width, height, status, position, findLine }: ArticleViewProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box flexDirection="column" height={height} paddingLeft={margin}>
        {lines.map((line, i) => (
          <Box key={top + i} height={1}>
            <StyledLine line={line} ranges={matches.filter((m) => m.line === top + i).map((m) => [m.start, m.end] as [number, number])} />
          </Box>
        ))}
      </Box>
      {findLine !== undefined ? (
        <Box width={width} height={1}>
          <Text wrap="truncate">
            <Text bold>/</Text>
            {truncateToWidth(visibleLine(findLine), Math.max(1, width - 2))}
            <Text inverse> </Text>
          </Text>
        </Box>
      ) : (
        <StatusBar width={width} left={status} right={position} />
      )}
    </Box>
  );
}
