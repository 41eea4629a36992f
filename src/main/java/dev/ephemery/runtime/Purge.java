package dev.ephemery.runtime;

/** What {@code down} deletes besides the containers and networks. */
public enum Purge {
  NONE,
  /** Chain data and release files; validator keys and the JWT secret stay. */
  DATA,
  /** Everything planned, keys and JWT secret included. */
  DATA_AND_KEYS
}
