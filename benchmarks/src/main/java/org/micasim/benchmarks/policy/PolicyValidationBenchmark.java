package org.micasim.benchmarks.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.micasim.policy.codec.PolyEncoder;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.PolicyUnit;
import org.micasim.rmm.mica.MeasurementValue;
import org.micasim.rmm.mica.Policy;
import org.micasim.rmm.mica.PolicyDecoder;
import org.micasim.rmm.mica.PolicyFormatException;
import org.micasim.rmm.mica.PolicyValidator;
import org.micasim.rmm.mica.RealmMetadataTable;
import org.micasim.rmm.mica.SgtEntry;
import org.micasim.rmm.mica.SharedGranuleTable;
import org.micasim.rmm.mica.TransitionTable;
import org.micasim.rmm.mica.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RMM's policy-upload work against an SGT of {@code sgtEntries}: the network-service pair (VM1 gateway
 * already uploaded, VM2 uploading) sharing one object of {@code sgtEntries / 2} pages, each page in the
 * SGT once per realm. One operation is what RSI_UPLOAD_POLICY does between reading the page and
 * committing: decode the POLY v1 payload, load (decode) the SGT blob, and validate the policy against
 * the peer's policy and the SGT (mica.md §4.6). Host time only: this calls the RMM's validator directly,
 * without a machine, so it has no simulated cycles; the upload's simulated cycles through RSI are in
 * {@code mica bench paper}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PolicyValidationBenchmark {
    private static final long RD1 = 0x8000_0000L;
    private static final long RD2 = 0x8010_0000L;
    private static final long SHARED = 0x9000_0000L;
    private static final long GPA = 0x180_0000_0000L;

    @Param({"64", "512", "4096"})
    public int sgtEntries;

    private byte[] sgtBlob;
    private byte[] payload;
    private RealmMetadataTable metadata;
    private TreeMap<Long, Policy> uploaded;
    private TransitionTable table;

    private static MeasurementValue rim(long rd) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) rd);
        return MeasurementValue.of(b);
    }

    private static byte[] compile(String name, String text) {
        PolicyUnit unit = PolicyUnit.of(new SourceFile(name, text));
        return PolyEncoder.encode(unit.payload().orElseThrow(
                () -> new IllegalStateException(name + " does not compile: " + unit.diagnostics())));
    }

    private static String policy(int self, long pages) {
        return "{ \"Self\": \"VM" + self + "\",\n"
                + "  \"VM1\": { \"hash\": 0x1, \"is-gateway\": true, \"strict\": false },\n"
                + "  \"VM2\": { \"hash\": 0x2, \"is-gateway\": false, \"strict\": false },\n"
                + "  \"Mem1\": { \"size\": 0x" + Long.toHexString(pages * 4096) + ", \"type\": \"PROTECTED\", \"mappings\": {\n"
                + "    \"VM1\": { \"gpa\": 0x" + Long.toHexString(GPA) + ", \"prot\": \"RW\" },\n"
                + "    \"VM2\": { \"gpa\": 0x" + Long.toHexString(GPA) + ", \"prot\": \"RW\" } } } }\n";
    }

    @Setup(Level.Trial)
    public void setUp() throws PolicyFormatException {
        int pages = sgtEntries / 2;
        // Setup is sequential (mica.md §2.4): VM1 prefaults and uploads while only its own pages are in
        // the SGT; then VM2 prefaults, and VM2's upload is the operation measured.
        SharedGranuleTable sgt = new SharedGranuleTable();
        share(sgt, RD1, pages);
        sgtBlob = sgt.encode();
        metadata = new RealmMetadataTable();
        metadata.register(RD1, rim(RD1));
        metadata.register(RD2, rim(RD2));
        uploaded = new TreeMap<>();
        table = new TransitionTable();
        Policy first = PolicyDecoder.decode(compile("vm1.json", policy(1, pages)));
        ValidationResult r = validate(RD1, first);
        if (!r.ok()) {
            throw new IllegalStateException("VM1's policy does not validate: " + r.detail());
        }
        metadata.bind(RD1, 1);
        uploaded.put(RD1, first);
        table.replaceWith(r.activation().orElseThrow().table());
        share(sgt, RD2, pages);
        sgtBlob = sgt.encode();
        payload = compile("vm2.json", policy(2, pages));
        ValidationResult second = uploadWork();
        if (!second.ok() || second.activation().orElseThrow().remaps().size() != pages) {
            throw new IllegalStateException("VM2's policy does not validate with " + pages + " remaps: " + second.detail());
        }
    }

    private static void share(SharedGranuleTable sgt, long rd, int pages) {
        for (int k = 0; k < pages; k++) {
            if (!sgt.add(new SgtEntry(SHARED + k * 4096L, GPA + k * 4096L, rd), SharedGranuleTable.MAX_ENTRIES)) {
                throw new IllegalStateException("SGT refused entry " + k + " of realm 0x" + Long.toHexString(rd));
            }
        }
    }

    private ValidationResult validate(long rd, Policy p) {
        PolicyValidator v = new PolicyValidator(metadata, r -> Optional.ofNullable(uploaded.get(r)), table);
        return v.validate(rd, rim(rd), p, SharedGranuleTable.decode(sgtBlob));
    }

    /** Decode VM2's payload and validate it against VM1 and the SGT (nothing is committed). */
    @Benchmark
    public ValidationResult uploadWork() throws PolicyFormatException {
        return validate(RD2, PolicyDecoder.decode(payload));
    }
}
