import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The dashboard is built into dist/dashboard, which the gateway serves. Two pages: the app itself
 * (index.html, every route of the SPA) and the bundled GraphiQL (api.html), which needs a looser
 * style policy than the app and so is a document of its own.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/dashboard'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html'), api: resolve(import.meta.dirname, 'api.html') },
      // React libraries mark modules "use client" for server components; a client-only bundle ignores it.
      onwarn: (warning, warn) => {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // The dev server (npm run dashboard:dev) talks to a gateway on :3000.
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } } },
});
