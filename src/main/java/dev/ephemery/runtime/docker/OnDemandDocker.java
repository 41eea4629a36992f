package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.runtime.HostTarget;
import java.util.function.Supplier;

/**
 * docker-java, opened the first time a recovery needs it: an idle supervisor only looks, through
 * {@link DockerSocket}, and so never loads it.
 */
public final class OnDemandDocker implements Supplier<DockerClient>, AutoCloseable {
  private final HostTarget target;
  private DockerConnection connection;

  public OnDemandDocker(HostTarget target) {
    this.target = target;
  }

  @Override
  public synchronized DockerClient get() {
    if (connection == null) {
      connection = DockerConnection.open(target);
    }
    return connection.client();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
  }
}
