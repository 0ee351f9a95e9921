/**
 * The {@link dev.weft.subprocess.LaunchMechanism#POSIX_SPAWN} launcher: {@code posix_spawn},
 * pidfds, non-blocking pipes and a {@code poll(2)} communicator, bound to the C library through
 * the Foreign Function and Memory API. Linux with glibc 2.34 or newer only. Not API: anything here
 * may change without notice.
 */
package dev.weft.subprocess.internal.posix;
