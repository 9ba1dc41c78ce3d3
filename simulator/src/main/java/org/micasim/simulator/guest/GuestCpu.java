package org.micasim.simulator.guest;

/**
 * What a realm program can do: loads and stores by IPA (stage 1 is the identity), SMCs (trapped to R-EL2
 * as RSI calls), reading its registers and charging computation. Every access goes through the TLB, the
 * stage-2 translation and the granule protection check; one that R-EL2 must handle traps, and the call
 * returns once the firmware has completed it (or retries it if the firmware did not).
 */
public interface GuestCpu {
    /** The register used as the transfer register (SRT) of the data abort syndrome of a guest access. */
    int TRANSFER_REGISTER = 9;

    /** Loads 8 bytes (little-endian) at {@code ipa}. */
    long load64(long ipa);

    /** Stores 8 bytes (little-endian) at {@code ipa}. */
    void store64(long ipa, long value);

    /** Loads {@code len} bytes at {@code ipa} into {@code dst[off..]}. */
    void load(long ipa, byte[] dst, int off, int len);

    /** Stores {@code src[off..off+len)} at {@code ipa}. */
    void store(long ipa, byte[] src, int off, int len);

    /**
     * Executes SMC with X0 = {@code fid} and X1.. = {@code args} (at most 17, SMCCC 1.2; the registers not
     * given are zero), which traps to R-EL2; returns X0..X17 as the firmware left them (RSI passes a
     * 64-byte challenge in X1..X8 and returns a measurement in X1..X8).
     */
    long[] smc(long fid, long... args);

    /** Reads X{@code n} (at first the values R-EL2 gave the vCPU, e.g. the realm's entry arguments). */
    long x(int n);

    /**
     * Executes WFI. If R-EL2 traps WFI (HCR_EL2.TWI) it traps with EC 0x01; otherwise the vCPU sleeps until
     * the host timer's next expiry, which preempts it with an IRQ. Returns once the vCPU is resumed.
     */
    void waitForInterrupt();

    /**
     * Executes WFE: traps with EC 0x01, TI 1 if R-EL2 traps WFE (HCR_EL2.TWE); otherwise, as no event is
     * ever signalled in this model, it sleeps until the host timer's IRQ like {@link #waitForInterrupt()}.
     */
    void waitForEvent();

    /** Charges {@code instructions} of computation (the host may preempt the vCPU in the middle). */
    void compute(long instructions);

    /** The program name from the image's descriptor. */
    String programName();

    /** The parameter bytes from the image's descriptor (a copy). */
    byte[] parameters();
}
