/** The same settings that shape the dashboard's scripts, and nothing else. */
export default { reactStrictMode: true, poweredByHeader: false };
