/** comms: see rest-api/comms/*.md. */
export {};
