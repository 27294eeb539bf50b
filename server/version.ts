/** The server's version, reported by /v1/health and /v1/me so the extension can show it. */
export const SERVER_VERSION = '0.1.0';
export const API_VERSION = 'v1';
