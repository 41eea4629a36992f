package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.ReleaseProblem.Kind;
import dev.ephemery.testing.ReleaseFixtures;
import org.junit.jupiter.api.Test;

class ReleaseParserTest {

  private final ParsedRelease parsed = ReleaseParser.parse(ReleaseFixtures.release153());

  @Test
  void readsRetentionVarsExportLines() {
    assertThat(parsed.retention())
        .containsEntry("ITERATION_NUMBER", "153")
        .containsEntry("ITERATION_RELEASE", "ephemery-153")
        .containsEntry("GENESIS_TIMESTAMP", "1763665200")
        .containsEntry("GENESIS_RESET_INTERVAL", "2419200")
        .containsEntry("CHAIN_ID", "39438153");
  }

  @Test
  void readsNodevarsWithoutExport() {
    assertThat(parsed.nodevars())
        .containsEntry("GENESIS_TIME", "1763665800")
        .containsEntry("GENESIS_VALROOT", ReleaseFixtures.VALIDATORS_ROOT)
        .containsEntry(
            "GENESIS_BLOCK", "0x7b3c37be95550af7241bb38cb2fb28ac5b6e58fe7eebb601da5f37c8721f4aa5");
  }

  @Test
  void readsConfigYamlTopLevelKeysWithoutComments() {
    assertThat(parsed.config())
        .containsEntry("MIN_GENESIS_TIME", "1763665200")
        .containsEntry("GENESIS_DELAY", "600")
        .containsEntry("EPHEMERY_RESET_PERIOD", "2419200")
        .containsEntry("DEPOSIT_CHAIN_ID", "39438153")
        .containsEntry("DEPOSIT_NETWORK_ID", "39438153")
        .containsEntry("CONFIG_NAME", "testnet");
  }

  @Test
  void readsChainIdAndTimestampFromEveryGenesisFormat() {
    assertThat(parsed.genesisJson())
        .isEqualTo(new ParsedRelease.GenesisFacts(39438153L, 1763665200L));
    assertThat(parsed.besuJson()).isEqualTo(new ParsedRelease.GenesisFacts(39438153L, 1763665200L));
    // chainspec.json writes both in hex: networkID 0x259c749, timestamp 0x691f6530.
    assertThat(parsed.chainspec())
        .isEqualTo(new ParsedRelease.GenesisFacts(39438153L, 1763665200L));
  }

  @Test
  void acceptsAHexGenesisTimestamp() {
    String json =
        ReleaseFixtures.release153()
            .text("genesis.json")
            .orElseThrow()
            .replace("\"timestamp\": \"1763665200\"", "\"timestamp\": \"0x691f6530\"");
    ParsedRelease hex =
        ReleaseParser.parse(ReleaseFixtures.release153().with("genesis.json", json));
    assertThat(hex.genesisJson().timestamp()).isEqualTo(1_763_665_200L);
  }

  @Test
  void readsBootnodeListsInOrder() {
    assertThat(parsed.enrBootnodes()).hasSize(3).allMatch(enr -> enr.startsWith("enr:-"));
    assertThat(parsed.enrBootnodes().get(0)).startsWith("enr:-MC4QN7Zf_vxLplW7lMPtbTxIL1hLqG6f");
    assertThat(parsed.enodeBootnodes())
        .hasSize(2)
        .allMatch(enode -> enode.startsWith("enode://"))
        .first()
        .asString()
        .endsWith("@137.74.203.240:30303");
  }

  @Test
  void readsEnodesFromTheEnodesFolderFirst() {
    ParsedRelease withFolder =
        ReleaseParser.parse(
            ReleaseFixtures.release153()
                .with("enodes/boot_enode.txt", "enode://abc@1.2.3.4:30303\n"));
    assertThat(withFolder.enodeBootnodes()).containsExactly("enode://abc@1.2.3.4:30303");
  }

  @Test
  void fallsBackToNodevarsListsWhenBootnodeFilesAreMissing() {
    ParsedRelease bare =
        ReleaseParser.parse(
            ReleaseFixtures.release153()
                .without("boot_enr.yaml")
                .without("bootstrap_nodes.txt")
                .without("boot_enode.txt")
                .without("bootnode.txt"));
    assertThat(bare.enrBootnodes()).hasSize(3);
    assertThat(bare.enodeBootnodes()).hasSize(2);
  }

  @Test
  void readsTheBeaconStateHeadLittleEndian() {
    assertThat(parsed.ssz().genesisTime()).isEqualTo(1_763_665_800L);
    assertThat(parsed.ssz().genesisValidatorsRoot()).isEqualTo(ReleaseFixtures.VALIDATORS_ROOT);
  }

  @Test
  void aShortGenesisSszIsUnparsable() {
    ParsedRelease shortSsz =
        ReleaseParser.parse(ReleaseFixtures.release153().with("genesis.ssz", new byte[12]));
    assertThat(shortSsz.ssz()).isNull();
    assertThat(shortSsz.problems())
        .extracting(ReleaseProblem::kind)
        .containsExactly(Kind.UNPARSABLE);
  }

  @Test
  void brokenJsonIsNamedNotThrown() {
    ParsedRelease broken =
        ReleaseParser.parse(ReleaseFixtures.release153().with("besu.json", "{\"config\": {"));
    assertThat(broken.besuJson()).isNull();
    assertThat(broken.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(Kind.UNPARSABLE);
              assertThat(problem.file()).isEqualTo("besu.json");
            });
  }

  @Test
  void parsesDecimalAndHexNumbersAndRefusesOthers() {
    assertThat(ReleaseParser.parseNumber("0x259c749")).contains(39_438_153L);
    assertThat(ReleaseParser.parseNumber("\"1763665200\"")).contains(1_763_665_200L);
    assertThat(ReleaseParser.parseNumber("twelve")).isEmpty();
    assertThat(ReleaseParser.parseNumber("-5")).isEmpty();
    assertThat(ReleaseParser.parseNumber("0x10000000000000000")).isEmpty();
  }

  @Test
  void namesAGenesisValueOfTheWrongKindOrMissing() {
    String genesis = ReleaseFixtures.release153().text("genesis.json").orElseThrow();
    ParsedRelease wrongKind =
        ReleaseParser.parse(
            ReleaseFixtures.release153()
                .with(
                    "genesis.json", genesis.replace("\"chainId\": 39438153", "\"chainId\": true")));
    assertThat(wrongKind.problems())
        .extracting(ReleaseProblem::describe)
        .containsExactly("unparsable: genesis.json: config.chainId is not a number: true");

    ParsedRelease missing =
        ReleaseParser.parse(
            ReleaseFixtures.release153()
                .with("besu.json", "{\"config\": {\"chainId\": 39438153}, \"alloc\": {}}"));
    assertThat(missing.besuJson()).isEqualTo(new ParsedRelease.GenesisFacts(39438153L, null));
    assertThat(missing.problems())
        .extracting(ReleaseProblem::describe)
        .containsExactly("missing-value: besu.json: timestamp is missing");

    ParsedRelease trailing =
        ReleaseParser.parse(ReleaseFixtures.release153().with("chainspec.json", "{} {}"));
    assertThat(trailing.problems())
        .extracting(ReleaseProblem::kind)
        .containsExactly(ReleaseProblem.Kind.UNPARSABLE);
  }

  @Test
  void sszHeadOfBytesReadsTimeAndRootAndRefusesAShortHead() {
    byte[] head = new byte[ReleaseParser.SSZ_HEAD_BYTES + 3];
    head[0] = 0x10; // little-endian genesis_time 0x0110 = 272
    head[1] = 0x01;
    for (int i = 8; i < 40; i++) {
      head[i] = (byte) 0xcd;
    }
    ParsedRelease.SszHead parsedHead = ReleaseParser.sszHead(head).orElseThrow();
    assertThat(parsedHead.genesisTime()).isEqualTo(272);
    assertThat(parsedHead.genesisValidatorsRoot()).isEqualTo("0x" + "cd".repeat(32));
    assertThat(ReleaseParser.sszHead(new byte[39])).isEmpty();
  }
}
