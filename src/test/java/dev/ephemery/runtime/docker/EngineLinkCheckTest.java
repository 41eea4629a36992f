package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineLinkCheckTest {

  @Test
  void unresolvableElNameIsReportedWithTheNetworkFix() {
    EngineLinkCheck.Result result =
        EngineLinkCheck.classifyWget("http://el:8551", "el", 1, "", "wget: bad address 'el:8551'");

    assertThat(result.ok()).isFalse();
    assertThat(result.problem().message()).contains("'el' does not resolve");
    assertThat(result.problem().hint()).contains("node's own Docker network");
  }

  @Test
  void unauthorizedAnswerIsReportedAsInvalidToken() {
    EngineLinkCheck.Result result =
        EngineLinkCheck.classifyWget(
            "http://el:8551",
            "el",
            1,
            "",
            "wget: server returned error: HTTP/1.1 401 Unauthorized");

    assertThat(result.problem().message()).contains("InvalidToken");
  }

  @Test
  void capabilitiesAnswerIsSuccess() {
    EngineLinkCheck.Result result =
        EngineLinkCheck.classifyWget(
            "http://el:8551",
            "el",
            0,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"engine_newPayloadV3\"]}",
            "");

    assertThat(result.ok()).isTrue();
  }

  @Test
  void jsonRpcPortInsteadOfEngineIsNamed() {
    EngineLinkCheck.Result result =
        EngineLinkCheck.classify(
            "http://el:8545", 200, "{\"error\":{\"message\":\"method not found\"}}");

    assertThat(result.problem().hint()).contains("not its JSON-RPC port");
  }

  @Test
  void theProbesCommandLineNamesTheTokenFileNotTheToken() {
    // Docker keeps an exec's command line in its events and exec records: the signed token must
    // reach wget through the shell, from the file the helper wrote.
    java.util.List<String> command =
        EngineLinkCheck.wgetCommand("http://el:8551", "/tmp/ephemery-engine-token");

    assertThat(String.join(" ", command))
        .contains("Bearer $(cat ")
        .contains("/tmp/ephemery-engine-token")
        .doesNotContain("eyJ")
        .contains("engine_exchangeCapabilities");
    assertThat(command.subList(0, 2)).containsExactly("sh", "-c");
  }
}
