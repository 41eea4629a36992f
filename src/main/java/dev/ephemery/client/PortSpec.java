package dev.ephemery.client;

/**
 * A port a client listens on inside its container, and who may reach it.
 *
 * @param name what it is for: {@code p2p}, {@code p2p-udp}, {@code engine}, {@code http}, {@code
 *     metrics}, ...
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortSpec(String name, int container, String protocol, Exposure exposure) {

  /** Who may reach the port from outside the node's own network. */
  public enum Exposure {
    /** Peers on the internet: published on 0.0.0.0. */
    PUBLIC,
    /** The operator on this machine: published on 127.0.0.1. */
    LOCAL,
    /** Only containers of the node network (the Engine API): never published. */
    NETWORK_ONLY
  }

  public static PortSpec p2p(String name, int port, String protocol) {
    return new PortSpec(name, port, protocol, Exposure.PUBLIC);
  }

  public static PortSpec local(String name, int port) {
    return new PortSpec(name, port, "tcp", Exposure.LOCAL);
  }

  public static PortSpec internal(String name, int port) {
    return new PortSpec(name, port, "tcp", Exposure.NETWORK_ONLY);
  }
}
