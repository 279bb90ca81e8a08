import { Box, Text } from 'ink';
import type { Line } from '../../../text/layout.js';
import type { MatchPart } from '../../../text/find.js';
import { visibleLine } from '../../../text/visible.js';
import { Highlighted } from '../../components/highlighted.js';
import { InputLine, type Input } from '../../components/input-line.js';
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
    case 'tags':
      return <Text dimColor>{text}</Text>;
    case 'notice':
      return <Text inverse>{text}</Text>;
    default:
      return <Text>{text}</Text>;
  }
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
  /** The line typed at the bottom (find, pipe or tags), with what it has found so far. */
  input?: Input;
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
