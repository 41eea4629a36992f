package dev.ephemery.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.InventoryParser;
import org.junit.jupiter.api.Test;

class HostNeedsTest {

  @Test
  void theP2pPortsComeFromTheProfilesAndTheFiguresAddUpPerClient() {
    Host host =
        InventoryParser.parse(
                """
                hosts:
                  - name: a
                    address: ssh://ops@a.example.org
                    execution: { client: geth, p2pPort: 30304 }
                    consensus: { client: lighthouse }
                    validator: { enabled: true }
                """,
                "t.yaml")
            .hosts()
            .get(0);
    HostNeeds needs = HostNeeds.of(host);
    assertThat(needs.ports())
        .extracting(P2pPort::spec)
        .contains("30304/tcp", "30304/udp", "9000/tcp", "9000/udp");
    assertThat(needs.ports())
        .extracting(P2pPort::spec)
        .doesNotContain("8545/tcp", "8551/tcp", "5052/tcp");
    // geth 2048 + lighthouse 2048 + its validator 512; floors 2048 + 1536 + 512
    assertThat(needs.memoryMiB()).isEqualTo(4608);
    assertThat(needs.memoryFloorMiB()).isEqualTo(4096);
    assertThat(needs.diskGiB()).isEqualTo(19);
    assertThat(needs.clients()).isEqualTo("geth + lighthouse + lighthouse validator");
  }
}
