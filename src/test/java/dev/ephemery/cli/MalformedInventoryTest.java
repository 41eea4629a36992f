package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an inventory can be wrong ends the same way: exit 2, a message naming the key path (or
 * the line, for YAML that does not parse), and no stack trace.
 */
class MalformedInventoryTest {

  @TempDir Path dir;

  // Raw bytes because some cases are not valid UTF-8; cases are only run, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  record Case(String name, byte[] content, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String HOST =
      """
        - name: node1
          address: local
          execution: { client: geth }
          consensus: { client: lighthouse }
      """;

  static Case text(String name, String yaml, String expected) {
    return new Case(name, yaml.getBytes(StandardCharsets.UTF_8), expected);
  }

  /**
   * A one-host inventory with {@code extra} added to the host (indented as host keys); the client
   * sections are added unless {@code extra} has them.
   */
  static Case host(String name, String extra, String expected) {
    String yaml = "network: ephemery\nhosts:\n  - name: node1\n    address: local\n";
    if (!extra.startsWith("execution:")) {
      yaml += "    execution: { client: geth }\n";
    }
    if (!extra.startsWith("consensus:")) {
      yaml += "    consensus: { client: lighthouse }\n";
    }
    return text(name, yaml + indent(extra), expected);
  }

  static String indent(String keys) {
    StringBuilder out = new StringBuilder();
    for (String line : keys.split("\n")) {
      out.append("    ").append(line).append('\n');
    }
    return out.toString();
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // YAML that does not parse, or is not text
    cases.add(text("unclosed flow list", "network: ephemery\nhosts: [\n", "(line 3)"));
    cases.add(text("bad indentation", "hosts:\n  - name: a\n   address: local\n", "(line 3)"));
    cases.add(text("tab indentation", "hosts:\n\t- name: a\n", "(line 2)"));
    cases.add(text("unclosed quote", "network: \"ephemery\nhosts: []\n", "YAML syntax error"));
    cases.add(text("two documents", "network: ephemery\n---\nnetwork: ephemery\n", "(line 2)"));
    cases.add(text("empty file", "", "empty"));
    cases.add(text("only comments", "# nothing here\n\n", "empty"));
    cases.add(
        new Case(
            "binary junk",
            new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe, 1, 2},
            "not a text file"));
    cases.add(text("NUL byte in text", "network: ephemery\nhosts: \u0000\n", "not a text file"));
    cases.add(text("top level is a list", "- name: node1\n", "top level is a list"));
    cases.add(text("top level is a string", "just some words\n", "top level is a string"));
    cases.add(text("complex map key", "? [a, b]\n: value\n", "key"));
    cases.add(
        text("deep nesting", "a: " + "[".repeat(60) + "]".repeat(60) + "\n", "nested deeper"));
    // the document's own keys
    cases.add(text("network is not ephemery", "network: sepolia\nhosts:\n" + HOST, "network"));
    cases.add(text("network is a list", "network: [ephemery]\nhosts:\n" + HOST, "network"));
    cases.add(text("unknown top-level key", "network: ephemery\nhostz:\n" + HOST, "hostz"));
    cases.add(text("hosts missing", "network: ephemery\n", "hosts"));
    cases.add(text("hosts empty", "network: ephemery\nhosts: []\n", "hosts"));
    cases.add(text("hosts is a map", "hosts:\n  node1: {address: local}\n", "hosts"));
    cases.add(text("host entry is a string", "hosts:\n  - node1\n", "hosts[0]"));
    cases.add(text("defaults is a list", "defaults: [a]\nhosts:\n" + HOST, "defaults"));
    cases.add(
        text("defaults has a name", "defaults:\n  name: x\nhosts:\n" + HOST, "defaults.name"));
    cases.add(
        text("defaults has a typo", "defaults:\n  flavr: upstream\nhosts:\n" + HOST, "'flavor'"));
    cases.add(text("duplicate top-level key", "hosts: []\nhosts:\n" + HOST, "duplicate key"));
    // names
    cases.add(
        text(
            "name missing",
            "hosts:\n  - address: local\n    execution: {client: geth}\n    consensus: {client: teku}\n",
            "hosts[0].name"));
    cases.add(hostNamed("upper-case name", "Node1"));
    cases.add(hostNamed("underscore in name", "node_1"));
    cases.add(hostNamed("name too long", "n".repeat(64)));
    cases.add(hostNamed("name starts with a dash", "\"-node\""));
    cases.add(hostNamed("name is a boolean", "true"));
    cases.add(hostNamed("name is a list", "[a, b]"));
    cases.add(
        text(
            "duplicate host names",
            "hosts:\n" + HOST + HOST.replace("address: local", "address: ssh://u@h"),
            "hosts[1].name"));
    // addresses
    cases.add(
        text(
            "address missing",
            "hosts:\n  - name: a\n    execution: {client: geth}\n    consensus: {client: teku}\n",
            "hosts[0].address"));
    cases.add(address("address without user", "ssh://node.example.org"));
    cases.add(address("address port 0", "ssh://ops@node.example.org:0"));
    cases.add(address("address port too large", "ssh://ops@node.example.org:70000"));
    cases.add(address("address port not a number", "ssh://ops@node.example.org:ssh"));
    cases.add(address("address with a path", "ssh://ops@node.example.org/home"));
    cases.add(address("address with a query", "ssh://ops@node.example.org?x=1"));
    cases.add(address("address with http scheme", "http://ops@node.example.org"));
    cases.add(address("address without scheme", "ops@node.example.org"));
    cases.add(address("address is a bare host", "node.example.org"));
    cases.add(address("address with a password", "ssh://ops:secret@node.example.org"));
    cases.add(address("address without host", "ssh://ops@"));
    cases.add(address("address host with underscore", "ssh://ops@bad_host"));
    cases.add(address("address is a map", "{host: x}"));
    // clients
    cases.add(client("unknown execution client", "execution", "gethh"));
    cases.add(client("execution client in capitals", "execution", "Geth"));
    cases.add(client("unknown consensus client", "consensus", "lighthose"));
    cases.add(client("unknown validator client", "validator", "vouch"));
    cases.add(
        text(
            "execution client missing",
            "hosts:\n  - name: a\n    address: local\n    execution: {image: x/y}\n"
                + "    consensus: {client: teku}\n",
            "hosts[0].execution.client"));
    cases.add(
        text(
            "consensus section missing",
            "hosts:\n  - name: a\n    address: local\n    execution: {client: geth}\n",
            "hosts[0].consensus.client"));
    cases.add(
        text(
            "execution is a string",
            "hosts:\n  - name: a\n    address: local\n    execution: geth\n"
                + "    consensus: {client: teku}\n",
            "hosts[0].execution"));
    // extraArgs
    cases.add(host("extraArgs is a string", "validator: {extraArgs: \"--foo\"}", "extraArgs"));
    cases.add(host("extraArgs holds a map", "validator: {extraArgs: [{a: b}]}", "extraArgs[0]"));
    cases.add(host("extraArgs holds a list", "validator: {extraArgs: [[--a]]}", "extraArgs[0]"));
    cases.add(
        host("extraArgs holds an empty item", "validator:\n  extraArgs:\n    -\n", "extraArgs[0]"));
    cases.add(host("extraArgs holds a boolean", "validator: {extraArgs: [true]}", "extraArgs[0]"));
    // paths
    cases.add(host("relative baseDir", "baseDir: opt/ephemery", "hosts[0].baseDir"));
    cases.add(host("baseDir with tilde", "baseDir: ~/ephemery", "hosts[0].baseDir"));
    cases.add(host("baseDir is root", "baseDir: /", "hosts[0].baseDir"));
    cases.add(host("baseDir with dot-dot", "baseDir: /opt/../etc", "hosts[0].baseDir"));
    cases.add(host("baseDir is a number", "baseDir: 42", "hosts[0].baseDir"));
    cases.add(host("relative keysDir", "validator: {keysDir: keys}", "validator.keysDir"));
    cases.add(host("empty sshKeyFile", "sshKeyFile: \"\"", "sshKeyFile"));
    // URLs
    cases.add(
        host(
            "checkpoint URL with ftp",
            "consensus: {client: teku, checkpointSyncUrl: \"ftp://x.org\"}",
            "consensus.checkpointSyncUrl"));
    cases.add(
        host(
            "checkpoint URL without scheme",
            "consensus: {client: teku, checkpointSyncUrl: checkpoint.example.org}",
            "consensus.checkpointSyncUrl"));
    cases.add(
        host(
            "checkpoint URL of holesky",
            "consensus: {client: teku, checkpointSyncUrl: \"https://checkpoint-sync.holesky.ethpandaops.io\"}",
            "consensus.checkpointSyncUrl"));
    cases.add(
        host(
            "checkpoint URL with bad port",
            "consensus: {client: teku, checkpointSyncUrl: \"https://x.org:99999\"}",
            "consensus.checkpointSyncUrl"));
    // scalars of the wrong kind
    cases.add(host("unknown flavor", "flavor: docker", "hosts[0].flavor"));
    cases.add(host("quoted boolean", "validator: {enabled: \"yes\"}", "validator.enabled"));
    cases.add(host("number as boolean", "monitoring: {enabled: 1}", "monitoring.enabled"));
    cases.add(
        host("quoted port", "monitoring: {prometheusPort: \"9090\"}", "monitoring.prometheusPort"));
    cases.add(host("port 0", "monitoring: {grafanaPort: 0}", "monitoring.grafanaPort"));
    cases.add(
        host(
            "p2p port too large",
            "execution: {client: geth, p2pPort: 65536}",
            "execution.p2pPort"));
    cases.add(host("hex port", "execution: {client: geth, p2pPort: 0x10}", "execution.p2pPort"));
    cases.add(
        host("huge port", "execution: {client: geth, p2pPort: 99999999999}", "execution.p2pPort"));
    cases.add(host("rpc port 0", "execution: {client: geth, rpcPort: 0}", "execution.rpcPort"));
    cases.add(
        host(
            "quoted rpc port",
            "execution: {client: geth, rpcPort: \"8546\"}",
            "execution.rpcPort"));
    cases.add(
        host(
            "rpc port on the supervisor's port",
            "execution: {client: geth, rpcPort: 9777}",
            "supervisor.port"));
    cases.add(
        host(
            "two services on one port",
            "monitoring: {prometheusPort: 3000}",
            "monitoring.grafanaPort"));
    cases.add(host("image with spaces", "validator: {image: \"my image\"}", "validator.image"));
    cases.add(host("short fee recipient", "validator: {feeRecipient: \"0x12\"}", "feeRecipient"));
    cases.add(
        host("graffiti too long", "validator: {graffiti: \"" + "g".repeat(33) + "\"}", "graffiti"));
    // unknown and misplaced keys
    cases.add(host("host key typo", "bseDir: /opt/x", "did you mean 'baseDir'"));
    cases.add(
        host(
            "nested key typo",
            "validator: {feeRecipeint: \"0x0000000000000000000000000000000000000000\"}",
            "did you mean 'feeRecipient'"));
    cases.add(
        host(
            "key in the wrong section",
            "checkpointSyncUrl: https://x.org",
            "belongs under 'consensus'"));
    cases.add(host("duplicate host key", "address: local", "duplicate key 'address'"));
    // unsafe YAML
    cases.add(host("local tag", "flavor: !custom upstream", "tag"));
    cases.add(host("global java tag", "flavor: !!java.lang.Runtime x", "(line"));
    cases.add(
        text(
            "merge key",
            "x: &x {address: local}\nhosts:\n  - name: a\n    <<: *x\n",
            "merge keys"));
    cases.add(text("billion laughs", billionLaughs(), "aliases"));
    cases.add(text("recursive alias", "a: &a [*a]\nhosts: *a\n", "hosts"));
    // hosts that collide
    cases.add(
        text(
            "two local hosts share baseDir",
            "hosts:\n" + HOST + HOST.replace("node1", "node2"),
            "hosts[1].baseDir"));
    return cases.stream();
  }

  static Case hostNamed(String name, String value) {
    return text(
        name,
        "hosts:\n  - name: "
            + value
            + "\n    address: local\n    execution: {client: geth}\n    consensus: {client: teku}\n",
        "hosts[0].name");
  }

  static Case address(String name, String value) {
    return text(
        name,
        "hosts:\n  - name: a\n    address: "
            + value
            + "\n    execution: {client: geth}\n    consensus: {client: teku}\n",
        "hosts[0].address");
  }

  static Case client(String name, String section, String client) {
    return host(name, section + ": {client: " + client + "}", "hosts[0]." + section + ".client");
  }

  static String billionLaughs() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    return yaml.append("hosts: *a9\n").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithExitTwoAndNamesWhere(Case c) throws IOException {
    Path file = dir.resolve("ephemery.yaml");
    Files.write(file, c.content());

    CliRun text = CliRun.of("check", "-f", file.toString());
    assertThat(text.code()).as(text.all()).isEqualTo(2);
    assertThat(text.err()).contains("error: ").contains(c.expected()).contains("INVALID");
    assertThat(text.all()).doesNotContain("\tat ").doesNotContain("Exception");

    CliRun json = CliRun.of("check", "-f", file.toString(), "--output", "json");
    assertThat(json.code()).isEqualTo(2);
    assertThat(json.out()).contains("\"valid\" : false").contains("\"problems\"");
    assertThat(json.all()).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void otherCommandsRefuseTheSameInventory(Case c) throws IOException {
    Path file = dir.resolve("ephemery.yaml");
    Files.write(file, c.content());
    InventoryLoader loader = InventoryLoader.system();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(dev.ephemery.common.InvalidInputException.class);
  }
}
