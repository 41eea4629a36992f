package dev.ephemery.plan;

/**
 * A container port and how it is reachable from outside the node's network.
 *
 * @param host the host port it is published on, or null when it is only reachable inside the node's
 *     network
 * @param bind the host address it is published on ({@code 127.0.0.1} for anything but P2P)
 * @param protocol {@code tcp} or {@code udp}
 * @param name what the port is for, e.g. {@code engine}, {@code p2p}, {@code metrics}
 */
public record PortBinding(int container, Integer host, String bind, String protocol, String name) {}
