package dev.ephemery.inventory;

/**
 * Where a host's node runs: this machine's Docker, a remote machine's Docker reached over SSH, or a
 * namespace of a Kubernetes cluster.
 */
public sealed interface Address permits Address.Local, Address.Ssh, Address.Kubernetes {

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

  /**
   * A namespace of a Kubernetes cluster, reached through the kubeconfig context {@code context}
   * (found as kubectl finds it: {@code KUBECONFIG}, else {@code ~/.kube/config}).
   */
  record Kubernetes(String context, String namespace) implements Address {
    @Override
    public String uri() {
      return "kubernetes://" + context + "/" + namespace;
    }
  }
}
