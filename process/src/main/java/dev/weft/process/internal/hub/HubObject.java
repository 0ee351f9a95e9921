package dev.weft.process.internal.hub;

/**
 * An object a {@link Hub} serves to other processes: a queue's store, one end of a pipe, and later
 * the Manager's shared objects. Not API.
 */
public interface HubObject {
    /**
     * Handles {@code call}, in the reader thread of the caller's connection, so calls from one
     * connection are handled in the order they were sent. Must not block: an operation that may
     * wait returns {@link Call#async}, which runs it on a virtual thread of its own.
     *
     * @return the result, or what {@code call.async(...)} returned
     * @throws Exception any failure, sent back as the call's failure ({@link Result#failure})
     */
    Result handle(Call call) throws Exception;
}
