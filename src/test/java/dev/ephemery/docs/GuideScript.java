package dev.ephemery.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable part of a guide (docs/guides/README.md describes the convention): every fenced block
 * whose info string is exactly {@code sh}, in order, split into commands. A command is one line,
 * plus the lines a trailing backslash continues and the body of a here-document it opens. A command
 * whose first line ends in a comment {@code # exit N} is expected to exit with N, every other one
 * with 0. A block whose info string is {@code sh} followed by a marker (e.g. {@code sh
 * pending-hosts-prepare}) is not run: it is listed as skipped under that marker. Other fences
 * ({@code yaml}, {@code text}, ...) are shown, never run.
 */
record GuideScript(String guide, List<Command> commands, List<Skipped> skipped) {

  /** One command: where it starts in the guide, its text, the exit code the guide expects. */
  record Command(int block, int line, String text, int expectedExit) {
    String firstLine() {
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }
  }

  /** A block not run, by its marker. */
  record Skipped(int block, int line, String marker) {}

  private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*(.*)$");
  private static final Pattern EXPECT = Pattern.compile("\\s#\\s*exit\\s+(\\d+)\\b.*$");
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_]+)\\1");

  static GuideScript parse(String guide, String markdown) {
    List<Command> commands = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    int block = 0;
    int i = 0;
    while (i < lines.length) {
      Matcher fence = FENCE.matcher(lines[i]);
      if (!fence.matches()) {
        i++;
        continue;
      }
      String language = fence.group(1);
      String marker = fence.group(2).strip();
      int end = i + 1;
      while (end < lines.length && !lines[end].startsWith("```")) {
        end++;
      }
      if (language.equals("sh")) {
        block++;
        if (marker.isEmpty()) {
          commands.addAll(split(block, i + 2, List.of(lines).subList(i + 1, end)));
        } else {
          skipped.add(new Skipped(block, i + 1, marker));
        }
      }
      i = end + 1;
    }
    return new GuideScript(guide, commands, skipped);
  }

  /** The commands of one block; {@code firstLine} is the guide's line number of its first line. */
  static List<Command> split(int block, int firstLine, List<String> body) {
    List<Command> out = new ArrayList<>();
    int i = 0;
    while (i < body.size()) {
      String line = body.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i++;
        continue;
      }
      int start = i;
      StringBuilder text = new StringBuilder(line);
      while (text.toString().endsWith("\\") && i + 1 < body.size()) {
        i++;
        text.append('\n').append(body.get(i));
      }
      Matcher heredoc = HEREDOC.matcher(line);
      if (heredoc.find()) {
        String terminator = heredoc.group(2);
        while (i + 1 < body.size()) {
          i++;
          text.append('\n').append(body.get(i));
          if (body.get(i).strip().equals(terminator)) {
            break;
          }
        }
      }
      Matcher expect = EXPECT.matcher(line);
      int expected =
          expect.find() && !quoted(line.substring(0, expect.start()))
              ? Integer.parseInt(expect.group(1))
              : 0;
      out.add(new Command(block, firstLine + start, text.toString(), expected));
      i++;
    }
    return out;
  }

  /** Whether text ends inside a quoted string (then a {@code #} after it is not a comment). */
  static boolean quoted(String text) {
    boolean single = false;
    boolean dbl = false;
    for (char c : text.toCharArray()) {
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      }
    }
    return single || dbl;
  }

  /**
   * One bash script running every command in order in one shell (so {@code cd} and variables carry
   * over, as in the reader's terminal), stopping at the first command whose exit code is not the
   * expected one with a line naming the guide, the block and the line.
   */
  String toBash(java.util.function.UnaryOperator<String> rewrite) {
    // Whatever a guide started in the background (e.g. `ephemery run &`) ends with the script.
    StringBuilder script =
        new StringBuilder(
            "set -o pipefail\nexec </dev/null\ntrap 'jobs -p | xargs -r kill 2>/dev/null' EXIT\n");
    for (Command c : commands) {
      String where = guide + " block " + c.block() + " line " + c.line();
      script
          .append("printf '%s\\n' ")
          .append(quote("$ " + c.firstLine() + "    [" + where + "]"))
          .append('\n')
          .append(rewrite.apply(c.text()))
          .append('\n')
          .append("rc=$?\nif [ \"$rc\" -ne ")
          .append(c.expectedExit())
          .append(" ]; then printf '%s\\n' ")
          .append(quote("GUIDE FAILED: " + where + ": `" + c.firstLine() + "`"))
          .append(" \"exited $rc, the guide expects " + c.expectedExit() + "\" >&2; exit 97; fi\n");
    }
    script.append("printf 'GUIDE DONE\\n'\n");
    return script.toString();
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
