package dev.ephemery.plan;

/** A host folder or file bind-mounted into a container. */
public record Mount(String source, String target, boolean readOnly) {}
