package dev.ephemery.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a planned container is for; also its {@code ephemery.role} label. */
public enum Role {
  INIT,
  EXECUTION,
  CONSENSUS,
  VALIDATOR,
  MONITORING,
  SUPERVISOR;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
