import { Box, Text } from 'ink';
import { truncateToWidth } from '../../../text/wrap.js';
import { helpSections, SCREEN_TITLES } from '../../keymap.js';

interface HelpLine {
  text: string;
  heading: boolean;
}

/** Sections flattened into lines, then flowed into as many columns as the width allows. */
export function helpLines(): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of helpSections()) {
    if (lines.length) lines.push({ text: '', heading: false });
    lines.push({ text: SCREEN_TITLES[section.screen], heading: true });
    for (const row of section.rows) lines.push({ text: `${row.keys.padEnd(17)} ${row.help}`, heading: false });
  }
  return lines;
}

export function HelpView({ width, height }: { width: number; height: number }) {
  const lines = helpLines();
  const perColumn = Math.max(1, height - 2);
  const columnCount = Math.ceil(lines.length / perColumn);
  const columnWidth = Math.floor(width / Math.max(1, columnCount));
  const columns = Array.from({ length: columnCount }, (_, i) => lines.slice(i * perColumn, (i + 1) * perColumn));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>byline keys — press any key to close</Text>
      <Box flexDirection="row" width={width}>
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {column.map((line, i) => (
              <Text key={i} bold={line.heading} underline={line.heading}>
                {truncateToWidth(line.text, Math.max(1, columnWidth - 1))}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
