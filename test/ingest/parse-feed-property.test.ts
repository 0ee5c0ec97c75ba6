/**
 * The feed parser under hostile input (fast-check): any string, XML-shaped noise, deep nesting and
 * entity tricks give items or an error — never an exception, never an entity expanded beyond the five
 * predefined ones and character references, and never a fetched resource.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';

const SEED = 20261127;

function checkResult(xml: string): void {
  const parsed = parseFeed(xml);
  if (parsed.ok) {
    for (const item of parsed.items) {
      assert.equal(typeof item.id, 'string');
      assert.equal(typeof item.text, 'string');
      assert.ok(item.published === null || /^\d{4}-\d{2}-\d{2}$/.test(item.published));
    }
  } else assert.ok(parsed.error.length > 0, 'an error says what is wrong');
}

const fragment = fc.constantFrom(
  '<rss version="2.0">',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '</feed>',
  '<entry>',
  '</entry>',
  '<title>',
  '</title>',
  '<description>',
  '</description>',
  '<pubDate>',
  '</pubDate>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '&amp;',
  '&lt;',
  '&#x41;',
  '&#99999999;',
  '&xxe;',
  '&lol9;',
  '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
  '<?xml version="1.0"?>',
  '<a b="c" d=\'e\'>',
  '</a>',
  '<',
  '>',
  '"',
  'Attaque à Djibo, 12 morts',
  'Mon, 02 Sep 2024 10:00:00 GMT',
  '2024-09-02T10:00:00Z',
);

test('any string gives items or an error, never an exception', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => checkResult(s)),
    { numRuns: 300, seed: SEED },
  );
});

test('XML-shaped noise gives items or an error, and no entity but the predefined ones is expanded', () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 60 }), (parts) => {
      const xml = parts.join('');
      checkResult(xml);
      const parsed = parseFeed(xml);
      if (parsed.ok)
        for (const item of parsed.items) {
          assert.doesNotMatch(item.text, /root:|lollol/, 'no declared entity was expanded');
        }
    }),
    { numRuns: 400, seed: SEED },
  );
});

test('deep nesting is refused with an error, not a stack overflow', () => {
  fc.assert(
    fc.property(fc.integer({ min: 150, max: 20_000 }), (depth) =>
      checkResult('<a>'.repeat(depth) + '</a>'.repeat(depth)),
    ),
    { numRuns: 20, seed: SEED },
  );
});
