package org.micasim.rmm.attestation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** The third-party CCA tokens and keys in shared/testdata/cca-tokens (see its README.md). */
final class TestVectors {
    static final String TFM_TOKEN = "tfm_cca_example_token.cbor";
    static final String TFM_TOKEN_LEGACY = "tfm_cca_example_token_legacy.cbor";
    static final String TFRMM_PLATFORM_TOKEN = "tfrmm_rel0_sample_platform_token.cbor";
    static final String PLATFORM_PUBLIC_KEY = "tfm_cca_platform_pub.pem";
    static final String RAK_PRIVATE_KEY = "tfm_cca_realm_rak_private.pem";

    private TestVectors() {
    }

    /** Walks up from the working directory until a shared/testdata/cca-tokens directory appears. */
    static Path directory() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve("cca-tokens");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("test vectors not found: no shared/testdata/cca-tokens in " + start
                + " or any parent directory");
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(directory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vector " + name, e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    /**
     * The 48-byte scalar of the sample RAK. The file is a SEC1 "EC PRIVATE KEY" (RFC 5915), which the JCA
     * cannot read; its DER is SEQUENCE { INTEGER 1, OCTET STRING (48) d, ... }, so d follows the fixed
     * prefix 02 01 01 04 30.
     */
    static byte[] rakScalar() {
        String pem = text(RAK_PRIVATE_KEY);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        byte[] prefix = HexFormat.of().parseHex("0201010430");
        for (int i = 0; i + prefix.length + 48 <= der.length; i++) {
            if (Arrays.equals(der, i, i + prefix.length, prefix, 0, prefix.length)) {
                return Arrays.copyOfRange(der, i + prefix.length, i + prefix.length + 48);
            }
        }
        throw new IllegalStateException(RAK_PRIVATE_KEY + " does not hold a SEC1 P-384 private key");
    }
}
