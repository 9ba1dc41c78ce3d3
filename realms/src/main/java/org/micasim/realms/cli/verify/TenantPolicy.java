package org.micasim.realms.cli.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.micasim.policy.check.Diagnostic;
import org.micasim.policy.codec.PolyEncoder;
import org.micasim.policy.parse.SourceFile;
import org.micasim.policy.pipeline.PolicyUnit;
import org.micasim.rmm.mica.Policy;
import org.micasim.rmm.mica.PolicyDecoder;
import org.micasim.rmm.mica.PolicyFormatException;

/**
 * A policy the tenant expects a member to have uploaded: a POLY v1 binary (what {@code mica policy compile}
 * writes, recognised by its magic) or a policy source compiled with policy-lang's compiler; either way parsed
 * by the RMM's own decoder, exactly as the RMM parsed what the realm uploaded.
 */
final class TenantPolicy {
    private static final int MAGIC_SIZE = 4;

    private TenantPolicy() {
    }

    static Policy load(Path file, String where) throws BadInputException {
        byte[] bytes = VerifyInputs.bytes(file, where);
        byte[] poly = isPoly(bytes) ? bytes : compile(file, where);
        try {
            return PolicyDecoder.decode(poly);
        } catch (PolicyFormatException e) {
            throw new BadInputException(where + " " + file + ": not a valid POLY v1 policy: " + e.getMessage());
        }
    }

    private static boolean isPoly(byte[] b) {
        if (b.length < MAGIC_SIZE) {
            return false;
        }
        int magic = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        return magic == PolicyDecoder.MAGIC;
    }

    private static byte[] compile(Path file, String where) throws BadInputException {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            throw new BadInputException(where + " " + file + ": cannot read file: " + VerifyInputs.reason(e));
        }
        PolicyUnit unit = PolicyUnit.of(source);
        Optional<Diagnostic> error = unit.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (unit.payload().isEmpty() || error.isPresent()) {
            List<Diagnostic> all = unit.diagnostics();
            String first = error.or(() -> all.stream().findFirst()).map(Diagnostic::render).orElse(file + ": does not compile");
            throw new BadInputException(where + ": the policy source does not compile: " + first);
        }
        return PolyEncoder.encode(unit.payload().get());
    }
}
