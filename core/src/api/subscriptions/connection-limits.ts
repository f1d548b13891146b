/**
 * How long graphql-ws waits for `connection_init` after a WebSocket opened
 * before closing it with 4408. A client sends it right after the upgrade, so a
 * round trip is all it needs; an unauthenticated socket is held no longer than
 * this (graphql-ws's own default, set here so it is a decision, not an accident).
 */
export const CONNECTION_INIT_WAIT_MS = 3_000;
