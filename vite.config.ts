import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './engine/host/csp';

const here = fileURLToPath(new URL('.', import.meta.url));

// The built page carries the same CSP the bridge and Electron send (engine/host/csp.ts). The dev
// server needs an inline React Refresh preamble, so the tag is added to the built HTML only.
// frame-ancestors is dropped here: browsers ignore it in a <meta> tag (and say so in the console).
const CSP = [
  ...CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')),
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'patchbay-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
