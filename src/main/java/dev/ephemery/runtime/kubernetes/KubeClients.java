package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Address;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Connects to a {@code kubernetes://CONTEXT/NAMESPACE} address as kubectl would. */
final class KubeClients {

  private KubeClients() {}

  /**
   * A client for the address's context, from the kubeconfig kubectl reads ({@code KUBECONFIG}, else
   * {@code ~/.kube/config}), working in the address's namespace. A context the kubeconfig lacks is
   * an error: fabric8 would otherwise fall back to the current one.
   */
  static KubernetesClient connect(Address.Kubernetes address) {
    Config config = Config.autoConfigure(address.context());
    NamedContext current = config.getCurrentContext();
    if (current == null || !address.context().equals(current.getName())) {
      throw InvalidInputException.of(
          address.uri(),
          "the kubeconfig has no context '" + address.context() + "'",
          "list them with 'kubectl config get-contexts'; KUBECONFIG names the files read");
    }
    config.setNamespace(address.namespace());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
