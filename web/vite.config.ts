/**
 * The dashboard's build: web/ → dist/web/ (static files the server serves at `/`). Everything is bundled, no
 * CDN, and each page is its own chunk (React.lazy), so the overview never loads the report explorer's code.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build works at `/` and behind a reverse proxy's sub-path.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev:web` against a local `driftwatch serve`.
    proxy: { '/v1': 'http://127.0.0.1:8050', '/health': 'http://127.0.0.1:8050', '/ready': 'http://127.0.0.1:8050' },
  },
});
