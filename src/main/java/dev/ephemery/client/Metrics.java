package dev.ephemery.client;

/** Where Prometheus scrapes a client: its container port and path. */
public record Metrics(int port, String path) {}
