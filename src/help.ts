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
    $ byline reindex               rebuild the archive's search index (after upgrading byline)

  Options
    --archive, -A DIR    archive folder (default: BYLINE_ARCHIVE, else the bundled Protocol archive)
    --json               machine-readable output (list, search, read, authors, author)
    --limit, -n N        at most N results (list, search)
    --author NAME        list: only articles by this author
    --format, -f FMT     read: text | markdown | json; export: json | markdown; import: html | text
    --wayback            add: read the page from the Wayback Machine (also tried when a page is gone)
    --timeout S          add: give up on a page after S seconds (default 30)
    --connect-timeout S  add: give up connecting after S seconds (default 10)
    --width, -w N        wrap text at N columns (default: the terminal's width, at most 80; no wrap in pipes)
    --out, -o DIR        export: write files into DIR
    --raw                text exactly as stored (control characters are otherwise made visible)
    --no-color           no colour (also NO_COLOR=1; never colour in pipes)
    --state PATH         reader state file (default: BYLINE_STATE, else the user state directory)
    --debug              stack traces on errors
    --help, --version

  Search syntax
    words are all required, each matched fuzzily:  aws china
    author:NAME / title:WORD / dek:WORD / body:WORD limit a word to one field;  "quoted words" stay together

  Examples
    $ byline read judge-zia-faruqui | less
    $ byline search selipsky --json | jq '.[0].id'
    $ byline read mlops --format markdown > mlops.md
    $ byline list --author kaye | cut -f1
    $ byline import ~/saved-pages/
    $ grep -o 'https://[^ )]*' notes.md | byline add -

  Exit codes: 0 ok, 1 nothing found or bad input file, 2 bad usage or unreadable archive.
`;
