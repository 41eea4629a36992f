package dev.ephemery.hosts;

/** A port peers on the internet must reach: the node's P2P ports, and only those. */
public record P2pPort(int port, String protocol, String what) {

  /** As ufw writes it: {@code 30303/tcp}. */
  public String spec() {
    return port + "/" + protocol;
  }
}
