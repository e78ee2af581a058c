import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Matches the files of these packages in node_modules (any node_modules: apps/web has its own). */
const packages = (...names: string[]) =>
  new RegExp(`[\\\\/]node_modules[\\\\/](${names.map((n) => n.replace('/', '[\\\\/]')).join('|')})[\\\\/]`);

/**
 * The chunks beside the route chunks (each page is loaded lazily: src/app/page-table.tsx), named
 * so that a release that changes only the app's code leaves them cached (their hashes stay):
 * React with the router; the part of Mantine the shell (layouts, menu, notifications) uses, the
 * rest of Mantine going with the pages that use it; TanStack Query; i18next; zod; the icons.
 * bench/bundle.ts reports what each page's first visit loads.
 */
const vendorChunks = [
  {
    name: 'react',
    test: packages('react', 'react-dom', 'scheduler', 'react-router', 'cookie', 'set-cookie-parser'),
    priority: 30,
  },
  {
    name: 'mantine',
    test: packages(
      '@mantine',
      '@floating-ui',
      'react-remove-scroll',
      'react-remove-scroll-bar',
      'react-style-singleton',
      'use-callback-ref',
      'use-sidecar',
      'get-nonce',
      'detect-node-es',
      'tslib',
      'react-transition-group',
      'react-number-format',
      'clsx',
      'tabbable',
    ),
    // only what the entry needs; a page's own components stay in that page's chunks
    tags: ['$initial' as const],
    priority: 20,
  },
  { name: 'query', test: packages('@tanstack'), priority: 20 },
  {
    name: 'i18n',
    test: packages('i18next', 'react-i18next', 'html-parse-stringify', 'void-elements'),
    priority: 20,
  },
  { name: 'zod', test: packages('zod'), priority: 20 },
  { name: 'icons', test: packages('@tabler'), priority: 20 },
];

// The server serves apps/web/dist; in development Vite proxies the API to the server on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph bench/bundle.ts reads
    manifest: true,
    rolldownOptions: {
      // the contract's modules only declare (schemas, tables of words): one the web does not use
      // is left out, instead of every schema coming with the error messages
      treeshake: { moduleSideEffects: [{ test: /packages[\\/]contract[\\/]/, sideEffects: false }] },
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
