// The Content-Security-Policy of the console, the same in the desktop window and in a browser tab
// served by `logdeck serve`: only the app's own scripts, styles, images and connections.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
