package dev.ephemery.runtime.docker;

/**
 * How {@code up} asks a node's started containers what it waits for: their health endpoints and the
 * EL-CL link self-test's signed call. Through {@code up}'s helper container on the node's network
 * ({@link #throughHelper}), which works against any daemon, or from this machine straight to the
 * containers' addresses ({@link DirectProbes}), where the node's network is on this machine.
 */
interface NodeProbes {

  /** Asks one health endpoint once: null when it answered, else what went wrong. */
  String ask(HealthWait.Endpoint endpoint);

  /** The self-test's call, ready to be made at each attempt (the JWT secret is read once). */
  LinkProbe link();

  /** One node's signed Engine API call, made again at each attempt with a fresh token. */
  interface LinkProbe {
    EngineLinkCheck.Result attempt();
  }

  /** The probes made by {@code helper}'s container, on the node's network, by service alias. */
  static NodeProbes throughHelper(UpHelper helper, EngineSelfTest selfTest) {
    return new NodeProbes() {
      @Override
      public String ask(HealthWait.Endpoint endpoint) {
        Helper.Result result = helper.get().exec(HealthWait.command(endpoint));
        if (HealthWait.answered(result.exitCode(), result.err())) {
          return null;
        }
        String error = (result.err() + " " + result.out()).strip().replace('\n', ' ');
        return error.isEmpty() ? "exit " + result.exitCode() : error;
      }

      @Override
      public LinkProbe link() {
        return selfTest.probe(helper.plan(), helper.get());
      }
    };
  }
}
