package dev.weft.bench;

import java.util.Objects;

/**
 * One result line: {@code NAME[/VARIANT] weft=<n> PEER=<n> ratio=<n>}.
 *
 * @param line the {@code NAME[/VARIANT]} part
 * @param weft the id of the Weft side
 * @param peer the id of the peer side
 * @param target what an issue asked of this comparison, or null if nothing
 */
public record Comparison(String line, String weft, String peer, Target target) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if the line or a side id is null
     */
    public Comparison {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(weft, "weft");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * A comparison without a target.
     *
     * @param line the {@code NAME[/VARIANT]} part
     * @param weft the id of the Weft side
     * @param peer the id of the peer side
     */
    public Comparison(String line, String weft, String peer) {
        this(line, weft, peer, null);
    }

    /**
     * This comparison with {@code target}.
     *
     * @param target what an issue asked of it
     * @return a new comparison; this one is unchanged
     */
    public Comparison withTarget(Target target) {
        return new Comparison(line, weft, peer, Objects.requireNonNull(target, "target"));
    }
}
