package org.micasim.realms.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.micasim.policy.ast.Policy;
import org.micasim.policy.codec.PolicyCompiler;
import org.micasim.policy.parse.ParseResult;
import org.micasim.policy.parse.PolicyParser;
import org.micasim.policy.parse.SourceFile;

/**
 * Binary policies for the RMM's own parser to chew on, reached the way a realm reaches it (the host loads
 * the bytes as a DATA page, the guest calls RSI_UPLOAD_POLICY on it): valid POLY v1 images compiled by
 * policy-lang from small sources written for the fuzz realm's layout, then mutated (bytes flipped,
 * fields overwritten with extremes, truncated, or left intact).
 */
final class SeedPolicies {
    /** The realm shares the page at its shared IPA (registered with DATA_CREATE_UNKNOWN_SHARED) with itself only. */
    private static final String SHARED = """
        {
          "Self": "VM1",
          "VM1": { "hash": 0x1, "is-gateway": false, "strict": false },
          "Mem1": {
            "size": 0x1000,
            "type": "PROTECTED",
            "mappings": { "VM1": { "gpa": 0x2000, "prot": "RW" } }
          }
        }
        """;
    /** A strict gateway keeping one unprotected page at the fuzz realm's NS IPA, its SMCs to the host blocked. */
    private static final String GATEWAY = """
        {
          "Self": "VM1",
          "VM1": { "hash": 0x2, "is-gateway": true, "strict": true },
          "Mem1": {
            "size": 0x1000,
            "type": "UNPROTECTED",
            "mappings": { "VM1": { "gpa": 0x4000000000, "prot": "RW" } }
          },
          "CF1": { "owner": "VM1", "type": "CALL", "range": [0x17], "policy": "BLOCK" }
        }
        """;

    private final List<byte[]> seeds;

    SeedPolicies() {
        this.seeds = List.of(compile("shared", SHARED), compile("gateway", GATEWAY));
    }

    private static byte[] compile(String name, String text) {
        ParseResult<Policy> r = PolicyParser.parsePolicy(new SourceFile("fuzz-" + name + ".json", text));
        return PolicyCompiler.compileToBytes(r.value().orElseThrow(() -> new IllegalStateException(
            "the fuzzer's seed policy " + name + " does not parse: " + r.diagnostics())));
    }

    /** A seed, mutated or not. */
    byte[] mutated(SplittableRandom rnd) {
        byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                return b; // intact: the upload can succeed
            }
            case 1 -> {
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> {
                int at = rnd.nextInt(Math.max(1, b.length - 4)) & ~3;
                byte fill = rnd.nextInt(2) == 0 ? (byte) 0xFF : 0;
                Arrays.fill(b, at, Math.min(b.length, at + 4), fill);
            }
            case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> rnd.nextBytes(b);
        }
        return b;
    }
}
