/**
 * Builds the dashboard into dist/dashboard (`npm run build`), which `ileanet serve` serves from
 * `/`. `npx vite --config dashboard/vite.config.ts` runs it with hot reload against a server on
 * :8080 (`ileanet serve`), proxying /api to it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // The server sends no maps to officers' browsers; the sources are in the repository.
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/docs': 'http://127.0.0.1:8080' } },
});
