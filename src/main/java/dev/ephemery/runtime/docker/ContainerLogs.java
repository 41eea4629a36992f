package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last lines a container wrote (stdout and stderr), for error messages and diagnosis. */
public final class ContainerLogs {

  private ContainerLogs() {}

  /**
   * Up to {@code lines} last lines as one text, waiting at most 10 s; what arrived by then when
   * interrupted (the interrupt is kept).
   */
  public static String tail(DockerClient docker, String container, int lines) {
    StringBuilder text = new StringBuilder();
    try {
      docker
          .logContainerCmd(container)
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
    return text.toString();
  }

  /** {@link #tail} on one line ({@code |} between lines), for an error message; never throws. */
  public static String tailLine(DockerClient docker, String container, int lines) {
    try {
      return tail(docker, container, lines).strip().replace('\n', '|');
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }
}
