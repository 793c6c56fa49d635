/** The REST API version the sandbox reports. */
export const REST_API_VERSION = '2.6';
/** The only `api-version` the client key/secret scheme accepts. */
export const CLIENT_KEY_API_VERSION = '1.0';
