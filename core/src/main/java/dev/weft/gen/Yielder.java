package dev.weft.gen;

/**
 * What a generator's body yields through: Python's {@code yield} and {@code yield from}
 * expressions, as methods. A body receives its yielder as the argument of its lambda:
 *
 * <pre>{@code
 * Generator<String, Integer> echo = Generator.of(y -> {
 *     Integer got = y.yield("ready");          // got = yield 'ready'
 *     while (got != null) {
 *         got = y.yield("got " + got);
 *     }
 * });
 * }</pre>
 *
 * <p>A yielder may be used only by the body it was given to, on the body's own thread, while the
 * body runs; anywhere else its methods throw {@link IllegalStateException}. (Python's
 * {@code yield} is a keyword, so the question does not arise there.) In Java {@code yield} is a
 * contextual keyword, so the method is always called qualified, as {@code y.yield(v)}.
 *
 * <p>Each method blocks the body until the generator's user resumes it, and then returns or throws
 * what the resume asked for: the value given to {@code send} ({@code null} for {@code next}), the
 * throwable given to {@code throwInto} (thrown as it is, checked or not, which the body's
 * {@code throws Exception} allows to pass), or a {@link GeneratorExit} when the generator is being
 * closed.
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 */
public interface Yielder<Y, S> {

    /**
     * Yields {@code value} to the caller of {@code next}/{@code send}/{@code throwInto}, and
     * suspends the body until the generator is resumed: Python's {@code received = yield value}.
     *
     * <p>Memory visibility: actions of the body before it yields happen-before the return of the
     * resume call that receives {@code value}, and actions of the resuming thread before it
     * resumes happen-before this method returns.
     *
     * @param value the value to yield; may be {@code null}
     * @return the value sent by {@link Generator#send}, or {@code null} if the generator was resumed
     *     by {@link Generator#next()}
     * @throws GeneratorExit if the generator is closed while suspended here
     * @throws IllegalStateException if called other than by this generator's running body
     */
    S yield(Y value);

    /**
     * Yields {@code null}: Python's bare {@code yield}, as in a task that only gives way to others.
     *
     * @return the value sent in, as {@link #yield(Object)}
     * @throws GeneratorExit if the generator is closed while suspended here
     * @throws IllegalStateException if called other than by this generator's running body
     */
    default S yield() {
        return this.yield(null);
    }

    /**
     * Delegates to a sub-generator until it is exhausted: Python's {@code result = yield from sub}.
     *
     * <p>Each value {@code sub} yields is yielded by this generator; each value sent to this
     * generator is sent to {@code sub}; a throwable thrown into this generator is thrown into
     * {@code sub}; closing this generator closes {@code sub} and then raises {@link GeneratorExit}
     * here. When {@code sub} returns, this method returns its return value. An exception that
     * {@code sub}'s body lets escape is thrown here, as it is (a checked one too, unwrapped from the
     * {@link GeneratorFailedException} that {@code sub}'s {@code send} reports it with).
     *
     * <p>{@code sub} runs on its own thread; this generator's thread relays each resume to it, so a
     * chain of {@code d} delegations costs {@code d} hand-offs per value.
     *
     * @param sub the generator to delegate to; it may have been started already
     * @return {@code sub}'s return value, or {@code null} if it returned none
     * @throws GeneratorExit if this generator is closed while delegating
     * @throws IllegalStateException if called other than by this generator's running body, or as
     *     {@code sub}'s own methods would (for example if {@code sub} is already running)
     * @throws NullPointerException if {@code sub} is null
     */
    Object yieldFrom(Generator<? extends Y, ? super S> sub);

    /**
     * Yields each element of {@code items} in turn: Python's {@code yield from iterable} for an
     * iterable that is not a generator. (A {@link Generator} passed here is delegated to as by
     * {@link #yieldFrom(Generator)}.)
     *
     * <p>A plain iterator cannot receive values: resuming this generator with a non-null
     * {@code send} while it yields from {@code items} throws {@link UnsupportedOperationException}
     * here, as Python raises {@code AttributeError}.
     *
     * @param items the values to yield
     * @return {@code null}, or a generator's return value if {@code items} is a {@link Generator}
     * @throws GeneratorExit if this generator is closed meanwhile
     * @throws UnsupportedOperationException if a non-null value is sent meanwhile
     * @throws IllegalStateException if called other than by this generator's running body
     * @throws NullPointerException if {@code items} is null
     */
    Object yieldFrom(Iterable<? extends Y> items);
}
