/** Where Debian's chromium package puts the browser that Playwright drives here. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * How that browser must start on these machines: as root (no sandbox), with no GPU, and with
 * its background connections off, since the closed network refuses them.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
