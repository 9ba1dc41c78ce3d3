package org.micasim.simulator.s2;

/**
 * VMSAv8-64 stage-2 descriptor bits for the 4 KiB granule (Arm ARM DDI0487 §D8.3): [1:0] type (0b01 block
 * at levels 1-2, 0b11 table at levels 0-2 or page at level 3), MemAttr [5:2], S2AP [7:6] (bit 6 read,
 * bit 7 write), SH [9:8], AF [10], output address [47:12], XN [54:53], and bit 55 NS, which in a Realm
 * stage-2 translation puts the output in the Non-secure PAS (RME).
 */
public final class S2Descriptor {
    public static final long VALID = 1;
    public static final long TYPE_TABLE_OR_PAGE = 0b10;
    /** S2AP[0]: stage-2 read permission. */
    public static final long S2AP_READ = 1L << 6;
    /** S2AP[1]: stage-2 write permission. */
    public static final long S2AP_WRITE = 1L << 7;
    /** Normal write-back memory with HCR_EL2.FWB = 1, inner shareable, AF set. */
    public static final long NORMAL_ATTRS = (0b110L << 2) | (0b11L << 8) | (1L << 10);
    public static final long AF = 1L << 10;
    public static final long NS = 1L << 55;
    /** Output/next-table address bits [47:12]. */
    public static final long ADDRESS_MASK = 0x0000_FFFF_FFFF_F000L;

    private S2Descriptor() {
    }

    /** A table descriptor pointing at {@code nextTablePa}. */
    public static long table(long nextTablePa) {
        return (nextTablePa & ADDRESS_MASK) | 0b11;
    }

    /** A level-3 page descriptor, normal memory, AF set, read/write. */
    public static long page(long pa) {
        return (pa & ADDRESS_MASK) | NORMAL_ATTRS | S2AP_READ | S2AP_WRITE | 0b11;
    }

    /** A level-1 or level-2 block descriptor, normal memory, AF set, read/write. */
    public static long block(long pa) {
        return (pa & ADDRESS_MASK) | NORMAL_ATTRS | S2AP_READ | S2AP_WRITE | 0b01;
    }

    /** Bytes mapped by a leaf at {@code level}: 1 GiB, 2 MiB or 4 KiB. */
    public static long mapSize(int level) {
        return 1L << (12 + 9 * (3 - level));
    }
}
