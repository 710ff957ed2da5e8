/** Package version, sent in the `User-Agent` header. Kept in sync with package.json (a test checks it). */
export const VERSION = '0.1.0';
export const USER_AGENT = `sim-integrations-core/${VERSION}`;
