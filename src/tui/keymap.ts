// One table drives key matching, the help overlay and the README's key table.
// A key is written the way a person reads it: "j", "G", "down", "ctrl+d", "space".

export type ScreenName = 'list' | 'search' | 'article' | 'find' | 'prompt' | 'confirm' | 'tags' | 'authors' | 'author' | 'help';

export type Command =
  | 'up'
  | 'down'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'quit'
  | 'interrupt'
  | 'search'
  | 'authors'
  | 'author'
  | 'bookmark'
  | 'toggleRead'
  | 'sort'
  | 'bookmarksOnly'
  | 'help'
  | 'lineDown'
  | 'lineUp'
  | 'findNext'
  | 'findPrev'
  | 'openUrl'
  | 'clearOrBack'
  | 'endFindOrBack'
  | 'submit'
  | 'deleteChar'
  | 'clearQuery'
  | 'showAll'
  | 'pipe'
  | 'copyUrl'
  | 'copyText'
  | 'copyCitation'
  | 'edit'
  | 'remove'
  | 'undo'
  | 'editTags'
  | 'confirm';

export interface Binding {
  command: Command;
  keys: string[];
  help: string;
  screens: ScreenName[];
}

const LISTS: ScreenName[] = ['list', 'authors', 'author'];

export const KEYMAP: Binding[] = [
  { command: 'down', keys: ['j', 'down'], help: 'next item', screens: LISTS },
  { command: 'up', keys: ['k', 'up'], help: 'previous item', screens: LISTS },
  { command: 'down', keys: ['down', 'ctrl+n'], help: 'next hit (letters type into the query)', screens: ['search'] },
  { command: 'up', keys: ['up', 'ctrl+p'], help: 'previous hit', screens: ['search'] },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+d'], help: 'page down', screens: LISTS },
  { command: 'pageUp', keys: ['pageup', 'ctrl+u'], help: 'page up', screens: LISTS },
  { command: 'top', keys: ['g', 'home'], help: 'first item', screens: LISTS },
  { command: 'bottom', keys: ['G', 'end'], help: 'last item', screens: LISTS },
  { command: 'open', keys: ['enter', 'l'], help: 'open', screens: LISTS },
  { command: 'open', keys: ['enter'], help: 'open the selected hit', screens: ['search'] },
  { command: 'search', keys: ['/'], help: 'search as you type', screens: ['list'] },
  { command: 'authors', keys: ['a'], help: 'all authors', screens: ['list'] },
  { command: 'bookmark', keys: ['m'], help: 'toggle bookmark', screens: ['list', 'article'] },
  { command: 'toggleRead', keys: ['u'], help: 'toggle read', screens: ['list'] },
  { command: 'sort', keys: ['s'], help: 'cycle sort: archive order, title, author, date (newest first)', screens: ['list'] },
  { command: 'bookmarksOnly', keys: ['B'], help: 'show bookmarks only', screens: ['list'] },
  { command: 'clearOrBack', keys: ['escape'], help: 'clear the query; again: back to the list', screens: ['search'] },
  { command: 'deleteChar', keys: ['backspace'], help: 'delete a character', screens: ['search', 'find', 'prompt', 'tags'] },
  { command: 'clearQuery', keys: ['ctrl+w'], help: 'clear the line', screens: ['search', 'find', 'prompt', 'tags'] },
  { command: 'pageDown', keys: ['space', 'f', 'pagedown'], help: 'next page', screens: ['article'] },
  { command: 'pageUp', keys: ['b', 'pageup'], help: 'previous page', screens: ['article'] },
  { command: 'lineDown', keys: ['j', 'down'], help: 'one line down', screens: ['article'] },
  { command: 'lineUp', keys: ['k', 'up'], help: 'one line up', screens: ['article'] },
  { command: 'top', keys: ['g', 'home'], help: 'first page', screens: ['article'] },
  { command: 'bottom', keys: ['G', 'end'], help: 'last page', screens: ['article'] },
  { command: 'search', keys: ['/'], help: 'find in the article', screens: ['article'] },
  { command: 'findNext', keys: ['n'], help: 'next match', screens: ['article'] },
  { command: 'findPrev', keys: ['N'], help: 'previous match', screens: ['article'] },
  { command: 'author', keys: ['a'], help: 'author info', screens: ['article'] },
  { command: 'openUrl', keys: ['o'], help: 'open the article URL (http/https only)', screens: ['list', 'article'] },
  { command: 'pipe', keys: ['|'], help: 'pipe the text to a shell command', screens: ['article'] },
  { command: 'copyUrl', keys: ['y'], help: 'copy the URL', screens: ['article'] },
  { command: 'copyText', keys: ['Y'], help: 'copy the text', screens: ['article'] },
  { command: 'copyCitation', keys: ['c'], help: 'copy a citation', screens: ['article'] },
  { command: 'edit', keys: ['e'], help: 'open as Markdown in $EDITOR or $PAGER', screens: ['article'] },
  { command: 'remove', keys: ['D'], help: 'remove the article from the archive (asks first)', screens: ['list', 'article'] },
  { command: 'undo', keys: ['U'], help: 'undo the last removal (it comes back at the end of the archive)', screens: ['list', 'article'] },
  { command: 'editTags', keys: ['t'], help: 'edit the tags', screens: ['list', 'article'] },
  { command: 'submit', keys: ['enter'], help: 'jump to the first match', screens: ['find'] },
  { command: 'back', keys: ['escape'], help: 'stop finding', screens: ['find'] },
  { command: 'submit', keys: ['enter'], help: 'run the command', screens: ['prompt'] },
  { command: 'back', keys: ['escape'], help: 'cancel', screens: ['prompt'] },
  { command: 'confirm', keys: ['y'], help: 'remove it (any other key keeps it)', screens: ['confirm'] },
  { command: 'submit', keys: ['enter'], help: 'save the tags (words apart by spaces)', screens: ['tags'] },
  { command: 'back', keys: ['escape'], help: 'cancel', screens: ['tags'] },
  { command: 'endFindOrBack', keys: ['escape'], help: 'end a find; else back', screens: ['article'] },
  { command: 'back', keys: ['h', 'q'], help: 'back', screens: ['article'] },
  { command: 'back', keys: ['escape', 'h', 'q'], help: 'back', screens: ['authors', 'author'] },
  { command: 'help', keys: ['?'], help: 'help', screens: ['list', 'article', 'authors', 'author'] },
  { command: 'down', keys: ['j', 'down'], help: 'scroll down', screens: ['help'] },
  { command: 'up', keys: ['k', 'up'], help: 'scroll up', screens: ['help'] },
  { command: 'pageDown', keys: ['space', 'f', 'pagedown'], help: 'next page', screens: ['help'] },
  { command: 'pageUp', keys: ['b', 'pageup'], help: 'previous page', screens: ['help'] },
  { command: 'showAll', keys: ['a'], help: "all keys / this screen's keys", screens: ['help'] },
  { command: 'back', keys: ['escape', 'q', '?'], help: 'close (so does any other key)', screens: ['help'] },
  { command: 'quit', keys: ['q'], help: 'quit', screens: ['list'] },
  {
    command: 'interrupt',
    keys: ['ctrl+c'],
    help: 'quit from anywhere',
    screens: ['list', 'search', 'article', 'find', 'prompt', 'confirm', 'tags', 'authors', 'author', 'help'],
  },
];

/** What Ink tells us about a key press. */
export interface KeyEvent {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageDown?: boolean;
  pageUp?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** Ink's (input, key) as one key name from the table's vocabulary. */
export function keyName(input: string, key: KeyEvent): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageDown) return 'pagedown';
  if (key.pageUp) return 'pageup';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

export function commandFor(screen: ScreenName, input: string, key: KeyEvent): Command | undefined {
  return commandForKey(screen, keyName(input, key));
}

/** The command a key name (as keyName gives it) has on a screen. */
export function commandForKey(screen: ScreenName, name: string): Command | undefined {
  return KEYMAP.find((b) => b.screens.includes(screen) && b.keys.includes(name))?.command;
}

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  pagedown: 'PgDn',
  pageup: 'PgUp',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  space: 'Space',
  backspace: 'Backspace',
};

export function keyLabel(key: string): string {
  if (key.startsWith('ctrl+')) return `Ctrl-${key.slice(5)}`;
  return LABELS[key] ?? key;
}

export const SCREEN_TITLES: Record<ScreenName | 'everywhere', string> = {
  list: 'List',
  search: 'Search (typing)',
  article: 'Article',
  find: 'Find in article (typing)',
  prompt: 'Pipe to a command (typing)',
  confirm: 'Remove? (asked on the status line)',
  tags: 'Edit tags (typing)',
  authors: 'Authors',
  author: 'Author',
  help: 'Help',
  everywhere: 'Everywhere',
};

const HELP_SCREENS: ScreenName[] = ['list', 'search', 'article', 'find', 'prompt', 'confirm', 'tags', 'authors', 'author', 'help'];
const isGlobal = (b: Binding) => HELP_SCREENS.every((s) => b.screens.includes(s));

export interface HelpSection {
  screen: ScreenName | 'everywhere';
  rows: { keys: string; help: string }[];
}

/** Help rows, grouped by screen, in table order; keys that work everywhere come last. */
export function helpSections(): HelpSection[] {
  const row = (b: Binding) => ({ keys: b.keys.map(keyLabel).join(' '), help: b.help });
  return [
    ...HELP_SCREENS.map((screen) => ({ screen, rows: KEYMAP.filter((b) => !isGlobal(b) && b.screens.includes(screen)).map(row) })),
    { screen: 'everywhere' as const, rows: KEYMAP.filter(isGlobal).map(row) },
  ];
}
