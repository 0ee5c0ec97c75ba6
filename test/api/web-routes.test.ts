/** The web app's files: every screen answers with the page, assets are cached, nothing else leaks. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/api/create-app.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';

for (const kind of testStoreKinds) {
  describe(`the web app files (${kind.dialect})`, () => {
    let db: TestStore;
    let built: FastifyInstance;
    let unbuilt: FastifyInstance;
    let root: string;

    before(async () => {
      db = await kind.open();
      root = mkdtempSync(path.join(os.tmpdir(), 'liptako-web-'));
      const dist = path.join(root, 'dist');
      mkdirSync(path.join(dist, 'assets'), { recursive: true });
      writeFileSync(
        path.join(dist, 'index.html'),
        '<!doctype html><html lang="fr"><title>Liptako</title></html>',
      );
      writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
      writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
      writeFileSync(path.join(root, 'secret.json'), '{"secret":true}');
      const reference = loadReference();
      built = await createApp({ store: db.store, reference, webRoot: dist });
      unbuilt = await createApp({ store: db.store, reference, webRoot: path.join(root, 'missing') });
    });
    after(async () => {
      await built.close();
      await unbuilt.close();
      await db.dispose();
      rmSync(root, { recursive: true, force: true });
    });

    it('answers every screen with the page, under a strict content security policy', async () => {
      for (const url of ['/', '/map', '/triage', '/report', '/incidents/42', '/map?lat=15&z=6']) {
        const res = await built.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
        assert.match(res.body, /<html lang="fr">/);
        const csp = res.headers['content-security-policy'] as string;
        assert.match(csp, /default-src 'self'/);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['cache-control'], 'no-cache');
      }
    });

    it('serves hashed assets for a year and the service worker never cached', async () => {
      const asset = await built.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      assert.equal(asset.statusCode, 200);
      assert.match(asset.headers['content-type'] as string, /text\/javascript/);
      assert.match(asset.headers['cache-control'] as string, /immutable/);
      const sw = await built.inject({ method: 'GET', url: '/sw.js' });
      assert.equal(sw.statusCode, 200);
      assert.equal(sw.headers['cache-control'], 'no-cache');
    });

    it('serves nothing outside the build, whatever the path says', async () => {
      for (const url of [
        '/assets/../secret.json',
        '/assets/..%2F..%2Fsecret.json',
        '/assets/%2e%2e/secret.json',
        '/assets/nothing.js',
        '/incidents/abc',
        '/secret.json',
      ]) {
        const res = await built.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, /"secret":true/);
      }
    });

    it('says how to build the app when it is not built, and the API still answers', async () => {
      const res = await unbuilt.inject({ method: 'GET', url: '/' });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /npm run build:web/);
      assert.equal((await unbuilt.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    });
  });
}
