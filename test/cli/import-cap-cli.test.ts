/** `liptako import-cap` as a user runs it: a child process on a temporary SQLite file or PostgreSQL schema. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commandStoreKinds } from '../support/databases.ts';
import { commandWorkspace, liptako } from './liptako-process.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'cap');

for (const kind of commandStoreKinds)
  describe(`liptako import-cap (${kind.dialect})`, () => {
    it('files an alert, then its update and cancel, prints each outcome, and a re-run only duplicates', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const first = await liptako(['import-cap', path.join(FIXTURES, 'partner-alert.xml'), ...db.args], {
        cwd: dir,
      });
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /alert 1 alerte@protection-civile\.example\.ne,NER-PC-2024-0117: imported: report 1, incidents \d/,
      );
      assert.match(first.stdout, /imported 1\n$/);

      const feed = await liptako(['import-cap', path.join(FIXTURES, 'partner-feed.xml'), ...db.args], {
        cwd: dir,
      });
      assert.equal(feed.code, 0, feed.stderr);
      assert.match(feed.stdout, /NER-PC-2024-0118: updated NER-PC-2024-0117: report 2/);
      assert.match(feed.stdout, /NER-PC-2024-0119: cancelled NER-PC-2024-0118/);
      assert.match(feed.stderr, /alert 3 \?,NER-PC-2024-0120: rejected: missing required element <sender>/);
      assert.match(feed.stdout, /updated 1, cancelled 1, rejected 3\n$/);

      const again = await liptako(['import-cap', path.join(FIXTURES, 'partner-alert.xml'), ...db.args], {
        cwd: dir,
      });
      assert.match(again.stdout, /duplicate \(report 1\)[\s\S]*duplicate 1\n$/);
    });

    it('refuses a file with a DOCTYPE, and a file that is not CAP', async (t) => {
      const { dir, db } = await commandWorkspace(t, kind);
      const evil = path.join(dir, 'evil.xml');
      await writeFile(
        evil,
        '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>',
      );
      const refused = await liptako(['import-cap', evil, ...db.args], { cwd: dir });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /DOCTYPE is refused/);
      const html = path.join(dir, 'page.xml');
      await writeFile(html, '<html/>');
      const notCap = await liptako(['import-cap', html, ...db.args], { cwd: dir });
      assert.equal(notCap.code, 1);
      assert.match(notCap.stderr, /expected a CAP <alert>/);
    });
  });
