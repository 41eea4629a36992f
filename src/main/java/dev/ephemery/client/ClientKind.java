package dev.ephemery.client;

/** Which part of a node stack a profile describes. */
public enum ClientKind {
  EXECUTION,
  BEACON,
  VALIDATOR
}
