// The Wayback Machine's availability API: the snapshot closest to now of a URL, for pages
// of publications that no longer exist. The API's address comes from BYLINE_WAYBACK_API
// (tests point it at a local server).
import { fetchPage, type FetchLimits } from './fetch-page.js';

export const WAYBACK_API = 'https://archive.org/wayback/available';

export function waybackApi(env: NodeJS.ProcessEnv = process.env): string {
  return env.BYLINE_WAYBACK_API || WAYBACK_API;
}

interface Availability {
  archived_snapshots?: { closest?: { available?: boolean; url?: string; status?: string; timestamp?: string } };
}

/** The snapshot's address, or undefined when the archive has none. Throws when the API
 * cannot be asked. */
export async function closestSnapshot(url: string, limits: FetchLimits, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const api = new URL(waybackApi(env));
  api.searchParams.set('url', url);
  const page = await fetchPage(api.href, limits);
  let answer: Availability;
  try {
    answer = JSON.parse(new TextDecoder().decode(page.bytes)) as Availability;
  } catch {
    throw new Error('the Wayback Machine gave an answer that is not JSON');
  }
  const closest = answer.archived_snapshots?.closest;
  if (!closest?.available || !closest.url || (closest.status && !/^2/.test(closest.status))) return undefined;
  try {
    const snapshot = new URL(closest.url);
    if (snapshot.protocol === 'http:' && /(^|\.)archive\.org$/.test(snapshot.hostname)) snapshot.protocol = 'https:';
    return snapshot.href;
  } catch {
    return undefined;
  }
}

/** The snapshot as the page was archived, without the archive's toolbar and rewritten links
 * (the `id_` form of a Wayback address). */
export function rawSnapshotUrl(snapshot: string): string {
  return snapshot.replace(/\/web\/(\d{1,14})(?:[a-z]{2}_)?\//, '/web/$1id_/');
}
