package org.micasim.rmm.rtt;

import org.micasim.rmm.abi.RmiRipas;

/**
 * Stage-2 translation table entries in the real descriptor bits: valid entries are what the MMU walks,
 * invalid ones carry the RMM's HIPAS and RIPAS in software bits, as TF-RMM encodes them.
 *
 * <p>Valid: bits 1:0 = 0b11 page (L3) or table (L0..2), 0b01 block; MemAttr 4:2 (FWB), S2AP 7:6, SH 9:8,
 * AF 10, OA 47:12, XN 54:53, NS 55. Invalid (bits 1:0 = 0): HIPAS 4:2 (0 unassigned, 1 assigned),
 * RIPAS 6:5, NS 55 for unprotected IPAs, OA kept for assigned entries.
 *
 * @spec Arm ARM DDI0487 §D8.3 (VMSAv8-64 descriptors); TF-RMM rmm-spec-v1.0-rel0
 *     {@code s2tt_pvt_defs.h}; hw.md §2.3, rmm.md §5.4
 */
public final class S2tte {
    public static final long DESC_TYPE_MASK = 0b11;
    public static final long DESC_INVALID = 0b00;
    public static final long DESC_BLOCK = 0b01;
    public static final long DESC_PAGE_OR_TABLE = 0b11;
    public static final int HIPAS_SHIFT = 2;
    public static final long HIPAS_MASK = 0b111L << HIPAS_SHIFT;
    public static final long HIPAS_UNASSIGNED = 0;
    public static final long HIPAS_ASSIGNED = 1L << HIPAS_SHIFT;
    public static final int RIPAS_SHIFT = 5;
    public static final long RIPAS_MASK = 0b11L << RIPAS_SHIFT;
    /** MemAttr[2:0] (FWB) field, bits 4:2. */
    public static final long MEMATTR_MASK = 0b111L << 2;
    /** MemAttr bit 3 of the four-bit field (bit 5), must be zero in host descriptors. */
    public static final long MEMATTR3 = 1L << 5;
    /** Normal memory, inner/outer write-back (FWB encoding 0b110). */
    public static final long MEMATTR_NORMAL_WB = 0b110L << 2;
    /** Reserved FWB MemAttr[2:0] encoding 0b100. */
    public static final long MEMATTR_RESERVED = 0b100L << 2;
    public static final long S2AP_MASK = 0b11L << 6;
    public static final long S2AP_RW = 0b11L << 6;
    public static final long SH_MASK = 0b11L << 8;
    public static final long SH_INNER = 0b11L << 8;
    public static final long AF = 1L << 10;
    /** Output address bits 47:12. */
    public static final long OA_MASK = 0x0000_FFFF_FFFF_F000L;
    public static final long XN_MASK = 0b11L << 53;
    /** XN = 0b10: execute-never at EL1 and EL0. */
    public static final long XN = 0b10L << 53;
    /** NS bit: output in the Non-secure PAS (unprotected mappings). */
    public static final long NS = 1L << 55;
    /** Attributes of a protected RAM mapping. */
    public static final long ATTRS_PROTECTED = MEMATTR_NORMAL_WB | S2AP_RW | SH_INNER | AF;

    private S2tte() {
    }

    /** A page (level 3) or block (levels 1, 2) descriptor type for {@code level}. */
    public static long leafType(int level) {
        return level == 3 ? DESC_PAGE_OR_TABLE : DESC_BLOCK;
    }

    public static long createUnassigned(RmiRipas ripas) {
        return HIPAS_UNASSIGNED | ((long) ripas.code() << RIPAS_SHIFT);
    }

    public static long createUnassignedNs() {
        return NS;
    }

    /** An ASSIGNED entry: a valid mapping for RIPAS RAM, an invalid one keeping the OA otherwise. */
    public static long createAssigned(RmiRipas ripas, long pa, int level) {
        if (ripas == RmiRipas.RAM) {
            return (pa & OA_MASK) | ATTRS_PROTECTED | leafType(level);
        }
        return (pa & OA_MASK) | HIPAS_ASSIGNED | ((long) ripas.code() << RIPAS_SHIFT);
    }

    /** An ASSIGNED_NS entry from the host's descriptor (OA, MemAttr, S2AP). */
    public static long createAssignedNs(long hostDesc, int level) {
        return (hostDesc & (OA_MASK | MEMATTR_MASK | S2AP_MASK)) | AF | NS | XN | SH_INNER | leafType(level);
    }

    public static long createTable(long rttPa) {
        return (rttPa & OA_MASK) | DESC_PAGE_OR_TABLE;
    }

    public static boolean isValid(long e) {
        return (e & 1) != 0;
    }

    /** The entry's state; a valid descriptor at level 3 is a page, above it a table when bits are 0b11. */
    public static S2tteState state(long e, int level) {
        long type = e & DESC_TYPE_MASK;
        if (type == DESC_PAGE_OR_TABLE && level < 3) {
            return S2tteState.TABLE;
        }
        boolean ns = (e & NS) != 0;
        if (type != DESC_INVALID) {
            return ns ? S2tteState.ASSIGNED_NS : S2tteState.ASSIGNED;
        }
        if (ns) {
            return S2tteState.UNASSIGNED_NS;
        }
        return (e & HIPAS_MASK) == HIPAS_ASSIGNED ? S2tteState.ASSIGNED : S2tteState.UNASSIGNED;
    }

    /** RIPAS of a protected entry: RAM for a valid mapping, else the software field. */
    public static RmiRipas ripas(long e) {
        if (isValid(e)) {
            return RmiRipas.RAM;
        }
        long code = (e & RIPAS_MASK) >>> RIPAS_SHIFT;
        switch ((int) code) {
            case 0: return RmiRipas.EMPTY;
            case 1: return RmiRipas.RAM;
            case 2: return RmiRipas.DESTROYED;
            default: throw new IllegalStateException(String.format("corrupt RIPAS in s2tte 0x%x", e));
        }
    }

    /** Output address. */
    public static long oa(long e) {
        return e & OA_MASK;
    }

    /** The host-visible fields of an ASSIGNED_NS entry: OA, MemAttr[2:0], S2AP. */
    public static long hostFields(long e) {
        return e & (OA_MASK | MEMATTR_MASK | S2AP_MASK);
    }

    /** RttDescriptorIsValidForUnprotected: only OA, MemAttr[2:0] (not 0b100) and S2AP may be set. */
    public static boolean isValidForUnprotected(long desc, int level) {
        if ((desc & ~(OA_MASK | MEMATTR_MASK | S2AP_MASK)) != 0) {
            return false;
        }
        return (desc & MEMATTR_MASK) != MEMATTR_RESERVED;
    }
}
