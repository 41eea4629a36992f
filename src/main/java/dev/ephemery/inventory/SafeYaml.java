package dev.ephemery.inventory;

import dev.ephemery.common.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link YamlNode}s without constructing any Java object from the document: only
 * SnakeYAML's composer runs, so no tag can instantiate a class. Aliases, nesting and size are
 * bounded, which defuses "billion laughs" documents, and every problem carries its line.
 */
public final class SafeYaml {

  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 40;
  static final int MAX_NODES = 20_000;
  static final int MAX_CODE_POINTS = 2_000_000;

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

  /** The parsed document, or the problems that kept it from being read. */
  public record Result(YamlNode root, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return root != null && problems.isEmpty();
    }
  }

  private final List<Problem> problems = new ArrayList<>();
  private int nodes;

  private SafeYaml() {}

  /** Parses one YAML document. An empty document is a problem, not a null. */
  public static Result parse(String text) {
    return new SafeYaml().read(text);
  }

  private Result read(String text) {
    int junk = firstControlCharacter(text);
    if (junk >= 0) {
      problems.add(
          Problem.at(
              "",
              lineOf(text, junk),
              "not a text file: it contains control character U+"
                  + String.format("%04X", (int) text.charAt(junk)),
              "give a YAML text file"));
      return new Result(null, problems);
    }
    Node node;
    try {
      // The composer alone, as Yaml.compose runs it, without the object constructor and
      // representer a Yaml instance builds (and the logging set-up they pull in).
      LoaderOptions options = options();
      node =
          new Composer(
                  new ParserImpl(new StreamReader(new StringReader(text)), options),
                  new Resolver(),
                  options)
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      problems.add(Problem.at("", line, "YAML syntax error: " + syntaxMessage(e), syntaxHint(e)));
      return new Result(null, problems);
    } catch (ReaderException e) {
      problems.add(
          Problem.at(
              "",
              lineOf(text, Math.min(e.getPosition(), text.length())),
              "not a text file: " + e.getName() + " " + e.getMessage(),
              "give a YAML text file"));
      return new Result(null, problems);
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("Nesting Depth")) {
        message = "nested deeper than " + MAX_DEPTH + " levels";
      }
      problems.add(Problem.at("", 0, "unreadable YAML: " + message, limitsHint(e)));
      return new Result(null, problems);
    }
    if (node == null) {
      problems.add(
          Problem.at(
              "",
              0,
              "the file is empty (no YAML document)",
              "write an inventory, e.g. with 'ephemery init'"));
      return new Result(null, problems);
    }
    YamlNode root = convert(node, "", 0);
    return new Result(root, problems);
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setProcessComments(false);
    options.setMergeOnCompose(false);
    return options;
  }

  private YamlNode convert(Node node, String path, int depth) {
    int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      if (nodes == MAX_NODES + 1 || depth == MAX_DEPTH + 1) {
        String shown = path.length() > 60 ? path.substring(0, 60) + "..." : path;
        problems.add(
            Problem.at(
                shown,
                line,
                "the document is too large or too deeply nested (recursive or repeated aliases?)",
                "write the values out instead of using anchors and aliases"));
      }
      return new YamlNode.Scalar("", YamlNode.Kind.NULL, line);
    }
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (!SCALAR_TAGS.contains(tag)) {
        problems.add(
            Problem.at(
                path,
                line,
                "YAML tag " + tag + " is not allowed",
                "remove the tag: an inventory holds plain strings, numbers, booleans, lists and"
                    + " maps"));
        return new YamlNode.Scalar(scalar.getValue(), YamlNode.Kind.STRING, line);
      }
      return new YamlNode.Scalar(scalar.getValue(), kindOf(tag), line);
    }
    if (node instanceof SequenceNode sequence) {
      checkCollectionTag(node, Tag.SEQ, path, line);
      List<YamlNode> items = new ArrayList<>();
      List<Node> values = sequence.getValue();
      for (int i = 0; i < values.size(); i++) {
        items.add(convert(values.get(i), path + "[" + i + "]", depth + 1));
      }
      return new YamlNode.Sequence(items, line);
    }
    MappingNode mapping = (MappingNode) node;
    checkCollectionTag(node, Tag.MAP, path, line);
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      int keyLine = keyNode.getStartMark() == null ? line : keyNode.getStartMark().getLine() + 1;
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problems.add(
            Problem.at(path, keyLine, "a map key must be a plain word", "use a string as key"));
        continue;
      }
      String key = keyScalar.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (Tag.MERGE.equals(keyScalar.getTag())) {
        problems.add(
            Problem.at(
                childPath,
                keyLine,
                "YAML merge keys (<<) are not supported",
                "write the keys out, or put shared values under 'defaults'"));
        continue;
      }
      YamlNode.Entry first = entries.get(key);
      if (first != null) {
        problems.add(
            Problem.at(
                childPath,
                keyLine,
                "duplicate key '" + key + "' (first at line " + first.keyLine() + ")",
                "keep one of them: YAML would silently use only one"));
        continue;
      }
      entries.put(
          key,
          new YamlNode.Entry(key, keyLine, convert(tuple.getValueNode(), childPath, depth + 1)));
    }
    return new YamlNode.Mapping(entries, line);
  }

  private void checkCollectionTag(Node node, Tag expected, String path, int line) {
    if (!node.getTag().equals(expected)) {
      problems.add(
          Problem.at(
              path,
              line,
              "YAML tag " + node.getTag() + " is not allowed",
              "remove the tag: an inventory holds plain strings, numbers, booleans, lists and"
                  + " maps"));
    }
  }

  private static YamlNode.Kind kindOf(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return YamlNode.Kind.INTEGER;
    }
    if (tag.equals(Tag.FLOAT)) {
      return YamlNode.Kind.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return YamlNode.Kind.BOOLEAN;
    }
    if (tag.equals(Tag.NULL)) {
      return YamlNode.Kind.NULL;
    }
    return YamlNode.Kind.STRING;
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    String message = context.isEmpty() ? problem : context + ", " + problem;
    return message.isEmpty() ? "malformed document" : message.replace('\n', ' ').trim();
  }

  private static String syntaxHint(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (problem.toLowerCase(java.util.Locale.ROOT).contains("tab")) {
      return "indent with spaces, not tabs";
    }
    if (problem.contains("Global tag")) {
      return "remove the tag: an inventory holds plain strings, numbers, booleans, lists and maps";
    }
    if (problem.contains("another document")) {
      return "an inventory is one YAML document: remove the '---' separators after the first";
    }
    if (problem.contains("Nesting Depth")) {
      return "the document is nested too deeply";
    }
    return "check the indentation, colons and quotes on and just before this line";
  }

  private static String limitsHint(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("aliases")) {
      return "too many aliases (at most "
          + MAX_ALIASES
          + "): write the values out instead of using anchors and aliases";
    }
    if (message.contains("Nesting Depth")) {
      return "an inventory is only a few levels deep: check the brackets and indentation";
    }
    if (message.contains("code points")) {
      return "the file is too large for an inventory";
    }
    return "check that the file is a YAML inventory";
  }

  /** Tabs, newlines and carriage returns are text; other C0 controls and NUL mean binary junk. */
  private static int firstControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == '\uFFFD') {
        return i;
      }
    }
    return -1;
  }

  static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
