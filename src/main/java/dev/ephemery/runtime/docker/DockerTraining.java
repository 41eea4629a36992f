package dev.ephemery.runtime.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.CreateNetworkResponse;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.ephemery.health.probe.LocalStreams;
import dev.ephemery.health.probe.NodeHttp;
import dev.ephemery.plan.HostPlan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The Docker side of the launcher's start-up training: the classes docker-java loads for the calls
 * {@code up}, {@code status} and {@code down} make, so that a start-up archive trained with it maps
 * them instead of parsing and verifying them from the jar at every Docker command (about 2,400
 * classes, a few hundred milliseconds on JDK 17).
 *
 * <p>Without a daemon, a file or a connection: each command is built and sent to a socket path
 * where nothing listens (the request's classes, up to the failed connect), and each answer's model
 * is read from a canned answer by docker-java's own mapper (the deserializers Jackson builds for
 * it).
 */
public final class DockerTraining {

  private DockerTraining() {}

  /**
   * Runs the calls against {@code socket}, a path where nothing listens.
   *
   * @return one line per call: its name and how it ended, for a test to check
   */
  public static List<String> run(Path socket) throws IOException {
    List<String> outcomes = new ArrayList<>();
    DockerClient docker = DockerConnection.client(socket.toString());
    try {
      calls(docker).forEach((name, call) -> outcomes.add(name + ": " + outcome(call)));
      ObjectMapper mapper = DockerConnection.mapper();
      for (Class<?> model : MODELS) {
        mapper.readValue("{}", model);
        outcomes.add(model.getSimpleName() + ": read");
      }
      mapper.readValue(
          "[{\"Id\":\"x\",\"Names\":[\"/x\"],\"State\":\"running\",\"Labels\":{\"a\":\"b\"}}]",
          Container[].class);
      mapper.readValue("[{\"Name\":\"n\",\"Labels\":{\"a\":\"b\"}}]", Network[].class);
      outcomes.add("lists: read");
      outcomes.add("probe from here: " + outcome(DockerTraining::probeFromHere));
      outcomes.add("file work here: " + outcome(() -> fileWorkHere(socket.getParent())));
    } finally {
      docker.close();
    }
    return outcomes;
  }

  /** {@link DirectProbes}' HTTP client, asking a loopback port where nothing listens. */
  private static void probeFromHere() {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(2))
          .send("127.0.0.1", port, "el", "/", "{}", Map.of("Authorization", "Bearer x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link LocalFileWork}'s archive and script, in a folder of {@code scratch}. */
  private static void fileWorkHere(Path scratch) {
    try {
      Path base = Files.createTempDirectory(scratch, "base");
      HostPlan plan =
          new HostPlan("training", "local", base.toString(), 0, "n", List.of(), List.of());
      LocalFileWork work = LocalFileWork.of(plan, true, true, true).orElseThrow();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        Helper.putEntry(tar, "staged", new byte[] {1}, 0600);
      }
      work.untar(new ByteArrayInputStream(bytes.toByteArray()), work.root());
      work.shOrFail("training", "rm -f " + Sh.quote(work.root() + "/staged"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final List<Class<?>> MODELS =
      List.of(
          InspectContainerResponse.class,
          InspectImageResponse.class,
          InspectExecResponse.class,
          CreateContainerResponse.class,
          CreateNetworkResponse.class,
          ExecCreateCmdResponse.class,
          PullResponseItem.class);

  private static String outcome(Runnable call) {
    try {
      call.run();
      return "answered";
    } catch (RuntimeException expected) {
      return "failed as expected";
    }
  }

  /** The calls, by name, as the runtime makes them (the same options and models). */
  private static Map<String, Runnable> calls(DockerClient docker) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withBinds(new Bind("/a", new Volume("/b")))
            .withMounts(
                List.of(new Mount().withType(MountType.BIND).withSource("/a").withTarget("/c")))
            .withPortBindings(
                new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", 1), ExposedPort.tcp(1)))
            .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
            .withNetworkMode("none");
    Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
    calls.put("ping", () -> docker.pingCmd().exec());
    calls.put(
        "list containers",
        () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of("a=b")).exec());
    calls.put("inspect container", () -> docker.inspectContainerCmd("x").exec());
    calls.put(
        "create container",
        () ->
            docker
                .createContainerCmd("i")
                .withName("x")
                .withLabels(Map.of("a", "b"))
                .withEnv("A=b")
                .withEntrypoint("sh")
                .withCmd("-c", "true")
                .withUser("0:0")
                .withExposedPorts(ExposedPort.tcp(1))
                .withHostConfig(host)
                .exec());
    calls.put("start", () -> docker.startContainerCmd("x").exec());
    calls.put("stop", () -> docker.stopContainerCmd("x").withTimeout(1).exec());
    calls.put("restart", () -> docker.restartContainerCmd("x").withTimeout(1).exec());
    calls.put("remove", () -> docker.removeContainerCmd("x").withForce(true).exec());
    calls.put("wait", () -> await(docker.waitContainerCmd("x").exec(new Quiet<>())));
    calls.put(
        "logs",
        () ->
            await(
                docker
                    .logContainerCmd("x")
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(5)
                    .exec(new Quiet<Frame>())));
    calls.put("list networks", () -> docker.listNetworksCmd().withNameFilter("n").exec());
    calls.put(
        "create network",
        () ->
            docker
                .createNetworkCmd()
                .withName("n")
                .withDriver("bridge")
                .withLabels(Map.of("a", "b"))
                .exec());
    calls.put("remove network", () -> docker.removeNetworkCmd("n").exec());
    calls.put("inspect network", () -> docker.inspectNetworkCmd().withNetworkId("n").exec());
    calls.put("inspect image", () -> docker.inspectImageCmd("i").exec());
    calls.put("pull", () -> await(docker.pullImageCmd("i").withTag("1").exec(new Quiet<>())));
    calls.put(
        "exec create",
        () ->
            docker
                .execCreateCmd("x")
                .withCmd("true")
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec());
    calls.put("exec start", () -> await(docker.execStartCmd("x").exec(new Quiet<Frame>())));
    calls.put("inspect exec", () -> docker.inspectExecCmd("x").exec());
    calls.put(
        "copy archive",
        () ->
            docker
                .copyArchiveToContainerCmd("x")
                .withTarInputStream(new ByteArrayInputStream(new byte[1024]))
                .withRemotePath("/")
                .exec());
    return calls;
  }

  private static void await(Quiet<?> callback) {
    try {
      callback.awaitCompletion(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (callback.error != null) {
      throw new IllegalStateException(callback.error);
    }
  }

  /** A callback that keeps its error instead of logging it as docker-java's do. */
  private static final class Quiet<T> extends ResultCallback.Adapter<T> {
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      try {
        close();
      } catch (IOException ignored) {
        // nothing is open
      }
    }
  }
}
