package dev.ephemery.inventory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the inventory spelling of an {@link Address}: {@code local} or {@code
 * ssh://user@host[:port]}. By hand, because the pure core does not touch java.net, and because each
 * way to get it wrong deserves its own message.
 */
public final class Addresses {

  static final String FORM = "'local', ssh://user@host[:port] or kubernetes://CONTEXT/NAMESPACE";
  private static final String KUBERNETES = "kubernetes://";
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  static final Pattern HOSTNAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
  private static final Pattern HOST_PORT =
      Pattern.compile("(?<host>\\[[^]]*]|[^:]*)(?::(?<port>.*))?");

  /** Either an address or why the text is not one. */
  public record Parsed(Address address, String error, String hint) {
    public boolean ok() {
      return address != null;
    }

    static Parsed error(String error, String hint) {
      return new Parsed(null, error, hint);
    }
  }

  private Addresses() {}

  /**
   * The machine an address reaches, the same for every user and spelling of the host name: nodes on
   * one machine share its ports and disks.
   */
  public static String machine(Address address) {
    return address instanceof Address.Ssh ssh
        ? ssh.host().toLowerCase(Locale.ROOT) + ":" + ssh.port()
        : "local";
  }

  /**
   * The machine a host's node runs on, as {@link #machine(Address)}; a Kubernetes host's node is a
   * pod of its own (its own ports and volumes), whatever namespace it shares.
   */
  public static String machine(Host host) {
    return host.address() instanceof Address.Kubernetes kube
        ? kube.uri() + " pod of " + host.name()
        : machine(host.address());
  }

  public static Parsed parse(String text) {
    if (text.equals("local")) {
      return new Parsed(new Address.Local(), null, null);
    }
    String quoted = "'" + text + "'";
    if (text.startsWith(KUBERNETES)) {
      return parseKubernetes(text.substring(KUBERNETES.length()), quoted);
    }
    if (!text.startsWith("ssh://")) {
      if (text.contains("://")) {
        return Parsed.error(
            quoted + " uses an unsupported scheme", "write " + FORM + " (ssh or kubernetes)");
      }
      if (text.contains("@")) {
        return Parsed.error(quoted + " has no scheme", "write ssh://" + text);
      }
      if (text.equalsIgnoreCase("localhost") || text.equals("127.0.0.1")) {
        return Parsed.error(quoted + " is not an address", "write 'local' for this machine");
      }
      return Parsed.error(quoted + " is not an address", "write " + FORM);
    }
    String rest = text.substring("ssh://".length());
    if (rest.contains("?") || rest.contains("#")) {
      return Parsed.error(
          quoted + " has a query or fragment", "write " + FORM + " without '?' or '#'");
    }
    if (rest.contains("/")) {
      return Parsed.error(quoted + " has a path", "write " + FORM + " without a path");
    }
    int at = rest.lastIndexOf('@');
    if (at < 0) {
      return Parsed.error(quoted + " names no user", "write ssh://USER@" + rest);
    }
    String user = rest.substring(0, at);
    if (user.contains(":")) {
      return Parsed.error(
          quoted + " contains a password",
          "remove it: authenticate with sshKeyFile or the SSH agent");
    }
    if (user.isEmpty() || !USER.matcher(user).matches()) {
      return Parsed.error(
          quoted + " has an invalid user '" + user + "'",
          "use letters, digits, '_', '.' and '-' for the user");
    }
    Matcher hostPort = HOST_PORT.matcher(rest.substring(at + 1));
    if (!hostPort.matches()) {
      return Parsed.error(quoted + " is not an address", "write " + FORM);
    }
    String host = hostPort.group("host");
    if (host.isEmpty()) {
      return Parsed.error(quoted + " names no host", "write ssh://" + user + "@HOST");
    }
    if (!HOSTNAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return Parsed.error(
          quoted + " has an invalid host '" + host + "'",
          "use a host name, an IPv4 address or [an IPv6 address]");
    }
    int port = Address.DEFAULT_SSH_PORT;
    String portText = hostPort.group("port");
    if (portText != null) {
      port = parsePort(portText);
      if (port < 0) {
        return Parsed.error(
            quoted + " has an invalid port '" + portText + "'", "use a port from 1 to 65535");
      }
    }
    return new Parsed(new Address.Ssh(user, host, port), null, null);
  }

  /**
   * {@code CONTEXT/NAMESPACE}: the context as the kubeconfig names it (EKS names hold '/' and ':',
   * so the namespace is what follows the last '/'), the namespace a DNS label.
   */
  private static Parsed parseKubernetes(String rest, String quoted) {
    String form = "write kubernetes://CONTEXT/NAMESPACE (a kubeconfig context, a namespace)";
    int slash = rest.lastIndexOf('/');
    if (slash < 0) {
      return Parsed.error(quoted + " names no namespace", form);
    }
    String context = rest.substring(0, slash);
    String namespace = rest.substring(slash + 1);
    if (context.isEmpty()) {
      return Parsed.error(
          quoted + " names no kubeconfig context",
          form
              + "; the context is explicit so that a changed current context never redirects"
              + " a deployment");
    }
    for (int i = 0; i < context.length(); i++) {
      char c = context.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '?' || c == '#') {
        return Parsed.error(
            quoted + " has an invalid context '" + context + "'",
            "write the context as 'kubectl config get-contexts' shows it");
      }
    }
    if (!NAMESPACE.matcher(namespace).matches()) {
      return Parsed.error(
          quoted + " has an invalid namespace '" + namespace + "'",
          "use 1-63 lower-case letters, digits and '-', not starting or ending with '-'");
    }
    return new Parsed(new Address.Kubernetes(context, namespace), null, null);
  }

  /** The port, or -1 when the text is not a number from 1 to 65535. */
  static int parsePort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? port : -1;
  }
}
