package dev.ephemery.inventory;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.InventorySchema.Consensus;
import dev.ephemery.inventory.InventorySchema.HostKeys;
import dev.ephemery.inventory.InventorySchema.Monitoring;
import dev.ephemery.inventory.InventorySchema.Validator;
import dev.ephemery.inventory.YamlNode.Kind;
import dev.ephemery.inventory.YamlNode.Mapping;
import dev.ephemery.inventory.YamlNode.Scalar;
import dev.ephemery.inventory.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a YAML Ansible inventory of the earlier Ansible-based deployment into an {@code
 * ephemery.yaml}. Variables follow Ansible's precedence: {@code all} vars, then group vars from
 * parent to child (siblings by name), then host vars. Every key it does not map is listed with the
 * group or host it came from; a value it cannot map validly is a problem.
 */
public final class AnsibleImport {

  private static final int MAX_GROUP_DEPTH = 20;

  /** A key the import did not carry over, and from where. */
  public record Unmapped(String origin, String key, String reason) {
    public String describe() {
      return origin + ": " + key + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
  }

  /** The generated inventory text and hosts, what was left out, and any problems. */
  public record Result(
      String yaml,
      List<Host> hosts,
      List<Unmapped> unmapped,
      List<String> notes,
      List<Problem> problems) {
    public Result {
      hosts = List.copyOf(hosts);
      unmapped = List.copyOf(unmapped);
      notes = List.copyOf(notes);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** The keys this import understands; everything else is listed as not mapped. */
  static final Set<String> MAPPED_KEYS =
      Set.of(
          "ansible_host",
          "ansible_ssh_host",
          "ansible_user",
          "ansible_ssh_user",
          "ansible_port",
          "ansible_ssh_port",
          "ansible_connection",
          "ansible_ssh_private_key_file",
          "ansible_private_key_file",
          "el",
          "el_client_name",
          "cl",
          "cl_client_name",
          "el_extra_opts",
          "cl_extra_opts",
          "checkpoint_sync_url",
          "use_checkpoint_sync",
          "ephemery_base_dir",
          "validator_enabled",
          "validator_client",
          "validator_graffiti",
          "validator_fee_recipient",
          "validator_extra_opts",
          "monitoring_enabled",
          "prometheus_port",
          "grafana_port",
          "node_exporter_port");

  private static final Map<String, String> CLIENT_ALIASES =
      Map.of("go-ethereum", "geth", "nimbus-eth2", "nimbus", "prysmatic", "prysm");

  private record Layer(String origin, String path, Mapping vars, int depth) {}

  /** One listing of a host under a group ({@code group} is the group that lists it). */
  private record Occurrence(String hostname, String group, String path, Mapping vars, int line) {}

  /**
   * Keys not carried over on purpose, with why and what to do instead; any other unmapped key just
   * has no equivalent.
   */
  private static final Map<String, String> REFUSED_KEYS =
      Map.of(
          "grafana_admin_password",
          "not carried over: a password does not belong in ephemery.yaml (plaintext, and 'admin' is"
              + " Grafana's default anyone can guess); the monitoring stack, once deployed,"
              + " generates its own",
          "grafana_password",
          "not carried over: a password does not belong in ephemery.yaml; the monitoring stack,"
              + " once deployed, generates its own",
          "validator_keys_src",
          "not carried over: a folder on the Ansible control machine, which Ansible copied to the"
              + " host; copy the keystores to the host and set validator.keysDir to that folder",
          "validator_keys_password_file",
          "not carried over: a file on the Ansible control machine; copy it to the host (mode"
              + " 0600) and set validator.passwordFile to it");

  /** The client keys whose presence makes a host a node, whatever its groups. */
  private static final List<String> CLIENT_KEYS =
      List.of("el", "el_client_name", "cl", "cl_client_name", "validator_enabled");

  /** One effective variable of a host: its value and where it was set. */
  private record Var(String origin, String path, YamlNode value) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Set<Unmapped> unmapped = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, List<Layer>> layersByHost = new LinkedHashMap<>();
  private final Map<String, List<Occurrence>> occurrencesByHost = new LinkedHashMap<>();

  /**
   * Options a client renamed (old name to new, the value unchanged), by role ({@code execution},
   * {@code consensus}, {@code validator}) and client id. The client profiles know them; this
   * package may not look there, so the caller passes them in.
   */
  @FunctionalInterface
  public interface FlagRenames {
    FlagRenames NONE = (role, client) -> Map.of();

    Map<String, String> of(String role, String client);
  }

  private final FlagRenames renames;

  private AnsibleImport(FlagRenames renames) {
    this.renames = renames;
  }

  /**
   * @param sourceName how to name the Ansible file in the generated header
   */
  public static Result convert(String text, String sourceName) {
    return convert(text, sourceName, FlagRenames.NONE);
  }

  /** {@link #convert(String, String)}, writing each renamed option under its new name. */
  public static Result convert(String text, String sourceName, FlagRenames renames) {
    return new AnsibleImport(renames).run(text, sourceName);
  }

  /**
   * {@code args} with every option {@code role}'s {@code client} renamed written the new way
   * ({@code --txlookuplimit=0} as {@code --history.transactions=0}), each rename in a note: the old
   * name would stop the client, and {@code check} refuses it.
   */
  private List<String> renamed(String hostname, String role, String client, List<String> args) {
    Map<String, String> byOldName = renames.of(role, client);
    List<String> out = new ArrayList<>();
    for (String token : args) {
      String bare = token.replaceFirst("^--?", "");
      int eq = bare.indexOf('=');
      String name = "--" + (eq < 0 ? bare : bare.substring(0, eq));
      String to = token.startsWith("-") ? byOldName.get(name) : null;
      if (to == null) {
        out.add(token);
        continue;
      }
      String rewritten = eq < 0 ? to : to + bare.substring(eq);
      notes.add(
          hostname
              + ": "
              + token
              + " is written as "
              + rewritten
              + " ("
              + client
              + " renamed "
              + name
              + " to "
              + to
              + ")");
      out.add(rewritten);
    }
    return out;
  }

  private Result run(String text, String sourceName) {
    if (text.lines().anyMatch(line -> line.strip().matches("\\[[A-Za-z0-9_:.-]+]"))) {
      problems.add(
          Problem.at(
              "",
              0,
              "this looks like an INI Ansible inventory ([group] lines)",
              "convert it to YAML first: ansible-inventory -i hosts.ini --list -y > inventory.yaml"));
      return failed();
    }
    SafeYaml.Result yaml = SafeYaml.parse(text);
    problems.addAll(yaml.problems());
    if (!yaml.ok()) {
      return failed();
    }
    if (!(yaml.root() instanceof Mapping root)) {
      problems.add(
          Problem.at(
              "",
              yaml.root().line(),
              "the top level is " + yaml.root().describeType() + ", not a map of groups",
              "only YAML Ansible inventories are read; convert an INI one with"
                  + " 'ansible-inventory -i hosts.ini --list -y'"));
      return failed();
    }
    Layer all = null;
    if (root.get("all") instanceof Mapping allGroup && allGroup.get("vars") instanceof Mapping v) {
      all = new Layer("group all", "all.vars", v, 0);
    }
    for (YamlNode.Entry group : root.list()) {
      walkGroup(
          group.key(), group.value(), List.of(), group.key(), group.key().equals("all") ? 0 : 1);
    }
    if (occurrencesByHost.isEmpty() && problems.isEmpty()) {
      problems.add(
          Problem.at(
              "",
              root.line(),
              "no hosts found",
              "hosts are listed under a group's 'hosts' key, e.g. all: {hosts: {node1: {ansible_host: ...}}}"));
    }
    List<Host> hosts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String hostname : occurrencesByHost.keySet()) {
      Map<String, Var> vars = effectiveVars(hostname, all);
      if (monitoringOnly(hostname, vars)) {
        continue;
      }
      listUnmapped(vars);
      mapHost(hostname, vars, names).ifPresent(hosts::add);
    }
    if (hosts.isEmpty() && problems.isEmpty() && !occurrencesByHost.isEmpty()) {
      problems.add(
          Problem.at(
              "",
              root.line(),
              "no node hosts found: every host was skipped (see the notes)",
              "list the hosts that run an execution and a consensus client"));
    }
    if (!problems.isEmpty()) {
      return failed();
    }
    String generated = InventoryWriter.write(hosts, header(sourceName), false);
    InventoryParser.Result check = InventoryParser.validate(generated, "generated inventory");
    for (Problem problem : check.problems()) {
      problems.add(
          Problem.at(
              "generated " + problem.where(),
              0,
              problem.message(),
              problem.hint() + " (fix it in the Ansible inventory, or edit the generated file)"));
    }
    return new Result(
        problems.isEmpty() ? generated : null,
        problems.isEmpty() ? hosts : List.of(),
        List.copyOf(unmapped),
        notes,
        problems);
  }

  private Result failed() {
    return new Result(null, List.of(), List.copyOf(unmapped), notes, problems);
  }

  // ---- walking groups ----

  private void walkGroup(
      String name, YamlNode value, List<Layer> inherited, String path, int depth) {
    if (depth > MAX_GROUP_DEPTH) {
      problems.add(
          Problem.at(path, value.line(), "groups are nested too deeply", "flatten the groups"));
      return;
    }
    if (value instanceof Scalar scalar && scalar.kind() == Kind.NULL) {
      return; // an empty group
    }
    if (!(value instanceof Mapping group)) {
      problems.add(
          Problem.at(
              path,
              value.line(),
              "group '" + name + "' is " + value.describeType() + ", not a map",
              "a group holds 'hosts', 'vars' and 'children'"));
      return;
    }
    List<Layer> layers = new ArrayList<>(inherited);
    YamlNode vars = group.get("vars");
    if (vars instanceof Mapping varsMap) {
      if (!name.equals("all")) {
        layers.add(new Layer("group " + name, path + ".vars", varsMap, depth));
      }
    } else if (vars != null && !isNull(vars)) {
      problems.add(
          Problem.at(
              path + ".vars", vars.line(), "group vars must be a map", "write key: value pairs"));
    }
    YamlNode hostsNode = group.get("hosts");
    if (hostsNode instanceof Mapping hostsMap) {
      for (YamlNode.Entry host : hostsMap.list()) {
        String hostPath = path + ".hosts." + host.key();
        if (host.key().matches(".*\\[[^]]*:[^]]*].*")) {
          problems.add(
              Problem.at(
                  hostPath,
                  host.keyLine(),
                  "host ranges such as '" + host.key() + "' are not supported",
                  "list each host on its own"));
          continue;
        }
        Mapping hostVars;
        if (host.value() instanceof Mapping m) {
          hostVars = m;
        } else if (isNull(host.value())) {
          hostVars = Mapping.empty(host.keyLine());
        } else {
          problems.add(
              Problem.at(
                  hostPath,
                  host.value().line(),
                  "host vars must be a map",
                  "write the host's variables as key: value pairs under it"));
          continue;
        }
        occurrencesByHost
            .computeIfAbsent(host.key(), k -> new ArrayList<>())
            .add(new Occurrence(host.key(), name, hostPath, hostVars, host.keyLine()));
        layersByHost.computeIfAbsent(host.key(), k -> new ArrayList<>()).addAll(layers);
      }
    } else if (hostsNode != null && !isNull(hostsNode)) {
      problems.add(
          Problem.at(
              path + ".hosts",
              hostsNode.line(),
              "'hosts' must be a map of host names",
              "write each host as 'name:' with its variables indented below"));
    }
    YamlNode children = group.get("children");
    if (children instanceof Mapping childMap) {
      for (YamlNode.Entry child : childMap.list()) {
        walkGroup(child.key(), child.value(), layers, path + ".children." + child.key(), depth + 1);
      }
    } else if (children != null && !isNull(children)) {
      problems.add(
          Problem.at(
              path + ".children",
              children.line(),
              "'children' must be a map of groups",
              "write each child group as 'name:' with its hosts, vars and children below"));
    }
    for (YamlNode.Entry entry : group.list()) {
      if (!Set.of("hosts", "vars", "children").contains(entry.key())) {
        unmapped.add(new Unmapped("group " + name, entry.key(), "not an Ansible group key"));
      }
    }
  }

  private Map<String, Var> effectiveVars(String hostname, Layer all) {
    List<Layer> layers = new ArrayList<>();
    if (all != null) {
      layers.add(all);
    }
    layersByHost.getOrDefault(hostname, List.of()).stream()
        .distinct()
        .sorted(Comparator.comparingInt(Layer::depth).thenComparing(Layer::origin))
        .forEach(layers::add);
    Map<String, Var> vars = new LinkedHashMap<>();
    for (Layer layer : layers) {
      for (YamlNode.Entry entry : layer.vars().list()) {
        vars.put(
            entry.key(), new Var(layer.origin(), layer.path() + "." + entry.key(), entry.value()));
      }
    }
    for (Occurrence occurrence : occurrencesByHost.get(hostname)) {
      for (YamlNode.Entry entry : occurrence.vars().list()) {
        vars.put(
            entry.key(),
            new Var("host " + hostname, occurrence.path() + "." + entry.key(), entry.value()));
      }
    }
    return vars;
  }

  private void listUnmapped(Map<String, Var> vars) {
    for (Var var : vars.values()) {
      String key = var.path().substring(var.path().lastIndexOf('.') + 1);
      if (MAPPED_KEYS.contains(key)) {
        continue;
      }
      String reason = REFUSED_KEYS.getOrDefault(key, "no ephemery.yaml equivalent");
      if (key.equals("ansible_ssh_common_args")
          && var.value() instanceof Scalar args
          && args.text()
              .replace(" ", "")
              .toLowerCase(Locale.ROOT)
              .contains("stricthostkeychecking=no")) {
        reason =
            "not carried over: ephemery checks host keys strictly (StrictHostKeyChecking=no would"
                + " accept any machine); record each host's key once with 'ephemery hosts trust"
                + " NAME'";
      }
      unmapped.add(new Unmapped(var.origin(), key, reason));
    }
  }

  /**
   * A host listed only under monitoring groups and naming no client ran only the monitoring stack
   * of the earlier deployment: made a node, it would get a full EL + CL stack it never had.
   */
  private boolean monitoringOnly(String hostname, Map<String, Var> vars) {
    List<Occurrence> occurrences = occurrencesByHost.get(hostname);
    boolean onlyMonitoringGroups =
        occurrences.stream().allMatch(o -> o.group().toLowerCase(Locale.ROOT).contains("monitor"));
    if (!onlyMonitoringGroups || CLIENT_KEYS.stream().anyMatch(vars::containsKey)) {
      return false;
    }
    notes.add(
        "host '"
            + hostname
            + "' is skipped: it is listed only under "
            + String.join(", ", occurrences.stream().map(Occurrence::group).distinct().toList())
            + " and names no client, so it ran only the monitoring stack; ephemery runs"
            + " monitoring with each node, not on a host of its own");
    return true;
  }

  // ---- mapping one host ----

  private Optional<Host> mapHost(String hostname, Map<String, Var> vars, Set<String> names) {
    int before = problems.size();
    String name = uniqueName(hostname, names);
    Address address = address(hostname, vars);

    String baseDir = text(vars, "ephemery_base_dir").orElse(InventoryDefaults.SYSTEM_BASE_DIR);
    check(HostKeys.BASE_DIR, baseDir, vars.get("ephemery_base_dir"));
    String keyFile =
        text(vars, "ansible_ssh_private_key_file")
            .or(() -> text(vars, "ansible_private_key_file"))
            .orElse(null);

    ExecutionClient el =
        client(vars, hostname, "execution client", ExecutionClient.ids(), "el", "el_client_name")
            .flatMap(ExecutionClient::byId)
            .orElse(InventoryDefaults.DEFAULT_EXECUTION);
    ConsensusClient cl =
        client(vars, hostname, "consensus client", ConsensusClient.ids(), "cl", "cl_client_name")
            .flatMap(ConsensusClient::byId)
            .orElse(InventoryDefaults.DEFAULT_CONSENSUS);
    ConsensusClient vc =
        client(vars, hostname, "validator client", ConsensusClient.ids(), "validator_client")
            .flatMap(ConsensusClient::byId)
            .orElse(cl);

    String checkpoint = text(vars, "checkpoint_sync_url").orElse(null);
    if (checkpoint != null) {
      Optional<Boolean> use = bool(vars, "use_checkpoint_sync");
      if (use.isPresent() && !use.get()) {
        // Left out, so not judged: a URL nobody uses is no error.
        notes.add(
            hostname
                + ": use_checkpoint_sync is false, so checkpoint_sync_url ("
                + checkpoint
                + ") is dropped and the node syncs from genesis");
        checkpoint = null;
      } else {
        check(Consensus.CHECKPOINT_SYNC_URL, checkpoint, vars.get("checkpoint_sync_url"));
      }
    }
    String graffiti = text(vars, "validator_graffiti").orElse(null);
    if (graffiti != null) {
      check(Validator.GRAFFITI, graffiti, vars.get("validator_graffiti"));
    }
    List<String> validatorArgs =
        new ArrayList<>(
            renamed(hostname, "validator", vc.id(), args(vars, "validator_extra_opts")));
    String feeRecipient = feeRecipient(hostname, vars, validatorArgs);
    int prometheus =
        port(vars, "prometheus_port", Monitoring.PROMETHEUS_PORT)
            .orElse(MonitoringSpec.DEFAULT_PROMETHEUS_PORT);
    int grafana =
        port(vars, "grafana_port", Monitoring.GRAFANA_PORT)
            .orElse(MonitoringSpec.DEFAULT_GRAFANA_PORT);
    int nodeExporter =
        port(vars, "node_exporter_port", Monitoring.NODE_EXPORTER_PORT)
            .orElse(MonitoringSpec.DEFAULT_NODE_EXPORTER_PORT);
    Host host =
        new Host(
            name,
            address,
            baseDir,
            Flavor.UPSTREAM,
            new ExecutionSpec(
                el,
                null,
                renamed(hostname, "execution", el.id(), args(vars, "el_extra_opts")),
                null),
            new ConsensusSpec(
                cl,
                null,
                renamed(hostname, "consensus", cl.id(), args(vars, "cl_extra_opts")),
                checkpoint,
                null),
            new ValidatorSpec(
                bool(vars, "validator_enabled").orElse(false),
                vc,
                null,
                validatorArgs,
                null,
                graffiti,
                feeRecipient),
            new MonitoringSpec(
                bool(vars, "monitoring_enabled").orElse(true),
                prometheus,
                grafana,
                nodeExporter,
                MonitoringSpec.DEFAULT_BIND),
            address instanceof Address.Ssh ? keyFile : null,
            null);
    return problems.size() == before ? Optional.of(host) : Optional.empty();
  }

  /**
   * {@code validator_fee_recipient}, or else the value of a fee-recipient flag in {@code
   * validator_extra_opts} (each client spells it its own way), which then leaves the extra args:
   * the plan passes {@code validator.feeRecipient} itself, so the flag would be given twice.
   */
  private String feeRecipient(String hostname, Map<String, Var> vars, List<String> validatorArgs) {
    String fromKey = text(vars, "validator_fee_recipient").orElse(null);
    String fromArgs = null;
    for (int i = 0; i < validatorArgs.size(); i++) {
      String token = validatorArgs.get(i);
      String bare = token.replaceFirst("^-+", "");
      int eq = bare.indexOf('=');
      String flag = (eq < 0 ? bare : bare.substring(0, eq)).replace("-", "");
      if (!token.startsWith("-") || !flag.toLowerCase(Locale.ROOT).endsWith("feerecipient")) {
        continue;
      }
      boolean separate = eq < 0 && i + 1 < validatorArgs.size();
      fromArgs = eq >= 0 ? bare.substring(eq + 1) : separate ? validatorArgs.get(i + 1) : null;
      validatorArgs.remove(i);
      if (separate) {
        validatorArgs.remove(i);
      }
      notes.add(
          hostname
              + ": "
              + token
              + " is taken out of validator_extra_opts"
              + (fromKey != null
                  ? " (validator_fee_recipient sets validator.feeRecipient)"
                  : " into validator.feeRecipient")
              + ": the plan passes the fee recipient itself");
      break;
    }
    String chosen = fromKey != null ? fromKey : fromArgs;
    if (chosen != null) {
      Var var = vars.get(fromKey != null ? "validator_fee_recipient" : "validator_extra_opts");
      check(Validator.FEE_RECIPIENT, chosen, var);
    }
    return chosen;
  }

  private String uniqueName(String hostname, Set<String> names) {
    String base = hostname.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    base = base.replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    if (base.length() > 58) {
      base = base.substring(0, 58).replaceAll("-+$", "");
    }
    if (base.isEmpty()) {
      base = "host";
    }
    String name = base;
    for (int i = 2; names.contains(name); i++) {
      name = base + "-" + i;
    }
    names.add(name);
    if (!name.equals(hostname)) {
      notes.add(
          "host '"
              + hostname
              + "' is named '"
              + name
              + "' (host names become container names: lower-case letters, digits and '-')");
    }
    return name;
  }

  private Address address(String hostname, Map<String, Var> vars) {
    Optional<String> connection = text(vars, "ansible_connection");
    if (connection.isPresent() && connection.get().equals("local")) {
      return new Address.Local();
    }
    if (connection.isPresent() && !Set.of("ssh", "paramiko", "smart").contains(connection.get())) {
      Var var = vars.get("ansible_connection");
      problems.add(
          Problem.at(
              var.path(),
              var.value().line(),
              "connection '" + connection.get() + "' cannot be mapped",
              "ephemery reaches hosts over ssh or runs locally (ansible_connection: local)"));
      return new Address.Local();
    }
    Optional<String> given = text(vars, "ansible_host").or(() -> text(vars, "ansible_ssh_host"));
    String host = given.filter(h -> !h.isBlank()).orElse(hostname);
    Optional<String> user = text(vars, "ansible_user").or(() -> text(vars, "ansible_ssh_user"));
    String port = text(vars, "ansible_port").or(() -> text(vars, "ansible_ssh_port")).orElse(null);
    if (user.isEmpty()) {
      Occurrence first = occurrencesByHost.get(hostname).get(0);
      problems.add(
          Problem.at(
              first.path(),
              first.line(),
              "host '" + hostname + "' has no ansible_user, so its ssh address has no user",
              "set ansible_user on the host or its group (or ansible_connection: local for this"
                  + " machine)"));
      return new Address.Local();
    }
    String uri = "ssh://" + user.get() + "@" + host + (port == null ? "" : ":" + port);
    if (given.filter(h -> !h.isBlank()).isEmpty()) {
      notes.add(
          hostname
              + ": "
              + (vars.containsKey("ansible_host") || vars.containsKey("ansible_ssh_host")
                  ? "ansible_host is empty"
                  : "no ansible_host")
              + ", so the address assumes the inventory name is the machine's DNS name: "
              + uri
              + " (set address if it is not)");
    }
    Addresses.Parsed parsed = Addresses.parse(uri);
    if (!parsed.ok()) {
      Var var =
          vars.getOrDefault(
              "ansible_host",
              new Var(
                  "host " + hostname,
                  occurrencesByHost.get(hostname).get(0).path(),
                  Scalar.string("")));
      problems.add(
          Problem.at(
              var.path(),
              var.value().line(),
              "cannot build an ssh address: " + parsed.error(),
              parsed.hint()));
      return new Address.Local();
    }
    return parsed.address();
  }

  private Optional<String> client(
      Map<String, Var> vars, String hostname, String what, List<String> ids, String... keys) {
    for (String key : keys) {
      Optional<String> value = text(vars, key);
      if (value.isEmpty()) {
        continue;
      }
      String id = value.get().toLowerCase(Locale.ROOT);
      id = CLIENT_ALIASES.getOrDefault(id, id);
      if (!ids.contains(id)) {
        Var var = vars.get(key);
        problems.add(
            Problem.at(
                var.path(),
                var.value().line(),
                "'" + value.get() + "' is not a supported " + what,
                Suggestions.didYouMean(id, ids) + "supported: " + String.join(", ", ids)));
        return Optional.empty();
      }
      return Optional.of(id);
    }
    if (!what.equals("validator client")) {
      notes.add(
          hostname
              + ": no "
              + String.join("/", keys)
              + ", using the default "
              + what
              + " ("
              + (what.startsWith("execution")
                  ? InventoryDefaults.DEFAULT_EXECUTION.id()
                  : InventoryDefaults.DEFAULT_CONSENSUS.id())
              + ")");
    }
    return Optional.empty();
  }

  private List<String> args(Map<String, Var> vars, String key) {
    Var var = vars.get(key);
    if (var == null || isNull(var.value())) {
      return List.of();
    }
    if (var.value() instanceof Sequence list) {
      List<String> args = new ArrayList<>();
      for (YamlNode item : list.items()) {
        if (item instanceof Scalar s && s.kind() != Kind.NULL) {
          args.add(s.text());
        } else {
          problems.add(
              Problem.at(
                  var.path(),
                  item.line(),
                  "expected a list of strings",
                  "write each option as a string"));
        }
      }
      return args;
    }
    Optional<String> text = text(vars, key);
    if (text.isEmpty()) {
      return List.of();
    }
    ArgSplitter.Split split = ArgSplitter.split(text.get());
    if (split.problem().isPresent()) {
      problems.add(
          Problem.at(
              var.path(),
              var.value().line(),
              "cannot split the options: " + split.error(),
              "close the quote, or write the options as a list"));
      return List.of();
    }
    return split.args();
  }

  private Optional<Integer> port(Map<String, Var> vars, String key, SchemaKey schemaKey) {
    Optional<String> text = text(vars, key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    int port = Addresses.parsePort(text.get().trim());
    if (port < 0) {
      Var var = vars.get(key);
      problems.add(
          Problem.at(
              var.path(),
              var.value().line(),
              "'" + text.get() + "' is not a port (for " + schemaKey.name() + ")",
              "use a port from 1 to 65535"));
      return Optional.empty();
    }
    return Optional.of(port);
  }

  private Optional<Boolean> bool(Map<String, Var> vars, String key) {
    Optional<String> text = text(vars, key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().toLowerCase(Locale.ROOT);
    if (Set.of("true", "yes", "on", "1", "y").contains(value)) {
      return Optional.of(true);
    }
    if (Set.of("false", "no", "off", "0", "n").contains(value)) {
      return Optional.of(false);
    }
    Var var = vars.get(key);
    problems.add(
        Problem.at(
            var.path(),
            var.value().line(),
            "'" + text.get() + "' is not a boolean",
            "write true or false"));
    return Optional.empty();
  }

  /**
   * A scalar's text; a Jinja template is listed as not mapped, since only Ansible can evaluate it.
   */
  private Optional<String> text(Map<String, Var> vars, String key) {
    Var var = vars.get(key);
    if (var == null || !(var.value() instanceof Scalar scalar) || scalar.kind() == Kind.NULL) {
      if (var != null && !(var.value() instanceof Scalar) && !key.endsWith("_extra_opts")) {
        problems.add(
            Problem.at(
                var.path(),
                var.value().line(),
                "expected a single value, got " + var.value().describeType(),
                "write one value"));
      }
      return Optional.empty();
    }
    if (scalar.text().contains("{{") || scalar.text().contains("{%")) {
      unmapped.add(
          new Unmapped(var.origin(), key, "Jinja template, not evaluated: " + scalar.text()));
      return Optional.empty();
    }
    return Optional.of(scalar.text());
  }

  private void check(SchemaKey key, String value, Var var) {
    Optional<ValueFormat.Invalid> invalid = key.format().check(value);
    if (invalid.isPresent()) {
      String where = var == null ? key.name() : var.path();
      int line = var == null ? 0 : var.value().line();
      problems.add(Problem.at(where, line, invalid.get().message(), invalid.get().hint()));
    }
  }

  private List<String> header(String sourceName) {
    List<String> header = new ArrayList<>();
    header.add("Ephemery inventory imported from " + sourceName + " by 'ephemery import ansible'.");
    header.add(
        "Review it, then run 'ephemery check'. Every key is described in docs/inventory.md.");
    if (!unmapped.isEmpty()) {
      header.add("");
      header.add("Not mapped from the Ansible inventory (" + unmapped.size() + "):");
      unmapped.forEach(u -> header.add("  " + u.describe()));
    }
    if (!notes.isEmpty()) {
      header.add("");
      header.add("Notes:");
      notes.forEach(n -> header.add("  " + n));
    }
    return header;
  }

  private static boolean isNull(YamlNode value) {
    return value instanceof Scalar scalar && scalar.kind() == Kind.NULL;
  }
}
