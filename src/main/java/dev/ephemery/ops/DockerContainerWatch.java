package dev.ephemery.ops;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Auto-recovery's view of one node's containers on Docker: its labelled long-running containers
 * (never init steps or helpers, never anything without the node's label), with Docker's own
 * RestartCount so that a loop the engine's restart policy hides is still seen.
 */
public final class DockerContainerWatch implements ContainerWatch {

  private final DockerClient docker;
  private final String node;

  public DockerContainerWatch(DockerClient docker, String node) {
    this.docker = docker;
    this.node = node;
  }

  @Override
  public List<Observation> observe() {
    List<Observation> seen = new ArrayList<>();
    for (Container c : containers()) {
      var labels = c.getLabels();
      var state = docker.inspectContainerCmd(c.getId()).exec();
      Integer restarts = state.getRestartCount();
      Long exit = state.getState().getExitCodeLong();
      seen.add(
          new Observation(
              labels.get(Labels.SERVICE),
              c.getState(),
              restarts == null ? 0 : restarts,
              exit == null ? null : exit.intValue()));
    }
    seen.sort(Comparator.comparing(Observation::service));
    return seen;
  }

  private List<Container> containers() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(java.util.Map.of(Labels.NODE, node))
        .exec()
        .stream()
        .filter(c -> c.getLabels() != null && c.getLabels().get(Labels.SERVICE) != null)
        .filter(c -> !c.getLabels().containsKey(Labels.HELPER))
        .filter(c -> !Role.INIT.id().equals(c.getLabels().get(Labels.ROLE)))
        .toList();
  }

  private String id(String service) {
    return containers().stream()
        .filter(c -> service.equals(c.getLabels().get(Labels.SERVICE)))
        .map(Container::getId)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no container for " + service));
  }

  @Override
  public void restart(String service) {
    try {
      docker.startContainerCmd(id(service)).exec();
    } catch (NotModifiedException e) {
      // Already running again.
    }
  }

  @Override
  public List<String> lastLogLines(String service, int lines) {
    StringBuilder text = new StringBuilder();
    try {
      docker
          .logContainerCmd(id(service))
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Arrays.stream(text.toString().split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
