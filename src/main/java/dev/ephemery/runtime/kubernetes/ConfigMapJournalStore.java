package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.JournalJson;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's reset journals in a ConfigMap beside it, one key per reset ({@code <id>.json}, the same
 * JSON as on disk). Each save is one write of the object, which the API server stores whole or not
 * at all: after a crash the journal is the previous version or the new one, as with the files. Each
 * write is checked against the resourceVersion it read, so two writers never lose each other's
 * journals. The reset lock is a Lease ({@link LeaseLock}).
 */
public final class ConfigMapJournalStore extends JournalStore {

  private final KubernetesClient client;
  private final String namespace;
  private final KubeNames names;
  private final String node;

  private static final int CONFLICT = 409;
  private static final int SAVE_ATTEMPTS = 10;

  private final LeaseLock lock;

  ConfigMapJournalStore(
      KubernetesClient client, String namespace, KubeNames names, String node, Path baseDir) {
    super(baseDir);
    this.client = client;
    this.namespace = namespace;
    this.names = names;
    this.node = node;
    this.lock =
        new LeaseLock(client, namespace, names, node, LeaseLock.DURATION, Clock.systemUTC());
  }

  /** The node's reset lock is a Lease beside it ({@link LeaseLock}), not a file here. */
  @Override
  public Optional<ResetLock> tryLock(String holder, Instant now) {
    return lock.tryAcquire(holder, now);
  }

  @Override
  public ResetLock lock(String holder, Instant now) {
    return lock.acquire(holder, now);
  }

  @Override
  public String lockHolder() {
    return lock.holder();
  }

  /** Changes whenever a journal is written: the ConfigMap's resourceVersion. */
  @Override
  public long stamp() {
    try {
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(names.journals()).get();
      return map == null ? 0 : Objects.hashCode(map.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      return System.nanoTime(); // read again at the next look
    }
  }

  @Override
  public void save(ResetJournal journal) {
    String text;
    try {
      text = new String(JournalJson.toBytes(journal), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the journal as JSON", e);
    }
    RuntimeException last = null;
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      try {
        write(journal, text);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != CONFLICT) {
          throw cannotWrite(e);
        }
        // Written by another process since we read it: read again and redo the change, after a
        // random pause so that two writers do not keep colliding.
        last = e;
        backOff(attempt);
      }
    }
    throw cannotWrite(last);
  }

  /**
   * One read-modify-write of the ConfigMap: created when missing (409 when another process created
   * it first), otherwise updated with the resourceVersion read (409 when it changed since), so a
   * concurrent write is never lost.
   */
  private void write(ResetJournal journal, String text) {
    var resource = client.configMaps().inNamespace(namespace).withName(names.journals());
    ConfigMap found = resource.get();
    if (found == null) {
      client
          .configMaps()
          .inNamespace(namespace)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(names.journals())
                  .withNamespace(namespace)
                  .withLabels(KubeLabels.of(node, names, "reset"))
                  .endMetadata()
                  .withData(Map.of(key(journal), text))
                  .build())
          .create();
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (found.getData() != null) {
      data.putAll(found.getData());
    }
    data.put(key(journal), text);
    found.setData(data);
    client.configMaps().inNamespace(namespace).resource(found).update();
  }

  private static void backOff(int attempt) {
    long bound = 10L << Math.min(attempt, 5);
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private OperationalException cannotWrite(RuntimeException e) {
    return new OperationalException(
        namespace + "/" + names.journals(),
        "cannot write the reset journal: " + e.getMessage(),
        "check the cluster and the supervisor's permissions on configmaps",
        e);
  }

  private static String key(ResetJournal journal) {
    return journal.id() + ".json";
  }

  @Override
  public List<ResetJournal> all() {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(names.journals()).get();
    List<ResetJournal> journals = new ArrayList<>();
    if (map == null || map.getData() == null) {
      return journals;
    }
    for (Map.Entry<String, String> entry : map.getData().entrySet()) {
      try {
        journals.add(JournalJson.fromBytes(entry.getValue().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new OperationalException(
            namespace + "/" + names.journals() + ":" + entry.getKey(),
            "unreadable reset journal: " + e.getMessage(),
            "remove the key after checking the node's state by hand",
            e);
      }
    }
    journals.sort(Comparator.comparing(ResetJournal::startedAt).thenComparing(ResetJournal::id));
    return journals;
  }
}
