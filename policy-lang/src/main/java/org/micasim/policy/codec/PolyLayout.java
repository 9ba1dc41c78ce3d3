package org.micasim.policy.codec;

/**
 * Byte layout of the POLY v1 payload, little-endian throughout.
 *
 * <pre>
 * Header (16 B): u32 magic | u16 version | u16 self_vm_index | u16 num_vms | u16 num_mems | u16 num_cfs | u16 reserved
 * VM record (12 B): char name[4] | u32 hash | u8 is_gateway | u8 strict | u16 reserved
 * MEM header (16 B): char name[4] | u64 size | u16 type | u16 num_maps
 * MAP record (20 B): u16 vm_index | u16 prot | u64 gpa | i32 any_count | u32 reserved
 * CF header (12 B): char name[4] | u16 owner_vm_index | u16 type | u16 policy | u16 range_len, then u32 range[range_len]
 * </pre>
 *
 * <p>@spec mica.md §4.5
 */
public final class PolyLayout {
    private PolyLayout() {}

    /** "POLY" read as a little-endian u32. */
    public static final int MAGIC = 0x504f_4c59;
    public static final int VERSION = 1;
    /** vm_index of an ANY mapping, owner of a CF without owner, self index of a policy without Self. */
    public static final int NO_INDEX = 0xFFFF;
    /** The payload must fit one granule. */
    public static final int MAX_SIZE = 4096;
    public static final int NAME_BYTES = 4;

    public static final int HEADER_SIZE = 16;
    public static final int HDR_MAGIC = 0;
    public static final int HDR_VERSION = 4;
    public static final int HDR_SELF = 6;
    public static final int HDR_NUM_VMS = 8;
    public static final int HDR_NUM_MEMS = 10;
    public static final int HDR_NUM_CFS = 12;
    public static final int HDR_RESERVED = 14;

    public static final int VM_SIZE = 12;
    public static final int VM_NAME = 0;
    public static final int VM_HASH = 4;
    public static final int VM_IS_GATEWAY = 8;
    public static final int VM_STRICT = 9;
    public static final int VM_RESERVED = 10;

    public static final int MEM_SIZE = 16;
    public static final int MEM_NAME = 0;
    public static final int MEM_BYTES = 4;
    public static final int MEM_TYPE = 12;
    public static final int MEM_NUM_MAPS = 14;

    public static final int MAP_SIZE = 20;
    public static final int MAP_VM_INDEX = 0;
    public static final int MAP_PROT = 2;
    public static final int MAP_GPA = 4;
    public static final int MAP_ANY_COUNT = 12;
    public static final int MAP_RESERVED = 16;

    public static final int CF_SIZE = 12;
    public static final int CF_NAME = 0;
    public static final int CF_OWNER = 4;
    public static final int CF_TYPE = 6;
    public static final int CF_POLICY = 8;
    public static final int CF_RANGE_LEN = 10;
    public static final int RANGE_VALUE_SIZE = 4;
}
