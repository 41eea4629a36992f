package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ephemery.common.OperationalException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a command in a running container ({@code docker exec}), handing its output on line by line
 * as it comes, and returns its exit code.
 */
final class ContainerExec {

  private ContainerExec() {}

  /**
   * @param out receives each stdout line (without its line break)
   * @param err receives each stderr line
   * @param what names the work in the timeout message
   */
  static long run(
      DockerClient docker,
      String node,
      String container,
      List<String> command,
      Consumer<String> out,
      Consumer<String> err,
      Duration timeout,
      String what) {
    ExecCreateCmdResponse exec =
        docker
            .execCreateCmd(container)
            .withCmd(command.toArray(String[]::new))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec();
    Lines stdout = new Lines(out);
    Lines stderr = new Lines(err);
    try {
      boolean done =
          docker
              .execStartCmd(exec.getId())
              .exec(
                  new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                      (frame.getStreamType() == StreamType.STDERR ? stderr : stdout)
                          .add(frame.getPayload());
                    }
                  })
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new OperationalException(node, what + " took over " + timeout.toSeconds() + " s", "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(node, "interrupted", "", e);
    } finally {
      stdout.finish();
      stderr.finish();
    }
    Long code = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
    return code == null ? -1 : code;
  }

  /**
   * Cuts a byte stream into lines. Frames can split a UTF-8 character, a line break never is one,
   * so decoding whole lines is always correct.
   */
  private static final class Lines {
    private final Consumer<String> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Lines(Consumer<String> sink) {
      this.sink = sink;
    }

    synchronized void add(byte[] bytes) {
      for (byte b : bytes) {
        if (b == '\n') {
          sink.accept(pending.toString(StandardCharsets.UTF_8));
          pending.reset();
        } else {
          pending.write(b);
        }
      }
    }

    synchronized void finish() {
      if (pending.size() > 0) {
        sink.accept(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
  }
}
