package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ephemery.ops.ContainerWatch;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Auto-recovery's view of one node's containers on Docker: its labelled long-running containers
 * (never init steps or helpers, never anything without the node's label), with Docker's own
 * RestartCount so that a loop the engine's restart policy hides is still seen. Looking goes
 * straight to the socket every 10 s; docker-java is opened only to act (start a container, read its
 * logs), which a healthy node never needs.
 */
public final class DockerContainerWatch implements ContainerWatch {

  private final DockerSocket socket;
  private final Supplier<DockerClient> docker;
  private final String node;

  public DockerContainerWatch(DockerSocket socket, Supplier<DockerClient> docker, String node) {
    this.socket = socket;
    this.docker = docker;
    this.node = node;
  }

  @Override
  public List<Observation> observe() {
    List<Observation> seen = new ArrayList<>();
    try {
      for (DockerSocket.ContainerSummary c : containers()) {
        DockerSocket.ContainerDetail detail = socket.inspect(c.id());
        seen.add(
            new Observation(
                c.labels().get(LabelKeys.SERVICE),
                c.state(),
                detail.restartCount(),
                detail.exitCode()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    seen.sort(Comparator.comparing(Observation::service));
    return seen;
  }

  private List<DockerSocket.ContainerSummary> containers() throws IOException {
    return socket.containers(node).stream()
        .filter(c -> c.labels().get(LabelKeys.SERVICE) != null)
        .filter(c -> !c.labels().containsKey(LabelKeys.HELPER))
        .filter(c -> !Role.INIT.id().equals(c.labels().get(LabelKeys.ROLE)))
        .toList();
  }

  private String id(String service) {
    try {
      return containers().stream()
          .filter(c -> service.equals(c.labels().get(LabelKeys.SERVICE)))
          .map(DockerSocket.ContainerSummary::id)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no container for " + service));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void restart(String service) {
    try {
      docker.get().startContainerCmd(id(service)).exec();
    } catch (NotModifiedException e) {
      // Already running again.
    }
  }

  @Override
  public List<String> lastLogLines(String service, int lines) {
    return Arrays.stream(ContainerLogs.tail(docker.get(), id(service), lines).split("\n"))
        .filter(l -> !l.isBlank())
        .toList();
  }
}
