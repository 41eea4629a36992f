package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Labels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client's own command (a slashing-protection export or import) run once in a container of its
 * own beside a node's service: the service's image, entrypoint and user unless the command needs
 * another image (nimbus's validator image has neither command), the given binds, no network. The
 * container is named after the service and {@code purpose}, removed before (a crashed attempt's)
 * and after the run.
 */
final class OneShotContainer {

  private OneShotContainer() {}

  /**
   * @param image the image to run instead of the service's, or null for the service's own
   * @return the exit code, or null when it did not finish within {@code timeout}
   */
  static Integer run(
      DockerClient docker,
      HostPlan plan,
      Service service,
      String purpose,
      String image,
      List<String> command,
      List<Bind> binds,
      Duration timeout) {
    String name = Labels.containerName(plan, service) + "-" + purpose;
    remove(docker, name);
    var create =
        docker
            .createContainerCmd(image != null ? image : service.image())
            .withName(name)
            .withLabels(Labels.forHelper(plan.name(), purpose))
            .withCmd(command)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(binds));
    // The service's entrypoint runs its client; another image brings its own.
    if (image == null && service.entrypoint() != null) {
      create.withEntrypoint(service.entrypoint());
    }
    if (service.user() != null) {
      create.withUser(service.user());
    }
    String id = create.exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      return docker
          .waitContainerCmd(id)
          .start()
          .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
    } finally {
      remove(docker, name);
    }
  }

  private static void remove(DockerClient docker, String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // nothing left from an earlier attempt
    }
  }
}
