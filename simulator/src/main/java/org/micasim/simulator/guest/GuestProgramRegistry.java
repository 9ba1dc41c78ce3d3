package org.micasim.simulator.guest;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Program name to factory, supplied by the composition root. A realm image names its program in its
 * descriptor ({@link GuestImage}), so the name is part of the measured image.
 */
public final class GuestProgramRegistry {
    private final Map<String, Supplier<GuestProgram>> programs = new TreeMap<>();

    /** Registers {@code factory} under {@code name}; names are unique. */
    public synchronized GuestProgramRegistry register(String name, Supplier<GuestProgram> factory) {
        GuestImage.checkName(name);
        if (programs.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("guest program " + name + " is already registered");
        }
        return this;
    }

    /** A new instance of the program called {@code name}, if registered. */
    public synchronized Optional<GuestProgram> create(String name) {
        Supplier<GuestProgram> f = programs.get(name);
        return f == null ? Optional.empty() : Optional.of(f.get());
    }

    /** Registered names in order. */
    public synchronized java.util.Set<String> names() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(programs.keySet()));
    }
}
