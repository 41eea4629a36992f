package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator's keys, passwords, remote signer and fee recipient in the inventory. */
class ValidatorKeysTest {

  static String inventory(String validator) {
    return """
        hosts:
          - name: node1
            address: local
            execution: { client: geth }
            consensus: { client: teku }
            validator:
        """
        + validator.indent(6);
  }

  static List<String> problems(String validator) {
    return InventoryParser.validate(inventory(validator), "x").problems().stream()
        .map(Problem::describe)
        .toList();
  }

  @Test
  void keccakAndEip55MatchKnownValues() {
    assertThat(java.util.HexFormat.of().formatHex(Keccak256.hash("")))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(ValueFormat.eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
        .isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertThat(ValueFormat.eip55("00000000219ab540356cbb839cbe05303d7705fa"))
        .isEqualTo("0x00000000219ab540356cBB839Cbe05303d7705Fa");
  }

  @Test
  void feeRecipientChecksumIsCheckedOnlyWhenMixedCase() {
    assertThat(problems("feeRecipient: \"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"")).isEmpty();
    assertThat(problems("feeRecipient: \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"")).isEmpty();
    assertThat(problems("feeRecipient: \"0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED\"")).isEmpty();
    assertThat(problems("feeRecipient: \"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\""))
        .singleElement()
        .asString()
        .startsWith("hosts[0].validator.feeRecipient (line 7): ")
        .contains("fails its EIP-55 checksum")
        .doesNotContain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"); // no "fixed" address
    assertThat(problems("feeRecipient: \"0x5aAeb6053F\""))
        .singleElement()
        .asString()
        .contains("is not an Ethereum address");
  }

  @Test
  void newKeysAreReadWithTheirDefaults() {
    Host host =
        InventoryParser.parse(
                inventory(
                    "enabled: true\nkeysDir: /srv/keys\npasswordsDir: /srv/passwords\n"
                        + "feeRecipient: \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"\n"),
                "x")
            .hosts()
            .get(0);
    assertThat(host.validator().passwordsDir()).isEqualTo("/srv/passwords");
    assertThat(host.validator().passwordFile()).isNull();
    assertThat(host.validator().remoteSigner()).isNull();
    assertThat(host.validator().doppelganger()).isFalse();
    Host remote =
        InventoryParser.parse(
                inventory("remoteSigner: https://signer.example.org:9000\ndoppelganger: true\n"),
                "x")
            .hosts()
            .get(0);
    assertThat(remote.validator().remoteSigner()).isEqualTo("https://signer.example.org:9000");
    assertThat(remote.validator().doppelganger()).isTrue();
  }

  @Test
  void contradictingKeysAreAllReportedWithTheirLines() {
    assertThat(
            problems(
                "keysDir: /srv/keys\npasswordFile: /srv/pw.txt\npasswordsDir: /srv/pw\n"
                    + "remoteSigner: http://127.0.0.1:9000\n"))
        .containsExactly(
            "hosts[0].validator.passwordsDir (line 9): passwordFile and passwordsDir are both set"
                + " — keep passwordFile when every keystore has the same password, passwordsDir"
                + " when each has its own (set the other to ~ when it comes from defaults)",
            "hosts[0].validator.keysDir (line 7): keysDir is set next to remoteSigner — sign with"
                + " either the remote signer or local keystores, not both: a key loaded in both"
                + " places signs twice, which is slashable (set keysDir: ~ to unset one from"
                + " defaults)",
            "hosts[0].validator.passwordFile (line 8): passwordFile is set next to remoteSigner"
                + " — sign with either the remote signer or local keystores, not both: a key"
                + " loaded in both places signs twice, which is slashable (set passwordFile: ~ to"
                + " unset one from defaults)",
            "hosts[0].validator.passwordsDir (line 9): passwordsDir is set next to remoteSigner"
                + " — sign with either the remote signer or local keystores, not both: a key"
                + " loaded in both places signs twice, which is slashable (set passwordsDir: ~ to"
                + " unset one from defaults)");
    assertThat(problems("remoteSigner: ftp://signer\npasswordFile: pw.txt\n"))
        .containsExactly(
            "hosts[0].validator.remoteSigner (line 7): 'ftp://signer' is not an http(s) URL —"
                + " write http(s)://host[:port][/path]",
            "hosts[0].validator.passwordFile (line 8): 'pw.txt' is not an absolute path — start"
                + " it with '/'");
  }

  @Test
  void anEnabledValidatorNeedsAFeeRecipientKeysAndTheirPassword() {
    Inventory bare = InventoryParser.parse(inventory("enabled: true\n"), "x");
    assertThat(ValidatorChecks.required(bare))
        .extracting(Problem::where)
        .containsExactly("hosts[0].validator.feeRecipient", "hosts[0].validator.keysDir");
    Inventory noPassword =
        InventoryParser.parse(
            inventory(
                "enabled: true\nkeysDir: /srv/keys\nfeeRecipient:"
                    + " \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"\n"),
            "x");
    assertThat(ValidatorChecks.required(noPassword))
        .extracting(Problem::where)
        .containsExactly("hosts[0].validator.passwordFile");
    Inventory remote =
        InventoryParser.parse(
            inventory(
                "enabled: true\nremoteSigner: http://127.0.0.1:9000\nfeeRecipient:"
                    + " \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"\n"),
            "x");
    assertThat(ValidatorChecks.required(remote)).isEmpty();
    Inventory disabled = InventoryParser.parse(inventory("enabled: false\n"), "x");
    assertThat(ValidatorChecks.required(disabled)).isEmpty();
  }

  @Test
  void theWriterKeepsTheNewKeys() {
    Inventory inventory =
        InventoryParser.parse(
            inventory(
                "enabled: true\nkeysDir: /srv/keys\npasswordFile: /srv/pw.txt\ndoppelganger:"
                    + " true\nfeeRecipient: \"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"\n"),
            "x");
    String written = InventoryWriter.write(inventory.hosts(), List.of(), true);
    assertThat(InventoryParser.parse(written, "y").hosts().get(0).validator())
        .isEqualTo(inventory.hosts().get(0).validator());
  }
}
