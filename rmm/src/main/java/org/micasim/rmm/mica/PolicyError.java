package org.micasim.rmm.mica;

/**
 * Why the RMM's POLY v1 parser refused a policy: the published parser's negative return codes -1..-16
 * (mica.md §4.5), then three codes of mica-sim's stricter decoder (docs/mica.md, "Parser").
 */
public enum PolicyError {
    /** -1: no buffer to parse. */
    NULL_ARGS(-1, "no policy bytes"),
    /** -2: fewer than the 16 header bytes. */
    TOO_SHORT(-2, "shorter than the 16-byte header"),
    /** -3: magic is not 0x504f4c59 ("POLY"). */
    BAD_MAGIC(-3, "magic is not 0x504f4c59 (POLY)"),
    /** -4: version is not 1. */
    BAD_VERSION(-4, "version is not 1"),
    /** -5: the VM section runs past the end. */
    VM_TRUNCATED(-5, "VM section truncated"),
    /** -6: self_vm_index is neither 0xFFFF nor below num_vms. */
    SELF_OUT_OF_RANGE(-6, "self_vm_index out of range"),
    /** -7: a MEM header runs past the end. */
    MEM_TRUNCATED(-7, "MEM header truncated"),
    /** -8: a MEM type is neither PROTECTED (1) nor UNPROTECTED (2). */
    MEM_TYPE(-8, "MEM type is not PROTECTED or UNPROTECTED"),
    /** -9: a MAP section runs past the end. */
    MAP_TRUNCATED(-9, "MAP section truncated"),
    /** -10: a mapping's vm_index is neither ANY nor below num_vms. */
    MAP_VM_INDEX(-10, "mapping vm_index out of range"),
    /** -11: a mapping's prot is not R (1), W (2) or RW (3). */
    MAP_PROT(-11, "mapping prot is not R, W or RW"),
    /** -12: an ANY mapping with any_count below -1. */
    ANY_COUNT(-12, "ANY mapping with any_count below -1"),
    /** -13: a named mapping with a non-zero any_count. */
    NAMED_ANY_COUNT(-13, "named mapping with non-zero any_count"),
    /** -14: a CF header runs past the end. */
    CF_TRUNCATED(-14, "CF header truncated"),
    /** -15: a CF owner is neither 0xFFFF nor below num_vms. */
    CF_OWNER(-15, "CF owner out of range"),
    /** -16: a CF range runs past the end. */
    CF_RANGE_TRUNCATED(-16, "CF range truncated"),
    /** -17 (mica-sim): more VMs, MEMs, mappings, CFs or range values than the RMM stores (8 each). */
    OVER_CAPACITY(-17, "more entries than the RMM stores"),
    /** -18 (mica-sim): a CF type or policy outside 0..3. */
    CF_ENUM(-18, "CF type or policy not 0..3"),
    /** -19 (mica-sim): a malformed expected-RIM extension. */
    RIM_EXTENSION(-19, "malformed expected-RIM extension");

    private final int code;
    private final String meaning;

    PolicyError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The negative return code. */
    public int code() {
        return code;
    }

    /** A short description of the condition. */
    public String meaning() {
        return meaning;
    }

    /** The error with this code. */
    public static PolicyError ofCode(int code) {
        for (PolicyError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException("no policy parser error " + code);
    }
}
