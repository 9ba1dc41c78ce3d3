package org.micasim.benchmarks.floor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host floor for a realm lifecycle, in the same run as the simulator benchmarks: what the JVM needs
 * at least to do the byte work of building and tearing down a realm of {@code sizeMiB} measured data —
 * per 4 KiB page, copy it from the source (DATA_CREATE), SHA-256 it with the JDK's MessageDigest (the
 * CPU's SHA instructions where it has them), and zero it twice (granule scrubbing at delegation and at
 * destruction). {@code pageFloor} is the same per single 4 KiB page, hot in cache. Lifecycle results are
 * reported as a ratio to this floor (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HostFloorBenchmark {
    private static final int PAGE = 4096;

    @Param({"1", "16", "64", "256"})
    public int sizeMiB;

    private byte[] source;
    private byte[] realm;
    private MessageDigest sha256;
    private final byte[] digest = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        source = new byte[sizeMiB << 20];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i * 31 + (i >>> 12));
        }
        realm = new byte[source.length];
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** Copy, hash and twice zero every page of {@code sizeMiB}. */
    @Benchmark
    public byte lifecycleFloor() throws Exception {
        byte acc = 0;
        for (int off = 0; off < source.length; off += PAGE) {
            acc ^= page(off);
        }
        return acc;
    }

    /** The same work for one 4 KiB page (the per-page floor of DATA_CREATE with measurement). */
    @Benchmark
    @OperationsPerInvocation(1)
    public byte pageFloor() throws Exception {
        return page(0);
    }

    private byte page(int off) throws Exception {
        Arrays.fill(realm, off, off + PAGE, (byte) 0);
        System.arraycopy(source, off, realm, off, PAGE);
        sha256.update(realm, off, PAGE);
        sha256.digest(digest, 0, digest.length);
        Arrays.fill(realm, off, off + PAGE, (byte) 0);
        return digest[0];
    }
}
