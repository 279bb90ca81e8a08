import { describe, expect, it } from 'vitest';
import { publishedTime, shortDate, siteOf, webAddress } from '../../src/text/page-meta.js';

describe('shortDate: the day an article was published, as YYYY-MM-DD', () => {
  it('keeps the day the page wrote, whatever its time zone', () => {
    expect(shortDate('2024-05-02')).toBe('2024-05-02');
    expect(shortDate('2024-05-02T23:30:00-07:00')).toBe('2024-05-02');
    expect(shortDate('2024-05-02T08:30:00Z')).toBe('2024-05-02');
  });
  it('reads other forms a date parser understands', () => {
    expect(shortDate('Thu, 02 May 2024 08:30:00 GMT')).toBe('2024-05-02');
  });
  it('is empty for nothing, or for text that is not a date', () => {
    expect(shortDate(undefined)).toBe('');
    expect(shortDate('')).toBe('');
    expect(shortDate('last Tuesday')).toBe('');
    expect(shortDate('2024-13-45')).toBe('');
  });
});

describe('publishedTime: a sort key, newest largest', () => {
  it('orders dates, with or without a time', () => {
    expect(publishedTime('2024-05-02')).toBeLessThan(publishedTime('2024-05-02T08:00:00Z'));
    expect(publishedTime('2023-12-31T23:00:00Z')).toBeLessThan(publishedTime('2024-01-01'));
  });
  it('is -Infinity when unknown, so undated articles come last', () => {
    expect(publishedTime(undefined)).toBe(-Infinity);
    expect(publishedTime('soon')).toBe(-Infinity);
  });
});

describe('siteOf', () => {
  it('is the site name when the page gave one', () => {
    expect(siteOf({ siteName: 'The Example Times', url: 'https://www.example.com/a' })).toBe('The Example Times');
  });
  it('else the host of the address, without www.', () => {
    expect(siteOf({ url: 'https://www.example.com/a' })).toBe('example.com');
    expect(siteOf({ url: 'https://news.example.co.uk/a?b=c' })).toBe('news.example.co.uk');
  });
  it('shows an international domain as people write it', () => {
    expect(siteOf({ url: 'https://xn--bcher-kva.example/a' })).toBe('bücher.example');
  });
  it('is empty when neither is known', () => {
    expect(siteOf({})).toBe('');
    expect(siteOf({ siteName: '' })).toBe('');
  });
});

describe('webAddress: only http(s) addresses are ever handed to a browser', () => {
  it('normalises http and https addresses', () => {
    expect(webAddress('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(webAddress('HTTP://Example.com')).toBe('http://example.com/');
  });
  it('refuses anything else', () => {
    for (const url of [undefined, '', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/', '-flag', 'not a url']) {
      expect(webAddress(url)).toBeUndefined();
    }
  });
});
