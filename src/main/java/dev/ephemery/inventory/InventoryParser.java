package dev.ephemery.inventory;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.InventorySchema.Consensus;
import dev.ephemery.inventory.InventorySchema.Execution;
import dev.ephemery.inventory.InventorySchema.HostKeys;
import dev.ephemery.inventory.InventorySchema.KubernetesResources;
import dev.ephemery.inventory.InventorySchema.Monitoring;
import dev.ephemery.inventory.InventorySchema.Validator;
import dev.ephemery.inventory.SchemaKey.ValueType;
import dev.ephemery.inventory.YamlNode.Entry;
import dev.ephemery.inventory.YamlNode.Kind;
import dev.ephemery.inventory.YamlNode.Mapping;
import dev.ephemery.inventory.YamlNode.Scalar;
import dev.ephemery.inventory.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the text of an {@code ephemery.yaml} into an {@link Inventory}, or into every problem it
 * has, each with its key path and line. Checks run against {@link InventorySchema}; defaults are
 * deep-merged into each host (the host's key wins) before required keys and cross-host rules are
 * checked.
 */
public final class InventoryParser {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

  /** The inventory when valid, and every problem found. */
  public record Result(Inventory inventory, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return inventory != null && problems.isEmpty();
    }
  }

  private final List<Problem> problems = new ArrayList<>();

  private InventoryParser() {}

  /** Parses and validates; throws with every problem when the text is not a valid inventory. */
  public static Inventory parse(String text, String source) {
    Result result = validate(text, source);
    if (!result.valid()) {
      throw new InvalidInputException(result.problems());
    }
    return result.inventory();
  }

  public static Result validate(String text, String source) {
    return new InventoryParser().run(text, source);
  }

  private Result run(String text, String source) {
    SafeYaml.Result yaml = SafeYaml.parse(text);
    problems.addAll(yaml.problems());
    if (yaml.root() == null) {
      return new Result(null, problems);
    }
    // Duplicate keys and bad tags were reported while reading; the rest is still checked.
    if (!(yaml.root() instanceof Mapping root)) {
      problem(
          "",
          yaml.root().line(),
          "the top level is " + yaml.root().describeType() + ", not a map",
          "an inventory is a map with the keys network, defaults and hosts; see 'ephemery init'");
      return new Result(null, problems);
    }
    checkSection(root, InventorySchema.ROOT, "", true);
    Mapping defaults =
        root.get(InventorySchema.DEFAULTS.name()) instanceof Mapping m ? m : Mapping.empty(0);
    List<Host> hosts = new ArrayList<>();
    if (root.get(InventorySchema.HOSTS.name()) instanceof Sequence hostList) {
      if (hostList.items().isEmpty()) {
        problem(
            "hosts",
            hostList.line(),
            "no hosts",
            "add at least one host: - name: node1, address: local");
      }
      hosts = buildHosts(hostList, defaults);
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    String network = text(root, InventorySchema.NETWORK);
    return new Result(new Inventory(network, hosts, source), problems);
  }

  // ---- schema checks on what was written ----

  private void checkSection(Mapping map, SchemaSection section, String path, boolean required) {
    for (Entry entry : map.list()) {
      String keyPath = join(path, entry.key());
      Optional<SchemaKey> key = section.key(entry.key());
      if (key.isEmpty()) {
        unknownKey(entry, section, keyPath);
        continue;
      }
      checkValue(entry.value(), key.get(), keyPath, required);
    }
    if (required) {
      checkRequired(map, section, path);
    }
  }

  private void checkRequired(Mapping map, SchemaSection section, String path) {
    for (SchemaKey key : section.keys()) {
      YamlNode value = map.get(key.name());
      boolean absent = value == null || isNull(value);
      if (key.required() && absent) {
        String allowed =
            key.allowed().isEmpty() ? "" : " (supported: " + String.join(", ", key.allowed()) + ")";
        problem(
            join(path, key.name()),
            map.line(),
            "required key '" + key.name() + "' is missing",
            "set "
                + key.name()
                + allowed
                + (path.startsWith("hosts[") ? " here or under defaults" : ""));
      }
      if (key.type() == ValueType.MAP && (absent || value instanceof Mapping)) {
        Mapping child = absent ? Mapping.empty(map.line()) : (Mapping) value;
        checkRequired(child, key.section(), join(path, key.name()));
      }
    }
  }

  private void unknownKey(Entry entry, SchemaSection section, String keyPath) {
    Optional<String> close = Suggestions.closest(entry.key(), section.keyNames());
    String hint;
    if (section.equals(InventorySchema.DEFAULTS_SECTION) && entry.key().equals("name")) {
      hint = "names cannot be defaults: give each host its own name under hosts";
    } else if (close.isPresent()) {
      hint = "did you mean '" + close.get() + "'?";
    } else {
      List<String> homes = sectionsHolding(entry.key());
      hint =
          homes.isEmpty()
              ? "allowed here: " + String.join(", ", section.keyNames())
              : "'" + entry.key() + "' belongs under " + String.join(" or ", homes);
    }
    problem(keyPath, entry.keyLine(), "unknown key '" + entry.key() + "'", hint);
  }

  private static List<String> sectionsHolding(String keyName) {
    List<String> homes = new ArrayList<>();
    for (SchemaKey hostKey : HostKeys.SECTION.keys()) {
      if (hostKey.section() != null && hostKey.section().key(keyName).isPresent()) {
        homes.add("'" + hostKey.name() + "'");
      }
    }
    if (HostKeys.SECTION.key(keyName).isPresent()) {
      homes.add("each host (or 'defaults')");
    }
    return homes;
  }

  /** Checks one value against its key; returns whether it is usable. */
  private boolean checkValue(YamlNode value, SchemaKey key, String path, boolean required) {
    if (isNull(value)) {
      return true; // explicitly unset: the default (or the required-key check) applies
    }
    switch (key.type()) {
      case STRING -> {
        Optional<String> text = stringValue(value, key, path);
        return text.isPresent() && checkText(text.get(), key, path, value.line());
      }
      case INTEGER -> {
        if (!(value instanceof Scalar scalar) || scalar.kind() != Kind.INTEGER) {
          wrongType(value, key, path);
          return false;
        }
        if (!DECIMAL.matcher(scalar.text()).matches() || scalar.text().length() > 10) {
          problem(
              path,
              value.line(),
              "'" + scalar.text() + "' is not a plain decimal number",
              "write the number in decimal digits, e.g. 9090");
          return false;
        }
        long number = Long.parseLong(scalar.text());
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
          problem(path, value.line(), number + " is out of range", "use a smaller number");
          return false;
        }
        return checkFormat((int) number, key, path, value.line());
      }
      case BOOLEAN -> {
        if (!(value instanceof Scalar scalar) || scalar.kind() != Kind.BOOLEAN) {
          wrongType(value, key, path);
          return false;
        }
        return true;
      }
      case STRING_LIST -> {
        if (!(value instanceof Sequence list)) {
          wrongType(value, key, path);
          return false;
        }
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
          YamlNode item = list.items().get(i);
          String itemPath = path + "[" + i + "]";
          if (isNull(item)) {
            problem(itemPath, item.line(), "empty list item", "remove it or give a value");
            ok = false;
          } else {
            ok &= stringValue(item, key, itemPath).isPresent();
          }
        }
        return ok;
      }
      case MAP -> {
        if (!(value instanceof Mapping map)) {
          wrongType(value, key, path);
          return false;
        }
        int before = problems.size();
        checkSection(map, key.section(), path, required);
        return problems.size() == before;
      }
      case MAP_LIST -> {
        if (!(value instanceof Sequence list)) {
          wrongType(value, key, path);
          return false;
        }
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
          YamlNode item = list.items().get(i);
          String itemPath = path + "[" + i + "]";
          if (item instanceof Mapping map) {
            int before = problems.size();
            checkSection(map, key.section(), itemPath, false);
            ok &= problems.size() == before;
          } else {
            problem(
                itemPath,
                item.line(),
                "expected a map (one " + key.section().name() + "), got " + item.describeType(),
                "write each entry as '- name: ...' with its keys indented below");
            ok = false;
          }
        }
        return ok;
      }
    }
    return false;
  }

  /** Strings, and numbers written where a string is expected (a tag like 1.2 is text too). */
  private Optional<String> stringValue(YamlNode value, SchemaKey key, String path) {
    if (value instanceof Scalar scalar
        && (scalar.kind() == Kind.STRING
            || scalar.kind() == Kind.INTEGER
            || scalar.kind() == Kind.FLOAT)) {
      return Optional.of(scalar.text());
    }
    if (value instanceof Scalar scalar && scalar.kind() == Kind.BOOLEAN) {
      problem(
          path,
          value.line(),
          "expected a string, got the boolean " + scalar.text(),
          "quote it if you mean the text: \"" + scalar.text() + "\"");
      return Optional.empty();
    }
    wrongType(value, key, path);
    return Optional.empty();
  }

  private boolean checkText(String text, SchemaKey key, String path, int line) {
    if (!key.allowed().isEmpty() && !key.allowed().contains(text)) {
      String mean = Suggestions.didYouMean(text, key.allowed());
      problem(
          path,
          line,
          "'" + text + "' is not a supported " + what(path, key),
          mean + "supported: " + String.join(", ", key.allowed()));
      return false;
    }
    return checkFormat(text, key, path, line);
  }

  private static String what(String path, SchemaKey key) {
    if (key.name().equals("client")) {
      String section = path.substring(0, path.length() - ".client".length());
      return section.substring(section.lastIndexOf('.') + 1) + " client";
    }
    return key.name();
  }

  private boolean checkFormat(Object value, SchemaKey key, String path, int line) {
    Optional<ValueFormat.Invalid> invalid = key.format().check(value);
    invalid.ifPresent(i -> problem(path, line, i.message(), i.hint()));
    return invalid.isEmpty();
  }

  private void wrongType(YamlNode value, SchemaKey key, String path) {
    String got = value.describeType();
    String hint =
        switch (key.type()) {
          case STRING -> "write a single value, e.g. " + key.name() + ": value";
          case INTEGER ->
              value instanceof Scalar s && DECIMAL.matcher(s.text()).matches()
                  ? "remove the quotes: " + key.name() + ": " + s.text()
                  : "write a number, e.g. " + key.name() + ": 9090";
          case BOOLEAN -> "write " + key.name() + ": true or " + key.name() + ": false";
          case STRING_LIST ->
              value instanceof Scalar s
                  ? "write a list, one argument per item: "
                      + key.name()
                      + ": [\""
                      + s.text()
                      + "\"]"
                  : "write a list of strings: " + key.name() + ": [\"--flag=value\"]";
          case MAP -> "write its keys indented below it, or as " + key.name() + ": { key: value }";
          case MAP_LIST -> "write a list: each entry starts with '- name: ...'";
        };
    problem(path, value.line(), "expected " + key.type().description() + ", got " + got, hint);
  }

  // ---- hosts: merge, required keys, cross-host rules, typed values ----

  private List<Host> buildHosts(Sequence hostList, Mapping defaults) {
    List<Host> hosts = new ArrayList<>();
    Map<String, Integer> firstIndexByName = new HashMap<>();
    Map<String, Integer> lineByName = new HashMap<>();
    List<Integer> hostLines = new ArrayList<>();
    for (int i = 0; i < hostList.items().size(); i++) {
      if (!(hostList.items().get(i) instanceof Mapping raw)) {
        continue; // reported by the schema check
      }
      String path = "hosts[" + i + "]";
      int before = problems.size();
      Mapping merged = Mapping.merge(defaults, raw);
      checkRequired(merged, HostKeys.SECTION, path);
      // Values are only read once nothing about them is wrong, in the host or in defaults.
      if (problems.size() == before && !hasProblemsUnder(path) && !hasProblemsUnder("defaults")) {
        Host host = host(merged, path);
        if (problems.size() == before) {
          hosts.add(host);
          hostLines.add(raw.line());
        }
      }
    }
    Map<String, Integer> firstIndexByStack = new HashMap<>();
    for (int i = 0; i < hostList.items().size(); i++) {
      if (hostList.items().get(i) instanceof Mapping raw
          && raw.get("name") instanceof Scalar name
          && !isNull(name)) {
        Integer first = firstIndexByName.putIfAbsent(name.text(), i);
        if (first != null) {
          problem(
              "hosts[" + i + "].name",
              name.line(),
              "host name '"
                  + name.text()
                  + "' is used twice (first at hosts["
                  + first
                  + "], line "
                  + lineByName.get(name.text())
                  + ")",
              "give every host its own name: it names its containers and network");
        } else {
          lineByName.put(name.text(), name.line());
          Integer sameStack = firstIndexByStack.putIfAbsent(Host.stackName(name.text()), i);
          if (sameStack != null) {
            problem(
                "hosts[" + i + "].name",
                name.line(),
                "hosts '"
                    + name.text()
                    + "' and hosts["
                    + sameStack
                    + "] would both name their containers and network "
                    + Host.stackName(name.text())
                    + "-... (a name without 'ephemery-' gets it prefixed)",
                "rename one of them");
          }
        }
      }
    }
    checkSharedMachines(hosts, hostLines);
    return hosts;
  }

  private Host host(Mapping merged, String path) {
    String name = text(merged, HostKeys.NAME);
    Address address = Addresses.parse(text(merged, HostKeys.ADDRESS)).address();
    Flavor flavor = Flavor.byId(text(merged, HostKeys.FLAVOR)).orElseThrow();

    Mapping el = section(merged, HostKeys.EXECUTION);
    ExecutionSpec execution =
        new ExecutionSpec(
            ExecutionClient.byId(text(el, Execution.CLIENT)).orElseThrow(),
            text(el, Execution.IMAGE),
            list(el, Execution.EXTRA_ARGS),
            integer(el, Execution.P2P_PORT),
            integer(el, Execution.RPC_PORT));

    Mapping cl = section(merged, HostKeys.CONSENSUS);
    ConsensusClient consensusClient =
        ConsensusClient.byId(text(cl, Consensus.CLIENT)).orElseThrow();
    ConsensusSpec consensus =
        new ConsensusSpec(
            consensusClient,
            text(cl, Consensus.IMAGE),
            list(cl, Consensus.EXTRA_ARGS),
            text(cl, Consensus.CHECKPOINT_SYNC_URL),
            integer(cl, Consensus.P2P_PORT),
            integer(cl, Consensus.REST_PORT));

    Mapping vc = section(merged, HostKeys.VALIDATOR);
    String validatorClient = text(vc, Validator.CLIENT);
    ValidatorSpec validator =
        new ValidatorSpec(
            bool(vc, Validator.ENABLED),
            validatorClient == null
                ? consensusClient
                : ConsensusClient.byId(validatorClient).orElseThrow(),
            text(vc, Validator.IMAGE),
            list(vc, Validator.EXTRA_ARGS),
            text(vc, Validator.KEYS_DIR),
            text(vc, Validator.GRAFFITI),
            text(vc, Validator.FEE_RECIPIENT),
            text(vc, Validator.PASSWORD_FILE),
            text(vc, Validator.PASSWORDS_DIR),
            text(vc, Validator.REMOTE_SIGNER),
            bool(vc, Validator.DOPPELGANGER));
    checkValidatorKeys(vc, path);

    Mapping mon = section(merged, HostKeys.MONITORING);
    MonitoringSpec monitoring =
        new MonitoringSpec(
            bool(mon, Monitoring.ENABLED),
            integer(mon, Monitoring.PROMETHEUS_PORT),
            integer(mon, Monitoring.GRAFANA_PORT),
            integer(mon, Monitoring.NODE_EXPORTER_PORT),
            text(mon, Monitoring.BIND));

    Mapping sup = section(merged, HostKeys.SUPERVISOR);
    SupervisorSpec supervisor =
        new SupervisorSpec(
            bool(sup, InventorySchema.Supervisor.ENABLED),
            text(sup, InventorySchema.Supervisor.IMAGE),
            integer(sup, InventorySchema.Supervisor.PORT));

    checkPorts(merged, path, execution, consensus, monitoring, supervisor);
    KubernetesSpec kubernetes = kubernetes(section(merged, HostKeys.KUBERNETES), path);
    return new Host(
        name,
        address,
        text(merged, HostKeys.BASE_DIR).replaceAll("(.)/+$", "$1"),
        flavor,
        execution,
        consensus,
        validator,
        monitoring,
        text(merged, HostKeys.SSH_KEY_FILE),
        text(merged, HostKeys.KNOWN_HOSTS_FILE),
        supervisor,
        kubernetes);
  }

  private KubernetesSpec kubernetes(Mapping kube, String path) {
    return new KubernetesSpec(
        text(kube, InventorySchema.Kubernetes.STORAGE_CLASS),
        resources(
            kube, InventorySchema.Kubernetes.EXECUTION, KubernetesSpec.DEFAULT.execution(), path),
        resources(
            kube, InventorySchema.Kubernetes.CONSENSUS, KubernetesSpec.DEFAULT.consensus(), path),
        resources(
            kube, InventorySchema.Kubernetes.VALIDATOR, KubernetesSpec.DEFAULT.validator(), path));
  }

  /** One container's resources; a request above its limit is a problem where the request is. */
  private KubernetesSpec.Resources resources(
      Mapping kube, SchemaKey key, KubernetesSpec.Resources defaults, String path) {
    Mapping map = section(kube, key);
    String storage = text(map, KubernetesResources.STORAGE);
    KubernetesSpec.Resources resources =
        new KubernetesSpec.Resources(
            text(map, KubernetesResources.CPU_REQUEST),
            text(map, KubernetesResources.MEMORY_REQUEST),
            text(map, KubernetesResources.CPU_LIMIT),
            text(map, KubernetesResources.MEMORY_LIMIT),
            storage == null ? defaults.storage() : storage);
    String at = path + ".kubernetes." + key.name() + ".";
    checkRequestWithinLimit(
        map, at, KubernetesResources.CPU_REQUEST, resources.cpuRequest(), resources.cpuLimit());
    checkRequestWithinLimit(
        map,
        at,
        KubernetesResources.MEMORY_REQUEST,
        resources.memoryRequest(),
        resources.memoryLimit());
    return resources;
  }

  private void checkRequestWithinLimit(
      Mapping map, String at, SchemaKey requestKey, String request, String limit) {
    if (request == null || limit == null) {
      return;
    }
    if (Quantities.value(request).orElseThrow().compareTo(Quantities.value(limit).orElseThrow())
        > 0) {
      problem(
          at + requestKey.name(),
          lineOf(map, requestKey.name()),
          requestKey.name() + " " + request + " is above its limit " + limit,
          "Kubernetes refuses a container whose request exceeds its limit: lower the request or"
              + " raise the limit");
    }
  }

  /**
   * Keys that contradict each other: two password layouts, or local keystores next to a remote
   * signer (the same key loaded in both places would sign twice, which is slashable).
   */
  private void checkValidatorKeys(Mapping vc, String path) {
    String at = path + ".validator.";
    if (text(vc, Validator.PASSWORD_FILE) != null && text(vc, Validator.PASSWORDS_DIR) != null) {
      problem(
          at + Validator.PASSWORDS_DIR.name(),
          lineOf(vc, Validator.PASSWORDS_DIR.name()),
          "passwordFile and passwordsDir are both set",
          "keep passwordFile when every keystore has the same password, passwordsDir when each"
              + " has its own (set the other to ~ when it comes from defaults)");
    }
    if (text(vc, Validator.REMOTE_SIGNER) == null) {
      return;
    }
    for (SchemaKey local :
        List.of(Validator.KEYS_DIR, Validator.PASSWORD_FILE, Validator.PASSWORDS_DIR)) {
      if (text(vc, local) != null) {
        problem(
            at + local.name(),
            lineOf(vc, local.name()),
            local.name() + " is set next to remoteSigner",
            "sign with either the remote signer or local keystores, not both: a key loaded in"
                + " both places signs twice, which is slashable (set "
                + local.name()
                + ": ~ to unset one from defaults)");
      }
    }
  }

  /** Two services of one host cannot publish the same port. */
  private void checkPorts(
      Mapping merged,
      String path,
      ExecutionSpec execution,
      ConsensusSpec consensus,
      MonitoringSpec monitoring,
      SupervisorSpec supervisor) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (execution.p2pPort() != null) {
      ports.put("execution.p2pPort", execution.p2pPort());
    }
    if (execution.rpcPort() != null) {
      ports.put("execution.rpcPort", execution.rpcPort());
    }
    if (consensus.p2pPort() != null) {
      ports.put("consensus.p2pPort", consensus.p2pPort());
    }
    if (consensus.restPort() != null) {
      ports.put("consensus.restPort", consensus.restPort());
    }
    if (monitoring.enabled()) {
      ports.put("monitoring.prometheusPort", monitoring.prometheusPort());
      ports.put("monitoring.grafanaPort", monitoring.grafanaPort());
      ports.put("monitoring.nodeExporterPort", monitoring.nodeExporterPort());
    }
    if (supervisor.enabled()) {
      ports.put("supervisor.port", supervisor.port());
    }
    Map<Integer, String> seen = new HashMap<>();
    for (Map.Entry<String, Integer> port : ports.entrySet()) {
      String other = seen.putIfAbsent(port.getValue(), port.getKey());
      if (other != null) {
        problem(
            path + "." + port.getKey(),
            lineOf(merged, port.getKey()),
            "port " + port.getValue() + " is also used by " + other,
            "give each service of a host its own port");
      }
    }
  }

  /** Hosts on one machine must not share data: a reset of one would wipe the other. */
  private void checkSharedMachines(List<Host> hosts, List<Integer> lines) {
    for (int i = 0; i < hosts.size(); i++) {
      for (int j = 0; j < i; j++) {
        Host a = hosts.get(j);
        Host b = hosts.get(i);
        if (!Addresses.machine(a).equals(Addresses.machine(b))) {
          continue;
        }
        String dirA = a.baseDir() + "/";
        String dirB = b.baseDir() + "/";
        if (dirA.startsWith(dirB) || dirB.startsWith(dirA)) {
          problem(
              "hosts[" + i + "].baseDir",
              lines.get(i),
              "hosts '"
                  + a.name()
                  + "' and '"
                  + b.name()
                  + "' run on the same machine with overlapping baseDir "
                  + b.baseDir(),
              "give each host on one machine its own baseDir, e.g. /opt/ephemery/" + b.name());
        }
      }
    }
  }

  private static int lineOf(Mapping merged, String dottedKey) {
    String[] parts = dottedKey.split("\\.");
    YamlNode node = merged;
    for (String part : parts) {
      if (!(node instanceof Mapping map) || map.get(part) == null) {
        return node.line();
      }
      node = map.get(part);
    }
    return node.line();
  }

  // ---- typed access to validated, merged values; missing keys take the schema's default ----

  private static Mapping section(Mapping map, SchemaKey key) {
    return map.get(key.name()) instanceof Mapping m ? m : Mapping.empty(map.line());
  }

  private static String text(Mapping map, SchemaKey key) {
    YamlNode value = map.get(key.name());
    if (value instanceof Scalar scalar && scalar.kind() != Kind.NULL) {
      return scalar.text();
    }
    return (String) key.defaultValue();
  }

  private static Integer integer(Mapping map, SchemaKey key) {
    YamlNode value = map.get(key.name());
    if (value instanceof Scalar scalar && scalar.kind() == Kind.INTEGER) {
      return Integer.parseInt(
          scalar.text().startsWith("+") ? scalar.text().substring(1) : scalar.text());
    }
    return (Integer) key.defaultValue();
  }

  private static boolean bool(Mapping map, SchemaKey key) {
    YamlNode value = map.get(key.name());
    if (value instanceof Scalar scalar && scalar.kind() == Kind.BOOLEAN) {
      String text = scalar.text().toLowerCase(Locale.ROOT);
      return text.equals("true") || text.equals("yes") || text.equals("on");
    }
    return (Boolean) key.defaultValue();
  }

  private static List<String> list(Mapping map, SchemaKey key) {
    YamlNode value = map.get(key.name());
    if (value instanceof Sequence sequence) {
      return sequence.items().stream().map(item -> ((Scalar) item).text()).toList();
    }
    return List.of();
  }

  private boolean hasProblemsUnder(String path) {
    return problems.stream()
        .anyMatch(
            p ->
                p.where().equals(path)
                    || p.where().startsWith(path + ".")
                    || p.where().startsWith(path + "["));
  }

  private static boolean isNull(YamlNode value) {
    return value instanceof Scalar scalar && scalar.kind() == Kind.NULL;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private void problem(String where, int line, String message, String hint) {
    problems.add(Problem.at(where, line, message, hint));
  }
}
