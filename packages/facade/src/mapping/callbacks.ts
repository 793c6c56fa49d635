/** callbacks: see rest-api/callbacks/*.md. */
export {};
