package dev.weft.subprocess;

import dev.weft.internal.Timeouts;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of Python's {@code subprocess.run} and {@code Popen}, as an immutable
 * value: every method returns a new {@code Options} and leaves this one unchanged, so one
 * instance can be shared between threads and reused.
 *
 * <p>{@code T} is what the child's output becomes: {@code byte[]} by default, {@code String} after
 * {@link #text()} (Python's {@code text=True}) or {@link #encoding(Charset)}.
 *
 * <pre>{@code
 * Options<String> opts = Options.defaults().captureOutput().text().timeout(Duration.ofSeconds(5));
 * CompletedProcess<String> r = Subprocess.run(List.of("ls", "-l"), opts);
 * }</pre>
 *
 * <p>{@link #input}, {@link #timeout} and {@link #check} belong to {@link Subprocess#run} (and its
 * relatives) alone, as in Python; {@link Popen} rejects options that set them, since with a
 * {@code Popen} you pass them to {@link Popen#communicate} and {@link Popen#waitFor}.
 *
 * @param <T> {@code byte[]} or {@code String}
 */
public final class Options<T> {
    private static final Options<byte[]> DEFAULTS =
            new Options<>(null, null, null, null, null, false, null, null, null, null, null, false);

    private final Redirect stdin;
    private final Redirect stdout;
    private final Redirect stderr;
    private final byte[] input;
    private final Duration timeout;
    private final boolean check;
    private final Path cwd;
    private final Map<String, String> env;
    private final Map<String, String> extraEnv;
    private final Charset charset;
    private final LaunchMechanism launchMechanism;
    private final boolean newSession;

    private Options(
            Redirect stdin,
            Redirect stdout,
            Redirect stderr,
            byte[] input,
            Duration timeout,
            boolean check,
            Path cwd,
            Map<String, String> env,
            Map<String, String> extraEnv,
            Charset charset,
            LaunchMechanism launchMechanism,
            boolean newSession) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.input = input;
        this.timeout = timeout;
        this.check = check;
        this.cwd = cwd;
        this.env = env;
        this.extraEnv = extraEnv;
        this.charset = charset;
        this.launchMechanism = launchMechanism;
        this.newSession = newSession;
    }

    /**
     * Python's defaults: the three streams inherited from the parent, no input, no timeout, no
     * check, the parent's directory and environment, output as {@code byte[]}.
     *
     * @return the default options
     */
    public static Options<byte[]> defaults() {
        return DEFAULTS;
    }

    /**
     * Where the child's stdin comes from: {@link Redirect#PIPE}, {@link Redirect#DEVNULL},
     * {@link Redirect#INHERIT} (the default), {@link Redirect#from(Path)} or
     * {@link Redirect#stdoutOf(Popen)}.
     *
     * @param redirect the source of stdin
     * @return new options with this stdin; these are unchanged
     * @throws IllegalArgumentException for {@link Redirect#STDOUT} or a file to write, or when
     *     {@link #input} is set (input needs stdin to be a pipe Weft owns, as Python says)
     */
    public Options<T> stdin(Redirect redirect) {
        Objects.requireNonNull(redirect, "redirect");
        if (redirect instanceof Redirect.Stdout || redirect instanceof Redirect.ToFile) {
            throw new IllegalArgumentException("stdin cannot be " + redirect + "; it reads");
        }
        if (input != null) {
            throw new IllegalArgumentException("stdin and input may not both be given");
        }
        return new Options<>(redirect, stdout, stderr, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Where the child's stdout goes: {@link Redirect#PIPE}, {@link Redirect#DEVNULL},
     * {@link Redirect#INHERIT} (the default), {@link Redirect#to(Path)} or {@link Redirect#appendTo(Path)}.
     *
     * @param redirect where stdout goes
     * @return new options with this stdout; these are unchanged
     * @throws IllegalArgumentException for {@link Redirect#STDOUT} or a source of input
     */
    public Options<T> stdout(Redirect redirect) {
        Objects.requireNonNull(redirect, "redirect");
        if (redirect instanceof Redirect.Stdout || redirect instanceof Redirect.FromFile || redirect instanceof Redirect.StdoutOf) {
            throw new IllegalArgumentException("stdout cannot be " + redirect + "; it writes");
        }
        return new Options<>(stdin, redirect, stderr, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Where the child's stderr goes: as {@link #stdout(Redirect)}, plus {@link Redirect#STDOUT} to
     * merge it into stdout.
     *
     * @param redirect where stderr goes
     * @return new options with this stderr; these are unchanged
     * @throws IllegalArgumentException for a source of input
     */
    public Options<T> stderr(Redirect redirect) {
        Objects.requireNonNull(redirect, "redirect");
        if (redirect instanceof Redirect.FromFile || redirect instanceof Redirect.StdoutOf) {
            throw new IllegalArgumentException("stderr cannot be " + redirect + "; it writes");
        }
        return new Options<>(stdin, stdout, redirect, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Python's {@code capture_output=True}: stdout and stderr both {@link Redirect#PIPE}.
     *
     * @return new options that capture both; these are unchanged
     */
    public Options<T> captureOutput() {
        return stdout(Redirect.PIPE).stderr(Redirect.PIPE);
    }

    /**
     * Bytes to write to the child's stdin (which becomes a pipe), then close it. {@link
     * Subprocess#run} only. The array is not copied (a gigabyte of input should not cost a
     * second gigabyte): do not change it while these options may still be used.
     *
     * @param bytes the input
     * @return new options with this input; these are unchanged
     * @throws IllegalArgumentException if stdin was set to something else
     */
    public Options<T> input(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (stdin != null) {
            throw new IllegalArgumentException("stdin and input may not both be given");
        }
        return new Options<>(stdin, stdout, stderr, bytes, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Text to write to the child's stdin, encoded with the charset chosen so far (UTF-8 unless
     * {@link #encoding(Charset)} came earlier, in bytes mode too). {@link Subprocess#run} only.
     *
     * @param text the input
     * @return new options with this input; these are unchanged
     */
    public Options<T> input(String text) {
        Objects.requireNonNull(text, "text");
        return input(text.getBytes(charset == null ? StandardCharsets.UTF_8 : charset));
    }

    /**
     * How long {@link Subprocess#run} may take in all, from start to the end of the output. When
     * it runs out, the child's whole process tree is killed and {@link
     * SubprocessTimeoutException} is thrown with the output read so far.
     *
     * @param timeout the longest the whole run may take
     * @return new options with this timeout; these are unchanged
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Options<T> timeout(Duration timeout) {
        Timeouts.toNanos(timeout);
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Python's {@code check=True}: a non-zero returncode throws {@link CalledProcessException}.
     *
     * @return new options that check; these are unchanged
     */
    public Options<T> check() {
        return new Options<>(stdin, stdout, stderr, input, timeout, true, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * The child's working directory. It must exist when the child starts; if it does not,
     * starting throws {@link LaunchException} naming it. A relative program name is looked up on
     * {@code PATH}, not in {@code cwd}.
     *
     * @param cwd the directory
     * @return new options with this directory; these are unchanged
     */
    public Options<T> cwd(Path cwd) {
        return new Options<>(stdin, stdout, stderr, input, timeout, check, Objects.requireNonNull(cwd, "cwd"), env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Replaces the child's whole environment with {@code env} (Python's {@code env=}); entries
     * added by {@link #putEnv} are kept on top of it. The map is copied.
     *
     * @param env the whole environment, names to values
     * @return new options with this environment; these are unchanged
     * @throws IllegalArgumentException if a name is empty or contains {@code '='} or NUL, or a
     *     value contains NUL: the operating system cannot pass those on
     */
    public Options<T> env(Map<String, String> env) {
        Map<String, String> copy = checkedEnv(env);
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, copy, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Adds or replaces one variable in the child's environment, on top of the parent's (or of
     * {@link #env(Map)} when given): the usual {@code env = os.environ.copy(); env[k] = v}.
     *
     * @param name the variable's name
     * @param value its value
     * @return new options with this variable; these are unchanged
     * @throws IllegalArgumentException as {@link #env(Map)}
     */
    public Options<T> putEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extraEnv == null ? Map.of() : extraEnv);
        more.put(name, value);
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, env, checkedEnv(more), charset, launchMechanism, newSession);
    }

    /**
     * Text mode with UTF-8 (Python's {@code text=True} on a UTF-8 system): output as strings.
     *
     * @return new options in UTF-8 text mode; these are unchanged
     */
    public Options<String> text() {
        return encoding(StandardCharsets.UTF_8);
    }

    /**
     * Text mode with {@code charset}: output decoded to strings, text input encoded. Bytes that
     * are not valid in {@code charset} decode to U+FFFD (Python's {@code errors="replace"}).
     *
     * @param charset the charset of the child's input and output
     * @return new options in text mode; these are unchanged
     */
    public Options<String> encoding(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /**
     * Starts children with {@code mechanism} instead of {@link LaunchMechanism#preferred()}.
     *
     * @param mechanism how to start the children
     * @return new options with this mechanism; these are unchanged
     */
    public Options<T> launchMechanism(LaunchMechanism mechanism) {
        Objects.requireNonNull(mechanism, "mechanism");
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, env, extraEnv, charset, mechanism, newSession);
    }

    /**
     * Python's {@code start_new_session=True}: the child calls {@code setsid}, so it leads a new
     * session and a new process group and has no controlling terminal. Its descendants stay in
     * that group unless they leave it, so {@link Popen#kill()} and {@link Popen#signalTree}
     * reach the ones it orphaned even when the JVM runs in a terminal's foreground (where a child
     * otherwise stays in the JVM's own group, so that it can read the terminal). A child that
     * needs the terminal (a password prompt, an editor) must not be started this way: it would
     * find none. Only {@link LaunchMechanism#POSIX_SPAWN} can do this; with {@link
     * LaunchMechanism#JDK} starting the child throws {@link LaunchException}.
     *
     * @return options that start the child in a new session
     */
    public Options<T> startNewSession() {
        return new Options<>(stdin, stdout, stderr, input, timeout, check, cwd, env, extraEnv, charset, launchMechanism, true);
    }

    private static Map<String, String> checkedEnv(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            Objects.requireNonNull(name, "environment variable name");
            Objects.requireNonNull(value, () -> "value of environment variable " + name);
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("illegal environment variable name: " + quoted(name));
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + quoted(name) + " has a NUL character in its value");
            }
            copy.put(name, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    static String quoted(String s) {
        return "'" + s.replace("\0", "\\0") + "'";
    }

    // ---- read by the rest of the package ----

    Redirect stdinRedirect() {
        return stdin != null ? stdin : input != null ? Redirect.PIPE : Redirect.INHERIT;
    }

    Redirect stdoutRedirect() {
        return stdout != null ? stdout : Redirect.INHERIT;
    }

    Redirect stderrRedirect() {
        return stderr != null ? stderr : Redirect.INHERIT;
    }

    byte[] inputBytes() {
        return input;
    }

    Duration timeoutOrNull() {
        return timeout;
    }

    boolean checks() {
        return check;
    }

    Path cwdOrNull() {
        return cwd;
    }

    /** The child's whole environment, or null for the parent's own, unchanged. */
    Map<String, String> childEnvironment() {
        if (env == null && extraEnv == null) {
            return null;
        }
        Map<String, String> all = new LinkedHashMap<>(env != null ? env : System.getenv());
        if (extraEnv != null) {
            all.putAll(extraEnv);
        }
        return all;
    }

    Charset charsetOrNull() {
        return charset;
    }

    boolean newSession() {
        return newSession;
    }

    LaunchMechanism mechanism() {
        return launchMechanism != null ? launchMechanism : LaunchMechanism.preferred();
    }

    /** Turns bytes the child wrote into {@code T}. */
    @SuppressWarnings("unchecked")
    T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return (T) (charset == null ? bytes : new String(bytes, charset));
    }

    /** Turns {@code T} given to {@code communicate} into bytes. */
    byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        return value instanceof String s ? s.getBytes(charset == null ? StandardCharsets.UTF_8 : charset) : (byte[]) value;
    }

    /** These options without input, for the stages of a pipeline after the first. */
    Options<T> withoutInput() {
        return new Options<>(input != null ? null : stdin, stdout, stderr, null, timeout, check, cwd, env, extraEnv, charset, launchMechanism, newSession);
    }

    /** Whether any of the {@code run}-only settings is present. */
    boolean hasRunOnlySettings() {
        return input != null || timeout != null || check;
    }

    @Override
    public String toString() {
        return "Options[stdin=" + stdinRedirect() + ", stdout=" + stdoutRedirect() + ", stderr=" + stderrRedirect()
                + (input != null ? ", input=" + input.length + " bytes" : "")
                + (timeout != null ? ", timeout=" + timeout : "")
                + (check ? ", check" : "")
                + (cwd != null ? ", cwd=" + cwd : "")
                + (charset != null ? ", encoding=" + charset : "")
                + (newSession ? ", startNewSession" : "")
                + "]";
    }
}
