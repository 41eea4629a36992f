package dev.ephemery.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short digest of everything that defines a created object: the one plan hash. Stored in the
 * {@link LabelKeys#PLAN_HASH} label by {@code up} and by the compose export alike, it tells {@code
 * up} whether an existing container still matches the plan without comparing Docker's normalised
 * view of it field by field, so a node deployed from the export is current to {@code up}. Existing
 * containers carry these digests: a change to the algorithm recreates every one of them.
 */
public final class PlanHash {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PlanHash() {}

  public static String of(HostPlan host, Service service) {
    // Health checks say how to probe a container, not what it is: they do not recreate it.
    ObjectNode fields = JSON.valueToTree(service);
    fields.remove("health");
    // The data layout says how a reset treats the container's data, not what the container is;
    // its data folder is in the mounts already. Left out, so existing containers keep their hash.
    fields.remove("layout");
    if (service.inputs().isEmpty()) {
      // Containers created before services had inputs keep their hash, so nothing is recreated.
      fields.remove("inputs");
    }
    if (service.role() == Role.SUPERVISOR) {
      // The supervisor performs the resets: a new iteration must not recreate it mid-reset.
      if (fields.get("labels") instanceof ObjectNode labels) {
        labels.remove(LabelKeys.ITERATION);
      }
      return digest(List.of(host.name(), host.network(), fields));
    }
    return digest(List.of(host.name(), host.network(), host.iteration(), fields));
  }

  public static String ofNetwork(HostPlan host) {
    return digest(List.of(host.name(), host.network()));
  }

  private static String digest(Object value) {
    try {
      byte[] bytes = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(value));
      return HexFormat.of().formatHex(bytes, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the plan", e);
    }
  }
}
