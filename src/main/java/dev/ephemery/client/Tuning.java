package dev.ephemery.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a container's {@code extraArgs} combine with the flags its profile generates. A generated
 * flag the profile declares a tunable default ({@link ClientProfile#tunableDefaults()}) gives way
 * to the user's value; every other generated flag is wiring the plan owns. The planner (building
 * the command) and the pre-flight checks (not refusing a tuned flag) both ask {@link #replaced}, so
 * they cannot disagree.
 */
public final class Tuning {
  private Tuning() {}

  /**
   * The generated flags that {@code extraArgs} replace: the tunable defaults of {@code profile}
   * that the user sets, in any spelling {@link Args#flagName} reads ({@code --syncmode=snap},
   * {@code --syncmode snap}, {@code -syncmode=snap}).
   */
  public static Set<String> replaced(
      ClientProfile profile, List<String> generated, List<String> extraArgs) {
    return replaced(profile.tunableDefaults(), generated, extraArgs);
  }

  static Set<String> replaced(
      List<String> tunable, List<String> generated, List<String> extraArgs) {
    Set<String> given = new LinkedHashSet<>(Args.flagNames(extraArgs));
    Set<String> replaced = new LinkedHashSet<>();
    for (String flag : Args.flagNames(generated)) {
      if (given.contains(flag) && tunable.contains(flag)) {
        replaced.add(flag);
      }
    }
    return replaced;
  }

  /**
   * The container command: the generated flags without those {@code extraArgs} replace (with the
   * value, when it is a separate token), then {@code extraArgs} as given.
   */
  public static List<String> command(
      ClientProfile profile, List<String> generated, List<String> extraArgs) {
    return command(profile.tunableDefaults(), generated, extraArgs);
  }

  static List<String> command(
      List<String> tunable, List<String> generated, List<String> extraArgs) {
    Set<String> replaced = replaced(tunable, generated, extraArgs);
    List<String> command = new ArrayList<>();
    for (int i = 0; i < generated.size(); i++) {
      String token = generated.get(i);
      boolean drop = Args.flagName(token).map(replaced::contains).orElse(false);
      if (!drop) {
        command.add(token);
        continue;
      }
      boolean separateValue =
          token.indexOf('=') < 0
              && i + 1 < generated.size()
              && Args.flagName(generated.get(i + 1)).isEmpty();
      if (separateValue) {
        i++;
      }
    }
    command.addAll(extraArgs);
    return List.copyOf(command);
  }
}
