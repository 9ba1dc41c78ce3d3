package org.micasim.rmm.mica;

import java.io.ByteArrayOutputStream;

/** Test-side POLY v1 encoder (the RMM only decodes; the real compiler is policy-lang). */
final class PolyWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] encode(Policy p) {
        PolyWriter w = new PolyWriter();
        w.u32(PolicyDecoder.MAGIC).u16(1).u16(p.selfIndex()).u16(p.vms().size()).u16(p.mems().size())
                .u16(p.rules().size()).u16(0);
        for (PolicyVm vm : p.vms()) {
            w.u32(vm.name().raw()).u32(vm.hash()).u8(vm.gateway() ? 1 : 0).u8(vm.strict() ? 1 : 0).u16(0);
        }
        for (MemObject m : p.mems()) {
            w.u32(m.name().raw()).u64(m.size()).u16(m.type().code()).u16(m.mappings().size());
            for (Mapping mp : m.mappings()) {
                w.u16(mp.vmIndex()).u16(mp.prot().code()).u64(mp.gpa()).u32(mp.anyCount()).u32(0);
            }
        }
        for (ControlRule cf : p.rules()) {
            w.u32(cf.name().raw()).u16(cf.ownerIndex()).u16(cf.type().code()).u16(cf.policy().code())
                    .u16(cf.range().size());
            for (int r : cf.range()) {
                w.u32(r);
            }
        }
        long rims = p.vms().stream().filter(v -> v.expectedRim().isPresent()).count();
        if (rims > 0) {
            w.u32(PolicyDecoder.RIM_MAGIC).u16((int) rims).u16(0);
            for (int i = 0; i < p.vms().size(); i++) {
                final int index = i;
                p.vms().get(i).expectedRim().ifPresent(r -> {
                    w.u16(index).u16(64);
                    w.bytes(r.bytes());
                });
            }
        }
        return w.out.toByteArray();
    }

    PolyWriter u8(int v) {
        out.write(v);
        return this;
    }

    PolyWriter u16(int v) {
        return u8(v & 0xFF).u8((v >>> 8) & 0xFF);
    }

    PolyWriter u32(int v) {
        return u16(v).u16(v >>> 16);
    }

    PolyWriter u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    byte[] out() {
        return out.toByteArray();
    }

    PolyWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }
}
