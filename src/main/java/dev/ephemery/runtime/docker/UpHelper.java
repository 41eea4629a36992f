package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The one helper container an {@code up} uses: for the file work in baseDir, then, on the node's
 * network, for the EL-CL self-test and the health probes of the clients it started. It is started
 * in the background as soon as {@code up} knows it needs one, so that its create and start overlap
 * the image checks or the clients' starts; it is removed when {@code up} ends.
 */
final class UpHelper implements AutoCloseable {

  private final DockerClient docker;
  private final HostPlan plan;
  private final String image;
  private final Runnable networkReady;
  private FutureTask<Helper> start;

  /**
   * A helper of {@code image} for {@code plan}'s node; {@code networkReady} returns once the node's
   * network exists (the helper joins it) or throws why it does not.
   */
  UpHelper(DockerClient docker, HostPlan plan, String image, Runnable networkReady) {
    this.docker = docker;
    this.plan = plan;
    this.image = image;
    this.networkReady = networkReady;
  }

  /** The node this helper is for. */
  HostPlan plan() {
    return plan;
  }

  /** Starts the helper in the background, once; {@link #get} waits for it. */
  synchronized void begin() {
    if (start == null) {
      start = new FutureTask<>(this::startNow);
      Thread thread = new Thread(start, "ephemery-up-helper");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * The running helper: the one {@link #begin} started, or one started now. A start that found no
   * image (pulled since, by {@code up}) is tried once more.
   */
  synchronized Helper get() {
    begin();
    try {
      return result(start);
    } catch (NotFoundException missingImage) {
      start = new FutureTask<>(this::startNow);
      start.run();
      return result(start);
    }
  }

  private Helper startNow() {
    networkReady.run();
    return plan.paths().isEmpty()
        ? Helper.onNetwork(docker, image, plan.name(), plan.network())
        : Helper.start(
            docker, image, plan.name(), HostPaths.of(plan.baseDir()), false, plan.network(), "up");
  }

  private Helper result(FutureTask<Helper> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(plan.name(), "interrupted while starting a helper", "", e);
    }
  }

  /** What a background task threw, as the caller throws it. */
  static RuntimeException unwrap(ExecutionException e) {
    return e.getCause() instanceof RuntimeException failure
        ? failure
        : new IllegalStateException(e.getCause());
  }

  /** Removes the helper, once its start (if one is under way) has ended. */
  @Override
  public synchronized void close() {
    if (start == null) {
      return;
    }
    try {
      start.get().close();
    } catch (ExecutionException e) {
      // it never started: nothing to remove
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
