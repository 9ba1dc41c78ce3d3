package org.micasim.rmm.measurement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;

/**
 * The RIM after a realm's construction against an independent computation in this test: the params
 * image and the 256-byte descriptors laid out by hand from the spec's offsets (DEN0137 §A7.1, rmm.md §7),
 * hashed with JCA.
 */
class MeasurementVectorTest {
    private static byte[] h(String algo, byte[] data) throws Exception {
        return MessageDigest.getInstance(algo).digest(data);
    }

    private static byte[] slot(byte[] digest) {
        return Arrays.copyOf(digest, 64);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rim_matchesHandLaidDescriptors(int hashAlgo) throws Exception {
        String algo = hashAlgo == 0 ? "SHA-256" : "SHA-512";
        try (RmmTestbed t = new RmmTestbed()) {
            long roots = t.delegatedContiguous(RmmTestbed.NUM_ROOTS);
            RmiRealmParams p = RmmTestbed.params(roots, 3).with("hash_algo", hashAlgo)
                .with("flags", RmiRealmParams.FLAG_PMU).with("pmu_num_ctrs", 4).with("rpv", 0x1234);
            long rd = t.createRealm(p);
            t.ok(RmiCommand.RMI_RTT_CREATE, rd, t.delegated(), 0, 2);
            t.ok(RmiCommand.RMI_RTT_CREATE, rd, t.delegated(), 0, 3);
            byte[] page = new byte[4096];
            for (int i = 0; i < page.length; i++) {
                page[i] = (byte) (i ^ 0x3C);
            }
            t.write(RmmTestbed.SRC, page);
            t.ok(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), 0x3000, RmmTestbed.SRC, 1);
            t.ok(RmiCommand.RMI_DATA_CREATE, rd, t.delegated(), 0x4000, RmmTestbed.SRC, 0);
            RmiRecParams rp = t.recParams(0, 0x3000, true).with("gprs0", 0xAA).with("gprs7", 0xBB);
            t.write(RmmTestbed.REC_PARAMS, rp.encode());
            t.ok(RmiCommand.RMI_REC_CREATE, rd, t.delegated(), RmmTestbed.REC_PARAMS);
            t.ok(RmiCommand.RMI_RTT_INIT_RIPAS, rd, 0x5000, 0x7000);

            // RimInit: a zero 4096-byte RmiRealmParams with only the measured fields
            ByteBuffer params = le(4096);
            params.putLong(0x000, RmiRealmParams.FLAG_PMU);
            params.put(0x008, (byte) RmmTestbed.S2SZ);
            params.put(0x018, (byte) 1);
            params.put(0x020, (byte) 1);
            params.put(0x028, (byte) 4);
            params.put(0x030, (byte) hashAlgo);
            byte[] rim = slot(h(algo, params.array()));
            // DATA with measure = 1
            rim = slot(h(algo, dataDesc(rim, 0x3000, 1, h(algo, page))));
            // DATA with measure = 0: content zero
            rim = slot(h(algo, dataDesc(rim, 0x4000, 0, null)));
            // runnable REC: flags, pc, gprs only
            ByteBuffer rec = le(4096);
            rec.putLong(0x000, 1);
            rec.putLong(0x200, 0x3000);
            rec.putLong(0x300, 0xAA);
            rec.putLong(0x338, 0xBB);
            ByteBuffer recDesc = le(256);
            recDesc.put(0x00, (byte) 1);
            recDesc.putLong(0x08, 0x100);
            recDesc.position(0x10);
            recDesc.put(rim);
            recDesc.position(0x50);
            recDesc.put(h(algo, rec.array()));
            rim = slot(h(algo, recDesc.array()));
            // INIT_RIPAS: one descriptor per level-3 entry
            for (long base = 0x5000; base < 0x7000; base += 0x1000) {
                ByteBuffer d = le(256);
                d.put(0x00, (byte) 2);
                d.putLong(0x08, 0x100);
                d.position(0x10);
                d.put(rim);
                d.putLong(0x50, base);
                d.putLong(0x58, base + 0x1000);
                rim = slot(h(algo, d.array()));
            }
            assertArrayEquals(rim, t.rmm.state().rdAt(rd).rim(), algo);
        }
    }

    private static byte[] dataDesc(byte[] rim, long ipa, long flags, byte[] content) {
        ByteBuffer d = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        d.put(0x00, (byte) 0);
        d.putLong(0x08, 0x100);
        d.position(0x10);
        d.put(rim);
        d.putLong(0x50, ipa);
        d.putLong(0x58, flags);
        if (content != null) {
            d.position(0x60);
            d.put(content);
        }
        return d.array();
    }
}
