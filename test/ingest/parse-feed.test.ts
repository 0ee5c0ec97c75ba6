import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayOf, looksLikeXml, parseFeed } from '../../src/ingest/feed/parse-feed.ts';

// Feeds written for these tests; their items are invented.
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Le Fil du Sahel</title>
    <language>fr-FR</language>
    <atom:link href="https://example.org/feed" rel="self"/>
    <item>
      <title>Attaque contre un poste à Wazzoumbé</title>
      <link>https://example.org/articles/1</link>
      <guid isPermaLink="false">fil-0001</guid>
      <pubDate>Sun, 09 Jun 2024 23:40:00 -0500</pubDate>
      <description>&lt;p&gt;Des hommes armés ont attaqué &lt;b&gt;samedi&lt;/b&gt; le poste.&lt;/p&gt;&lt;p&gt;Trois gendarmes tu&amp;eacute;s.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Marche à Niamey</title>
      <link>https://example.org/articles/2</link>
      <pubDate>Mon, 10 Jun 2024 08:00:00 GMT</pubDate>
      <content:encoded><![CDATA[<p>Des centaines de personnes ont marché <em>lundi</em> à Niamey.</p>]]></content:encoded>
    </item>
    <item><title></title><description></description></item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Sahel Wire</title>
  <entry>
    <id>urn:uuid:0b1c2d3e</id>
    <title type="text">Gunmen kill four herders</title>
    <link rel="alternate" href="https://example.org/wire/4"/>
    <updated>2024-06-12T10:00:00Z</updated>
    <published>2024-06-11T22:15:00+01:00</published>
    <summary type="html">&lt;p&gt;Gunmen killed four herders near Djibo on Tuesday.&lt;/p&gt;</summary>
  </entry>
  <entry xml:lang="fr">
    <id>urn:uuid:9f8e7d6c</id>
    <title>Frappe près de Kidal</title>
    <updated>2024-06-13T07:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Une frappe a visé mercredi un camp près de Kidal.</p></div></content>
  </entry>
</feed>`;

test('RSS 2.0: title and description or content as text, markup removed, the day as written, the guid or link as id', () => {
  const feed = parseFeed(RSS);
  assert.ok(feed.ok);
  assert.equal(feed.format, 'rss');
  const [first, second, third] = feed.items;
  assert.deepEqual(first, {
    id: 'fil-0001',
    title: 'Attaque contre un poste à Wazzoumbé',
    text: 'Attaque contre un poste à Wazzoumbé\nDes hommes armés ont attaqué samedi le poste.\nTrois gendarmes tués.',
    published: '2024-06-09',
    url: 'https://example.org/articles/1',
    lang: 'fr',
  });
  assert.equal(second?.id, 'https://example.org/articles/2');
  assert.equal(second?.text, 'Marche à Niamey\nDes centaines de personnes ont marché lundi à Niamey.');
  assert.equal(second?.published, '2024-06-10');
  assert.equal(third?.text, '', 'an empty item is given as such: the caller refuses it');
});

test('Atom: summary or XHTML content, published before updated, the entry language before the feed one', () => {
  const feed = parseFeed(ATOM);
  assert.ok(feed.ok);
  assert.equal(feed.format, 'atom');
  const [first, second] = feed.items;
  assert.equal(first?.id, 'urn:uuid:0b1c2d3e');
  assert.equal(first?.text, 'Gunmen kill four herders\nGunmen killed four herders near Djibo on Tuesday.');
  assert.equal(first?.published, '2024-06-11');
  assert.equal(first?.url, 'https://example.org/wire/4');
  assert.equal(first?.lang, 'en');
  assert.equal(second?.published, '2024-06-13');
  assert.equal(second?.lang, 'fr');
  assert.match(second?.text ?? '', /Une frappe a visé mercredi un camp près de Kidal\./);
});

test('no entity is ever fetched or expanded: external entities and entity bombs stay inert', () => {
  const external = `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://example.org/x"> ]>
<rss version="2.0"><channel><item><guid>x-1</guid><title>Leak &secret; &remote;</title><description>ok</description></item></channel></rss>`;
  const parsed = parseFeed(external);
  assert.ok(parsed.ok);
  assert.equal(parsed.items[0]?.text, 'Leak &secret; &remote;\nok');
  const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>b</id><title>&lol2;</title></entry></feed>`;
  const bomb = parseFeed(lol);
  assert.ok(bomb.ok);
  assert.equal(bomb.items[0]?.text, '&lol2;');
});

test('what is not a well-formed feed is refused with a reason', () => {
  assert.match(parseFeed('<rss><channel><item></channel></rss>').ok ? '' : 'refused', /refused/);
  const wrong = parseFeed('<html><body>hello</body></html>');
  assert.equal(wrong.ok, false);
  assert.match(wrong.ok ? '' : wrong.error, /not an RSS or Atom feed/);
  const deep = parseFeed(`${'<a>'.repeat(500)}${'</a>'.repeat(500)}`);
  assert.equal(deep.ok, false);
  assert.equal(looksLikeXml('\uFEFF  <?xml version="1.0"?><rss/>'), true);
  assert.equal(looksLikeXml('{"id": "1", "text": "x"}'), false);
});

test('RFC 822 and ISO 8601 dates give the day as written', () => {
  assert.equal(dayOf('Wed, 17 Sep 2025 23:30:00 -0500'), '2025-09-17');
  assert.equal(dayOf('3 Jan 24 10:00 GMT'), '2024-01-03');
  assert.equal(dayOf('2025-09-17T23:30:00-05:00'), '2025-09-17');
  assert.equal(dayOf('someday'), null);
});
