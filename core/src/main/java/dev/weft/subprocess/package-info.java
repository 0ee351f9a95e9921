/**
 * Python's {@code subprocess} on the JVM, without the ways child processes make programs hang:
 * {@link dev.weft.subprocess.Subprocess#run} and its relatives, {@link dev.weft.subprocess.Popen},
 * {@link dev.weft.subprocess.Pipeline}, and the exceptions they throw.
 *
 * <h2>How a run flows</h2>
 * <pre>
 *  run(args, options)
 *    │  validate (empty args, NUL, '=' in env names, missing cwd, negative timeout: IAE or LaunchException)
 *    v
 *  Launcher ──POSIX_SPAWN──&gt; posix_spawn(file actions: dup2 pipes, chdir, closefrom(3);
 *    │                                   attrs: own process group, default signals, empty mask)
 *    │                       pidfd_open ──&gt; ChildRegistry (killed with its tree at JVM exit)
 *    └──JDK─────────&gt; ProcessBuilder.start
 *    v
 *  Communicator.pump(input, deadline)
 *    POSIX_SPAWN: one poll(2) loop in the caller over stdin (POLLOUT), stdout, stderr, pidfd;
 *                 big non-blocking reads and writes straight from and into Java arrays
 *    JDK:         one daemon thread per pipe, the caller waits on a latch
 *    │  child ended but a pipe still open after the grace period ──&gt; kill tree, drain, close
 *    │  deadline passed ──&gt; SubprocessTimeoutException (Popen: child untouched, state kept;
 *    │                      run: tree killed descendants first, output drained, child reaped)
 *    v
 *  reap (waitid on the pidfd / Process.waitFor) ──&gt; returncode (-signal when killed)
 *    │  check and returncode != 0 ──&gt; CalledProcessException with the output
 *    v
 *  CompletedProcess(args, returncode, stdout, stderr)
 * </pre>
 *
 * <p>Every failure is one named exception: {@link dev.weft.subprocess.LaunchException} (nothing
 * started), {@link dev.weft.subprocess.SubprocessTimeoutException} (with the output so far),
 * {@link dev.weft.subprocess.CalledProcessException} (with the output), all of them
 * {@link dev.weft.subprocess.SubprocessException}s; bad arguments are
 * {@link java.lang.IllegalArgumentException}s. Methods that wait throw
 * {@link java.lang.InterruptedException}; {@code run} kills the child's tree before it does.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code run(args, stdout=PIPE, input=..., timeout=..., check=True, text=True)}</td>
 *       <td>{@link dev.weft.subprocess.Subprocess#run(java.util.List, dev.weft.subprocess.Options)}
 *       with {@link dev.weft.subprocess.Options}</td></tr>
 *   <tr><td>{@code call}, {@code check_call}, {@code check_output}</td>
 *       <td>{@link dev.weft.subprocess.Subprocess#call}, {@link dev.weft.subprocess.Subprocess#checkCall},
 *       {@link dev.weft.subprocess.Subprocess#checkOutput}</td></tr>
 *   <tr><td>{@code shell=True}</td><td>{@link dev.weft.subprocess.Subprocess#shell(String)}, explicitly</td></tr>
 *   <tr><td>{@code PIPE}, {@code DEVNULL}, {@code STDOUT}, {@code None}, a file, {@code stdin=p.stdout}</td>
 *       <td>{@link dev.weft.subprocess.Redirect}</td></tr>
 *   <tr><td>{@code Popen}, {@code poll}, {@code wait}, {@code communicate}, {@code send_signal},
 *       {@code terminate}, {@code kill}, {@code returncode}, {@code pid}</td>
 *       <td>{@link dev.weft.subprocess.Popen} ({@code wait} is {@code waitFor})</td></tr>
 *   <tr><td>{@code CompletedProcess}</td><td>{@link dev.weft.subprocess.CompletedProcess}</td></tr>
 *   <tr><td>{@code SubprocessError}, {@code CalledProcessError}, {@code TimeoutExpired},
 *       {@code FileNotFoundError}</td>
 *       <td>{@link dev.weft.subprocess.SubprocessException}, {@link dev.weft.subprocess.CalledProcessException},
 *       {@link dev.weft.subprocess.SubprocessTimeoutException}, {@link dev.weft.subprocess.LaunchException}</td></tr>
 *   <tr><td>{@code start_new_session=True}</td><td>{@link dev.weft.subprocess.Options#startNewSession()}</td></tr>
 *   <tr><td>{@code os.killpg(p.pid, sig)} (and the descendants that left the group)</td>
 *       <td>{@link dev.weft.subprocess.Popen#signalTree}</td></tr>
 *   <tr><td>{@code signal.SIGTERM}</td><td>{@link dev.weft.subprocess.Signal#TERM}</td></tr>
 *   <tr><td>{@code p1 | p2} by hand</td><td>{@link dev.weft.subprocess.Pipeline#run}</td></tr>
 * </table>
 */
package dev.weft.subprocess;
