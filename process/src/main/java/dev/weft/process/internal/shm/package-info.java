/**
 * Shared memory between processes on one machine: the memory itself, and the words that locks,
 * semaphores, events, conditions and barriers keep in it. Not API.
 *
 * <h2>Memory</h2>
 * <pre>
 *  process A                                   process B (got a SharedValue as a task argument)
 *  ─────────                                   ────────────────────────────────────────────────
 *  memfd_create → fd 12, ftruncate, mmap       decode ShmRef{pid A, fd 12, id}
 *  header: magic, random 128-bit id            open /proc/A/fd/12 → fd 7 (its own), mmap
 *  encode → ShmRef{pid A, fd 12, id} ────────▶ check magic and id (a reused fd or pid is refused)
 *  close → munmap, close(12)                   close → munmap, close(7)
 *                 the kernel frees the memory when the last fd and mapping are gone
 * </pre>
 * No name in any file system, so nothing can be left behind, whatever way the processes end
 * ({@link dev.weft.process.internal.shm.Segment}). A process maps a given piece of memory once,
 * however many handles on it it decodes: handles are leases on that mapping, and the last one to
 * go (closed, or collected) unmaps it. A thread that sleeps on a word, or wakes its sleepers, holds
 * a lease too, so closing a handle never unmaps memory under a futex sleeper: the sleeper notices
 * the close within a slice and throws {@code IllegalStateException}.
 *
 * <h2>Waiting</h2>
 * Every waiter follows one protocol ({@link dev.weft.process.internal.shm.Futex}): read a sequence
 * word, check its condition, count itself as a sleeper, re-check, and sleep on the sequence word
 * ({@code futex}, not process-private) for at most 20 ms; whoever changes the condition changes it
 * first, then bumps the sequence word and wakes sleepers if any are counted. All accesses are
 * volatile or atomic, so no wake-up is lost, and a sleeper wakes within a slice to notice an
 * interrupt, its deadline, or a dead lock owner.
 *
 * <h2>Robust locks</h2>
 * {@link dev.weft.process.internal.shm.MutexWord}: the lock word holds the owner process's id and
 * start time ({@link dev.weft.process.internal.shm.Owners}); a waiter that saw the same owner for a
 * whole slice checks {@code /proc/PID/stat}, and if the owner is gone (or a zombie, or the id now
 * names a newer process), takes the word over by compare-and-set and reports that the owner died.
 */
package dev.weft.process.internal.shm;
