/**
 * The renderer's Content Security Policy, one definition for every host: the bridge sends it as a
 * header, Electron sets it on responses, and the built index.html carries it as a meta tag.
 * Only our own scripts; blob: workers for Monaco; no eval, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
