/**
 * The situation room's build: `npm run build:web` (vite build web) writes web/dist, which the API
 * server serves. Everything is bundled: no CDN, no external font or tile at run time.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  publicDir: 'static',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
