package dev.ephemery.runtime.kubernetes;

import dev.ephemery.plan.DataLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script (POSIX sh, as busybox runs it) of the wipe Job for one data volume, from its
 * client's wipe rules ({@link DataLayout}'s, the same rules the Docker hosts' wipe follows): the
 * slashing databases are copied to {@code .ephemery-slashing-protection/<old iteration>/} on the
 * same volume and deleted, then what {@code wipe} names is deleted, except what {@code keep} names
 * and anything under it. Rerunning it changes nothing more (a crash mid-wipe resumes by running it
 * again). It never leaves its volume: every path is relative to the mount, and rules with {@code
 * ..} or a leading {@code /} are refused before the Job is made.
 */
final class WipeScript {

  static final String ARCHIVE = ".ephemery-slashing-protection";

  private WipeScript() {}

  /** The script for the volume mounted at {@code mount}. */
  static String of(String mount, DataLayout rules, String oldIteration) {
    List<String> all = new ArrayList<>(rules.keep());
    all.addAll(rules.wipe());
    all.addAll(rules.resetPerIteration());
    for (String rule : all) {
      if (rule.startsWith("/") || List.of(rule.split("/")).contains("..") || rule.contains("'")) {
        throw new IllegalArgumentException("a wipe rule must stay in its folder: " + rule);
      }
    }
    List<String> keep = new ArrayList<>(rules.keep());
    keep.add(ARCHIVE);
    StringBuilder script = new StringBuilder();
    script.append("set -eu\ncd '").append(mount).append("'\n");
    script.append("KEEP='").append(String.join("\n", keep)).append("'\n");
    script.append(FUNCTIONS);
    for (String db : rules.resetPerIteration()) {
      String target = ARCHIVE + "/" + oldIteration + "/" + db;
      script
          .append("if [ -e '")
          .append(db)
          .append("' ] && [ ! -e '")
          .append(target)
          .append("' ]; then mkdir -p \"$(dirname '")
          .append(target)
          .append("')\"; cp -a '")
          .append(db)
          .append("' '")
          .append(target)
          .append(".tmp'; mv '")
          .append(target)
          .append(".tmp' '")
          .append(target)
          .append("'; fi\n");
      script.append("rm -rf '").append(db).append("'\n");
    }
    for (String rule : rules.wipe()) {
      if (rule.equals("*")) {
        script.append("wipe_children .\n");
      } else if (rule.endsWith("/*")) {
        script.append("wipe_children '").append(rule, 0, rule.length() - 2).append("'\n");
      } else {
        script.append("wipe_path '").append(rule).append("'\n");
      }
    }
    return script.toString();
  }

  /**
   * {@code wipe_path P}: kept, or holding something kept (then its children are looked at one by
   * one), or deleted. Paths are compared without a leading {@code ./}.
   */
  private static final String FUNCTIONS =
      """
      kept() {
        echo "$KEEP" | while IFS= read -r k; do
          [ -n "$k" ] || continue
          if [ "$1" = "$k" ]; then echo kept; fi
          case "$1" in "$k"/*) echo kept ;; esac
        done | grep -q kept
      }
      holds_kept() {
        echo "$KEEP" | while IFS= read -r k; do
          case "$k" in "$1"/*) echo holds ;; esac
        done | grep -q holds
      }
      wipe_children() {
        [ -d "$1" ] || return 0
        for c in "$1"/* "$1"/.[!.]* "$1"/..?*; do
          [ -e "$c" ] || [ -L "$c" ] || continue
          wipe_path "${c#./}"
        done
      }
      wipe_path() {
        [ -e "$1" ] || [ -L "$1" ] || return 0
        if kept "$1"; then return 0; fi
        if [ -d "$1" ] && [ ! -L "$1" ] && holds_kept "$1"; then wipe_children "$1"; return 0; fi
        rm -rf "$1"
      }
      """;
}
