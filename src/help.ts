export const HELP = `
  A terminal reader for a local archive of news articles.

  Usage
    $ byline                       open the reader (plain list when not a terminal)
    $ byline list                  one article per line: id, title, authors, kind
    $ byline search QUERY          fuzzy search over titles, deks, authors and bodies
    $ byline read ID|QUERY         print an article (an id, or the best match for a query)
    $ byline authors               every author with article counts
    $ byline author NAME           one author's bio and articles
    $ byline import FILE|DIR… [-]  import saved HTML pages and page dumps (- reads standard input)
    $ byline add URL… [-]          fetch web pages and keep their articles (- reads URLs, one a line)
    $ byline export                the whole archive as JSON or markdown files
    $ byline reindex               rebuild the search index, id lookup, match keys and catalog
    $ byline rm ID… | --query Q    remove articles (asks first on a terminal; --yes for scripts)
    $ byline tag ID… +name -name   add or take off tags (tag:name in any query finds them)

  Options
    --archive, -A DIR    archive folder (default: BYLINE_ARCHIVE, else your library; until the
                         first import makes it, the bundled Protocol archive, read-only)
    --json               machine-readable output (list, search, read, authors, author)
    --limit, -n N        at most N results (list, search)
    --author NAME        list: only articles by this author
    --format, -f FMT     read: text | markdown | json; export: json | markdown; import: html | text
    --wayback            add: read the page from the Wayback Machine (also tried when a page is gone)
    --timeout S          add: give up on a page after S seconds (default 30)
    --connect-timeout S  add: give up connecting after S seconds (default 10)
    --width, -w N        wrap text at N columns (default: the terminal's width, at most 80; no wrap in pipes)
    --out, -o DIR        export: write files into DIR
    --yes, -y            rm: remove without asking
    --query, -q QUERY    rm: remove the hits of this search
    --raw                text exactly as stored (control characters are otherwise made visible)
    --no-color           no colour (also NO_COLOR=1; never colour in pipes)
    --state PATH         reader state file (default: BYLINE_STATE, else the user state directory)
    --debug              stack traces on errors
    --help, --version

  Search syntax
    words are all required, each matched fuzzily:  aws china
    author:NAME / title:WORD / dek:WORD / body:WORD limit a word to one field;  "quoted words" stay together
    tag:NAME keeps only the articles with that tag

  Examples
    $ byline read judge-zia-faruqui | less
    $ byline search selipsky --json | jq '.[0].id'
    $ byline read mlops --format markdown > mlops.md
    $ byline list --author kaye | cut -f1
    $ byline import ~/saved-pages/
    $ grep -o 'https://[^ )]*' notes.md | byline add -

  Exit codes: 0 ok, 1 nothing found or bad input file, 2 bad usage or unreadable archive.
`;

/** `byline COMMAND --help`: what one command does, its options, examples. */
export const COMMAND_HELP: Record<string, string> = {
  list: `
  Usage
    $ byline list [--author NAME] [--limit N] [--json]

  One article per line: id, title, authors, kind (tab-separated when piped).

  Options
    --author NAME        only articles by this author
    --limit, -n N        at most N articles
    --json               an array of articles with their fields (absent values are null)
    --archive, -A DIR    archive folder

  Examples
    $ byline list | head
    $ byline list --author kaye | cut -f1
`,
  search: `
  Usage
    $ byline search QUERY [--limit N] [--json]

  Fuzzy search over titles, deks, authors and bodies, best first. Every word is required;
  author:NAME / title:WORD / dek:WORD / body:WORD limit a word to one field; "quoted words" stay together;
  tag:NAME keeps only articles with that tag (alone, it lists them all).

  Options
    --limit, -n N        at most N results (default 20)
    --json               hits with id, title, score, matches and a snippet
    --archive, -A DIR    archive folder

  Examples
    $ byline search selipsky
    $ byline search 'author:irwin crypto' --json | jq '.[0].id'
`,
  read: `
  Usage
    $ byline read ID|QUERY [--format text|markdown|json] [--width N] [--raw]

  Prints one article. An id opens that article; a query opens the best hit if it clearly
  matches (its title, authors or dek, or every word of the query is in the article) —
  otherwise exit 1 and the closest ids.

  Options
    --format, -f FMT     text (default), markdown or json (--json is the same as --format json)
    --width, -w N        wrap text at N columns (default: the terminal's, at most 80; no wrap in pipes)
    --raw                text exactly as stored (control characters are otherwise made visible)
    --archive, -A DIR    archive folder

  Examples
    $ byline read judge-zia-faruqui | less
    $ byline read mlops --format markdown > mlops.md
`,
  authors: `
  Usage
    $ byline authors [--json]

  Every author with the number of articles.

  Options
    --json               an array of authors with bio, kind and article ids
    --archive, -A DIR    archive folder
`,
  author: `
  Usage
    $ byline author NAME [--json]

  One author's bio and articles; NAME is an id or a (fuzzy) name.

  Options
    --json               the author with their articles
    --archive, -A DIR    archive folder
`,
  import: `
  Usage
    $ byline import FILE|DIR… [-] [--format html|text]

  Imports saved web pages (HTML: one clean article each) and page dumps (the text a browser
  saves), told apart by their content; - reads standard input. A folder is read recursively
  (its .html, .htm and .txt files; a saved page's _files folder is passed over). Legacy
  encodings are decoded with a notice. PDFs, images, feeds, Markdown and JSON are refused in
  one line. Every file is read and checked first: one bad file means nothing is written.
  Re-importing changes nothing.

  Options
    --format, -f FMT     html or text: read every file as that, whatever it looks like
    --archive, -A DIR    archive folder (created if missing)

  Examples
    $ byline import ~/Downloads/story.html
    $ byline import ~/saved-pages/
    $ pbpaste | byline import -
`,
  add: `
  Usage
    $ byline add URL… [-] [--wayback] [--timeout S] [--connect-timeout S]

  Fetches each web page, extracts its article (title, authors, date, site, text with its
  lists, figures and links) and keeps it; - reads URLs from standard input, one a line.
  A page that is gone (404/410, or a host that no longer resolves) is looked up in the
  Wayback Machine. Each failure is one line; the others go on; exit 1 if any failed.

  Options
    --wayback            read the pages from the Wayback Machine's closest snapshot
    --timeout S          give up on a page after S seconds (default 30)
    --connect-timeout S  give up connecting after S seconds (default 10)
    --archive, -A DIR    archive folder (created if missing)

  Examples
    $ byline add https://example.com/2024/05/a-story
    $ grep -o 'https://[^ )]*' notes.md | byline add -
`,
  export: `
  Usage
    $ byline export [--format json|markdown] [--out DIR]

  The whole archive: one JSON document (to standard output, or DIR/archive.json), or one
  Markdown file with YAML front matter per article (needs --out DIR).

  Options
    --format, -f FMT     json (default) or markdown
    --out, -o DIR        write files into DIR
    --archive, -A DIR    archive folder
`,
  rm: `
  Usage
    $ byline rm ID… [--yes]
    $ byline rm --query QUERY [--limit N] [--yes]

  Removes articles: they leave list, search, read and the reader at once, and their body
  files and index entries go. With --query, the hits of that search (at most --limit, 50 by
  default). The articles are listed first; on a terminal byline asks before removing, and
  without one it removes nothing unless --yes is given. An author left with no article goes
  too. Importing a removed page again brings it back as a new article.

  Options
    --yes, -y            remove without asking
    --query, -q QUERY    remove the hits of this search
    --limit, -n N        with --query: at most N articles (default 50)
    --json               print {"removed": [ids], "authorsRemoved": [ids]}
    --archive, -A DIR    archive folder

  Examples
    $ byline rm morning-brief-2 --yes
    $ byline rm --query "sponsored webinar"
`,
  tag: `
  Usage
    $ byline tag ID… [+name…] [-name…]

  Adds (+name) and takes off (-name) tags, then prints each article's id and tags; with no
  +name or -name it only prints them. A tag is one lower-case word of at most 40 letters,
  digits and -_./ (typed in any case). tag:name in a search, in read QUERY and in the
  reader's search keeps only the articles with that tag; list --json shows "tags".

  Options
    --json               print [{"id", "tags"}]
    --archive, -A DIR    archive folder

  Examples
    $ byline tag aws-ceo-the-cloud-isnt-just-about-technology +cloud +interviews
    $ byline tag aws-ceo-the-cloud-isnt-just-about-technology -interviews
    $ byline search tag:cloud --json | jq -r '.[].id'
`,
  reindex: `
  Usage
    $ byline reindex

  Rebuilds what the archive derives from its articles: the search index (search/) and, for a
  big index.json, its id lookup, match keys and catalog. After upgrading byline, or if one
  was lost.

  Options
    --archive, -A DIR    archive folder
`,
};
