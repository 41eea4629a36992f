package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.ResetLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reset at a time per node on a cluster: a {@code coordination.k8s.io} Lease {@code
 * ephemery-<host>-reset-lock} beside the node, as {@link ResetLock} is a locked file on a Docker
 * host. The holder writes its identity and renews the lease every third of its duration while it
 * works; another process is refused while the lease is live, and takes it over once it has expired
 * (its holder died: a killed process frees a file lock at once, a lease after its duration). Every
 * write carries the resourceVersion read before it, so of two processes racing for the lease the
 * API server lets exactly one win (the other gets 409 Conflict and is refused).
 */
final class LeaseLock {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);

  /** Long enough for a stalled API call, short enough that a dead holder does not stall resets. */
  static final Duration DURATION = Duration.ofSeconds(60);

  private static final int CONFLICT = 409;

  private final KubernetesClient client;
  private final String namespace;
  private final KubeNames names;
  private final String node;
  private final Duration duration;
  private final Clock clock;

  LeaseLock(
      KubernetesClient client,
      String namespace,
      KubeNames names,
      String node,
      Duration duration,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.names = names;
    this.node = node;
    this.duration = duration;
    this.clock = clock;
  }

  private Resource<Lease> lease() {
    return client.leases().inNamespace(namespace).withName(names.resetLease());
  }

  private String where() {
    return namespace + "/lease/" + names.resetLease();
  }

  /** The lock, or empty while another live holder has it. */
  Optional<ResetLock> tryAcquire(String holder, Instant now) {
    String identity = identity(holder);
    try {
      Lease found = lease().get();
      if (found == null) {
        client.leases().inNamespace(namespace).resource(fresh(identity, now)).create();
      } else if (live(found, now)) {
        return Optional.empty();
      } else {
        take(found, identity, now);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == CONFLICT) {
        return Optional.empty(); // another process wrote the lease between our read and write
      }
      throw new OperationalException(
          where(),
          "cannot take the reset lock: " + e.getMessage(),
          "check the cluster and the permissions on leases (coordination.k8s.io)",
          e);
    }
    ScheduledExecutorService renewer = renewEvery(identity);
    return Optional.of(
        ResetLock.held(
            () -> {
              renewer.shutdownNow();
              release(identity);
            }));
  }

  /** The lock, or an operational failure naming its holder. */
  ResetLock acquire(String holder, Instant now) {
    return tryAcquire(holder, now)
        .orElseThrow(
            () ->
                new OperationalException(
                    where(),
                    "another reset is in progress on this node (" + holder() + ")",
                    "wait for it to finish; 'ephemery history' shows its outcome",
                    null));
  }

  /** Who holds the lease and when it was last renewed, or "holder unknown". */
  String holder() {
    Lease found;
    try {
      found = lease().get();
    } catch (KubernetesClientException e) {
      return "holder unknown";
    }
    return found == null ? "holder unknown" : describe(found);
  }

  /** The lease's holder and when it last renewed, or "holder unknown". */
  static String describe(Lease lease) {
    if (lease.getSpec() == null || blank(lease.getSpec().getHolderIdentity())) {
      return "holder unknown";
    }
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    return lease.getSpec().getHolderIdentity()
        + (renewed == null ? "" : ", renewed " + renewed.toInstant());
  }

  /** Held by someone, and renewed less than its duration ago. */
  static boolean live(Lease lease, Instant now) {
    var spec = lease.getSpec();
    if (spec == null || blank(spec.getHolderIdentity()) || spec.getRenewTime() == null) {
      return false;
    }
    int seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
    return now.isBefore(spec.getRenewTime().toInstant().plusSeconds(seconds));
  }

  private Lease fresh(String identity, Instant now) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(names.resetLease())
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(node, names, "reset"))
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(identity)
        .withLeaseDurationSeconds((int) duration.toSeconds())
        .withAcquireTime(at(now))
        .withRenewTime(at(now))
        .withLeaseTransitions(0)
        .endSpec()
        .build();
  }

  /** A free or expired lease becomes ours; the update fails with 409 if it changed meanwhile. */
  private void take(Lease found, String identity, Instant now) {
    Lease taken = new LeaseBuilder(found).build();
    var spec = taken.getSpec() == null ? fresh(identity, now).getSpec() : taken.getSpec();
    int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
    if (!blank(spec.getHolderIdentity())) {
      LOG.info("taking over the expired reset lock of {}", spec.getHolderIdentity());
    }
    spec.setHolderIdentity(identity);
    spec.setLeaseDurationSeconds((int) duration.toSeconds());
    spec.setAcquireTime(at(now));
    spec.setRenewTime(at(now));
    spec.setLeaseTransitions(transitions + 1);
    taken.setSpec(spec);
    client.leases().inNamespace(namespace).resource(taken).update();
  }

  private ScheduledExecutorService renewEvery(String identity) {
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ephemery-reset-lease");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, duration.toMillis() / 3);
    renewer.scheduleWithFixedDelay(() -> renew(identity), period, period, TimeUnit.MILLISECONDS);
    return renewer;
  }

  /** Moves the renew time on while the lease is still ours. */
  void renew(String identity) {
    try {
      Lease found = lease().get();
      if (found == null
          || found.getSpec() == null
          || !identity.equals(found.getSpec().getHolderIdentity())) {
        LOG.warn(
            "the reset lock {} was taken over by {}",
            where(),
            found == null || found.getSpec() == null
                ? "nobody"
                : found.getSpec().getHolderIdentity());
        return;
      }
      found.getSpec().setRenewTime(at(clock.instant()));
      client.leases().inNamespace(namespace).resource(found).update();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot renew the reset lock {}: {}", where(), e.getMessage());
    }
  }

  /** Lets go of the lease when it is still ours; one that another took over is left to it. */
  private void release(String identity) {
    try {
      Lease found = lease().get();
      if (found == null
          || found.getSpec() == null
          || !identity.equals(found.getSpec().getHolderIdentity())) {
        return;
      }
      found.getSpec().setHolderIdentity(null);
      found.getSpec().setRenewTime(null);
      client.leases().inNamespace(namespace).resource(found).update();
    } catch (KubernetesClientException e) {
      // It expires after its duration.
      LOG.warn("cannot release the reset lock {}: {}", where(), e.getMessage());
    }
  }

  /**
   * Names the process for an operator reading the lease; the random part tells two processes of one
   * pod apart (a container restarted after a crash is pid 1 again).
   */
  private static String identity(String holder) {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return holder
        + ", pid "
        + ProcessHandle.current().pid()
        + " on "
        + Objects.requireNonNullElse(System.getenv("HOSTNAME"), "unknown host")
        + ", "
        + HexFormat.of().formatHex(random);
  }

  private static ZonedDateTime at(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
