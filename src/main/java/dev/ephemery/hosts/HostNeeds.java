package dev.ephemery.hosts;

import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.client.HardwareRequirements;
import dev.ephemery.client.HardwareRequirements.Requirement;
import dev.ephemery.client.PortSpec;
import dev.ephemery.inventory.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * What one inventory host's node needs from its machine: its P2P ports open to peers, memory and
 * free disk under baseDir (recommended from {@link HardwareRequirements} per client, and the floor
 * below which it does not run).
 */
public record HostNeeds(
    String baseDir,
    List<P2pPort> ports,
    int memoryMiB,
    int memoryFloorMiB,
    int diskGiB,
    int diskFloorGiB,
    String clients) {

  public HostNeeds {
    ports = List.copyOf(ports);
  }

  public static HostNeeds of(Host host) {
    List<P2pPort> ports = new ArrayList<>();
    ClientProfile execution = ClientProfiles.execution(host.execution().client());
    ClientProfile beacon = ClientProfiles.beacon(host.consensus().client());
    addPublic(ports, execution, host.execution().p2pPort(), host.execution().client().id());
    addPublic(ports, beacon, host.consensus().p2pPort(), host.consensus().client().id());
    Requirement el = HardwareRequirements.execution(host.execution().client());
    Requirement cl = HardwareRequirements.beacon(host.consensus().client());
    int memory = el.memoryMiB() + cl.memoryMiB();
    int floor =
        HardwareRequirements.EXECUTION_MEMORY_FLOOR_MIB
            + HardwareRequirements.CONSENSUS_MEMORY_FLOOR_MIB;
    int disk = el.diskGiB() + cl.diskGiB();
    String clients = host.execution().client().id() + " + " + host.consensus().client().id();
    boolean separateValidator =
        host.validator().enabled()
            && ClientProfiles.validator(host.validator().client()).isPresent();
    if (separateValidator) {
      Requirement vc = HardwareRequirements.validator(host.validator().client());
      memory += vc.memoryMiB();
      floor += HardwareRequirements.VALIDATOR_MEMORY_FLOOR_MIB;
      disk += vc.diskGiB();
      clients += " + " + host.validator().client().id() + " validator";
    }
    return new HostNeeds(
        host.baseDir(), ports, memory, floor, disk, HardwareRequirements.DISK_FLOOR_GIB, clients);
  }

  private static void addPublic(
      List<P2pPort> ports, ClientProfile profile, Integer configured, String client) {
    int p2p = configured != null ? configured : profile.defaultP2pPort();
    for (PortSpec spec : profile.ports(p2p)) {
      if (spec.exposure() == PortSpec.Exposure.PUBLIC) {
        P2pPort port = new P2pPort(spec.container(), spec.protocol(), client + " " + spec.name());
        if (ports.stream().noneMatch(p -> p.spec().equals(port.spec()))) {
          ports.add(port);
        }
      }
    }
  }
}
