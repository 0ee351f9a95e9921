package org.example.outside;

import java.io.Serializable;

/** A class outside every allowlist of the cluster tests: no member may decode it. */
public record Gadget(String payload) implements Serializable {}
