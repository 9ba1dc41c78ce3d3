package org.micasim.realms.scenario;

import org.micasim.realms.workload.channel.ChannelMemory;
import org.micasim.simulator.machine.HostCpu;
import org.micasim.simulator.memory.PhysicalAccessException;

/**
 * A host-shared channel region as the host reaches it: Non-secure physical memory through the host
 * CPU, granule by granule (the granules need not be contiguous). A failed access means the host
 * touched memory that is not its own, which an honest host never does.
 */
final class HostChannelMemory implements ChannelMemory {
    private final HostCpu cpu;
    private final long[] granules;
    private final long base;
    private final long size;

    HostChannelMemory(HostCpu cpu, long[] granules, long base, long size) {
        this.cpu = cpu;
        this.granules = granules;
        this.base = base;
        this.size = size;
    }

    /** The PA of byte {@code offset} of this region. */
    long pa(long offset) {
        long at = base + offset;
        return granules[(int) (at >>> 12)] + (at & 0xFFF);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long load64(long offset) {
        try {
            return cpu.read64(pa(offset));
        } catch (PhysicalAccessException e) {
            throw new IllegalStateException("host channel read failed: " + e.getMessage());
        }
    }

    @Override
    public void store64(long offset, long value) {
        try {
            cpu.write64(pa(offset), value);
        } catch (PhysicalAccessException e) {
            throw new IllegalStateException("host channel write failed: " + e.getMessage());
        }
    }

    @Override
    public void load(long offset, byte[] dst, int off, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, 4096 - ((base + offset) & 0xFFF));
            try {
                System.arraycopy(cpu.read(pa(offset), n), 0, dst, off, n);
            } catch (PhysicalAccessException e) {
                throw new IllegalStateException("host channel read failed: " + e.getMessage());
            }
            offset += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void store(long offset, byte[] src, int off, int len) {
        while (len > 0) {
            int n = (int) Math.min(len, 4096 - ((base + offset) & 0xFFF));
            try {
                cpu.write(pa(offset), java.util.Arrays.copyOfRange(src, off, off + n));
            } catch (PhysicalAccessException e) {
                throw new IllegalStateException("host channel write failed: " + e.getMessage());
            }
            offset += n;
            off += n;
            len -= n;
        }
    }
}
