package dev.weft.subprocess;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The output an exception carries: the raw bytes and the charset of text mode (null in bytes
 * mode), so the exception can give both. Package-private.
 */
record ProcessOutput(byte[] stdout, byte[] stderr, Charset charset) {
    static final ProcessOutput NONE = new ProcessOutput(null, null, null);

    String stdoutText() {
        return text(stdout);
    }

    String stderrText() {
        return text(stderr);
    }

    private String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
    }
}
