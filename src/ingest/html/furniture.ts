// Page furniture an extractor may leave inside an article: share rails, newsletter boxes,
// related-story lists, ad slots, comment counts. Recognised by the words sites use in class
// names and ids, and only when the element is small or mostly links — a wrapper that
// happens to carry such a class around the whole story is kept.

const FURNITURE_WORD =
  /(?:^|[-_])(?:share|sharing|sharebar|social|newsletter|related|recommend|recommended|recommendations|promo|subscribe|subscription|signup|outbrain|taboola|sponsor|sponsored|advert|advertisement|advertising|ad|ads|adslot|comments?|breadcrumbs?|toolbar|tags|byline|bylines|dateline|timestamp|author-?bio|authorbio|more-?stories|read-?more|readmore|paywall|donate|follow|popular|trending|most-?read|newsletters|skip-?link|print|rating|reactions)(?:$|[-_])/i;

const FURNITURE_ROLE = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'dialog',
  'alert',
  'search',
  'menu',
  'menubar',
  'toolbar',
]);

const SMALL_TEXT = 400;

function linkDensity(el: Element, textLength: number): number {
  if (textLength === 0) return 0;
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) linked += (a.textContent ?? '').trim().length;
  return linked / textLength;
}

/** True for an element that is page furniture, not article text. */
export function isFurniture(el: Element): boolean {
  const role = el.getAttribute('role');
  const hinted =
    FURNITURE_WORD.test(`${el.getAttribute('class') ?? ''}`.split(/\s+/).find((t) => FURNITURE_WORD.test(t)) ?? '') ||
    FURNITURE_WORD.test(el.getAttribute('id') ?? '');
  if (!hinted && !(role && FURNITURE_ROLE.has(role))) return false;
  const length = (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return length < SMALL_TEXT || linkDensity(el, length) > 0.5;
}
