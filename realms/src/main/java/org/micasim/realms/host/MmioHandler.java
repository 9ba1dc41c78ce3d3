package org.micasim.realms.host;

/**
 * An emulated device behind unprotected IPAs the host did not map: the RMM reports the realm's access as
 * an emulatable data abort and the host completes it.
 */
public interface MmioHandler {
    /** A read of {@code size} bytes at unprotected {@code ipa}; returns the value. */
    long read(long ipa, int size);

    /** A write of {@code size} bytes at {@code ipa}. */
    void write(long ipa, int size, long value);

    /** A device that reads as zero and ignores writes. */
    MmioHandler NONE = new MmioHandler() {
        @Override
        public long read(long ipa, int size) {
            return 0;
        }

        @Override
        public void write(long ipa, int size, long value) {
        }
    };
}
