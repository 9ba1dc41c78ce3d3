package org.micasim.rmm.rsi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.realm.Rd;
import org.micasim.rmm.rec.Rec;
import org.micasim.simulator.guest.RealmVcpu;

/**
 * RSI_MEASUREMENT_READ and RSI_MEASUREMENT_EXTEND, each with the realm's RD locked so that another REC
 * of the realm cannot change the slot meanwhile (TF-RMM {@code handle_rsi_measurement_read/extend}).
 */
public final class MeasurementFunctions {
    private final RmmState s;

    public MeasurementFunctions(RmmState s) {
        this.s = s;
    }

    /**
     * RSI_MEASUREMENT_READ(index) → X1..X8 the 64-byte slot, little-endian doublewords. Failure: index &gt; 4
     * → RSI_ERROR_INPUT.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.8
     */
    public RsiOutcome read(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long index = v.x(1);
        if (Long.compareUnsigned(index, Rd.NUM_MEASUREMENTS - 1) > 0) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        Rd rd = rec.owner();
        rd.lock();
        byte[] slot;
        try {
            slot = rd.measurement((int) index);
        } finally {
            rd.unlock();
        }
        for (int i = 0; i < 8; i++) {
            v.setX(1 + i, le64(slot, 8 * i));
        }
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    /**
     * RSI_MEASUREMENT_EXTEND(index, size, value in X3..X10). Failures: index not 1..4, size &gt; 64 →
     * RSI_ERROR_INPUT. Success: REM[index] = H(REM[index] || value[0..size)).
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.7; rmm.md §7.5
     */
    public RsiOutcome extend(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long index = v.x(1);
        long size = v.x(2);
        if (index < 1 || index > Rd.NUM_MEASUREMENTS - 1 || Long.compareUnsigned(size, 64) > 0) {
            v.setX(0, RsiStatus.RSI_ERROR_INPUT.code());
            return RsiOutcome.RETURN_TO_REALM;
        }
        byte[] value = new byte[64];
        for (int i = 0; i < 8; i++) {
            long w = v.x(3 + i);
            for (int k = 0; k < 8; k++) {
                value[8 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        Rd rd = rec.owner();
        int slot = (int) index;
        rd.lock();
        try {
            rd.setMeasurement(slot, s.measurement().extendRem(rd.hashAlgo(), rd.measurement(slot), value, (int) size));
        } finally {
            rd.unlock();
        }
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        return RsiOutcome.RETURN_TO_REALM;
    }

    static long le64(byte[] b, int off) {
        long r = 0;
        for (int k = 7; k >= 0; k--) {
            r = (r << 8) | (b[off + k] & 0xFFL);
        }
        return r;
    }
}
