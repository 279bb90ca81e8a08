// What the list shows of the page an article came from: its site and the day it was published.
import { domainToUnicode } from 'node:url';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])/;

function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Date.parse reads almost anything ("May 2" is 2001); a date without a year is not one. */
function parsed(text: string): number {
  return /\b\d{4}\b/.test(text) ? Date.parse(text) : NaN;
}

/** YYYY-MM-DD, or '' when unknown. An ISO date keeps the day the page wrote, in its own time
 * zone (23:30 in California is still that day there); other forms are read as UTC. */
export function shortDate(text: string | undefined): string {
  if (!text) return '';
  const iso = ISO_DAY.exec(text);
  if (iso) return isRealDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? iso[0] : '';
  const time = parsed(text);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : '';
}

/** Milliseconds since 1970 for sorting, newest largest; -Infinity when unknown (sorts last). */
export function publishedTime(text: string | undefined): number {
  if (!text || (ISO_DAY.test(text) && !shortDate(text))) return -Infinity;
  const time = parsed(text);
  return Number.isFinite(time) ? time : -Infinity;
}

/** The site name the page gave, else the host of its address without "www.". */
export function siteOf(meta: { siteName?: string; url?: string }): string {
  if (meta.siteName) return meta.siteName;
  if (!meta.url) return '';
  try {
    const host = domainToUnicode(new URL(meta.url).hostname) || new URL(meta.url).hostname;
    return host.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The address normalised, when it is one a browser may be given: http or https only. */
export function webAddress(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsedUrl = new URL(url);
    return parsedUrl.protocol === 'http:' || parsedUrl.protocol === 'https:' ? parsedUrl.href : undefined;
  } catch {
    return undefined;
  }
}
