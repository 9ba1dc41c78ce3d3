package org.micasim.simulator.timing;

/**
 * What happened, for the cost model and the statistics. Functional code reports events; it never reads
 * a clock. The meaning of the event's {@code amount} argument is given per kind.
 *
 * <p>The simulator owns this list; firmware (the RMM) reports its work with the generic kinds at the end.
 */
public enum EventKind {
    /** A guest or firmware memory access that hit in the TLB; amount = bytes. */
    MEM_ACCESS_TLB_HIT,
    /** A TLB miss; amount = 1. */
    TLB_MISS,
    /** One stage-2 table descriptor read during a walk; amount = level. */
    S2_WALK_STEP,
    /** One GPT descriptor read; amount = GPT level (0 or 1). */
    GPT_WALK_STEP,
    /** A granule protection check served from cached GPT information; amount = 1. */
    GPC_CACHED,
    /** An SMC instruction taken to EL3; amount = FID. */
    SMC,
    /** An ERET; amount = target exception level. */
    ERET,
    /** Save or restore of a world's register context at EL3; amount = registers moved. */
    CONTEXT_SWITCH,
    /** A DSB/ISB barrier; amount = 1. */
    BARRIER,
    /** A TLBI operation; amount = number of entries it covered (or 1 for broadcast). */
    TLBI,
    /** Cache maintenance by PA; amount = cache lines. */
    CACHE_MAINTENANCE,
    /** A GPT entry store at EL3; amount = 1. */
    GPT_STORE,
    /** Entry to or exit from a realm vCPU at EL1; amount = 1. */
    REALM_SWITCH,
    /** Hashing by firmware; amount = bytes. */
    HASH_BYTES,
    /** Copying by firmware; amount = bytes. */
    COPY_BYTES,
    /** Zeroing (scrubbing) by firmware; amount = bytes. */
    ZERO_BYTES,
    /** Signing with an attestation key; amount = 1. */
    SIGN,
    /** Firmware bookkeeping not otherwise modelled (a handler's fixed cost); amount = 1. */
    FIRMWARE_OP,
    /** Guest computation not otherwise modelled; amount = instructions. */
    GUEST_INSTRUCTIONS
}
