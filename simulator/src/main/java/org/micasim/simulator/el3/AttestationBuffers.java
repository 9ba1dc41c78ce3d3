package org.micasim.simulator.el3;

import java.util.Arrays;
import org.micasim.simulator.firmware.PlatformAttestation;
import org.micasim.simulator.gpt.ProtectedMemory;
import org.micasim.simulator.memory.Pas;
import org.micasim.simulator.pe.ProcessingElement;
import org.micasim.simulator.s2.AccessFault;
import org.micasim.simulator.timing.EventKind;

/**
 * EL3's side of RMM_ATTEST_GET_REALM_KEY and RMM_ATTEST_GET_PLAT_TOKEN (TF-A rmmd_attest.c): the RMM names
 * a buffer in the Realm PAS, EL3 copies the key or the token into it. A platform token larger than the
 * buffer is returned in hunks: a call with a non-zero challenge size starts a new token (the challenge is
 * read from the start of the buffer), calls with challenge size 0 fetch the rest; X1 = bytes copied,
 * X2 = bytes still to fetch. State is per PE.
 */
public final class AttestationBuffers {
    /** ATTEST_KEY_CURVE_ECC_SECP384R1. */
    private static final long CURVE_P384 = 0;

    private final ProtectedMemory memory;
    private final byte[][] pendingToken;
    private final int[] pendingOffset;

    public AttestationBuffers(ProtectedMemory memory, int processingElements) {
        this.memory = memory;
        this.pendingToken = new byte[processingElements][];
        this.pendingOffset = new int[processingElements];
    }

    long[] realmKey(ProcessingElement pe, PlatformAttestation attestation, long bufPa, long bufSize, long curve) {
        pe.clock().event(EventKind.FIRMWARE_OP, 1);
        if (attestation == null) {
            return status(RmmEl3Status.UNK);
        }
        if (curve != CURVE_P384) {
            return status(RmmEl3Status.INVAL);
        }
        byte[] key = attestation.realmAttestationKey();
        if (bufSize < key.length || !copyOut(pe, bufPa, key, 0, key.length)) {
            return status(RmmEl3Status.INVAL);
        }
        return new long[] {RmmEl3Status.OK.code(), key.length, 0, 0};
    }

    long[] platformToken(ProcessingElement pe, PlatformAttestation attestation, long bufPa, long bufSize, long challengeSize) {
        pe.clock().event(EventKind.FIRMWARE_OP, 1);
        int i = pe.index();
        if (attestation == null) {
            return status(RmmEl3Status.UNK);
        }
        if (challengeSize != 0) {
            if (challengeSize != 32 && challengeSize != 48 && challengeSize != 64 || bufSize < challengeSize) {
                return status(RmmEl3Status.INVAL);
            }
            byte[] challenge = new byte[(int) challengeSize];
            AccessFault fault = new AccessFault();
            if (!memory.checkRange(pe.gptCache(), pe.clock(), Pas.REALM, bufPa, challengeSize, false, fault)) {
                return status(RmmEl3Status.INVAL);
            }
            memory.memory().read(bufPa, challenge, 0, challenge.length);
            pendingToken[i] = attestation.platformToken(challenge);
            pendingOffset[i] = 0;
            pe.clock().event(EventKind.SIGN, 1);
        } else if (pendingToken[i] == null) {
            return status(RmmEl3Status.INVAL);
        }
        byte[] token = pendingToken[i];
        int n = (int) Math.min(bufSize, token.length - pendingOffset[i]);
        if (!copyOut(pe, bufPa, token, pendingOffset[i], n)) {
            return status(RmmEl3Status.INVAL);
        }
        pendingOffset[i] += n;
        long remaining = token.length - pendingOffset[i];
        if (remaining == 0) {
            pendingToken[i] = null;
        }
        return new long[] {RmmEl3Status.OK.code(), n, remaining, 0};
    }

    private boolean copyOut(ProcessingElement pe, long pa, byte[] src, int off, int len) {
        AccessFault fault = new AccessFault();
        if (!memory.checkRange(pe.gptCache(), pe.clock(), Pas.REALM, pa, len, false, fault)) {
            return false;
        }
        memory.memory().write(pa, Arrays.copyOfRange(src, off, off + len), 0, len);
        pe.clock().event(EventKind.COPY_BYTES, len);
        return true;
    }

    private static long[] status(RmmEl3Status s) {
        return new long[] {s.code(), 0, 0, 0};
    }
}
