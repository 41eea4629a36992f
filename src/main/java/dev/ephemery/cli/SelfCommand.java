package dev.ephemery.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line that starts this tool again in a child JVM: the same {@code java}, the same JVM
 * options (heap, class-data archive, GC), the same class path, other arguments.
 */
final class SelfCommand {

  // Launcher options whose value is the next argument: kept with it, except the class path,
  // which is always given afresh.
  private static final Set<String> CLASS_PATH = Set.of("-cp", "-classpath", "--class-path");
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-p",
          "--module-path",
          "--upgrade-module-path",
          "--add-modules",
          "--limit-modules",
          "--add-reads",
          "--add-exports",
          "--add-opens",
          "--patch-module",
          "--enable-native-access");

  private SelfCommand() {}

  /** This process's own {@code java} and JVM options, as the kernel recorded them. */
  static List<String> forThisJvm(List<String> arguments) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    String java = info.command().orElse(System.getProperty("java.home") + "/bin/java");
    String[] current = info.arguments().orElse(new String[0]);
    return of(java, List.of(current), System.getProperty("java.class.path"), arguments);
  }

  /**
   * @param current this JVM's arguments after the executable: options, then {@code -jar JAR} or the
   *     main class, then the program's arguments
   */
  static List<String> of(String java, List<String> current, String classPath, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    for (int i = 0; i < current.size(); i++) {
      String a = current.get(i);
      if (a.equals("-jar") || !a.startsWith("-")) {
        break; // the main class or jar: options end here
      }
      if (CLASS_PATH.contains(a)) {
        i++;
      } else if (a.startsWith("-agentlib:jdwp") || a.startsWith("-XX:ArchiveClassesAtExit")) {
        // A debugger's port or an archive being written belong to this JVM alone.
      } else if (WITH_VALUE.contains(a) && i + 1 < current.size()) {
        command.add(a);
        command.add(current.get(++i));
      } else {
        command.add(a);
      }
    }
    command.add("-cp");
    command.add(classPath);
    command.add(Main.class.getName());
    command.addAll(args);
    return command;
  }
}
