package org.micasim.simulator.machine;

import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.memory.PhysicalAccessException;
import org.micasim.simulator.s2.S2Descriptor;

/** Test helper: writes stage-2 tables (4 KiB granule, 4 levels from level 0) into Realm granules. */
final class Stage2Builder {
    private final FirmwareServices services;
    final long root;
    private long nextTable;

    /** Tables are carved from [tablePool, ...) which must be delegated; the root is the first granule. */
    Stage2Builder(FirmwareServices services, long tablePool) throws PhysicalAccessException {
        this.services = services;
        this.root = tablePool;
        this.nextTable = tablePool + 4096;
        services.zeroGranule(Pas.REALM, root);
    }

    /** Maps the 4 KiB page at {@code ipa} to {@code pa} with {@code leaf} as extra descriptor bits. */
    void mapPage(long ipa, long desc) throws PhysicalAccessException {
        long table = root;
        for (int level = 0; level < 3; level++) {
            table = nextLevel(table, ipa, level);
        }
        services.write64(Pas.REALM, table + ((ipa >>> 12) & 0x1FF) * 8, desc);
    }

    /** Writes a block descriptor at {@code level} (1 or 2) for {@code ipa}. */
    void mapBlock(long ipa, int level, long desc) throws PhysicalAccessException {
        long table = root;
        for (int l = 0; l < level; l++) {
            table = nextLevel(table, ipa, l);
        }
        services.write64(Pas.REALM, table + ((ipa >>> (12 + 9 * (3 - level))) & 0x1FF) * 8, desc);
    }

    private long nextLevel(long table, long ipa, int level) throws PhysicalAccessException {
        long slot = table + ((ipa >>> (12 + 9 * (3 - level))) & 0x1FF) * 8;
        long d = services.read64(Pas.REALM, slot);
        if ((d & 3) == 3) {
            return d & S2Descriptor.ADDRESS_MASK;
        }
        long t = nextTable;
        nextTable += 4096;
        services.zeroGranule(Pas.REALM, t);
        services.write64(Pas.REALM, slot, S2Descriptor.table(t));
        return t;
    }
}
