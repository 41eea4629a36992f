package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.JournalJson;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's reset journals in a ConfigMap beside it, one key per reset ({@code <id>.json}, the same
 * JSON as on disk). Each save is one write of the object, which the API server stores whole or not
 * at all: after a crash the journal is the previous version or the new one, as with the files.
 */
public final class ConfigMapJournalStore extends JournalStore {

  private final KubernetesClient client;
  private final String namespace;
  private final KubeNames names;
  private final String node;

  ConfigMapJournalStore(
      KubernetesClient client, String namespace, KubeNames names, String node, Path baseDir) {
    super(baseDir);
    this.client = client;
    this.namespace = namespace;
    this.names = names;
    this.node = node;
  }

  @Override
  public void save(ResetJournal journal) {
    String text;
    try {
      text = new String(JournalJson.toBytes(journal), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the journal as JSON", e);
    }
    var resource = client.configMaps().inNamespace(namespace).withName(names.journals());
    try {
      if (resource.get() == null) {
        resource.create(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(names.journals())
                .withNamespace(namespace)
                .withLabels(KubeLabels.of(node, names, "reset"))
                .endMetadata()
                .withData(Map.of(key(journal), text))
                .build());
      } else {
        resource.edit(
            map -> {
              Map<String, String> data = new LinkedHashMap<>();
              if (map.getData() != null) {
                data.putAll(map.getData());
              }
              data.put(key(journal), text);
              map.setData(data);
              return map;
            });
      }
    } catch (RuntimeException e) {
      throw new OperationalException(
          namespace + "/" + names.journals(),
          "cannot write the reset journal: " + e.getMessage(),
          "check the cluster and the supervisor's permissions on configmaps",
          e);
    }
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
