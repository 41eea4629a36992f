package dev.ephemery.inventory;

/** Where a host's Docker daemon is: this machine, or a remote machine reached over SSH. */
public sealed interface Address permits Address.Local, Address.Ssh {

  int DEFAULT_SSH_PORT = 22;

  /** The inventory spelling, e.g. {@code local} or {@code ssh://ops@node1.example.org:2222}. */
  String uri();

  record Local() implements Address {
    @Override
    public String uri() {
      return "local";
    }
  }

  record Ssh(String user, String host, int port) implements Address {
    @Override
    public String uri() {
      return "ssh://" + user + "@" + host + (port == DEFAULT_SSH_PORT ? "" : ":" + port);
    }
  }
}
