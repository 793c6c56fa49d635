/** certificates: see rest-api/certificates/*.md. */
export {};
