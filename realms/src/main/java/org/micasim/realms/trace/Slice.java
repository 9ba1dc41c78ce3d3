package org.micasim.realms.trace;

import java.util.Map;

/** Something that took time on a track: from {@code startCycle} to {@code endCycle} of that PE. */
public record Slice(Track track, String name, long startCycle, long endCycle, Map<String, String> args) {
    public Slice {
        if (endCycle < startCycle) {
            throw new IllegalArgumentException("slice " + name + " ends before it starts");
        }
        args = Map.copyOf(args);
    }
}
