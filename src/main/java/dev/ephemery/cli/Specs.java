package dev.ephemery.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds the commands' picocli models in code, each option bound to a field of its command through
 * a getter and a setter. Reading the same model from annotations made picocli spin an annotation
 * proxy per annotation type and reflect over generic field types on every run: most of a short
 * command's start-up.
 */
final class Specs {

  private Specs() {}

  /**
   * A command named {@code name} that runs {@code userObject} (a {@code Callable} or {@code
   * Runnable}), with {@code -h/--help} and {@code -V/--version}.
   */
  static CommandSpec command(Object userObject, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
    spec.usageMessage().description(description);
    spec.versionProvider(new VersionProvider());
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    return spec;
  }

  /** A boolean option that takes no value. */
  static OptionSpec.Builder flag(Supplier<Boolean> get, Consumer<Boolean> set, String... names) {
    return option(boolean.class, get, set, names);
  }

  /** An option with one value of {@code type}, converted by picocli. */
  static <T> OptionSpec.Builder option(
      Class<T> type, Supplier<T> get, Consumer<T> set, String... names) {
    return bind(OptionSpec.builder(names).type(type), get, set);
  }

  /** {@code --host NAME}: the commands that work on one inventory host, or on all without it. */
  static OptionSpec onlyHost(Supplier<String> get, Consumer<String> set) {
    return option(String.class, get, set, "--host")
        .paramLabel("NAME")
        .description("Only this host.")
        .build();
  }

  /** A repeatable option collecting its values, in order, into a list of {@code element}. */
  static <E> OptionSpec.Builder list(
      Class<E> element, Supplier<List<E>> get, Consumer<List<E>> set, String... names) {
    return bind(OptionSpec.builder(names).type(List.class).auxiliaryTypes(element), get, set);
  }

  /** The next positional parameter, one value of {@code type}. */
  static <T> PositionalParamSpec.Builder positional(
      Class<T> type, Supplier<T> get, Consumer<T> set, String label) {
    return bind(PositionalParamSpec.builder().type(type).paramLabel(label), get, set);
  }

  private static <T> OptionSpec.Builder bind(
      OptionSpec.Builder builder, Supplier<T> get, Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    // The field's own initialiser is the value picocli restores before each parse.
    return builder.getter(binding).setter(binding).initialValue(get.get());
  }

  private static <T> PositionalParamSpec.Builder bind(
      PositionalParamSpec.Builder builder, Supplier<T> get, Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return builder.getter(binding).setter(binding).initialValue(get.get());
  }

  /** Reads and writes one field of a command object. */
  private static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> get;
    private final Consumer<T> set;

    Binding(Supplier<T> get, Consumer<T> set) {
      this.get = get;
      this.set = set;
    }

    @Override
    // The signature is picocli's IGetter.get(); the binding's own type parameter keeps it honest.
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public <R> R get() {
      return (R) get.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R set(R value) {
      R previous = get();
      set.accept((T) value);
      return previous;
    }
  }
}
