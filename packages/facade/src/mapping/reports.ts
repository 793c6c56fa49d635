/** reports: see rest-api/reports/*.md. */
export {};
