package org.micasim.rmm.rsi;

import org.micasim.rmm.RmmState;
import org.micasim.rmm.abi.RsiStatus;
import org.micasim.rmm.granule.Granule;
import org.micasim.rmm.rec.AttestationState;
import org.micasim.rmm.rec.Rec;
import org.micasim.simulator.guest.RealmVcpu;
import org.micasim.simulator.timing.EventKind;

/**
 * RSI_ATTESTATION_TOKEN_INIT and RSI_ATTESTATION_TOKEN_CONTINUE: the realm streams its CCA token into
 * its own memory, one chunk per call.
 */
public final class AttestationFunctions {
    /** Upper bound of the token size returned by TOKEN_INIT (TF-RMM: one 4 KiB token buffer). */
    public static final long TOKEN_BUFFER_SIZE = 4096;

    private final RmmState s;

    public AttestationFunctions(RmmState s) {
        this.s = s;
    }

    /**
     * RSI_ATTESTATION_TOKEN_INIT(challenge in X1..X8) → X1 upper bound of the token size. No failure
     * conditions; any ongoing token operation is abandoned; attest_state = ATTEST_IN_PROGRESS.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.2
     */
    public RsiOutcome init(Rec rec) {
        RealmVcpu v = rec.vcpu();
        byte[] challenge = new byte[64];
        for (int i = 0; i < 8; i++) {
            long w = v.x(1 + i);
            for (int k = 0; k < 8; k++) {
                challenge[8 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        rec.attestation().start(challenge);
        v.setX(0, RsiStatus.RSI_SUCCESS.code());
        v.setX(1, TOKEN_BUFFER_SIZE);
        return RsiOutcome.RETURN_TO_REALM;
    }

    /**
     * RSI_ATTESTATION_TOKEN_CONTINUE(addr, offset, size) → X1 bytes copied. Failures, in order: addr not
     * 4 KiB aligned, addr not protected, offset ≥ 4096, offset + size overflows or exceeds 4096 →
     * RSI_ERROR_INPUT; no token in progress → RSI_ERROR_STATE; the granule has RIPAS EMPTY →
     * RSI_ERROR_INPUT; RIPAS RAM but not mapped → stage-2 fault exit; the token cannot be generated (no
     * platform attestation) → RSI_ERROR_UNKNOWN. Otherwise copies min(size, remaining) bytes of the token
     * to addr + offset: RSI_INCOMPLETE while bytes remain (or size is 0), RSI_SUCCESS with the last chunk.
     *
     * @spec Arm DEN0137 1.0-rel0 §B5.3.1; rmm.md §8.2
     */
    public RsiOutcome cont(Rec rec) {
        RealmVcpu v = rec.vcpu();
        long addr = v.x(1);
        long offset = v.x(2);
        long size = v.x(3);
        if (!isTokenBuffer(rec, addr, offset, size)) {
            return fail(v, RsiStatus.RSI_ERROR_INPUT);
        }
        AttestationState st = rec.attestation();
        if (!st.inProgress()) {
            return fail(v, RsiStatus.RSI_ERROR_STATE);
        }
        // The token is made with the RD locked, so no other REC of the realm changes a measurement while
        // it is read (TF-RMM handle_rsi_attest_token_init); the RD comes before the RTTs in the lock order.
        boolean sign = st.token() == null;
        if (sign) {
            rec.owner().lock();
        }
        try {
            return copyChunk(rec, v, st, addr, offset, size, sign);
        } finally {
            if (sign) {
                rec.owner().unlock();
            }
        }
    }

    /**
     * The argument checks of a token CONTINUE call, in order: {@code addr} 4 KiB aligned and protected,
     * {@code offset} inside the granule, {@code offset + size} neither overflowing nor past its end.
     */
    public static boolean isTokenBuffer(Rec rec, long addr, long offset, long size) {
        return (addr & (Granule.SIZE - 1)) == 0 && rec.owner().s2().isProtected(addr)
            && Long.compareUnsigned(offset, Granule.SIZE) < 0
            && Long.compareUnsigned(offset + size, offset) >= 0
            && Long.compareUnsigned(offset + size, Granule.SIZE) <= 0;
    }

    private RsiOutcome copyChunk(Rec rec, RealmVcpu v, AttestationState st, long addr, long offset, long size,
                                 boolean sign) {
        IpaTranslation t = IpaTranslation.lock(s.rtts(), rec.owner(), addr);
        if (t.kind() == IpaTranslation.Kind.EMPTY) {
            return fail(v, RsiStatus.RSI_ERROR_INPUT);
        }
        if (t.kind() == IpaTranslation.Kind.FAULT) {
            return new RsiOutcome.Stage2Fault(addr, t.level());
        }
        try {
            if (!IpaTranslation.writable(s.rtts(), rec.owner(), addr)) {
                return fail(v, RsiStatus.RSI_ERROR_INPUT); // a read-only (Mica shared) page
            }
            if (sign) {
                byte[] token = generate(rec);
                if (token == null) {
                    st.reset();
                    return fail(v, RsiStatus.RSI_ERROR_UNKNOWN);
                }
                st.setToken(token);
            }
            byte[] token = st.token();
            int n = (int) Math.min(size, token.length - st.copied());
            byte[] chunk = new byte[n];
            System.arraycopy(token, st.copied(), chunk, 0, n);
            s.writeRealm(t.pa() + offset, chunk);
            st.addCopied(n);
            v.setX(1, n);
            if (st.copied() < token.length || size == 0) {
                v.setX(0, RsiStatus.RSI_INCOMPLETE.code());
            } else {
                st.reset();
                v.setX(0, RsiStatus.RSI_SUCCESS.code());
            }
        } finally {
            t.unlock(s.rtts());
        }
        return RsiOutcome.RETURN_TO_REALM;
    }

    private byte[] generate(Rec rec) {
        RealmTokenIssuer issuer = s.tokenIssuer();
        if (issuer == null) {
            return null;
        }
        byte[] token = issuer.issue(rec.owner(), rec.attestation().challenge());
        s.services().events().event(EventKind.SIGN, 1);
        return token.length <= TOKEN_BUFFER_SIZE ? token : null;
    }

    private static RsiOutcome fail(RealmVcpu v, RsiStatus status) {
        v.setX(0, status.code());
        v.setX(1, 0);
        return RsiOutcome.RETURN_TO_REALM;
    }
}
