package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

  @ParameterizedTest
  @CsvSource({
    "local, local",
    "ssh://ops@node1.example.org, ssh://ops@node1.example.org",
    "ssh://ops@node1.example.org:22, ssh://ops@node1.example.org",
    "ssh://ops@10.0.0.2:2222, ssh://ops@10.0.0.2:2222",
    "ssh://root@[2001:db8::1]:65535, ssh://root@[2001:db8::1]:65535",
    "ssh://my_user.x-y@h, ssh://my_user.x-y@h"
  })
  void parsesAndSpellsBack(String text, String uri) {
    Addresses.Parsed parsed = Addresses.parse(text);
    assertThat(parsed.ok()).as(parsed.error()).isTrue();
    assertThat(parsed.address().uri()).isEqualTo(uri);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ssh://host | names no user",
        "ssh://u@host:0 | invalid port",
        "ssh://u@host:65536 | invalid port",
        "ssh://u@host:22/x | has a path",
        "ssh://u@host?a=b | query",
        "ssh://u:pw@host | password",
        "tcp://u@host | unsupported scheme",
        "u@host | no scheme",
        "localhost | write 'local'",
        "ssh://u@ | names no host",
        "ssh://u@-bad- | invalid host",
        "ssh://@host | invalid user"
      })
  void explainsWhatIsWrong(String text, String expected) {
    Addresses.Parsed parsed = Addresses.parse(text.strip());
    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.error() + " " + parsed.hint()).contains(expected.strip());
  }
}
