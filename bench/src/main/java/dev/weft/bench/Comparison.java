package dev.weft.bench;

/**
 * One result line: {@code NAME[/VARIANT] weft=<n> PEER=<n> ratio=<n>}.
 *
 * @param line the {@code NAME[/VARIANT]} part
 * @param weft the id of the Weft side
 * @param peer the id of the peer side
 */
public record Comparison(String line, String weft, String peer) {}
