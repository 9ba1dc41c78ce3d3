package org.micasim.rmm.invariant;

import org.micasim.simulator.machine.Machine;

/** Side-effect-free access to the machine's memory and GPT: no GPC check, no event, no cycle. */
public interface PhysicalView {
    /** The GPI the GPT gives {@code pa} (a table walk, not a cache), or -1 if none. */
    int gpi(long pa);

    /** {@code len} bytes of physical memory at {@code pa}, whatever their PAS. */
    byte[] peek(long pa, int len);

    /** The view of {@code machine} ({@link Machine#gpiOf}, {@link Machine#peek}). */
    static PhysicalView of(Machine machine) {
        return new PhysicalView() {
            @Override
            public int gpi(long pa) {
                return machine.gpiOf(pa);
            }

            @Override
            public byte[] peek(long pa, int len) {
                return machine.peek(pa, len);
            }
        };
    }
}
