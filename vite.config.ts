import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer (renderer/) is built to dist/renderer with relative URLs: the app serves it from a custom
// protocol, the browser host from `/`.
// Source maps only in development builds, so none can end up in an installer.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('./renderer/', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: mode === 'development',
    // The polyfill would be an inline script, which the CSP forbids; Chromium needs none.
    modulePreload: { polyfill: false },
    // Everything as files: the CSP allows data: only for images.
    assetsInlineLimit: 0,
  },
}));
