import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { documentCss } from './shared/briefing-html/styles';

const documentStylesheet = 'virtual:ordelog-document.css';

/**
 * The briefing preview must look exactly like the PDF, so the app loads the very CSS string main inlines into
 * the print document. Served as a bundled stylesheet (from 'self'), since the CSP allows no inline styles.
 */
function documentStyles(): Plugin {
  const resolved = `\0${documentStylesheet}`;
  return {
    name: 'ordelog-document-styles',
    resolveId: (id) => (id === documentStylesheet ? resolved : undefined),
    load: (id) => (id === resolved ? documentCss : undefined),
  };
}

// The renderer (renderer/) is built to dist/renderer with relative URLs: the app serves it from a custom
// protocol, the browser host from `/`.
// Source maps only in development builds, so none can end up in an installer.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('./renderer/', import.meta.url)),
  base: './',
  plugins: [react(), documentStyles()],
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
