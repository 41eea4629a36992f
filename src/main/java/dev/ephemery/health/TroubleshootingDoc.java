package dev.ephemery.health;

/**
 * docs/troubleshooting.md, generated from {@link DoctorRules#RULES}: the file is never edited by
 * hand; {@code TroubleshootingDocTest} fails when it differs from what this writes.
 */
public final class TroubleshootingDoc {
  private TroubleshootingDoc() {}

  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Troubleshooting\n\n")
        .append("<!-- Generated from dev.ephemery.health.DoctorRules: edit the rules, then run\n")
        .append("     TroubleshootingDocTest with -Dephemery.writeDocs=true. -->\n\n")
        .append("`ephemery doctor` matches these rules against each container's state and last log")
        .append(
            " lines and\nthe findings of `ephemery status`; the supervisor names the cause of a")
        .append(" restart loop with the\nsame rules. Each rule shows a real line as the client")
        .append(" prints it and where that text comes from.\n\n")
        .append("| rule | given away by |\n|---|---|\n");
    for (DoctorRules.Rule rule : DoctorRules.RULES) {
      md.append("| [")
          .append(rule.title().replace("|", "\\|"))
          .append("](#")
          .append(rule.id())
          .append(") | ")
          .append(signals(rule).replace("|", "\\|"))
          .append(" |\n");
    }
    for (DoctorRules.Rule rule : DoctorRules.RULES) {
      md.append("\n## <a id=\"")
          .append(rule.id())
          .append("\"></a>")
          .append(rule.title())
          .append("\n\n")
          .append("- **Cause**: ")
          .append(rule.cause())
          .append("\n- **Fix**: ")
          .append(rule.fix())
          .append("\n- **Example**: `")
          .append(rule.example().replace("`", "'"))
          .append("`\n- **Source**: ")
          .append(rule.source())
          .append("\n");
    }
    return md.toString();
  }

  private static String signals(DoctorRules.Rule rule) {
    StringBuilder s = new StringBuilder();
    for (String text : rule.texts()) {
      s.append(s.length() == 0 ? "" : ", ").append("log: `").append(text).append("`");
    }
    for (String code : rule.codes()) {
      s.append(s.length() == 0 ? "" : ", ").append("probe: `").append(code).append("`");
    }
    return s.toString();
  }
}
