package dev.ephemery.ops;

import dev.ephemery.plan.Role;
import java.nio.file.Path;

/**
 * One container of a node as the reset sees it: its name (the plan's service name), what it is, and
 * its data folder on the host with the rules for wiping it.
 */
public record Component(String name, Role role, String client, Path dataDir, DataDirRules rules) {}
