/**
 * The launchers behind {@code dev.weft.subprocess}: the service interfaces ({@link
 * dev.weft.subprocess.internal.Launcher}, {@link dev.weft.subprocess.internal.Child}, {@link
 * dev.weft.subprocess.internal.Communicator}), the portable {@link ProcessBuilder} launcher, and
 * what both share (the registry of children to kill at exit, output buffers, the pipe pump). The
 * {@code posix} package holds the {@code posix_spawn} launcher. Not API.
 */
package dev.weft.subprocess.internal;
