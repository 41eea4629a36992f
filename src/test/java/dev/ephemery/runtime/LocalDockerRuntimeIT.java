package dev.ephemery.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

class LocalDockerRuntimeIT extends DockerRuntimeContract {

  @Override
  DockerTarget target(String node) {
    String socket = ItEnvironment.get("EPHEMERY_IT_DOCKER_SOCKET");
    if (socket == null || !Files.exists(Path.of(socket))) {
      ItEnvironment.missing("no Docker socket (EPHEMERY_IT_DOCKER_SOCKET)");
    }
    return DockerTarget.local(node);
  }

  @Override
  String address() {
    return "local";
  }
}
