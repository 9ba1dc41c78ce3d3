package org.micasim.realms.cli.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.micasim.rmm.attestation.Pem;

/** Reading the relying party's files and values, every problem a {@link BadInputException} naming what and where. */
final class VerifyInputs {
    private VerifyInputs() {
    }

    static byte[] bytes(Path file, String what) throws BadInputException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(what + " " + file + ": cannot read file: " + reason(e));
        }
    }

    static ECPublicKey platformKey(Path file) throws BadInputException {
        String text = new String(bytes(file, "--platform-key"), StandardCharsets.US_ASCII);
        try {
            return Pem.decodePublicKey(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--platform-key " + file + ": " + e.getMessage());
        }
    }

    /** The 64-byte challenge the relying party sent, as the raw bytes {@code mica attest} writes. */
    static byte[] challenge(Path file) throws BadInputException {
        byte[] c = bytes(file, "--challenge");
        if (c.length != 64) {
            throw new BadInputException("--challenge " + file + ": a challenge has 64 bytes, the file has " + c.length);
        }
        return c;
    }

    /** A hex value of {@code size} bytes at most (at least one byte); {@code where} names the flag. */
    static byte[] hex(String text, int maxSize, String where) throws BadInputException {
        String h = text.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        byte[] b;
        try {
            b = HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": '" + text + "' is not hex (an even number of 0-9a-f digits)");
        }
        if (b.length == 0 || b.length > maxSize) {
            throw new BadInputException(where + ": expected 1 to " + maxSize + " bytes of hex, got " + b.length);
        }
        return b;
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
