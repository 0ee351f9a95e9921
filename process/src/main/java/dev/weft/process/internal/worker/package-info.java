/**
 * Worker JVMs: how they are started ({@link dev.weft.process.internal.worker.JvmCommand}, with a
 * class-data-sharing archive per class path), how they connect back
 * ({@link dev.weft.process.internal.worker.WorkerServer}: a Unix-domain socket in the JVM's private
 * directory, the key on the worker's standard input, the {@code Handshake}), the frames they
 * exchange ({@link dev.weft.process.internal.worker.Protocol}), the parent's handle on one
 * ({@link dev.weft.process.internal.worker.Worker}), warm spares, and the worker's own main
 * ({@link dev.weft.process.internal.worker.WorkerMain}). Not API.
 */
package dev.weft.process.internal.worker;
