package org.micasim.rmm.mica;

import java.util.List;
import java.util.Optional;

/**
 * A parsed policy as the RMM holds it in a realm's policy descriptor (mica.md §4.5 {@code parsed_payload}):
 * which VM is the uploader, the pipeline's VMs, memory objects and control-transfer rules.
 *
 * @param selfIndex index of the uploading realm's VM record, or {@link #NO_SELF} (0xFFFF)
 * @param vms       VM records (at most {@link PolicyDecoder#MAX_VMS})
 * @param mems      memory objects (at most {@link PolicyDecoder#MAX_MEMS})
 * @param rules     control-transfer rules (at most {@link PolicyDecoder#MAX_CFS})
 */
public record Policy(int selfIndex, List<PolicyVm> vms, List<MemObject> mems, List<ControlRule> rules) {
    /** self_vm_index 0xFFFF: a policy that names no uploader (the published "prefault" helper form). */
    public static final int NO_SELF = 0xFFFF;

    public Policy {
        vms = List.copyOf(vms);
        mems = List.copyOf(mems);
        rules = List.copyOf(rules);
    }

    /** The uploader's VM record, if {@link #selfIndex} names one. */
    public Optional<PolicyVm> self() {
        return selfIndex < vms.size() ? Optional.of(vms.get(selfIndex)) : Optional.empty();
    }

    /** Index of the VM record with identity {@code hash} (the first one, as the published validator looks up). */
    public Optional<Integer> indexOfHash(int hash) {
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).hash() == hash) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The memory object named {@code name}. */
    public Optional<MemObject> mem(ObjectName name) {
        return mems.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
