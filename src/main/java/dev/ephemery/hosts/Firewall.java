package dev.ephemery.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The firewall check: are the node's P2P ports open in the host firewall it uses (ufw, else an
 * nftables {@code inet filter input} chain whose policy drops)? Only ever adds openings.
 */
final class Firewall {

  /** {@code tcp dport 30303 accept}, {@code udp dport { 9000, 30303 } accept}, ranges a-b. */
  private static final Pattern NFT_DPORT = Pattern.compile("(tcp|udp) dport (\\{[^}]*}|\\S+)");

  private Firewall() {}

  static HostCheck check(HostFacts facts, List<P2pPort> ports, String sudo, List<HostAction> a) {
    if (facts.getOr("ufw_status", "").equals("unreadable")) {
      return HostCheck.warn(
          "firewall",
          "ufw is installed but its rules cannot be read as " + facts.getOr("user", "this user"),
          "give the user password-less sudo for ufw, or check 'ufw status' as root");
    }
    if (facts.getOr("ufw_status", "").equals("Status: active")) {
      List<P2pPort> closed = ports.stream().filter(p -> !ufwAllows(facts, p)).toList();
      closed.forEach(
          p ->
              a.add(
                  new HostAction(
                      "firewall",
                      "ufw: allow " + p.spec() + " (" + p.what() + ")",
                      sudo + "ufw allow " + p.spec())));
      return verdict("ufw", ports, closed, "ufw allow PORT/PROTO");
    }
    boolean drops = facts.all("nft_line").stream().anyMatch(l -> l.contains("policy drop"));
    if (drops) {
      List<P2pPort> closed = ports.stream().filter(p -> !nftAllows(facts, p)).toList();
      closed.forEach(
          p ->
              a.add(
                  new HostAction(
                      "firewall",
                      "nftables: accept "
                          + p.spec()
                          + " in inet filter input ("
                          + p.what()
                          + "; add it to /etc/nftables.conf to keep it after a reboot)",
                      sudo
                          + "nft add rule inet filter input "
                          + p.protocol()
                          + " dport "
                          + p.port()
                          + " accept")));
      return verdict("nftables", ports, closed, "nft add rule inet filter input PROTO dport PORT");
    }
    return HostCheck.ok(
        "firewall",
        "no active host firewall (ufw inactive or absent, no nftables input chain that drops):"
            + " P2P ports "
            + specs(ports)
            + " are open unless a provider firewall closes them");
  }

  private static HostCheck verdict(
      String firewall, List<P2pPort> ports, List<P2pPort> closed, String how) {
    if (closed.isEmpty()) {
      return HostCheck.ok("firewall", firewall + " allows the P2P ports " + specs(ports));
    }
    return HostCheck.warn(
        "firewall",
        firewall + " does not allow " + specs(closed) + ": fewer peers reach the node",
        how + " for each (or run with --apply); nothing else is opened or closed");
  }

  private static String specs(List<P2pPort> ports) {
    return String.join(", ", ports.stream().map(P2pPort::spec).toList());
  }

  /** A {@code ufw status} rule line: {@code 30303/tcp ALLOW Anywhere}, {@code 9000 ALLOW IN}. */
  static boolean ufwAllows(HostFacts facts, P2pPort port) {
    for (String line : facts.all("ufw_line")) {
      String[] tokens = line.trim().split("\\s+");
      if (tokens.length < 2 || !tokens[1].equals("ALLOW") && !line.contains(" ALLOW IN ")) {
        continue;
      }
      String[] target = tokens[0].split("/");
      boolean protocol = target.length == 1 || target[1].equals(port.protocol());
      if (protocol && covers(target[0], ':', port.port())) {
        return true;
      }
    }
    return false;
  }

  static boolean nftAllows(HostFacts facts, P2pPort port) {
    for (String line : facts.all("nft_line")) {
      if (!line.contains("accept")) {
        continue;
      }
      Matcher m = NFT_DPORT.matcher(line);
      while (m.find()) {
        if (!m.group(1).equals(port.protocol())) {
          continue;
        }
        for (String item : items(m.group(2))) {
          if (covers(item, '-', port.port())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static List<String> items(String set) {
    List<String> out = new ArrayList<>();
    for (String item : set.replace("{", "").replace("}", "").split(",")) {
      if (!item.isBlank()) {
        out.add(item.strip());
      }
    }
    return out;
  }

  /** {@code 30303} or a range {@code 9000:9001} (ufw) / {@code 9000-9001} (nftables). */
  private static boolean covers(String item, char rangeMark, int port) {
    try {
      int mark = item.indexOf(rangeMark);
      if (mark < 0) {
        return Integer.parseInt(item) == port;
      }
      int low = Integer.parseInt(item.substring(0, mark));
      int high = Integer.parseInt(item.substring(mark + 1));
      return low <= port && port <= high;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
