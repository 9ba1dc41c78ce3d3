package org.micasim.simulator.gpt;

/**
 * Encoding and decoding of GPT descriptors (Arm ARM DDI0487 §D9.3; TF-A gpt_rme_private.h).
 *
 * <p>Level 0: bits [3:0] type, 0b0001 block with GPI in [7:4] and [63:8] RES0, 0b0011 table with the
 * level-1 table address in [51:12]. Level 1: a granules descriptor holds 16 GPIs, GPI i in bits [4i+3:4i];
 * a word whose low nibble is 0b0001 is a contiguous descriptor with GPI in [7:4] and Contig in [9:8]
 * (1 = 2 MiB, 2 = 32 MiB, 3 = 512 MiB), bits [63:10] RES0.
 */
public final class GptDescriptor {
    /** L0 type field for a block descriptor. */
    public static final int L0_TYPE_BLOCK = 0b0001;
    /** L0 type field for a table descriptor. */
    public static final int L0_TYPE_TABLE = 0b0011;
    /** The low nibble of a contiguous level-1 descriptor. */
    public static final int L1_CONTIG_MARK = 0b0001;
    /** Mask of the table address in a level-0 table descriptor: bits [51:12]. */
    public static final long L0_TABLE_ADDR_MASK = 0x000F_FFFF_FFFF_F000L;

    private GptDescriptor() {
    }

    /** A level-0 block descriptor giving the whole L0 region {@code gpi}. */
    public static long l0Block(Gpi gpi) {
        return ((long) gpi.value() << 4) | L0_TYPE_BLOCK;
    }

    /** A level-0 table descriptor pointing at a level-1 table at {@code l1Pa}. */
    public static long l0Table(long l1Pa) {
        return (l1Pa & L0_TABLE_ADDR_MASK) | L0_TYPE_TABLE;
    }

    /** A level-1 granules descriptor whose 16 GPIs are all {@code gpi}. */
    public static long l1Granules(Gpi gpi) {
        return 0x1111_1111_1111_1111L * gpi.value();
    }

    /** Replaces GPI {@code index} (0..15) of a granules descriptor. */
    public static long withGpi(long granulesDesc, int index, Gpi gpi) {
        int shift = index * 4;
        return (granulesDesc & ~(0xFL << shift)) | ((long) gpi.value() << shift);
    }

    /** GPI {@code index} of a granules descriptor. */
    public static int gpiAt(long granulesDesc, int index) {
        return (int) (granulesDesc >>> (index * 4)) & 0xF;
    }

    /** A contiguous descriptor; {@code contig} is 1 (2 MiB), 2 (32 MiB) or 3 (512 MiB). */
    public static long l1Contig(Gpi gpi, int contig) {
        if (contig < 1 || contig > 3) {
            throw new IllegalArgumentException("Contig must be 1..3, got " + contig);
        }
        return ((long) contig << 8) | ((long) gpi.value() << 4) | L1_CONTIG_MARK;
    }

    /** Whether a level-1 word is a contiguous descriptor. */
    public static boolean isContig(long l1) {
        return (l1 & 0xF) == L1_CONTIG_MARK;
    }

    /** The Contig field of a contiguous descriptor. */
    public static int contigField(long l1) {
        return (int) (l1 >>> 8) & 3;
    }

    /** Bytes covered by a contiguous descriptor with field {@code contig}: 2 MiB, 32 MiB, 512 MiB. */
    public static long contigSize(int contig) {
        return 1L << (21 + 4 * (contig - 1));
    }

    /** The GPI field [7:4] of a level-0 block or a contiguous descriptor. */
    public static int blockGpi(long desc) {
        return (int) (desc >>> 4) & 0xF;
    }
}
