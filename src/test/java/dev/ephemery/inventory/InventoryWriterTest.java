package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryWriterTest {

  static final List<String> TRICKY =
      List.of(
          "--graffiti=hello world",
          "--x=\"quoted\"",
          "back\\slash",
          "yes",
          "null",
          "~",
          "0x10",
          "1e3",
          "#not-a-comment",
          "a: b",
          "- dash",
          "[flow]",
          "{flow}",
          "*alias",
          "&anchor",
          "!tag",
          "%directive",
          "@at",
          "`tick`",
          "ünïcödé ✓",
          "trailing ",
          "");

  @Test
  void whatItWritesReadsBackAsTheSameHosts() {
    Host host =
        new Host(
            "node1",
            new Address.Ssh("ops", "node1.example.org", 2222),
            "/srv/eph emery/#1",
            Flavor.WRAPPER,
            new ExecutionSpec(ExecutionClient.ERIGON, "erigontech/erigon:v3.0.0", TRICKY, 30304),
            new ConsensusSpec(
                ConsensusClient.GRANDINE, null, TRICKY, "https://checkpointz.bordel.wtf/", 9001),
            new ValidatorSpec(
                true,
                ConsensusClient.GRANDINE,
                null,
                List.of("--a"),
                "/srv/keys",
                "yes: #1 ✓",
                "0x00000000219ab540356cBB839Cbe05303d7705Fa"),
            new MonitoringSpec(false, 1, 2, 3, "10.0.0.7"),
            "~/.ssh/id: \"x\"",
            "/etc/ssh/known hosts");
    Host other =
        new Host(
            "node2",
            new Address.Local(),
            "/opt/ephemery",
            Flavor.UPSTREAM,
            new ExecutionSpec(ExecutionClient.GETH, null, List.of(), null),
            new ConsensusSpec(ConsensusClient.LIGHTHOUSE, null, List.of(), null, null),
            new ValidatorSpec(false, ConsensusClient.LIGHTHOUSE, null, List.of(), null, null, null),
            new MonitoringSpec(true, 9090, 3000, 9100, "127.0.0.1"),
            null,
            null);

    for (boolean hints : new boolean[] {true, false}) {
      String yaml =
          InventoryWriter.write(List.of(host, other), List.of("a header\nwith a break"), hints);
      Inventory inventory = InventoryParser.parse(yaml, "written");
      assertThat(inventory.hosts()).containsExactly(host, other);
    }
  }
}
