/**
 * The store's atomic steps, as Lua run by Redis. Messages on the events channel are `kind|generation|key`; every
 * process drops its copy of the key when one arrives (except its own write's), so copies never outlive a change.
 */

/** KEYS: lease, fence. ARGV: lease ms. Returns the new lease's token (its generation to be), or 0 when held. */
export const TRY_LEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 2592000000)
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return token
`;

/**
 * KEYS: credential, lease. ARGV: token, sealed value, expires-at ms ('' when unknown), drop-at ms, ttl ms, channel,
 * key. Writes only when no other process holds the lease now and no newer generation is stored (fencing).
 */
export const PUBLISH = `
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
local current = tonumber(redis.call('HGET', KEYS[1], 'g') or '0')
if tonumber(ARGV[1]) <= current then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'g', ARGV[1], 'c', ARGV[2], 'e', ARGV[3], 'd', ARGV[4], 'r', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[6], 'published|' .. ARGV[1] .. '|' .. ARGV[7])
return 1
`;

/** KEYS: lease. ARGV: token, lease ms. Keeps the lease longer if it is still this token's. */
export const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: token, channel, key. Gives the lease back if it is still this token's. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], 'released|' .. ARGV[1] .. '|' .. ARGV[3])
return 1
`;

/** KEYS: credential. ARGV: generation, channel, key. Marks the credential refused, once; 1 for the caller that did. */
export const REJECT = `
if redis.call('HGET', KEYS[1], 'g') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'r') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'r', '1')
redis.call('PUBLISH', ARGV[2], 'rejected|' .. ARGV[1] .. '|' .. ARGV[3])
return 1
`;

/** KEYS: any one key. ARGV: channel, message kind, key. Deletes it and tells every process. */
export const REMOVE = `
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], ARGV[2] .. '|0|' .. ARGV[3])
return 1
`;

/** KEYS: value. ARGV: sealed value, ttl ms, channel, key. Writes a plain value and tells every process. */
export const PUT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PUBLISH', ARGV[3], 'value|0|' .. ARGV[4])
return 1
`;

/** KEYS: value. Returns the value and its remaining lifetime in ms, or nil. */
export const GET_WITH_TTL = `
local value = redis.call('GET', KEYS[1])
if not value then return nil end
return { value, redis.call('PTTL', KEYS[1]) }
`;
