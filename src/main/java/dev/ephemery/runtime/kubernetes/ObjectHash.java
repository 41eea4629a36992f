package dev.ephemery.runtime.kubernetes;

import dev.ephemery.plan.LabelKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan hash of a Kubernetes object: a digest of the object as built from the plan, kept in its
 * {@link LabelKeys#PLAN_HASH} label. {@code up} applies an object only when the label differs, so a
 * second {@code up} sends nothing and reports nothing, whatever the server adds to the object.
 */
final class ObjectHash {

  static final KubernetesSerialization JSON = new KubernetesSerialization();

  private ObjectHash() {}

  /** The object with its plan-hash label set (a copy; the original is left as it is). */
  static <T extends HasMetadata> T stamped(T object) {
    T copy = JSON.clone(object);
    Map<String, String> labels = new LinkedHashMap<>();
    if (copy.getMetadata().getLabels() != null) {
      labels.putAll(copy.getMetadata().getLabels());
    }
    labels.remove(LabelKeys.PLAN_HASH);
    copy.getMetadata().setLabels(labels);
    Integer replicas = null;
    if (copy instanceof StatefulSet set) {
      // How many pods run is the reset's to change (it scales to zero and back), not the plan's.
      replicas = set.getSpec().getReplicas();
      set.getSpec().setReplicas(null);
    }
    labels.put(LabelKeys.PLAN_HASH, of(copy));
    if (copy instanceof StatefulSet set) {
      set.getSpec().setReplicas(replicas);
    }
    return copy;
  }

  private static String of(HasMetadata object) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.asJson(object).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String of(Map<String, String> labels) {
    return labels == null ? null : labels.get(LabelKeys.PLAN_HASH);
  }
}
